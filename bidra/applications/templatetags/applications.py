"""Labels for codes stored in applications and their received versions."""

from decimal import Decimal

from django import template

from bidra.applications.models import BudgetCategory, TargetGroup
from bidra.applications.workflow import APPLICATION_WORKFLOW
from bidra.core.money import format_kronor

register = template.Library()


@register.filter
def target_group_label(code: str) -> str:
    return str(dict(TargetGroup.choices).get(code, code))


@register.filter
def budget_category_label(code: str) -> str:
    return str(dict(BudgetCategory.choices).get(code, code))


@register.filter
def amount(value: str | None):
    """Snapshot amounts are strings of whole kronor."""
    return format_kronor(Decimal(value)) if value not in (None, "") else "–"


@register.filter
def status_label(code: str) -> str:
    return str(APPLICATION_WORKFLOW.states.get(code, code))
