"""Queries other parts of Bidra ask about reports."""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from bidra.decisions.models import Decision, Outcome

from .workflow import ReportStatus

DONE = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def grants() -> QuerySet[Decision]:
    """Signed decisions that granted money: each owes a report."""
    return Decision.objects.filter(batch__state="signed", amount__gt=0).exclude(outcome=Outcome.REFUSED)


def overdue_application_ids(today: date, among: Iterable[int] | None = None) -> set[int]:
    """Applications whose report is past due and not submitted or approved (no report started counts too).

    ``among`` limits the answer to those applications (a page of the work list), so that the query does
    not grow with every overdue report in the register.
    """
    overdue = grants().filter(report_due_date__lt=today).exclude(report__status__in=DONE)
    if among is not None:
        overdue = overdue.filter(application_id__in=list(among))
    return set(overdue.values_list("application_id", flat=True))
