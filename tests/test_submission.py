"""Receiving an application: case number, received version, screening, idempotency, immutability."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from bidra.applications import services
from bidra.applications.models import Application, BudgetLine
from bidra.audit.models import AppendOnlyError, Event
from bidra.diarium.models import Case, Document, DocumentFile

from .helpers import fill_complete, pdf_upload, start_draft


@pytest.mark.django_db
def test_submission_registers_a_case_with_a_received_version(submitted):
    case = submitted.case
    assert case.number.startswith("851-0001-")
    assert list(case.parties.all()) == [submitted.municipality]
    document = submitted.received_document
    assert document.direction == Document.Direction.INCOMING
    assert document.snapshot["title"] == "Brobyggare i skolan"
    assert document.snapshot["requested_amount"] == "400000"
    assert [line["amount"] for line in document.snapshot["budget_lines"]] == ["300000", "100000"]
    event = Event.objects.get(action="application.submit")
    assert event.case_number == case.number
    assert event.before == {"status": "draft"} and event.after == {"status": "submitted"}


@pytest.mark.django_db
def test_submitting_twice_gives_one_application_and_one_case(complete_draft, stockholm_user):
    first = services.submit(complete_draft.pk, by=stockholm_user)
    second = services.submit(complete_draft.pk, by=stockholm_user)
    assert first.newly_submitted and not second.newly_submitted
    assert second.application.case_id == first.application.case_id
    assert Case.objects.count() == 1
    assert Event.objects.filter(action="application.submit").count() == 1


@pytest.mark.django_db
def test_a_double_clicked_submit_button_gives_one_case(client, complete_draft, stockholm_user):
    client.force_login(stockholm_user)
    url = f"/ansokningar/{complete_draft.pk}/skicka-in/"
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 302
    assert Case.objects.count() == 1
    assert second.url == first.url


@pytest.mark.django_db
def test_an_incomplete_draft_is_not_received(open_call, stockholm_user):
    draft = start_draft(open_call, stockholm_user)
    with pytest.raises(services.SubmissionRefused) as refusal:
        services.submit(draft.pk, by=stockholm_user)
    assert refusal.value.reason == "incomplete"
    assert {m.field for m in refusal.value.missing} >= {"title", "areas", "budget_lines", "requested_amount"}
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_screening_passes_a_sound_application(submitted):
    outcomes = dict(submitted.screening_checks.values_list("code", "outcome"))
    assert outcomes == {
        "applicant_eligible": "passed",
        "areas_allowed": "passed",
        "amount_within_budget": "passed",
        "period_within_limits": "passed",
        "budget_lines_sum": "passed",
        "not_statutory_duty": "pending",
    }
    assert submitted.screening_outcome == "passed"


@pytest.mark.django_db
def test_screening_flags_budget_lines_that_do_not_sum_and_a_period_too_long(complete_draft, stockholm_user):
    BudgetLine.objects.create(application=complete_draft, category="travel", description="Resor", amount=5_000)
    complete_draft.period_end = complete_draft.period_start.replace(year=complete_draft.period_start.year + 3)
    complete_draft.save()
    application = services.submit(complete_draft.pk, by=stockholm_user).application
    checks = {c.code: c for c in application.screening_checks.all()}
    assert checks["budget_lines_sum"].outcome == "failed"
    assert checks["budget_lines_sum"].params == {"total": "405000", "requested": "400000", "lines": 3}
    assert checks["period_within_limits"].outcome == "failed"
    assert application.screening_outcome == "failed"


@pytest.mark.django_db
def test_screening_flags_an_amount_above_the_call_budget(complete_draft, stockholm_user):
    complete_draft.requested_amount = complete_draft.call.budget + 1
    complete_draft.save()
    application = services.submit(complete_draft.pk, by=stockholm_user).application
    assert application.screening_checks.get(code="amount_within_budget").outcome == "failed"


@pytest.mark.django_db
def test_a_user_whose_membership_was_revoked_cannot_submit(complete_draft, stockholm_user):
    stockholm_user.memberships.update(revoked_at=timezone.now())
    stockholm_user = type(stockholm_user).objects.get(pk=stockholm_user.pk)
    with pytest.raises(PermissionDenied):
        services.submit(complete_draft.pk, by=stockholm_user)
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_the_received_version_never_changes_when_the_draft_data_changes(submitted, stockholm_user):
    document = submitted.received_document
    before = dict(document.snapshot)
    Application.objects.filter(pk=submitted.pk).update(title="Ändrad i efterhand", requested_amount=Decimal(1))
    document.refresh_from_db()
    assert document.snapshot == before


@pytest.mark.django_db
def test_a_received_document_cannot_be_altered_or_deleted(submitted):
    document = submitted.received_document
    document.title = "Manipulerad"
    with pytest.raises(AppendOnlyError):
        document.save()
    with pytest.raises(AppendOnlyError):
        document.delete()
    with pytest.raises(AppendOnlyError):
        Document.objects.filter(pk=document.pk).update(title="x")
    with pytest.raises(AppendOnlyError):
        Document.objects.all().delete()


@pytest.mark.django_db
def test_events_cannot_be_altered_or_deleted(submitted):
    event = Event.objects.first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        Event.objects.all().update(action="x")


@pytest.mark.django_db
def test_attachment_checksums_are_frozen_in_the_received_version(complete_draft, stockholm_user):
    upload = pdf_upload()
    attachment = services.add_attachment(
        complete_draft, upload=upload, name="budget.pdf", size=len(upload.getvalue()), by=stockholm_user
    )
    application = services.submit(complete_draft.pk, by=stockholm_user).application
    frozen = application.received_document.snapshot["attachments"]
    assert frozen == [
        {"name": "budget.pdf", "sha256": attachment.sha256, "size": attachment.size, "content_type": "application/pdf"}
    ]
    stored = DocumentFile.objects.get(document=application.received_document)
    assert stored.sha256 == attachment.sha256


@pytest.mark.django_db
def test_a_submitted_application_can_no_longer_be_edited(client, submitted, stockholm_user):
    client.force_login(stockholm_user)
    response = client.get(f"/ansokningar/{submitted.pk}/steg/insatsen/")
    assert response.status_code == 302
    assert response.url == f"/ansokningar/{submitted.pk}/"
    assert not stockholm_user.has_perm("applications.edit", submitted)


@pytest.mark.django_db
def test_withdrawing_a_received_application_registers_a_document(submitted, stockholm_user):
    services.withdraw(submitted.pk, by=stockholm_user)
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"
    assert list(submitted.case.documents.values_list("kind", flat=True)) == ["application", "withdrawal"]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_of_one_draft_give_one_case(open_call, stockholm_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL")
    draft = fill_complete(start_draft(open_call, stockholm_user))
    barrier = threading.Barrier(6)
    results, errors = [], []

    def submit_once():
        try:
            barrier.wait()
            results.append(services.submit(draft.pk, by=type(stockholm_user).objects.get(pk=stockholm_user.pk)))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit_once) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result.newly_submitted for result in results) == 1
    assert Case.objects.count() == 1
