"""What applicants do to applications: start, save steps, attach files, submit, withdraw.

Views call these functions; tests can call them without HTTP.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bidra.accounts.identity import municipality_ids_of
from bidra.audit.events import record
from bidra.audit.workflow import transition
from bidra.core import files
from bidra.diarium.models import Document
from bidra.diarium.registration import open_case, register_document
from bidra.programmes.models import ApplicantType, Call
from bidra.programmes.rules import call_accepts

from . import screening
from .completeness import Missing, missing_answers
from .models import Application, Attachment, ScreeningCheck, ScreeningOutcome
from .snapshot import snapshot
from .workflow import APPLICATION_WORKFLOW, Status


class SubmissionRefused(Exception):
    """The application cannot be received; ``reason`` says why ('deadline', 'incomplete')."""

    def __init__(self, reason: str, missing: list[Missing] | None = None):
        super().__init__(reason)
        self.reason = reason
        self.missing = missing or []


@dataclass(frozen=True)
class SubmissionResult:
    application: Application
    newly_submitted: bool


def start_application(
    *, call: Call, municipality: Any, by: Any, start_key: Any, at: datetime | None = None
) -> Application:
    """Create a draft, once per start_key (a double click starts one draft)."""
    at = at or timezone.now()
    if not by.has_perm("applications.start", municipality):
        raise PermissionDenied
    if not call_accepts(call, at):
        raise SubmissionRefused("deadline")
    with transaction.atomic():
        existing = Application.objects.filter(start_key=start_key).first()
        if existing is not None:
            if existing.created_by_id != by.pk:
                raise PermissionDenied
            return existing
        application = Application.objects.create(
            call=call,
            municipality=municipality,
            created_by=by,
            start_key=start_key,
            contact_name=by.full_name,
            contact_email=by.email,
            contact_phone=by.phone,
            created_at=at,
            updated_at=at,
        )
        record("application.started", actor=by, target=application, data={"call": call.slug}, at=at)
    return application


def touch(application: Application, *, step: str, draft_inputs: dict) -> None:
    application.last_step = step
    application.draft_inputs = draft_inputs
    application.updated_at = timezone.now()
    application.lock_version += 1


def add_attachment(application: Application, *, upload: IO[bytes], name: str, size: int, by: Any) -> Attachment:
    """Check and store a file; raises ValidationError (in Swedish) for a refused file."""
    if not by.has_perm("applications.edit", application):
        raise PermissionDenied
    stored = files.accept(upload, name, size)
    with transaction.atomic():
        attachment = Attachment.objects.create(application=application, **stored.fields(), uploaded_by=by)
        record(
            "application.attachment_added",
            actor=by,
            target=application,
            data={"name": stored.name, "sha256": stored.sha256, "size": stored.size},
        )
    return attachment


def remove_attachment(attachment: Attachment, *, by: Any) -> None:
    application = attachment.application
    if not by.has_perm("applications.edit", application):
        raise PermissionDenied
    with transaction.atomic():
        record(
            "application.attachment_removed",
            actor=by,
            target=application,
            data={"name": attachment.name, "sha256": attachment.sha256},
        )
        attachment.delete()


def screening_input(application: Application, *, submitter: Any) -> screening.ScreeningInput:
    call = application.call
    programme = call.programme
    return screening.ScreeningInput(
        applicant_is_municipality=programme.eligible_applicant_type == ApplicantType.MUNICIPALITY,
        submitter_has_membership=application.municipality_id in municipality_ids_of(submitter),
        area_codes=tuple(application.areas.values_list("code", flat=True)),
        allowed_area_codes=frozenset(programme.areas.filter(is_active=True).values_list("code", flat=True)),
        requested_amount=application.requested_amount,
        call_budget=call.budget,
        period_start=application.period_start,
        period_end=application.period_end,
        earliest_start=call.period_start_earliest,
        latest_end=call.period_end_latest,
        max_period_months=programme.max_period_months,
        budget_line_amounts=tuple(Decimal(a) for a in application.budget_lines.values_list("amount", flat=True)),
    )


def submit(application_id: int, *, by: Any, at: datetime | None = None) -> SubmissionResult:
    """Receive an application: register it in the diarium, freeze its received version, screen it.

    Idempotent: submitting an already submitted application returns it unchanged. Refused
    (SubmissionRefused) after the call's closing minute or when answers are missing; a late
    attempt is itself recorded in the event log.
    """
    at = at or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__programme", "municipality")
            .get(pk=application_id)
        )
        if application.status == Status.SUBMITTED and by.has_perm("applications.view", application):
            return SubmissionResult(application, newly_submitted=False)
        APPLICATION_WORKFLOW.check(application, "submit", by)
        late = not call_accepts(application.call, at)
        missing = [] if late else missing_answers(application)
        if not late and not missing:
            _receive(application, by=by, at=at)
            return SubmissionResult(application, newly_submitted=True)
    if late:
        record(
            "application.submit_refused",
            actor=by,
            target=application,
            at=at,
            data={
                "reason": "deadline",
                "attempted_at": at.isoformat(),
                "closes_at": application.call.closes_at.isoformat(),
            },
        )
        raise SubmissionRefused("deadline")
    raise SubmissionRefused("incomplete", missing)


def _receive(application: Application, *, by: Any, at: datetime) -> None:
    programme = application.call.programme
    case = open_case(
        prefix=programme.case_number_prefix,
        subject=f"Ansökan om {programme.name.lower()}: {application.title}",
        at=at,
        by=by,
        programme=programme,
        parties=[application.municipality],
    )
    attachments = [
        files.StoredFile(sha256=a.sha256, size=a.size, content_type=a.content_type, name=a.name)
        for a in application.attachments.all()
    ]
    document = register_document(
        case,
        direction=Document.Direction.INCOMING,
        kind="application",
        title=f"Ansökan – {application.title}",
        at=at,
        by=by,
        counterparty=application.municipality,
        snapshot=snapshot(application),
        files=attachments,
    )
    results = screening.screen(screening_input(application, submitter=by))
    ScreeningCheck.objects.bulk_create(
        ScreeningCheck(application=application, code=r.code, outcome=r.outcome, params=r.params, checked_at=at)
        for r in results
    )
    transition(
        application,
        APPLICATION_WORKFLOW,
        "submit",
        by=by,
        case_number=case.number,
        changes={
            "submitted_at": at,
            "submitted_by": by,
            "case": case,
            "received_document": document,
            "screening_outcome": ScreeningOutcome(screening.overall(results)).value,
            "updated_at": at,
        },
        data={"document": document.reference, "screening": screening.overall(results)},
        at=at,
        context={
            "application": application,
            "case_number": case.number,
            "link": reverse("applications:receipt", args=[application.pk]),
        },
    )


def withdraw(application_id: int, *, by: Any, at: datetime | None = None) -> Application:
    """Withdraw a draft or a received application; a received one gets a registered withdrawal."""
    at = at or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).select_related("case").get(pk=application_id)
        APPLICATION_WORKFLOW.check(application, "withdraw", by)
        document_reference = ""
        if application.case is not None:
            document = register_document(
                application.case,
                direction=Document.Direction.INCOMING,
                kind="withdrawal",
                title=f"Återkallelse av ansökan – {application.title}",
                at=at,
                by=by,
                counterparty=application.municipality,
            )
            document_reference = document.reference
        transition(
            application,
            APPLICATION_WORKFLOW,
            "withdraw",
            by=by,
            case_number=application.case_number,
            changes={"updated_at": at},
            data={"document": document_reference},
            at=at,
            context={
                "application": application,
                "case_number": application.case_number,
                "link": reverse("applications:detail", args=[application.pk]),
            },
        )
    return application


def record_manual_check(application: Application, *, code: str, passed: bool, note: str, by: Any) -> ScreeningCheck:
    """An officer records a manual screening check (for example: not a statutory duty)."""
    if not by.has_perm("applications.record_check", application):
        raise PermissionDenied
    with transaction.atomic():
        check = ScreeningCheck.objects.select_for_update().get(application=application, code=code)
        before = {"outcome": check.outcome, "note": check.note}
        check.outcome = ScreeningCheck.Outcome.PASSED if passed else ScreeningCheck.Outcome.FAILED
        check.note = note
        check.checked_by = by
        check.checked_at = timezone.now()
        check.save(update_fields=["outcome", "note", "checked_by", "checked_at"])
        record(
            "application.check_recorded",
            actor=by,
            target=application,
            case_number=application.case_number,
            before=before,
            after={"outcome": check.outcome, "note": note},
            data={"check": code},
        )
    return check
