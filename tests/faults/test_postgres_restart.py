"""PostgreSQL stopped and started under load: errors only while it is down, then the same gunicorn
processes serve again without a restart (CONN_HEALTH_CHECKS drops the dead connections).

The cluster is a private one (initdb in a temporary folder, on its own port): the shared server
that other tests use is never touched. Run by ``make test-faults``.
"""

import pytest

from .harness import postgres_restart_run

pytestmark = pytest.mark.faults

# A request may start just before pg_ctl stop is called and fail once it runs; a worker may need
# a moment to reconnect after PostgreSQL accepts connections again.
SLACK_BEFORE = 0.5
RECOVERY = 5.0


def test_the_app_serves_again_after_postgresql_restarts_without_restarting_gunicorn(postgres_tools, tmp_path):
    figures = postgres_restart_run(tmp_path)
    print("\n".join(figures.lines()))

    assert figures.pids_after == figures.pids_before  # the same master and workers throughout
    assert len(figures.pids_before) == 3
    for outage in figures.outages:
        down = [s for s in figures.errors() if outage.stopping <= s.started <= outage.up]
        assert down, f"no request failed while PostgreSQL was down ({outage.mode})"
        recovered = figures.first_success_after(outage)
        assert recovered is not None and recovered < RECOVERY
    for error in figures.errors():
        assert any(
            outage.stopping - SLACK_BEFORE <= error.started <= outage.up + RECOVERY for outage in figures.outages
        ), f"{error} failed outside an outage"
        # gunicorn itself stayed up: every error is an answer, Bidra's own 500 page
        assert error.status == 500 and error.page_500, error
    assert figures.acknowledged > 0
    assert figures.check["problems"] == []
