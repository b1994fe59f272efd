"""Reports: drafts, submission to the diarium, review; reminders; reclaims with four-eyes signing."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bidra.accounts.models import AgencyRole
from bidra.audit.events import label_actions, record
from bidra.audit.workflow import transition
from bidra.core import files
from bidra.core.pdf import render_pdf
from bidra.core.stockholm import local_date
from bidra.decisions.letter import appeal_text, text_html
from bidra.decisions.models import Decision
from bidra.decisions.services import four_eyes_obstacles, legal_basis_text
from bidra.diarium.models import Document
from bidra.diarium.registration import register_document

from .models import Reclaim, Report, ReportAttachment, ReportLine, ReportReminder
from .selectors import grants
from .workflow import RECLAIM_WORKFLOW, REPORT_WORKFLOW, ReclaimStatus, ReportStatus, grant_recipients

label_actions(
    {
        "report.saved": _("Redovisning sparad som utkast"),
        "report.reminder": _("Påminnelse om redovisning skickad"),
        "reclaim.proposed": _("Återkrav föreslaget"),
    }
)

TEXT_FIELDS = ("activities", "results", "target_groups_reached", "roma_participation", "continuation", "public_summary")


# --- Reports --------------------------------------------------------------------------------
def case_of(application: Any) -> Any:
    """The application's case; a granted application was always registered."""
    if application.case is None:
        raise ValidationError(_("Ärendet saknar diarienummer."))
    return application.case


def ensure_report(decision: Decision) -> Report:
    """The decision's report, created (with the budget lines of the received application) on first use."""
    existing = Report.objects.filter(decision=decision).first()
    if existing is not None:
        return existing
    application = decision.application
    received = application.received_document
    snapshot = received.snapshot if received is not None else {}
    try:
        with transaction.atomic():
            report = Report.objects.create(
                decision=decision,
                municipality_id=application.municipality_id,
                due_date=decision.report_due_date,
                unused_amount=decision.amount,
            )
            ReportLine.objects.bulk_create(
                ReportLine(
                    report=report,
                    position=index,
                    category=line.get("category", ""),
                    description=line.get("description", "")[:300],
                    budgeted=Decimal(line.get("amount") or 0),
                )
                for index, line in enumerate(snapshot.get("budget_lines", []))
            )
    except IntegrityError:  # created concurrently
        return Report.objects.get(decision=decision)
    return report


def ensure_reports() -> int:
    """Create the missing reports of every grant; returns how many were created."""
    made = 0
    for decision in grants().filter(report__isnull=True).select_related("application__received_document"):
        ensure_report(decision)
        made += 1
    return made


def save_draft(
    report: Report,
    *,
    by: Any,
    values: dict,
    line_amounts: dict[int, Decimal | None],
    uploads: Sequence[tuple[Any, str]] = (),
    raw: dict | None = None,
) -> Report:
    """Keep what the municipality typed: valid values in their fields, the raw input when something failed."""
    if not by.has_perm("reports.submit", report) or not report.editable:
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("decision").get(pk=report.pk)
        for name, value in values.items():
            setattr(report, name, value)
        for line in report.lines.all():
            if line.position in line_amounts:
                line.used = line_amounts[line.position]
                line.save(update_fields=["used"])
        used = sum((line.used or Decimal(0) for line in report.lines.all()), start=Decimal(0))
        report.used_amount = used
        report.unused_amount = max(report.decision.amount - used, Decimal(0))
        report.draft_inputs = raw or {}
        report.updated_at = timezone.now()
        report.save()
        for upload, content_type in uploads:
            stored = files.store(upload, upload.name, content_type)
            ReportAttachment.objects.create(report=report, **stored.fields(), uploaded_by=by)
    return report


def missing_for_submission(report: Report) -> list[str]:
    problems = []
    if report.draft_inputs:
        problems.append(_("Rätta de fält som är markerade innan redovisningen skickas in."))
    if any(line.used is None for line in report.lines.all()):
        problems.append(_("Ange använt belopp för varje budgetpost (0 om inget har använts)."))
    for name in TEXT_FIELDS:
        if not getattr(report, name).strip():
            label = getattr(Report._meta.get_field(name), "verbose_name", name)
            problems.append(_("Fyll i: %(field)s.") % {"field": str(label)[0].upper() + str(label)[1:]})
    return problems


def report_snapshot(report: Report) -> dict:
    return {
        "granted_amount": str(int(report.decision.amount)),
        "used_amount": str(int(report.used_amount)),
        "unused_amount": str(int(report.unused_amount)),
        "lines": [
            {
                "category": line.category,
                "description": line.description,
                "budgeted": str(int(line.budgeted)),
                "used": str(int(line.used or 0)),
            }
            for line in report.lines.all()
        ],
        "participants": report.participants,
        **{name: getattr(report, name) for name in TEXT_FIELDS},
        "attachments": [a.name for a in report.attachments.all()],
    }


def submit_report(report: Report, *, by: Any, at: datetime | None = None) -> Report:
    """Register the report as an incoming document in the grant's case and move it to submitted."""
    at = at or timezone.now()
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("decision__application__case", "decision__application__municipality")
            .get(pk=report.pk)
        )
        problems = missing_for_submission(report)
        if problems:
            raise ValidationError(problems)
        REPORT_WORKFLOW.check(report, "submit", by)
        application = report.decision.application
        document = register_document(
            case_of(application),
            direction=Document.Direction.INCOMING,
            kind="report",
            title=f"Redovisning – {application.title}",
            at=at,
            by=by,
            counterparty=application.municipality,
            snapshot=report_snapshot(report),
            files=[
                files.StoredFile(sha256=a.sha256, size=a.size, content_type=a.content_type, name=a.name)
                for a in report.attachments.all()
            ],
        )
        transition(
            report,
            REPORT_WORKFLOW,
            "submit",
            by=by,
            case_number=application.case_number,
            changes={"submitted_at": at, "submitted_by": by, "document": document},
            data={"document": document.pk, "used": str(int(report.used_amount))},
            context={
                "application": application,
                "link": reverse("reports:review", args=[report.pk]),
                "case_number": application.case_number,
            },
            at=at,
        )
    return report


def _review_context(report: Report) -> dict:
    application = report.decision.application
    return {
        "application": application,
        "case_number": application.case_number,
        "link": reverse("reports:edit", args=[report.decision_id]),
    }


def approve_report(report: Report, *, by: Any) -> Report:
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("decision__application").get(pk=report.pk)
        transition(
            report,
            REPORT_WORKFLOW,
            "approve",
            by=by,
            case_number=report.decision.application.case_number,
            changes={"approved_at": timezone.now(), "approved_by": by},
            context=_review_context(report),
        )
    return report


def request_completion(report: Report, *, by: Any, message: str) -> Report:
    if not message.strip():
        raise ValidationError(_("Skriv vad kommunen ska komplettera."))
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("decision__application").get(pk=report.pk)
        transition(
            report,
            REPORT_WORKFLOW,
            "request_completion",
            by=by,
            case_number=report.decision.application.case_number,
            changes={"completion_message": message.strip()},
            data={"message": message.strip()},
            context={**_review_context(report), "message": message.strip()},
        )
    return report


# --- Reminders ------------------------------------------------------------------------------
def reminder_kind(due: date, today: date) -> str | None:
    days_left = (due - today).days
    if days_left < 0:
        return ReportReminder.Kind.OVERDUE
    if days_left <= 7:
        return ReportReminder.Kind.DAYS_7
    if days_left <= 30:
        return ReportReminder.Kind.DAYS_30
    return None


def send_reminders(today: date) -> int:
    """Remind the municipality 30 and 7 days before the due date and once it has passed; each at most once."""
    ensure_reports()
    sent = 0
    reports = Report.objects.filter(
        status__in=(ReportStatus.DRAFT, ReportStatus.COMPLETION_REQUESTED), due_date__isnull=False
    ).select_related("decision__application__submitted_by", "decision__application__created_by")
    for report in reports:
        due = report.due_date
        kind = reminder_kind(due, today) if due is not None else None
        if due is None or kind is None:
            continue
        with transaction.atomic():
            _reminder, created = ReportReminder.objects.get_or_create(report=report, kind=kind)
            if not created:
                continue
            application = report.decision.application
            record(
                "report.reminder",
                target=report,
                case_number=application.case_number,
                data={"kind": kind, "due_date": due.isoformat()},
                notify=list(grant_recipients(application)),
                template="report_reminder",
                context={
                    "report": report,
                    "application": application,
                    "kind": kind,
                    "days_left": (due - today).days,
                    "link": reverse("reports:edit", args=[report.decision_id]),
                },
            )
        sent += 1
    return sent


# --- Reclaims -------------------------------------------------------------------------------
def propose_reclaim(
    decision: Decision,
    *,
    by: Any,
    reasons: str,
    repay_by: date,
    amount: Decimal | None = None,
    report: Report | None = None,
) -> Reclaim:
    """Draft a reclaim; without an amount, the unused amount the municipality declared in its report."""
    if not by.has_perm("reports.propose_reclaim"):
        raise PermissionDenied
    if amount is None:
        if report is None:
            raise ValidationError(_("Ange belopp."))
        amount = report.unused_amount
    if amount <= 0:
        raise ValidationError(_("Beloppet att återkräva ska vara större än noll."))
    earlier = Reclaim.objects.filter(decision=decision).exclude(status=ReclaimStatus.WRITTEN_OFF)
    already = sum((r.amount for r in earlier), start=Decimal(0))
    if amount + already > decision.amount:
        raise ValidationError(_("Det går inte att återkräva mer än det beviljade beloppet."))
    if not reasons.strip():
        raise ValidationError(_("Ange skälen för återkravet."))
    with transaction.atomic():
        reclaim = Reclaim.objects.create(
            decision=decision, report=report, amount=amount, reasons=reasons.strip(), repay_by=repay_by, presenter=by
        )
        record(
            "reclaim.proposed",
            actor=by,
            target=reclaim,
            case_number=decision.application.case_number,
            data={"amount": str(int(amount)), "repay_by": repay_by.isoformat()},
        )
    return reclaim


def signing_obstacles(reclaim: Reclaim, signer: Any) -> list[str]:
    problems = four_eyes_obstacles(
        signer,
        presenter_id=reclaim.presenter_id,
        applications=[reclaim.decision.application],
        presenter_refusal=_("Den som föredrar ärendet kan inte också fatta beslut i det (fyra ögon)."),
    )
    if reclaim.status != ReclaimStatus.DRAFT:
        problems.append(_("Återkravet är redan beslutat."))
    return problems


@dataclass(frozen=True)
class ReclaimLetter:
    agency_name: str
    agency_unit: str
    agency_address_lines: list[str]
    agency_organisation_number: str
    case_number: str
    decision_date: date
    addressee_name: str
    addressee_administration: str
    addressee_contact: str
    application_title: str
    granted_amount: int
    grant_decision_date: date | None
    amount: int
    repay_by: date
    payment_reference: str
    legal_basis: str
    signatory_name: str
    presenting_officer_name: str


def render_reclaim_letter(reclaim: Reclaim, *, signer: Any, on: date) -> bytes:
    application = reclaim.decision.application
    programme = application.call.programme
    batch = reclaim.decision.batch
    letter = ReclaimLetter(
        agency_name=programme.agency_name,
        agency_unit=programme.agency_unit,
        agency_address_lines=[line for line in programme.agency_address.splitlines() if line.strip()],
        agency_organisation_number=programme.agency_organisation_number,
        case_number=application.case_number,
        decision_date=on,
        addressee_name=f"{application.municipality.name} kommun",
        addressee_administration=application.administration,
        addressee_contact=application.contact_name,
        application_title=application.title,
        granted_amount=int(reclaim.decision.amount),
        grant_decision_date=local_date(batch.signed_at) if batch.signed_at else None,
        amount=int(reclaim.amount),
        repay_by=reclaim.repay_by,
        payment_reference=application.case_number,
        legal_basis=legal_basis_text(application),
        signatory_name=signer.get_full_name(),
        presenting_officer_name=reclaim.presenter.get_full_name(),
    )
    appeal = appeal_text(
        programme.decisions_appealable, agency_name=programme.agency_name, legal_basis=letter.legal_basis
    )
    context = {
        "letter": letter,
        "reasons_html": text_html(reclaim.reasons),
        "appeal_html": text_html(appeal),
        "appealable": programme.decisions_appealable,
        "signatory_title": str(AgencyRole.DECISION_MAKER.label).lower(),
    }
    return render_pdf("reports/reclaim_letter.html", context)


def sign_reclaim(reclaim: Reclaim, *, by: Any, at: datetime | None = None) -> Reclaim:
    """Four eyes: a decision-maker who did not present it and has no jäv signs; the letter goes to the diarium."""
    at = at or timezone.now()
    reclaim = Reclaim.objects.select_related(
        "decision__application__call__programme",
        "decision__application__municipality",
        "decision__application__case",
        "decision__batch",
        "presenter",
    ).get(pk=reclaim.pk)
    problems = signing_obstacles(reclaim, by)
    if problems:
        raise PermissionDenied(" ".join(problems))
    application = reclaim.decision.application
    pdf = render_reclaim_letter(reclaim, signer=by, on=local_date(at))
    stored = files.store_bytes(pdf, f"aterkrav-{application.case_number}.pdf", "application/pdf")
    with transaction.atomic():
        locked = Reclaim.objects.select_for_update().get(pk=reclaim.pk)
        if locked.status != ReclaimStatus.DRAFT:
            raise PermissionDenied(_("Återkravet är redan beslutat."))
        document = register_document(
            case_of(application),
            direction=Document.Direction.OUTGOING,
            kind="reclaim",
            title=f"Beslut om återkrav – {application.title}",
            at=at,
            by=by,
            counterparty=application.municipality,
            snapshot={
                "amount": str(int(locked.amount)),
                "reasons": locked.reasons,
                "repay_by": locked.repay_by.isoformat(),
                "presenter": reclaim.presenter.get_full_name(),
                "signed_by": by.get_full_name(),
            },
            files=[stored],
        )
        locked.decision = reclaim.decision
        transition(
            locked,
            RECLAIM_WORKFLOW,
            "sign",
            by=by,
            case_number=application.case_number,
            changes={"signed_by": by, "signed_at": at, "letter_document": document},
            data={"amount": str(int(locked.amount)), "document": document.pk},
            context={
                "application": application,
                "reclaim": locked,
                "case_number": application.case_number,
                "link": reverse("reports:mine"),
            },
            at=at,
        )
    return locked


def settle_reclaim(reclaim: Reclaim, action: str, *, by: Any, note: str = "") -> Reclaim:
    """Finance records that a claimed amount was paid back ("mark_paid_back") or written off ("write_off")."""
    if action not in ("mark_paid_back", "write_off"):
        raise ValueError(action)
    if action == "write_off" and not note.strip():
        raise ValidationError(_("Ange varför återkravet skrivs av."))
    with transaction.atomic():
        locked = Reclaim.objects.select_for_update().select_related("decision__application").get(pk=reclaim.pk)
        transition(
            locked,
            RECLAIM_WORKFLOW,
            action,
            by=by,
            case_number=locked.decision.application.case_number,
            changes={"settled_at": timezone.now(), "settled_by": by, "settlement_note": note.strip()},
            data={"note": note.strip()} if note.strip() else None,
        )
    return locked


def default_repay_by(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=30)
