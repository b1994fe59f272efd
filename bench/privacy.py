"""Benchmark of the pseudonymisable event log (a script, not a test).

Run from the project root:  .venv/bin/python bench/privacy.py [--events 20000] [--share 0.05]

Builds a throwaway SQLite database in a temporary folder, records ``--events`` events through the
real ``record()`` path (three officers acting; one person acting in ``--share`` of them and named
as a personal value in as many more), then prints the time to record, to verify the whole chain
(``verify_audit``), to export everything about the person and to pseudonymise them, and verifies
again afterwards.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["PRIVATE_FILES_ROOT"] = str(folder / "private")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bidra.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"{label:<44} {elapsed:8.2f} s")
    return result, elapsed


def run(events: int, share: float) -> None:
    from django.core.management import call_command

    from bidra.accounts.models import User
    from bidra.audit.events import record
    from bidra.audit.models import Event
    from bidra.audit.pseudonymisation import pseudonymise
    from bidra.privacy.services import export_person

    rng = random.Random(2026)  # noqa: S311 - reproducible data
    officers = [User.objects.create_user(f"officer{i}@lst.test", None, full_name=f"Officer {i}") for i in range(3)]
    person = User.objects.create_user("anna.svensson@kommun.test", None, full_name="Anna Svensson")
    admin = User.objects.create_user("admin@lst.test", None, full_name="Ada Admin")

    def record_all() -> None:
        for number in range(events):
            draw = rng.random()
            if draw < share:
                record("bench.acted", actor=person, data={"n": number})
            elif draw < 2 * share:
                record("bench.named", actor=rng.choice(officers), personal={"user": person.email}, data={"n": number})
            else:
                record("bench.other", actor=rng.choice(officers), data={"n": number})

    _, elapsed = timed(f"record {events} events", record_all)
    print(f"{'  events recorded per second':<44} {events / elapsed:8.0f}")

    def verify() -> None:
        with redirect_stdout(io.StringIO()):
            call_command("verify_audit")

    timed(f"verify_audit over {events} events", verify)
    exported, _ = timed("export_person (everything about the person)", lambda: export_person(person))
    print(f"{'  events in the export':<44} {len(exported['events']):8d}")
    result, _ = timed("pseudonymise the person", lambda: pseudonymise(person, by=admin))
    print(f"{'  events pseudonymised':<44} {len(result.sequences):8d}")
    timed(f"verify_audit after pseudonymisation ({Event.objects.count()})", verify)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--share", type=float, default=0.05)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        run(arguments.events, arguments.share)


if __name__ == "__main__":
    main()
