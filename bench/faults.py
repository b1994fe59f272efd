"""Fault benchmark: gunicorn killed with SIGKILL again and again while municipalities submit (a script, not a test).

Run from the project root:  .venv/bin/python bench/faults.py [--kills 100] [--applicants 3] [--up 0.3 1.5]
                                                       [--postgres-restarts]

Uses the harness of tests/faults (tests/faults/harness.py): a fresh database bidra_faults_<pid>_… on
the PostgreSQL server at FAULTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
dropped afterwards; ``gunicorn bidra.wsgi`` with two workers on a free loopback port; one client per
municipality user that logs in through the log-in form and applies through every step with an
attachment, retrying after every error; a killer that waits a random time (--up, seconds) after the
server answers, sends SIGKILL to the master and workers at once and starts gunicorn again.

Afterwards it checks the database (tests/faults/database_side.py) and prints: kills, run time and the
slowest restart, submissions attempted / acknowledged (a case number on the receipt) / found,
the errors the clients saw, and every problem found (none expected: each acknowledged case exactly
once, case numbers 1..n without gaps, no half-written submission, verify_audit passes).

With --postgres-restarts it also stops a private PostgreSQL cluster (initdb in a temporary folder)
under load and prints how many requests failed while it was down and how soon it served again.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.harness import postgres_restart_run, sigkill_run  # noqa: E402 - after the path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--applicants", type=int, default=3)
    parser.add_argument("--up", type=float, nargs=2, default=(0.3, 1.5), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=None, help="random seed for the kill times")
    parser.add_argument("--postgres-restarts", action="store_true")
    options = parser.parse_args()

    figures = sigkill_run(options.kills, applicants=options.applicants, up_between=tuple(options.up), seed=options.seed)
    print("\n".join(figures.lines()))
    failed = bool(figures.check["problems"])
    if options.postgres_restarts:
        with tempfile.TemporaryDirectory(prefix="bidra-bench-pg-") as folder:
            restart = postgres_restart_run(Path(folder))
        print("\n".join(restart.lines()))
        failed = failed or bool(restart.check["problems"]) or restart.pids_after != restart.pids_before
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
