"""Migration audit 0003 re-chains events written in the old format (actor label hashed raw,
personal e-mails in ``data``) into salted commitments that verify."""

import importlib
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bidra.audit.events import record
from bidra.audit.models import Event

migration = importlib.import_module("bidra.audit.migrations.0003_personal_data_commitments")


@pytest.fixture
def old_format_events(db, officer):
    record("test.plain", actor=officer, data={"n": 1})
    record("assessment.assigned", actor=officer, case_number="851-0001-2024", personal={"officer": officer.email})
    with connection.cursor() as cursor:  # back to how 0002 left rows: no commitments, e-mail in data
        cursor.execute(
            "UPDATE audit_event SET personal = %s, personal_salts = %s, personal_digests = %s, hash = %s",
            ["{}", "{}", "{}", "x" * 64],
        )
        cursor.execute(
            "UPDATE audit_event SET data = %s WHERE action = %s",
            [json.dumps({"officer": officer.email}), "assessment.assigned"],
        )


def test_rechaining_moves_personal_values_and_verifies(old_format_events, officer, capsys):
    historical = MigrationExecutor(connection).loader.project_state(("audit", "0003_personal_data_commitments")).apps
    migration.rechain(historical, None)

    assigned = Event.objects.get(action="assessment.assigned")
    assert assigned.data == {} and assigned.personal == {"officer": officer.email}
    assert set(assigned.personal_digests) == {"actor", "officer"}
    call_command("verify_audit")
    assert "intact: 2 events" in capsys.readouterr().out
