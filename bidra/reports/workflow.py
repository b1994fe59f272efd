"""The report (redovisning) and reclaim (återkrav) workflows, declared as data."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from bidra.audit.events import Recipient
from bidra.audit.workflow import Transition, Workflow


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    COMPLETION_REQUESTED = "completion_requested", _("Komplettering begärd")
    APPROVED = "approved", _("Godkänd")


class ReclaimStatus(models.TextChoices):
    DRAFT = "draft", _("Förslag")
    CLAIMED = "claimed", _("Återkrävt")
    PAID_BACK = "paid_back", _("Återbetalt")
    WRITTEN_OFF = "written_off", _("Avskrivet")


def grant_recipients(application: Any) -> Iterable[Recipient]:
    """The municipality's side of a grant: whoever submitted the application, and its contact address."""
    actor = application.submitted_by or application.created_by
    yield Recipient.for_user(actor)
    if application.contact_email and application.contact_email.lower() != actor.email.lower():
        yield Recipient(email=application.contact_email)


def responsible_officer(application: Any) -> Any:
    assignment = application.assignments.select_related("officer").order_by("ended_at", "-assigned_at").first()
    return assignment.officer if assignment else None


def _report_recipients(report: Any, transition: Transition) -> Iterable[Recipient]:
    application = report.decision.application
    if transition.action == "submit":
        officer = responsible_officer(application)
        return [Recipient.for_user(officer)] if officer else []
    return list(grant_recipients(application))


def _reclaim_recipients(reclaim: Any, transition: Transition) -> Iterable[Recipient]:
    return list(grant_recipients(reclaim.decision.application))


REPORT_WORKFLOW = Workflow(
    name="report",
    states=dict(ReportStatus.choices),
    transitions=(
        Transition(
            "submit",
            (ReportStatus.DRAFT, ReportStatus.COMPLETION_REQUESTED),
            ReportStatus.SUBMITTED,
            "reports.submit",
            _("Redovisning inskickad"),
            notification="report_submitted",
        ),
        Transition(
            "approve",
            (ReportStatus.SUBMITTED,),
            ReportStatus.APPROVED,
            "reports.review",
            _("Redovisning godkänd"),
            notification="report_approved",
        ),
        Transition(
            "request_completion",
            (ReportStatus.SUBMITTED,),
            ReportStatus.COMPLETION_REQUESTED,
            "reports.review",
            _("Komplettering av redovisning begärd"),
            notification="report_completion_requested",
        ),
    ),
    recipients=_report_recipients,
)

RECLAIM_WORKFLOW = Workflow(
    name="reclaim",
    states=dict(ReclaimStatus.choices),
    transitions=(
        Transition(
            "sign",
            (ReclaimStatus.DRAFT,),
            ReclaimStatus.CLAIMED,
            "reports.sign_reclaim",
            _("Beslut om återkrav fattat"),
            notification="reclaim_signed",
        ),
        Transition(
            "mark_paid_back",
            (ReclaimStatus.CLAIMED,),
            ReclaimStatus.PAID_BACK,
            "reports.track_reclaim",
            _("Återkrav återbetalt"),
        ),
        Transition(
            "write_off",
            (ReclaimStatus.CLAIMED,),
            ReclaimStatus.WRITTEN_OFF,
            "reports.track_reclaim",
            _("Återkrav avskrivet"),
        ),
    ),
    recipients=_reclaim_recipients,
)
