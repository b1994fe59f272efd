"""Fault runs need PostgreSQL; a developer without it gets a loud skip, CI (CI=true) a failure."""

import os

import pytest

from .harness import ADMIN_URL, FaultRunError, postgres_answers, postgres_bin


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def shared_postgres():
    if not postgres_answers():
        _missing(f"PostgreSQL at {ADMIN_URL} does not answer; the fault runs need it (FAULTS_DATABASE_URL).")
    return ADMIN_URL


@pytest.fixture
def postgres_tools():
    """initdb and pg_ctl, for a private cluster that the test may stop."""
    try:
        return postgres_bin()
    except FaultRunError as error:
        _missing(f"{error}; the PostgreSQL restart run needs the server's own tools.")
