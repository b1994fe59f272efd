"""Personal data in the event log is committed by salted digests: a changed name is detected,
and a person pseudonymised by the one sanctioned path leaves a chain that still verifies."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bidra.accounts.models import User
from bidra.audit.events import record
from bidra.audit.models import AppendOnlyError, Event, pseudonymise_event_row
from bidra.audit.pseudonymisation import pseudonymise


@pytest.fixture
def people(db):
    anna = User.objects.create_user("anna.svensson@kommun.test", "x" * 12, full_name="Anna Svensson")
    admin = User.objects.create_user("admin@lst.test", "x" * 12, full_name="Ada Admin")
    record("test.acted", actor=anna, data={"n": 1})
    record("test.named", actor=admin, personal={"invited": anna.email}, data={"n": 2})
    record("test.other", actor=admin, data={"n": 3})
    record("test.acted", actor=anna, personal={"colleague": "bo@kommun.test"}, data={"n": 4})
    return anna, admin


def events_table_text() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_event")
        return repr(cursor.fetchall())


def test_the_actor_label_is_committed_not_hashed_raw(people):
    event = Event.objects.get(sequence=1)
    assert event.actor_label == "Anna Svensson <anna.svensson@kommun.test>"
    assert set(event.personal_digests) == {"actor"} and set(event.personal_salts) == {"actor"}
    assert "anna" not in repr(event.personal_digests).lower()


def test_a_changed_name_on_a_readable_row_is_detected(people):
    with connection.cursor() as cursor:  # tampering below the application, as a database user could
        cursor.execute("UPDATE audit_event SET actor_label = %s WHERE sequence = 1", ["Bo Berg <bo@kommun.test>"])
    with pytest.raises(CommandError, match=r"sequence 1 .*personal data in 'actor'"):
        call_command("verify_audit")


def test_a_changed_personal_value_is_detected(people):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET personal = %s WHERE sequence = 2", ['{"invited": "eve@x.test"}'])
    with pytest.raises(CommandError, match=r"sequence 2 .*'invited'"):
        call_command("verify_audit")


def test_erasing_a_salt_by_hand_is_detected(people):
    with connection.cursor() as cursor:  # posing as a pseudonymisation without recording it
        cursor.execute(
            "UPDATE audit_event SET actor_label = %s, personal_salts = %s WHERE sequence = 3", ["Person X", "{}"]
        )
    with pytest.raises(CommandError, match=r"sequence 3 .*without a privacy.pseudonymised event"):
        call_command("verify_audit")


def test_pseudonymising_a_person_keeps_the_chain_and_removes_the_name(people, capsys):
    anna, admin = people
    hashes_before = list(Event.objects.order_by("sequence").values_list("hash", flat=True))
    result = pseudonymise(anna, by=admin)

    assert result.sequences == (1, 2, 4)
    assert result.pseudonym.startswith("Person ")
    call_command("verify_audit")
    assert "intact: 5 events" in (out := capsys.readouterr().out) and "(3 with personal data pseudonymised)" in out
    assert list(Event.objects.order_by("sequence").values_list("hash", flat=True))[:4] == hashes_before
    table = events_table_text().lower()
    assert "anna" not in table and "svensson" not in table
    # the others' data stays readable and still checked
    assert Event.objects.get(sequence=2).actor_label == "Ada Admin <admin@lst.test>"
    assert Event.objects.get(sequence=4).personal == {"colleague": "bo@kommun.test"}
    assert Event.objects.get(sequence=1).actor_label == result.pseudonym


def test_the_erasure_is_itself_an_event_without_personal_data(people):
    anna, admin = people
    result = pseudonymise(anna, by=admin)
    event = Event.objects.get(action="privacy.pseudonymised")
    assert event == result.event
    assert event.data == {"pseudonym": result.pseudonym, "events": 3, "sequences": [1, 2, 4]}
    assert "anna" not in repr(event.data).lower()


def test_tampering_after_pseudonymisation_is_still_detected(people):
    anna, admin = people
    pseudonymise(anna, by=admin)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET actor_label = %s WHERE sequence = 2", ["Someone Else <s@e.test>"])
    with pytest.raises(CommandError, match="sequence 2"):
        call_command("verify_audit")


def test_a_changed_pseudonym_is_detected(people):
    anna, admin = people
    pseudonymise(anna, by=admin)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET actor_label = %s WHERE sequence = 1", ["Bo Berg <bo@kommun.test>"])
    with pytest.raises(CommandError, match=r"sequence 1 .*without a privacy.pseudonymised event"):
        call_command("verify_audit")


def test_only_personal_fields_can_be_pseudonymised(people):
    event = Event.objects.get(sequence=1)
    with pytest.raises(AppendOnlyError):
        pseudonymise_event_row(event.pk, data={"n": 99})
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(actor_label="x")


def test_values_logged_with_the_person_go_with_them_but_not_others(people):
    anna, admin = people
    failed = record("test.login_failed", personal={"email": anna.email, "ip_address": "192.0.2.7"})
    invited = record("test.invited", actor=anna, personal={"user": "bo@kommun.test", "note": "ring 070-1"})
    pseudonym = pseudonymise(anna, by=admin).pseudonym
    failed.refresh_from_db()
    invited.refresh_from_db()
    assert failed.personal == {"email": pseudonym, "ip_address": pseudonym}
    assert invited.actor_label == pseudonym
    assert invited.personal == {"user": "bo@kommun.test", "note": pseudonym}
    call_command("verify_audit")


def test_the_actor_slot_cannot_be_passed_as_personal(db):
    with pytest.raises(ValueError):
        record("test.x", personal={"actor": "someone"})
