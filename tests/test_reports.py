"""Reports on grants: drafts, submission to the diarium, review, reminders and overdue lists."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.audit.models import Notification
from bidra.decisions import services as decisions
from bidra.diarium.models import Document
from bidra.reports import services
from bidra.reports.models import Report, ReportReminder
from bidra.reports.selectors import overdue_application_ids

from .decision_helpers import assessed_call
from .helpers import PDF_BYTES, make_member, make_staff


@pytest.fixture
def grant(open_call):
    """One signed grant of 400 000 kr to Stockholm (0180); returns (decision, municipality user, officer)."""
    (application,), officer = assessed_call(open_call, [("0180", 400_000, 4)])
    proposal = allocation.run_proposal(
        open_call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    batch = decisions.draft_from_proposal(proposal, by=officer)
    signer = make_staff("signer@lst.test", AgencyRole.DECISION_MAKER)
    decisions.sign_batch(batch, by=signer)
    decision = batch.decisions.get()
    return decision, application.submitted_by, officer


def complete_post(**extra):
    data = {
        "line_0": "350 000",
        "activities": "Läxhjälp och hembesök.",
        "results": "Närvaron ökade.",
        "participants": "40",
        "target_groups_reached": "40 barn och unga, 15 föräldrar.",
        "roma_participation": "Referensgrupp med romska föräldrar.",
        "continuation": "Skolan tar över brobyggarna.",
        "public_summary": "Brobyggare i skolan ökade närvaron.",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_a_draft_survives_a_validation_error(client, grant):
    decision, user, _officer = grant
    client.force_login(user)
    url = f"/redovisningar/{decision.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, complete_post(line_0="mycket", action="save"))
    assert response.status_code == 200
    assert "Ange beloppet i hela kronor" in response.content.decode()
    report = Report.objects.get(decision=decision)
    assert report.activities == "Läxhjälp och hembesök."  # valid fields kept
    assert report.draft_inputs["line_0"] == ["mycket"]  # the rest as typed
    page = client.get(url).content.decode()
    assert 'value="mycket"' in page
    assert "Läxhjälp och hembesök." in page
    # submitting with the error left refuses and changes nothing
    client.post(url, complete_post(line_0="mycket", action="submit"))
    assert Report.objects.get(pk=report.pk).status == "draft"


@pytest.mark.django_db
def test_submission_registers_a_document_with_files_and_notifies_the_officer(client, grant):
    decision, user, officer = grant
    client.force_login(user)
    url = f"/redovisningar/{decision.pk}/"
    upload = SimpleUploadedFile("ekonomi.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(url, {**complete_post(action="save"), "files": upload})
    report = Report.objects.get(decision=decision)
    assert report.used_amount == Decimal(350_000)
    assert report.unused_amount == Decimal(50_000)
    assert report.lines.get().used == Decimal(350_000)
    response = client.post(url, complete_post(action="submit"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_at is not None
    document = Document.objects.get(kind="report")
    assert document.direction == Document.Direction.INCOMING
    assert document.title == f"Redovisning – {decision.application.title}"
    assert document.case_id == decision.application.case_id
    assert document.snapshot["unused_amount"] == "50000"
    assert [f.name for f in document.files.all()] == ["ekonomi.pdf"]
    assert Notification.objects.filter(recipient=officer, channel="in_app").exists()
    # a submitted report is not editable any more
    client.post(url, complete_post(activities="Ändrat", action="save"))
    assert Report.objects.get(pk=report.pk).activities == "Läxhjälp och hembesök."


@pytest.mark.django_db
def test_another_municipality_cannot_see_the_report(client, grant):
    decision, _user, _officer = grant
    other = make_member("sara@malmo.test", "1280")
    client.force_login(other)
    assert client.get(f"/redovisningar/{decision.pk}/").status_code == 404
    assert client.post(f"/redovisningar/{decision.pk}/", complete_post(action="save")).status_code == 404
    assert decision.application.title not in client.get("/redovisningar/").content.decode()


def _submitted(decision, user):
    report = services.ensure_report(decision)
    values = {k: v for k, v in complete_post().items() if not k.startswith("line_") and k != "participants"}
    report = services.save_draft(report, by=user, values=values, line_amounts={0: Decimal(350_000)})
    return services.submit_report(report, by=user)


@pytest.mark.django_db
def test_approve(client, grant):
    decision, user, officer = grant
    report = _submitted(decision, user)
    client.force_login(officer)
    assert "Godkänn redovisningen" in client.get(f"/handlaggning/redovisningar/{report.pk}/").content.decode()
    client.post(f"/handlaggning/redovisningar/{report.pk}/godkann/")
    report.refresh_from_db()
    assert report.status == "approved" and report.approved_by == officer
    assert Notification.objects.filter(recipient=user, subject__contains="godkänd").exists()


@pytest.mark.django_db
def test_request_completion_round_trip(client, grant):
    decision, user, officer = grant
    report = _submitted(decision, user)
    client.force_login(officer)
    client.post(f"/handlaggning/redovisningar/{report.pk}/komplettering/", {"message": "Bifoga ekonomirapport."})
    report.refresh_from_db()
    assert report.status == "completion_requested"
    client.force_login(user)
    page = client.get(f"/redovisningar/{decision.pk}/").content.decode()
    assert "Bifoga ekonomirapport." in page
    upload = SimpleUploadedFile("rapport.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(f"/redovisningar/{decision.pk}/", {**complete_post(action="submit"), "files": upload})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert Document.objects.filter(kind="report").count() == 2
    assert report.document.files.get().name == "rapport.pdf"


@pytest.mark.django_db
def test_reminders_at_30_and_7_days_and_when_overdue_each_once(grant):
    decision, user, _officer = grant
    decision.report_due_date = date(2025, 10, 1)
    decision.save()
    due = decision.report_due_date

    def run(today):
        before = Notification.objects.filter(channel="email").count()
        call_command("send_report_reminders", "--today", today.isoformat(), stdout=io.StringIO())
        return Notification.objects.filter(channel="email").count() - before

    assert run(due - timedelta(days=31)) == 0
    assert run(date(2025, 9, 1)) == 2  # 30 days: the submitter and the contact address
    assert run(date(2025, 9, 1)) == 0  # idempotent
    assert run(due - timedelta(days=10)) == 0
    assert run(due - timedelta(days=7)) == 2
    assert run(due - timedelta(days=6)) == 0
    assert run(due + timedelta(days=1)) == 2
    assert run(due + timedelta(days=2)) == 0
    kinds = set(ReportReminder.objects.values_list("kind", flat=True))
    assert kinds == {"30_days", "7_days", "overdue"}
    assert Notification.objects.filter(recipient=user, channel="in_app", subject__contains="försenad").exists()


@pytest.mark.django_db
def test_overdue_application_ids(grant):
    decision, user, _officer = grant
    due = decision.report_due_date
    assert overdue_application_ids(due) == set()
    assert overdue_application_ids(due + timedelta(days=1)) == {decision.application_id}
    # Limited to a page of the work list: only the overdue among those applications.
    late = due + timedelta(days=1)
    assert overdue_application_ids(late, among=[decision.application_id]) == {decision.application_id}
    assert overdue_application_ids(late, among=[]) == set()
    _submitted(decision, user)
    assert overdue_application_ids(due + timedelta(days=1)) == set()


@pytest.mark.django_db
def test_officer_list_filters_overdue(client, grant):
    decision, _user, officer = grant
    decision.report_due_date = date(2020, 1, 1)
    decision.save()
    client.force_login(officer)
    page = client.get("/handlaggning/redovisningar/?overdue=1").content.decode()
    assert decision.application.case_number in page and "Försenad" in page
    page = client.get("/handlaggning/redovisningar/?status=approved").content.decode()
    assert decision.application.case_number not in page
