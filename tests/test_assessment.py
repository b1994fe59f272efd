"""Assessment: taking cases, jäv, scoring with weights, and requests to the applicant."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bidra.accounts.models import AgencyRole
from bidra.assessment import services
from bidra.assessment.scoring import mean, weighted_mean
from bidra.audit.models import Event
from bidra.programmes.models import Criterion

from .helpers import PDF_BYTES, make_staff


@pytest.fixture
def second_officer(db):
    return make_staff("oskar@lst.test", AgencyRole.CASE_OFFICER)


@pytest.fixture
def decision_maker(db):
    return make_staff("beslut@lst.test", AgencyRole.DECISION_MAKER)


@pytest.fixture
def in_assessment(submitted, officer):
    services.take_case(submitted, by=officer)
    services.declare_conflict(submitted, by=officer, has_conflict=False)
    submitted.refresh_from_db()
    return submitted


def full_scores(application, value=3):
    return {
        c.pk: (1 if c.kind == Criterion.Kind.MANUAL_CHECK else value) for c in services.scored_criteria(application)
    }


def test_weighted_mean_uses_the_weights():
    assert weighted_mean([(Decimal(2), 4), (Decimal(1), 1), (Decimal(1), 1)]) == Decimal("2.50")
    assert weighted_mean([]) is None
    assert mean([Decimal("2.50"), None, Decimal("3.25")]) == Decimal("2.88")


@pytest.mark.django_db
def test_taking_a_case_starts_the_assessment(submitted, officer):
    services.take_case(submitted, by=officer)
    submitted.refresh_from_db()
    assert submitted.status == "in_assessment"
    assert services.active_assignment(submitted).officer == officer


@pytest.mark.django_db
def test_an_analyst_cannot_take_a_case(submitted, analyst):
    with pytest.raises(PermissionDenied):
        services.take_case(submitted, by=analyst)


@pytest.mark.django_db
def test_assessing_requires_a_declaration_of_no_conflict(submitted, officer):
    services.take_case(submitted, by=officer)
    submitted.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.save_assessment(submitted, by=officer, scores={})
    services.declare_conflict(submitted, by=officer, has_conflict=False)
    services.save_assessment(submitted, by=officer, scores=full_scores(submitted))


@pytest.mark.django_db
def test_a_declared_conflict_blocks_assessing_and_is_logged(in_assessment, second_officer):
    services.declare_conflict(in_assessment, by=second_officer, has_conflict=True, reason="Min bror leder projektet.")
    with pytest.raises(PermissionDenied):
        services.save_assessment(in_assessment, by=second_officer, scores=full_scores(in_assessment))
    with pytest.raises(PermissionDenied):
        services.take_case(in_assessment, by=second_officer)
    assert not second_officer.has_perm("decisions.sign_application", in_assessment)
    event = Event.objects.get(action="assessment.conflict_declared")
    assert event.actor == second_officer and event.data == {"reason": "Min bror leder projektet."}


@pytest.mark.django_db
def test_a_conflict_cannot_be_declared_away(in_assessment, second_officer):
    services.declare_conflict(in_assessment, by=second_officer, has_conflict=True, reason="Jäv")
    services.declare_conflict(in_assessment, by=second_officer, has_conflict=False)
    assert services.has_conflict(second_officer, type(in_assessment).objects.get(pk=in_assessment.pk))


@pytest.mark.django_db
def test_a_conflicted_officer_is_unassigned(in_assessment, officer):
    services.declare_conflict(in_assessment, by=officer, has_conflict=True, reason="Tidigare anställd hos sökanden.")
    assert services.active_assignment(in_assessment) is None


@pytest.mark.django_db
def test_a_conflict_needs_a_reason(in_assessment, second_officer):
    with pytest.raises(ValidationError):
        services.declare_conflict(in_assessment, by=second_officer, has_conflict=True, reason=" ")


@pytest.mark.django_db
def test_several_assessors_and_the_case_mean(in_assessment, officer, decision_maker):
    services.declare_conflict(in_assessment, by=decision_maker, has_conflict=False)
    criteria = {c.code: c for c in services.scored_criteria(in_assessment)}
    first = services.save_assessment(
        in_assessment,
        by=officer,
        complete=True,
        scores={
            criteria["syfte"].pk: 4,
            criteria["langsiktighet"].pk: 2,
            criteria["forankring"].pk: 3,
            criteria["kvinnor-barn"].pk: 3,
            criteria["rimlig-budget"].pk: 1,
        },
    )
    second = services.save_assessment(
        in_assessment,
        by=decision_maker,
        complete=True,
        scores={
            criteria["syfte"].pk: 2,
            criteria["langsiktighet"].pk: 2,
            criteria["forankring"].pk: 2,
            criteria["kvinnor-barn"].pk: 2,
            criteria["rimlig-budget"].pk: 0,
        },
        proposed_amount=Decimal(300_000),
        reduction_reason="Lokalkostnaden är hög.",
    )
    # Weights: syfte 2, the other scored criteria 1; the manual check carries no weight.
    assert first.weighted_score == Decimal("3.20")  # (8 + 2 + 3 + 3) / 5
    assert second.weighted_score == Decimal("2.00")
    assert services.case_score(in_assessment) == Decimal("2.60")
    assert services.proposed_amount(in_assessment) == Decimal(300_000)
    assert services.criterion_mean(in_assessment, "langsiktighet") == Decimal("2.00")


@pytest.mark.django_db
def test_a_reduced_amount_needs_a_reason_and_cannot_exceed_the_request(in_assessment, officer):
    with pytest.raises(ValidationError):
        services.save_assessment(in_assessment, by=officer, scores={}, proposed_amount=Decimal(100_000))
    with pytest.raises(ValidationError):
        services.save_assessment(
            in_assessment, by=officer, scores={}, proposed_amount=Decimal(10_000_000), reduction_reason="x"
        )


@pytest.mark.django_db
def test_completing_needs_every_criterion(in_assessment, officer):
    partial = dict(list(full_scores(in_assessment).items())[:2])
    with pytest.raises(ValidationError):
        services.save_assessment(in_assessment, by=officer, scores=partial, complete=True)
    services.save_assessment(in_assessment, by=officer, scores=partial)  # a draft may be partial


@pytest.mark.django_db
def test_scores_outside_the_scale_are_refused(in_assessment, officer):
    criterion = next(c for c in services.scored_criteria(in_assessment) if c.kind == Criterion.Kind.SCORED)
    with pytest.raises(ValidationError):
        services.save_assessment(in_assessment, by=officer, scores={criterion.pk: 9})


@pytest.mark.django_db
def test_a_stale_assessment_save_is_refused(in_assessment, officer):
    saved = services.save_assessment(in_assessment, by=officer, scores={})
    services.save_assessment(in_assessment, by=officer, scores={}, comment="första", lock_version=saved.lock_version)
    with pytest.raises(services.StaleAssessment):
        services.save_assessment(in_assessment, by=officer, scores={}, comment="andra", lock_version=saved.lock_version)


@pytest.mark.django_db
def test_finishing_needs_a_completed_assessment(in_assessment, officer):
    with pytest.raises(ValidationError):
        services.finish_assessment(in_assessment, by=officer)
    services.save_assessment(in_assessment, by=officer, scores=full_scores(in_assessment), complete=True)
    services.finish_assessment(in_assessment, by=officer)
    in_assessment.refresh_from_db()
    assert in_assessment.status == "assessed"


@pytest.mark.django_db
def test_completion_request_round_trip(
    client, in_assessment, officer, stockholm_user, django_capture_on_commit_callbacks
):
    reply_by = timezone.localdate() + timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.ask_applicant(
            in_assessment, by=officer, kind="completion", message="Skicka en specificerad budget.", reply_by=reply_by
        )
    in_assessment.refresh_from_db()
    assert in_assessment.status == "awaiting_applicant"
    assert request.sent_document.direction == "out"
    assert any("Begäran om komplettering" in m.subject for m in mail.outbox)

    client.force_login(stockholm_user)
    page = client.get(f"/ansokningar/{in_assessment.pk}/begaran/{request.pk}/")
    assert "Skicka en specificerad budget." in page.content.decode()
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "budget.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/ansokningar/{in_assessment.pk}/begaran/{request.pk}/", {"answer": "Här är budgeten.", "files": [upload]}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    in_assessment.refresh_from_db()
    assert request.state == "answered"
    assert in_assessment.status == "in_assessment"
    document = request.answer_document
    assert (document.direction, document.snapshot["answer"]) == ("in", "Här är budgeten.")
    assert [f.name for f in document.files.all()] == ["budget.pdf"]
    assert list(in_assessment.case.documents.values_list("kind", flat=True)) == [
        "application",
        "request_completion",
        "reply_completion",
    ]
    assert any(officer.email in m.to for m in mail.outbox)


@pytest.mark.django_db
def test_another_municipality_cannot_answer(client, in_assessment, officer, malmo_user):
    request = services.ask_applicant(
        in_assessment, by=officer, kind="completion", message="?", reply_by=timezone.localdate() + timedelta(days=7)
    )
    client.force_login(malmo_user)
    url = f"/ansokningar/{in_assessment.pk}/begaran/{request.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "kapat"}).status_code == 404


@pytest.mark.django_db
def test_communication_needs_the_material(in_assessment, officer):
    with pytest.raises(ValidationError):
        services.ask_applicant(
            in_assessment, by=officer, kind="communication", message="Yttra er", reply_by=timezone.localdate()
        )
    request = services.ask_applicant(
        in_assessment,
        by=officer,
        kind="communication",
        message="Yttra er senast om två veckor.",
        material="Referens från kommunens socialtjänst: insatsen överlappar ordinarie verksamhet.",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    assert request.sent_document.snapshot["material"].startswith("Referens")


@pytest.mark.django_db
def test_an_unanswered_request_can_be_closed(in_assessment, officer):
    request = services.ask_applicant(
        in_assessment, by=officer, kind="completion", message="?", reply_by=timezone.localdate()
    )
    services.close_request(request, by=officer)
    in_assessment.refresh_from_db()
    request.refresh_from_db()
    assert (request.state, in_assessment.status) == ("closed", "in_assessment")


@pytest.mark.django_db
def test_each_level_of_a_criterion_is_offered_with_its_score_and_guidance(client, in_assessment, officer):
    client.force_login(officer)
    page = client.get(f"/handlaggning/arenden/{in_assessment.pk}/bedomning/").content.decode()
    assert ">0 – Saknas eller framgår inte av ansökan.</label>" in page
    assert ">4 – Mycket bra: konkret, trovärdigt och väl underbyggt.</label>" in page


@pytest.mark.django_db
def test_the_case_page_offers_assessment_to_the_officer(client, in_assessment, officer):
    client.force_login(officer)
    page = client.get(f"/handlaggning/arenden/{in_assessment.pk}/").content.decode()
    assert f"/handlaggning/arenden/{in_assessment.pk}/bedomning/" in page
    response = client.post(
        f"/handlaggning/arenden/{in_assessment.pk}/bedomning/",
        {
            **{f"criterion_{k}": v for k, v in full_scores(in_assessment).items()},
            "comment": "Stark förankring.",
            "action": "complete",
        },
    )
    assert response.status_code == 302
    assert in_assessment.assessments.get().completed_at is not None
