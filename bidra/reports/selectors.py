"""Queries other parts of Bidra ask about reports."""

from datetime import date

from django.db.models import QuerySet

from bidra.decisions.models import Decision, Outcome

from .workflow import ReportStatus

DONE = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def grants() -> QuerySet[Decision]:
    """Signed decisions that granted money: each owes a report."""
    return Decision.objects.filter(batch__state="signed", amount__gt=0).exclude(outcome=Outcome.REFUSED)


def overdue_application_ids(today: date) -> set[int]:
    """Applications whose report is past due and not submitted or approved (no report started counts too)."""
    return set(
        grants()
        .filter(report_due_date__lt=today)
        .exclude(report__status__in=DONE)
        .values_list("application_id", flat=True)
    )
