"""Health checks: liveness answers without the database, readiness checks it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bidra.accounts.models import AgencyRole

from .helpers import make_staff


@pytest.mark.django_db
def test_liveness_answers_ok_without_a_database_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert len(queries) == 0


@pytest.mark.django_db
def test_readiness_checks_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.json() == {"status": "ok"}
    assert len(queries) == 1


@pytest.mark.django_db
def test_liveness_answers_a_staff_session_still_owing_the_second_factor(client):
    officer = make_staff("hanna@lst.test", AgencyRole.CASE_OFFICER)
    client.force_login(officer, second_factor=False)
    assert client.get("/handlaggning/").status_code == 302  # held back at the second factor
    assert client.get("/livez").content == b"ok"
