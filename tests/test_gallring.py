"""Gallring (weeding): only after the retention period, only by an administrator, leaving a
tombstone and an event, removing the stored file when nothing else refers to it."""

import io
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.applications import services
from bidra.applications.models import Application, Attachment
from bidra.archive.models import RetentionRule
from bidra.archive.retention import add_years, due_for_weeding
from bidra.archive.weeding import NotDueForWeeding, weed
from bidra.audit.models import AppendOnlyError, Event
from bidra.core.files import blob_path
from bidra.decisions import services as decisions
from bidra.diarium.models import Document, DocumentFile

from .archive_helpers import past_call, withdrawn_case
from .decision_helpers import assessed_call
from .helpers import PDF_BYTES, fill_complete, make_staff, start_draft


@pytest.fixture
def administrator(db):
    return make_staff("admin@lst.test", AgencyRole.ADMINISTRATOR)


@pytest.fixture
def recent(open_call, stockholm_user):
    """Withdrawn this week: its documents are kept for two years from now."""
    return withdrawn_case(open_call, stockholm_user)


@pytest.fixture
def old(programme, stockholm_user):
    """Withdrawn three years ago: its documents are due (the default rule is 2 years)."""
    return withdrawn_case(past_call(programme, 3), stockholm_user)


@pytest.fixture
def grant_without_report(open_call):
    """A signed grant whose report is not yet in: the case is still open."""
    (application,), presenter = assessed_call(open_call, [("0180", 400_000, 4)])
    proposal = allocation.run_proposal(
        open_call, by=presenter, choices=allocation.RulesInput(require_each_national_area=False)
    )
    batch = decisions.draft_from_proposal(proposal, by=presenter)
    decisions.sign_batch(batch, by=make_staff("signer@lst.test", AgencyRole.DECISION_MAKER))
    application.refresh_from_db()
    assert application.status == "granted"
    return application


def test_default_rules_are_data(db):
    rules = {(r.outcome, r.document_kind): r.years for r in RetentionRule.objects.all()}
    assert rules == {("refused", ""): 2, ("withdrawn", ""): 2, ("granted", ""): 10}


def test_nothing_is_due_before_the_retention_period(recent):
    today = timezone.localdate()
    closed = recent.case.documents.order_by("-registered_at").first().registered_at
    assert due_for_weeding(today) == []
    assert due_for_weeding(add_years(timezone.localtime(closed).date(), 2) - timedelta(days=1)) == []
    due = due_for_weeding(add_years(timezone.localtime(closed).date(), 2))
    assert {item.document.kind for item in due} == {"application", "withdrawal"}


def test_weeding_before_the_period_is_refused(recent, administrator):
    with pytest.raises(NotDueForWeeding):
        weed(recent.case.documents.all(), by=administrator, reason="Plan 4.2")
    assert not Document.objects.filter(weeded_at__isnull=False).exists()


def test_a_kind_specific_rule_overrides_the_general_one(old):
    RetentionRule.objects.create(outcome="withdrawn", document_kind="application", years=5)
    due = due_for_weeding(timezone.localdate())
    assert {item.document.kind for item in due} == {"withdrawal"}


def test_an_open_granted_case_is_never_due(grant_without_report):
    application = grant_without_report
    far = add_years(timezone.localdate(), 50)
    assert not [item for item in due_for_weeding(far) if item.document.case_id == application.case_id]


def test_a_granted_case_closes_when_its_report_is_approved(grant_without_report):
    from bidra.reports import services as reports

    application = grant_without_report
    report = reports.ensure_report(application.decision)
    report = reports.save_draft(
        report,
        by=application.submitted_by,
        values={
            "activities": "Läxhjälp.",
            "results": "Närvaron ökade.",
            "target_groups_reached": "40 barn.",
            "roma_participation": "Referensgrupp.",
            "continuation": "Skolan tar över.",
            "public_summary": "Brobyggare.",
        },
        line_amounts={0: 350_000},
    )
    report = reports.submit_report(report, by=application.submitted_by)
    in_case = {d.pk for d in application.case.documents.all()}

    def due_in_case(on):
        return {item.document.pk for item in due_for_weeding(on) if item.document.case_id == application.case_id}

    in_ten_years = add_years(timezone.localdate(), 10)
    assert due_in_case(add_years(timezone.localdate(), 50)) == set()  # submitted, not approved: open
    reports.approve_report(report, by=make_staff("granskare@lst.test", AgencyRole.CASE_OFFICER))
    assert due_in_case(in_ten_years - timedelta(days=1)) == set()
    assert due_in_case(in_ten_years) == in_case | {report.document_id}


def test_a_refused_case_is_due_two_years_after_it_closed(submitted):
    Application.objects.filter(pk=submitted.pk).update(status="refused")
    in_two_years = add_years(timezone.localdate(), 2)
    assert [item for item in due_for_weeding(in_two_years - timedelta(days=1))] == []
    (item,) = due_for_weeding(in_two_years)
    assert item.document == submitted.received_document and item.outcome == "refused"


def test_only_an_administrator_may_weed(old, officer):
    with pytest.raises(PermissionDenied):
        weed(old.case.documents.all(), by=officer, reason="Plan 4.2")


def test_weeding_leaves_a_tombstone_and_an_event_and_removes_the_file(
    old, administrator, capsys, django_capture_on_commit_callbacks
):
    received = old.received_document
    stored = received.files.get()
    assert blob_path(stored.sha256).exists()

    with django_capture_on_commit_callbacks(execute=True):  # files go only once the weeding commits
        weed(old.case.documents.all(), by=administrator, reason="Dokumenthanteringsplan 4.2")

    received.refresh_from_db()
    assert received.is_weeded and received.weeded_by == administrator
    assert received.snapshot == {} and len(received.content_sha256) == 64
    assert received.title and received.reference.startswith(old.case.number)
    assert DocumentFile.objects.get(pk=stored.pk).sha256 == stored.sha256  # the checksum stays
    assert not blob_path(stored.sha256).exists()
    assert not Attachment.objects.filter(application=old).exists()
    old.refresh_from_db()
    assert old.contact_email == "" and old.contact_name == "" and old.purpose == ""
    assert old.title == "Brobyggare i skolan" and old.requested_amount == 400_000  # what statistics need
    event = Event.objects.get(action="records.weeded")
    assert event.case_number == old.case.number
    assert event.data["reason"] == "Dokumenthanteringsplan 4.2"
    assert event.data["files_removed"] == [stored.sha256]
    assert received.reference in event.data["documents"]
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
    assert due_for_weeding(timezone.localdate()) == []


def test_a_file_another_record_refers_to_is_kept(
    old, administrator, open_call, stockholm_user, django_capture_on_commit_callbacks
):
    draft = fill_complete(start_draft(open_call, stockholm_user))
    services.add_attachment(
        draft, upload=io.BytesIO(PDF_BYTES), name="same.pdf", size=len(PDF_BYTES), by=stockholm_user
    )
    sha256 = old.received_document.files.get().sha256
    with django_capture_on_commit_callbacks(execute=True):
        result = weed(old.case.documents.all(), by=administrator, reason="Plan 4.2")
    assert result.removed_files == ()
    assert blob_path(sha256).exists()


def test_weeded_file_is_gone_for_the_party(client, old, administrator, stockholm_user):
    stored = old.received_document.files.get()
    weed(old.case.documents.all(), by=administrator, reason="Plan 4.2")
    client.force_login(stockholm_user)
    assert client.get(f"/handlingar/filer/{stored.pk}/").status_code == 410


def test_documents_still_cannot_be_changed_or_deleted_any_other_way(old, administrator):
    document = old.received_document
    weed(old.case.documents.all(), by=administrator, reason="Plan 4.2")
    document.refresh_from_db()
    with pytest.raises(AppendOnlyError):
        document.delete()
    with pytest.raises(AppendOnlyError):
        Document.objects.filter(pk=document.pk).delete()
    with pytest.raises(AppendOnlyError):
        Document.objects.filter(pk=document.pk).update(title="x")
    with pytest.raises(AppendOnlyError):
        document.files.get().delete()
    document.title = "Ändrad"
    with pytest.raises(AppendOnlyError):
        document.save()
    assert not admin.site._registry[DocumentFile].has_delete_permission(None)
    with pytest.raises(NotDueForWeeding):  # weeding twice is refused, too
        weed([document], by=administrator, reason="igen")


def test_gallra_command_lists_and_weeds(old, administrator, officer, capsys, django_capture_on_commit_callbacks):
    call_command("gallra", "--dry-run")
    out = capsys.readouterr().out
    assert old.case.number in out and "2 handlingar får gallras" in out
    assert not Document.objects.filter(weeded_at__isnull=False).exists()
    with pytest.raises(CommandError, match="administrator"):
        call_command("gallra", "--execute", "--by", officer.email, "--reason", "Plan 4.2")
    sha256 = old.received_document.files.get().sha256
    with django_capture_on_commit_callbacks(execute=True):
        call_command("gallra", "--execute", "--by", administrator.email, "--reason", "Plan 4.2")
    assert not blob_path(sha256).exists()
    assert "2 handlingar gallrade, 1 filer borttagna" in capsys.readouterr().out
    assert Document.objects.filter(case=old.case, weeded_at__isnull=False).count() == 2


def test_the_page_lists_due_documents_and_weeds_with_a_reason(client, old, administrator):
    client.force_login(administrator)
    page = client.get("/gallring/").content.decode()
    assert old.received_document.reference in page
    ids = [str(d.pk) for d in old.case.documents.all()]
    refused = client.post("/gallring/", {"documents": ids, "reason": ""})
    assert refused.status_code == 200 and "Det finns fel" in refused.content.decode()
    done = client.post("/gallring/", {"documents": ids, "reason": "Plan 4.2", "confirm": "on"})
    assert done.status_code == 302
    assert Document.objects.filter(case=old.case, weeded_at__isnull=False).count() == 2


def test_a_registrar_sees_the_list_but_cannot_weed(client, old):
    registrar = make_staff("registrator@lst.test", AgencyRole.REGISTRAR)
    client.force_login(registrar)
    page = client.get("/gallring/")
    assert page.status_code == 200 and "Bara en administratör kan gallra" in page.content.decode()
    ids = [str(d.pk) for d in old.case.documents.all()]
    client.post("/gallring/", {"documents": ids, "reason": "Plan 4.2", "confirm": "on"})
    assert not Document.objects.filter(weeded_at__isnull=False).exists()


def test_the_registers_show_the_tombstone(client, old, administrator, officer):
    weed(old.case.documents.all(), by=administrator, reason="Plan 4.2")
    public = client.get(f"/diarium/{old.case.number}/").content.decode()
    assert "Gallrad" in public and old.received_document.title in public
    client.force_login(officer)
    case_page = client.get(f"/handlaggning/arenden/{old.pk}/").content.decode()
    assert "gallrades" in case_page and "Plan 4.2" in case_page
