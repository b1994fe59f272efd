"""Decisions: drafted from a proposal, four eyes, signed all or none, letters registered, payments planned."""

from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.applications.models import Application
from bidra.assessment import services as assessment
from bidra.decisions import services
from bidra.decisions.models import Decision, DecisionBatch
from bidra.diarium.models import Document
from bidra.payments.models import PaymentOrder

from .decision_helpers import assessed_call
from .helpers import make_staff


@pytest.fixture
def assessed(open_call):
    return assessed_call(open_call)


@pytest.fixture
def decision_maker(db):
    return make_staff("beslut@lst.test", AgencyRole.DECISION_MAKER)


@pytest.fixture
def batch(open_call, assessed):
    _applications, officer = assessed
    open_call.budget = Decimal(600_000)
    open_call.save()
    proposal = allocation.run_proposal(
        open_call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    return services.draft_from_proposal(proposal, by=officer)


@pytest.mark.django_db
def test_drafts_follow_the_proposal_with_reasons_from_the_assessment(batch):
    outcomes = {d.application.municipality.code: (d.outcome, d.amount) for d in batch.decisions.all()}
    assert sum(amount for _, amount in outcomes.values()) <= 600_000
    assert any(outcome in ("refused", "partly_granted") for outcome, _ in outcomes.values())  # 900 000 kr sought
    granted = batch.decisions.exclude(outcome="refused").first()
    assert "viktat medelvärde" in granted.reasons
    assert granted.report_due_date == granted.application.call.report_due_date
    assert "inte överklagas" in granted.appeal_text


@pytest.mark.django_db
def test_the_presenter_cannot_sign(batch):
    presenter = batch.presenter
    presenter.staff_roles.create(role=AgencyRole.DECISION_MAKER)
    presenter = type(presenter).objects.get(pk=presenter.pk)
    with pytest.raises(PermissionDenied, match="fyra ögon"):
        services.sign_batch(batch, by=presenter)
    assert DecisionBatch.objects.get(pk=batch.pk).state == "draft"


@pytest.mark.django_db
def test_a_case_officer_cannot_sign(batch, officer):
    with pytest.raises(PermissionDenied):
        services.sign_batch(batch, by=officer)


@pytest.mark.django_db
def test_a_decision_maker_with_a_conflict_in_one_case_cannot_sign_the_batch(batch, decision_maker):
    application = batch.decisions.first().application
    assessment.declare_conflict(
        application, by=decision_maker, has_conflict=True, reason="Bor i kommunen och sitter i nämnden."
    )
    with pytest.raises(PermissionDenied, match=application.case_number):
        services.sign_batch(batch, by=decision_maker)
    assert not Document.objects.filter(kind="decision").exists()


@pytest.mark.django_db
def test_signing_decides_every_case_registers_letters_and_plans_payments(
    batch, decision_maker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_batch(batch, by=decision_maker)
    batch.refresh_from_db()
    assert (batch.state, batch.signed_by) == ("signed", decision_maker)
    for decision in Decision.objects.filter(batch=batch).select_related("application", "letter_document"):
        assert (
            decision.application.status
            == {"granted": "granted", "partly_granted": "partly_granted", "refused": "refused"}[decision.outcome]
        )
        letter = decision.letter_document
        assert (letter.direction, letter.kind) == ("out", "decision")
        stored = letter.files.get()
        assert stored.content_type == "application/pdf" and stored.size > 1000
        assert decision.published == (decision.outcome != "refused")
    granted = Decision.objects.filter(batch=batch).exclude(outcome="refused")
    assert PaymentOrder.objects.count() == granted.count()
    assert sum(o.amount for o in PaymentOrder.objects.all()) == sum(d.amount for d in granted)
    notified = {(m.subject, m.to[0]) for m in mail.outbox if m.subject.startswith("Beslut i ärende")}
    for decision in Decision.objects.filter(batch=batch).select_related("application__created_by"):
        application = decision.application
        assert (f"Beslut i ärende {application.case_number}", application.created_by.email) in notified


@pytest.mark.django_db
def test_signing_is_all_or_none(batch, decision_maker):
    decisions = list(batch.decisions.select_related("application"))
    last = decisions[-1].application
    real_transition = services.transition

    def fail_on_last(application, *args, **kwargs):
        if application.pk == last.pk:
            raise RuntimeError("the database went away half-way")
        return real_transition(application, *args, **kwargs)

    with mock.patch.object(services, "transition", side_effect=fail_on_last), pytest.raises(RuntimeError):
        services.sign_batch(batch, by=decision_maker)
    assert DecisionBatch.objects.get(pk=batch.pk).state == "draft"
    assert set(Application.objects.filter(decision__batch=batch).values_list("status", flat=True)) == {"assessed"}
    assert not Document.objects.filter(kind="decision").exists()
    assert not PaymentOrder.objects.exists()
    services.sign_batch(DecisionBatch.objects.get(pk=batch.pk), by=decision_maker)  # and it can be signed afterwards
    assert Document.objects.filter(kind="decision").count() == len(decisions)


@pytest.mark.django_db
def test_a_batch_cannot_be_signed_twice(batch, decision_maker):
    services.sign_batch(batch, by=decision_maker)
    with pytest.raises(PermissionDenied):
        services.sign_batch(DecisionBatch.objects.get(pk=batch.pk), by=decision_maker)


@pytest.mark.django_db
def test_the_applicant_downloads_the_decision_letter(client, batch, decision_maker):
    services.sign_batch(batch, by=decision_maker)
    decision = batch.decisions.select_related("application").first()
    owner = decision.application.created_by
    client.force_login(owner)
    page = client.get(f"/ansokningar/{decision.application.pk}/").content.decode()
    stored = decision.letter_document.files.get()
    assert f"/handlingar/filer/{stored.pk}/" in page
    response = client.get(f"/handlingar/filer/{stored.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_editing_a_draft_decision_keeps_outcome_and_amount_consistent(batch, officer):
    decision = batch.decisions.exclude(outcome="refused").first()
    requested = decision.application.requested_amount
    updated = services.update_decision(
        decision, by=officer, lock_version=decision.lock_version, outcome="partly_granted", amount=requested - 50_000
    )
    assert updated.amount == requested - 50_000
    with pytest.raises(services.ValidationError):
        services.update_decision(
            updated, by=officer, lock_version=updated.lock_version, outcome="granted", amount=requested - 1
        )
    with pytest.raises(services.StaleDecision):
        services.update_decision(updated, by=officer, lock_version=0, reasons="x")
    refused = services.update_decision(updated, by=officer, lock_version=updated.lock_version, outcome="refused")
    assert (refused.amount, refused.report_due_date) == (0, None)
