"""Which registered documents are due for gallring (weeding) at a given date.

A case is closed when its application was refused or withdrawn, or, when granted, once its
report is approved and every reclaim settled. It closed at the last thing that happened in it
(the later of its last registered document and its last event). Its documents are due when the
matching retention rule's years have passed since then, counted in Stockholm dates.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max

from bidra.applications.models import Application
from bidra.applications.workflow import Status
from bidra.audit.models import Event
from bidra.core.stockholm import local
from bidra.diarium.models import Case, Document
from bidra.reports.models import Reclaim, ReclaimStatus, Report, ReportStatus

from .models import CaseOutcome, RetentionRule

OUTCOME_OF_STATUS: dict[str, str] = {
    Status.GRANTED: CaseOutcome.GRANTED,
    Status.PARTLY_GRANTED: CaseOutcome.GRANTED,
    Status.REFUSED: CaseOutcome.REFUSED,
    Status.WITHDRAWN: CaseOutcome.WITHDRAWN,
}
OPEN_RECLAIMS = (ReclaimStatus.DRAFT, ReclaimStatus.CLAIMED)


@dataclass(frozen=True)
class DueDocument:
    document: Document
    outcome: str
    closed_at: datetime
    rule: RetentionRule
    due_on: date


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def case_outcome(application: Application) -> str | None:
    """The outcome of a closed case, or None while the case is still open."""
    outcome = OUTCOME_OF_STATUS.get(application.status)
    if outcome != CaseOutcome.GRANTED:
        return outcome
    report = Report.objects.filter(decision__application=application).first()
    if report is None or report.status != ReportStatus.APPROVED:
        return None
    if Reclaim.objects.filter(decision__application=application, status__in=OPEN_RECLAIMS).exists():
        return None
    return outcome


def closed_at(case: Case) -> datetime:
    last_document = case.documents.aggregate(last=Max("registered_at"))["last"]
    last_event = Event.objects.filter(case_number=case.number).aggregate(last=Max("occurred_at"))["last"]
    return max(moment for moment in (last_document, last_event, case.registered_at) if moment is not None)


def rule_for(rules: list[RetentionRule], outcome: str, kind: str) -> RetentionRule | None:
    """The rule for this outcome and document kind; a kind's own rule beats the one for all kinds."""
    matching = [rule for rule in rules if rule.outcome == outcome and rule.document_kind in (kind, "")]
    matching.sort(key=lambda rule: rule.document_kind == "")
    return matching[0] if matching else None


def due_for_weeding(on: date) -> list[DueDocument]:
    """Every document not yet weeded whose retention period has ended by the date ``on``."""
    rules = list(RetentionRule.objects.all())
    due = []
    applications = (
        Application.objects.filter(case__isnull=False, status__in=list(OUTCOME_OF_STATUS))
        .select_related("case")
        .order_by("case__year", "case__serial")
    )
    for application in applications:
        outcome = case_outcome(application)
        if outcome is None or application.case is None:
            continue
        documents = list(application.case.documents.filter(weeded_at__isnull=True).select_related("case"))
        if not documents:
            continue
        closed = closed_at(application.case)
        for document in documents:
            rule = rule_for(rules, outcome, document.kind)
            if rule is None:
                continue
            due_on = add_years(local(closed).date(), rule.years)
            if due_on <= on:
                due.append(DueDocument(document, outcome, closed, rule, due_on))
    return due
