"""Personal data: everything held about a person can be exported; erasure anonymises the person
and pseudonymises them in the event log, except where the archives act keeps registered documents."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection

from bidra.accounts.models import AgencyRole, Membership, StaffRole, User
from bidra.accounts.services import invite
from bidra.api.models import ApiToken
from bidra.archive.weeding import weed
from bidra.audit.models import Event, Notification
from bidra.privacy.services import ErasureRefused, erase_person, erasure_obstacles, export_person

from .archive_helpers import past_call, withdrawn_case
from .helpers import make_staff, municipality


@pytest.fixture
def administrator(db):
    return make_staff("admin@lst.test", AgencyRole.ADMINISTRATOR)


@pytest.fixture
def colleague(stockholm_user):
    """Invited by the municipal administrator: named in an event and sent a notification."""
    invite(
        email="bo.berg@stockholm.test",
        full_name="Bo Berg",
        municipality=municipality("0180"),
        is_admin=False,
        by=stockholm_user,
    )
    user = User.objects.get(email="bo.berg@stockholm.test")
    user.phone = "070-123 45 67"
    user.save()
    ApiToken.objects.create(user=user, name="Mitt skript", prefix="bidra_abc", secret_hash="f" * 64)
    return user


def table_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a fixed table name from the test
        return repr(cursor.fetchall()).lower()


def test_export_holds_everything_about_the_person_and_no_secrets(colleague):
    exported = export_person(colleague)
    json.dumps(exported)  # serialisable as it is
    assert exported["account"]["email"] == "bo.berg@stockholm.test"
    assert exported["account"]["phone"] == "070-123 45 67"
    assert [m["municipality"] for m in exported["memberships"]] == [str(municipality("0180"))]
    assert {n["channel"] for n in exported["notifications"]} == {"email", "in_app"}
    assert [e["action"] for e in exported["events"]] == ["accounts.membership_granted"]
    assert exported["events"][0]["personal"] == {"user": "bo.berg@stockholm.test"}
    assert exported["events"][0]["actor"] == ""  # who invited them is the inviter's personal data
    tokens = exported["other_records"]["api.ApiToken"]
    assert tokens[0]["name"] == "Mitt skript" and "secret_hash" not in tokens[0]
    assert "f" * 64 not in json.dumps(exported)


def test_export_lists_second_factors_and_e_id_links_without_their_secrets(colleague):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=colleague, name="Telefon", confirmed=True)
    exported = export_person(colleague)
    (row,) = exported["other_records"]["otp_totp.TOTPDevice"]
    assert row["name"] == "Telefon" and "key" not in row
    assert device.key not in json.dumps(exported)


def test_export_includes_acts_done_to_the_account(colleague, administrator):
    from bidra.audit.events import record

    record("account.role_granted", actor=administrator, target=colleague, data={"role": "analyst"})
    actions = [e["action"] for e in export_person(colleague)["events"]]
    assert actions == ["accounts.membership_granted", "account.role_granted"]


def test_export_names_applications_where_the_person_is_contact(submitted, stockholm_user):
    exported = json.loads(json.dumps(export_person(stockholm_user)))
    assert "applications.Application" not in exported["other_records"]  # in its own section
    (document,) = exported["other_records"]["diarium.Document"]
    assert document["linked_as"] == ["registered_by"] and "snapshot" not in document
    (application,) = exported["applications"]
    assert application["case_number"] == submitted.case_number
    assert set(application["as"]) == {"created_by", "submitted_by", "contact_person"}
    assert [d["reference"] for d in exported["registered_documents"]] == [submitted.received_document.reference]


def test_erasure_anonymises_the_account_and_pseudonymises_the_log(colleague, administrator, capsys):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=colleague, name="Telefon", confirmed=True)
    erasure = erase_person(colleague, by=administrator, reason="Begäran 2026-11-20")

    colleague.refresh_from_db()
    assert colleague.email == f"raderad-{colleague.pk}@raderad.invalid"
    assert (colleague.full_name, colleague.phone, colleague.is_active) == ("", "", False)
    assert not colleague.has_usable_password()
    assert not Membership.objects.active().filter(user=colleague).exists()
    assert not ApiToken.objects.usable().filter(user=colleague).exists()
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not Notification.objects.filter(recipient=colleague).exclude(subject="", body="").exists()
    for table in ("audit_event", "audit_notification", "accounts_user"):
        text = table_text(table)
        assert "bo.berg" not in text and "bo berg" not in text and "070-123" not in text, table
    assert Event.objects.filter(action="privacy.pseudonymised", data__pseudonym=erasure.pseudonym).exists()
    erased = Event.objects.get(action="privacy.erased")
    assert erased.actor == administrator and erased.data["reason"] == "Begäran 2026-11-20"
    assert Event.objects.get(action="accounts.membership_granted").personal == {"user": erasure.pseudonym}
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_a_person_named_in_registered_documents_is_kept_until_weeding(submitted, stockholm_user, administrator):
    reasons = erasure_obstacles(stockholm_user, by=administrator)
    assert any(submitted.received_document.reference in reason and "arkivlagen" in reason for reason in reasons)
    with pytest.raises(ErasureRefused):
        erase_person(stockholm_user, by=administrator, reason="Begäran")
    stockholm_user.refresh_from_db()
    assert stockholm_user.is_active and stockholm_user.email == "anna@stockholm.test"
    submitted.received_document.refresh_from_db()
    assert submitted.received_document.snapshot["contact"]["email"] == "anna@stockholm.test"


def test_after_weeding_the_person_can_be_erased(programme, stockholm_user, administrator):
    old = withdrawn_case(past_call(programme, 3), stockholm_user)
    assert erasure_obstacles(stockholm_user, by=administrator)
    weed(old.case.documents.all(), by=administrator, reason="Plan 4.2")
    assert erasure_obstacles(stockholm_user, by=administrator) == []
    erase_person(stockholm_user, by=administrator, reason="Begäran")
    assert "anna@stockholm.test" not in table_text("audit_event")


def test_an_officer_who_handled_a_case_is_kept_with_the_case_file(submitted, officer, administrator):
    from bidra.assessment.services import take_case

    assert erasure_obstacles(officer, by=administrator) == []
    take_case(submitted, by=officer)
    (reason,) = erasure_obstacles(officer, by=administrator)
    assert "allmänna handlingar" in reason
    with pytest.raises(ErasureRefused):
        erase_person(officer, by=administrator, reason="Slutat")


def test_only_an_administrator_erases_and_never_themselves(colleague, administrator, officer):
    with pytest.raises(PermissionDenied):
        erase_person(colleague, by=officer, reason="Begäran")
    with pytest.raises(ErasureRefused):
        erase_person(administrator, by=administrator, reason="Begäran")
    assert StaffRole.objects.filter(user=administrator).exists()


def test_the_administrator_pages_search_export_and_erase(client, colleague, administrator):
    client.force_login(administrator)
    found = client.get("/integritet/", {"q": "bo.berg"}).content.decode()
    assert f"/integritet/personer/{colleague.pk}/" in found
    assert "Radera personuppgifterna" in client.get(f"/integritet/personer/{colleague.pk}/").content.decode()
    download = client.post(f"/integritet/personer/{colleague.pk}/export.json")
    assert download["Content-Disposition"].startswith("attachment;")
    assert json.loads(download.content)["account"]["email"] == "bo.berg@stockholm.test"
    assert Event.objects.filter(action="privacy.exported", actor=administrator).exists()
    missing_reason = client.post(f"/integritet/personer/{colleague.pk}/", {"confirm": "on"})
    assert "Det finns fel" in missing_reason.content.decode()
    done = client.post(f"/integritet/personer/{colleague.pk}/", {"reason": "Begäran", "confirm": "on"})
    assert done.status_code == 302
    assert client.get(f"/integritet/personer/{colleague.pk}/").status_code == 404  # nothing left to show


def test_the_page_explains_why_public_records_are_kept(client, submitted, stockholm_user, administrator):
    client.force_login(administrator)
    page = client.get(f"/integritet/personer/{stockholm_user.pk}/").content.decode()
    assert "kan inte raderas nu" in page and submitted.received_document.reference in page
    assert "Radera personuppgifterna</button>" not in page


def test_everyone_downloads_their_own_data(client, colleague):
    client.force_login(colleague)
    assert "Mina uppgifter" in client.get("/integritet/mina-uppgifter/").content.decode()
    download = client.post("/integritet/mina-uppgifter/export.json")
    assert download["Content-Disposition"].startswith("attachment;")
    assert json.loads(download.content)["account"]["full_name"] == "Bo Berg"
    assert client.get(f"/integritet/personer/{colleague.pk}/").status_code == 404
