"""The event log is a hash chain: verify_audit proves it and names the first tampered row."""

from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bidra.audit.events import record
from bidra.audit.models import Event


@pytest.fixture
def events(db):
    for number in range(5):
        record("test.something", data={"n": number, "note": "åäö"})
    return list(Event.objects.order_by("sequence"))


def test_events_are_linked_in_sequence(events):
    assert [e.sequence for e in events] == [1, 2, 3, 4, 5]
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(events))
    assert len({e.hash for e in events}) == 5


def test_an_intact_chain_verifies(events, capsys):
    call_command("verify_audit")
    assert "intact: 5 events" in capsys.readouterr().out


def test_a_changed_row_is_named(events):
    with connection.cursor() as cursor:  # tampering below the application, as a database user could
        cursor.execute("UPDATE audit_event SET data = %s WHERE sequence = 3", ['{"n": 99, "note": "åäö"}'])
    with pytest.raises(CommandError, match=rf"sequence 3 \(event id {events[2].id}\).*content"):
        call_command("verify_audit")


def test_a_deleted_row_is_named(events):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE sequence = 2")
    with pytest.raises(CommandError, match="sequence 2"):
        call_command("verify_audit")


def test_a_rewritten_tail_is_detected_by_the_head(events):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE sequence = 5")
    with pytest.raises(CommandError, match="head says 5 events but 4"):
        call_command("verify_audit")


def test_the_whole_application_flow_keeps_the_chain_intact(submitted, capsys):
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
