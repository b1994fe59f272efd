"""gunicorn killed with SIGKILL (master and workers) again and again while municipalities submit.

Run by ``make test-faults`` (``pytest -m faults tests/faults``); the normal passes leave it out.
"""

import pytest

from .harness import sigkill_run

pytestmark = pytest.mark.faults

KILLS = 20


def test_every_acknowledged_submission_exists_once_after_repeated_sigkill(shared_postgres):
    figures = sigkill_run(KILLS, applicants=3)
    print("\n".join(figures.lines()))  # shown with -s, and in the failure report

    assert figures.kills == KILLS
    assert figures.errors > 0  # the kills reached the clients
    assert figures.acknowledged > 0
    # Every receipt the clients saw names a case stored exactly once; numbers run 1..n without
    # gaps; every submitted application has its registered version, files, screening and one event;
    # no draft is half-submitted; the event chain verifies.
    assert figures.check["problems"] == []
    assert figures.found == figures.acknowledged == figures.check["cases"]
    assert figures.check["drafts"] == 0
