"""What case officers do when assessing: take cases, declare jäv, assess, ask the applicant.

Every function checks its rule in bidra/permissions.py, records an event and, where the
application changes state, goes through the application workflow.
"""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bidra.accounts.identity import has_role
from bidra.accounts.models import AgencyRole
from bidra.applications.models import Application
from bidra.applications.workflow import APPLICATION_WORKFLOW, Status
from bidra.audit.events import Recipient, label_actions, record
from bidra.audit.workflow import transition
from bidra.core.files import StoredFile
from bidra.diarium.models import Case, Document
from bidra.diarium.registration import register_document
from bidra.programmes.models import Criterion

from .models import ApplicantRequest, Assessment, Assignment, ConflictDeclaration, CriterionScore
from .scoring import mean, weighted_mean

label_actions(
    {
        "assessment.assigned": _("Handläggare utsedd"),
        "assessment.conflict_declared": _("Jäv anmält"),
        "assessment.no_conflict_declared": _("Inget jäv"),
        "assessment.saved": _("Bedömning sparad"),
        "assessment.completed": _("Bedömning slutförd"),
        "assessment.request_answered": _("Sökanden har svarat"),
    }
)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("case", "call__programme")
        .get(pk=application.pk)
    )


def _case(application: Application) -> Case:
    if application.case is None:
        raise ValidationError(_("Ansökan är inte registrerad."))
    return application.case


def active_assignment(application: Application) -> Assignment | None:
    return application.assignments.filter(ended_at__isnull=True).select_related("officer").first()


def take_case(application: Application, *, by: Any, officer: Any = None) -> Assignment:
    """Make ``officer`` (default: the one acting) responsible; starts the assessment if it has not."""
    officer = officer or by
    if not by.has_perm("assessment.assign", application) or not has_role(officer, AgencyRole.CASE_OFFICER):
        raise PermissionDenied
    if has_conflict(officer, application):
        raise PermissionDenied(_("Den som har anmält jäv kan inte handlägga ärendet."))
    with transaction.atomic():
        application = _locked(application)
        application.assignments.filter(ended_at__isnull=True).update(ended_at=timezone.now())
        assignment = Assignment.objects.create(application=application, officer=officer, assigned_by=by)
        record(
            "assessment.assigned",
            actor=by,
            target=application,
            case_number=application.case_number,
            personal={"officer": officer.email},
        )
        if application.status == Status.SUBMITTED:
            transition(application, APPLICATION_WORKFLOW, "take", by=by, case_number=application.case_number)
    return assignment


_DECLARATIONS = "_conflict_declarations"


def declarations(application: Application) -> dict[int, ConflictDeclaration]:
    """Everyone's jäv declarations in the case by person id, read once per application instance."""
    cached = getattr(application, _DECLARATIONS, None)
    if cached is None:
        rows = ConflictDeclaration.objects.filter(application=application).select_related("person")
        cached = {row.person_id: row for row in rows}
        setattr(application, _DECLARATIONS, cached)
    return cached


def has_conflict(person: Any, application: Application) -> bool:
    declaration = declarations(application).get(person.pk)
    return declaration is not None and declaration.has_conflict


def has_declared_no_conflict(person: Any, application: Application) -> bool:
    declaration = declarations(application).get(person.pk)
    return declaration is not None and not declaration.has_conflict


def declare_conflict(application: Application, *, by: Any, has_conflict: bool, reason: str = "") -> ConflictDeclaration:
    """Record whether ``by`` is disqualified. A declared conflict cannot be withdrawn here."""
    if not by.has_perm("assessment.declare", application):
        raise PermissionDenied
    if has_conflict and not reason.strip():
        raise ValidationError(_("Beskriv kort vad jävet består i."))
    with transaction.atomic():
        existing = ConflictDeclaration.objects.select_for_update().filter(application=application, person=by).first()
        if existing is not None and existing.has_conflict:
            return existing  # stays blocked; only an administrator can lift it in the admin, logged there
        declaration, _created = ConflictDeclaration.objects.update_or_create(
            application=application,
            person=by,
            defaults={"has_conflict": has_conflict, "reason": reason, "declared_at": timezone.now()},
        )
        record(
            "assessment.conflict_declared" if has_conflict else "assessment.no_conflict_declared",
            actor=by,
            target=application,
            case_number=application.case_number,
            data={"reason": reason} if has_conflict else {},
        )
        if has_conflict:
            application.assignments.filter(officer=by, ended_at__isnull=True).update(ended_at=timezone.now())
    application.__dict__.pop(_DECLARATIONS, None)
    return declaration


def scored_criteria(application: Application) -> list[Criterion]:
    return list(application.call.programme.criteria.exclude(kind=Criterion.Kind.ALLOCATION).prefetch_related("levels"))


def save_assessment(
    application: Application,
    *,
    by: Any,
    scores: dict[int, int],
    comment: str = "",
    proposed_amount: Decimal | None = None,
    reduction_reason: str = "",
    complete: bool = False,
    lock_version: int | None = None,
) -> Assessment:
    """Save ``by``'s assessment; ``scores`` maps criterion id to value. Completing needs every score."""
    if not by.has_perm("assessment.assess", application):
        raise PermissionDenied
    criteria = {c.pk: c for c in scored_criteria(application)}
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ValidationError(_("Okänt kriterium."))
    for criterion_id, value in scores.items():
        criterion = criteria[criterion_id]
        top = (
            1
            if criterion.kind == Criterion.Kind.MANUAL_CHECK
            else max((lv.value for lv in criterion.levels.all()), default=4)
        )
        if not 0 <= value <= top:
            raise ValidationError(_("Poängen ligger utanför skalan."))
    if complete and set(scores) != set(criteria):
        raise ValidationError(_("Alla kriterier måste bedömas innan bedömningen är klar."))
    if proposed_amount is not None:
        if application.requested_amount is not None and proposed_amount > application.requested_amount:
            raise ValidationError(_("Föreslaget belopp kan inte vara större än sökt belopp."))
        if proposed_amount != application.requested_amount and not reduction_reason.strip():
            raise ValidationError(_("Ange skälet till ett lägre belopp."))
    with transaction.atomic():
        assessment, _created = Assessment.objects.select_for_update().get_or_create(
            application=application, assessor=by
        )
        if lock_version is not None and assessment.lock_version != lock_version:
            raise StaleAssessment(assessment)
        assessment.scores.exclude(criterion_id__in=scores).delete()
        for criterion_id, value in scores.items():
            CriterionScore.objects.update_or_create(
                assessment=assessment, criterion_id=criterion_id, defaults={"value": value}
            )
        assessment.weighted_score = weighted_mean(
            (criteria[cid].weight, value)
            for cid, value in scores.items()
            if criteria[cid].kind == Criterion.Kind.SCORED
        )
        assessment.comment = comment
        assessment.proposed_amount = proposed_amount
        assessment.reduction_reason = reduction_reason
        assessment.completed_at = timezone.now() if complete else None
        assessment.updated_at = timezone.now()
        assessment.lock_version += 1
        assessment.save()
        record(
            "assessment.completed" if complete else "assessment.saved",
            actor=by,
            target=application,
            case_number=application.case_number,
            after={"weighted_score": str(assessment.weighted_score), "scores": {str(k): v for k, v in scores.items()}},
            data={"proposed_amount": None if proposed_amount is None else str(proposed_amount)},
        )
    return assessment


class StaleAssessment(Exception):
    """Someone saved this assessment since the form was opened."""

    def __init__(self, assessment: Assessment):
        super().__init__("stale assessment")
        self.assessment = assessment


def case_score(application: Application, assessments: Iterable[Assessment] | None = None) -> Decimal | None:
    """The mean of the completed assessments' weighted scores."""
    rows = application.assessments.all() if assessments is None else assessments
    return mean(a.weighted_score for a in rows if a.completed_at)


def criterion_mean(application: Application, code: str) -> Decimal | None:
    values = CriterionScore.objects.filter(
        assessment__application=application, assessment__completed_at__isnull=False, criterion__code=code
    ).values_list("value", flat=True)
    return mean(Decimal(v) for v in values)


def proposed_amount(application: Application) -> Decimal | None:
    """The lowest amount proposed by a completed assessment, or None when nobody proposed less."""
    amounts = [
        a.proposed_amount for a in application.assessments.all() if a.completed_at and a.proposed_amount is not None
    ]
    return min(amounts) if amounts else None


def finish_assessment(application: Application, *, by: Any) -> None:
    if not application.assessments.filter(completed_at__isnull=False).exists():
        raise ValidationError(_("Minst en slutförd bedömning behövs."))
    with transaction.atomic():
        transition(
            _locked(application), APPLICATION_WORKFLOW, "finish_assessment", by=by, case_number=application.case_number
        )


def reopen_assessment(application: Application, *, by: Any) -> None:
    with transaction.atomic():
        transition(_locked(application), APPLICATION_WORKFLOW, "reopen", by=by, case_number=application.case_number)


def ask_applicant(
    application: Application,
    *,
    by: Any,
    kind: str,
    message: str,
    reply_by: date,
    material: str = "",
    at: datetime | None = None,
) -> ApplicantRequest:
    """Send a completion request or material for comment; the case waits for the reply."""
    at = at or timezone.now()
    if reply_by < timezone.localdate(at):
        raise ValidationError(_("Svarsdatum kan inte ha passerat."))
    if kind == ApplicantRequest.Kind.COMMUNICATION and not material.strip():
        raise ValidationError(_("Kommunicering kräver det underlag som sökanden ska få yttra sig över."))
    with transaction.atomic():
        application = _locked(application)
        APPLICATION_WORKFLOW.check(application, "ask_applicant", by)
        label = dict(ApplicantRequest.Kind.choices)[kind]
        document = register_document(
            _case(application),
            direction=Document.Direction.OUTGOING,
            kind=f"request_{kind}",
            title=f"{label} – {application.title}",
            at=at,
            by=by,
            counterparty=application.municipality,
            snapshot={"message": message, "material": material, "reply_by": reply_by.isoformat()},
        )
        request = ApplicantRequest.objects.create(
            application=application,
            kind=kind,
            message=message,
            material=material,
            reply_by=reply_by,
            sent_by=by,
            sent_at=at,
            sent_document=document,
        )
        transition(
            application,
            APPLICATION_WORKFLOW,
            "ask_applicant",
            by=by,
            case_number=application.case_number,
            data={"request": request.pk, "kind": kind, "document": document.reference},
            context={
                "application": application,
                "request": request,
                "case_number": application.case_number,
                "link": reverse("assessment:answer", args=[application.pk, request.pk]),
            },
            at=at,
        )
    return request


def answer_request(
    request: ApplicantRequest, *, by: Any, answer: str, files: Iterable[StoredFile] = (), at: datetime | None = None
) -> ApplicantRequest:
    """The applicant's reply, registered as a received document; the case resumes."""
    at = at or timezone.now()
    if not answer.strip():
        raise ValidationError(_("Skriv ett svar."))
    with transaction.atomic():
        request = ApplicantRequest.objects.select_for_update().get(pk=request.pk)
        application = _locked(request.application)
        if request.state != ApplicantRequest.State.OPEN:
            raise ValidationError(_("Begäran är redan besvarad eller avslutad."))
        APPLICATION_WORKFLOW.check(application, "applicant_replied", by)
        document = register_document(
            _case(application),
            direction=Document.Direction.INCOMING,
            kind=f"reply_{request.kind}",
            title=f"Svar: {request.get_kind_display()} – {application.title}",
            at=at,
            by=by,
            counterparty=application.municipality,
            snapshot={
                "answer": answer,
                "request_document": request.sent_document.reference if request.sent_document else "",
            },
            files=list(files),
        )
        request.state = ApplicantRequest.State.ANSWERED
        request.answer, request.answered_by, request.answered_at, request.answer_document = answer, by, at, document
        request.save()
        assignment = active_assignment(application)
        transition(
            application,
            APPLICATION_WORKFLOW,
            "applicant_replied",
            by=by,
            case_number=application.case_number,
            data={"request": request.pk, "document": document.reference},
            at=at,
        )
        record(
            "assessment.request_answered",
            actor=by,
            target=application,
            case_number=application.case_number,
            notify=[Recipient.for_user(assignment.officer)] if assignment else [],
            template="request_answered",
            context={"application": application, "link": reverse("casework:case", args=[application.pk])},
            at=at,
        )
    return request


def close_request(request: ApplicantRequest, *, by: Any) -> None:
    """End a request without an answer (for example when the reply date has passed)."""
    with transaction.atomic():
        request = ApplicantRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != ApplicantRequest.State.OPEN:
            return
        application = _locked(request.application)
        request.state = ApplicantRequest.State.CLOSED
        request.save(update_fields=["state"])
        transition(
            application,
            APPLICATION_WORKFLOW,
            "close_request",
            by=by,
            case_number=application.case_number,
            data={"request": request.pk},
        )
