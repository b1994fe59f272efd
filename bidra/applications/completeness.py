"""Is a draft complete enough to be submitted? A plain function over the draft."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Application
from .steps import STEPS


@dataclass(frozen=True)
class Missing:
    step: str
    field: str
    message: str


def _is_empty(application: Application, field: str) -> bool:
    if field == "areas":
        return not application.areas.exists()
    if field == "budget_lines":
        return not application.budget_lines.exists()
    value = getattr(application, field)
    return value is None or value == "" or value == []


def missing_answers(application: Application) -> list[Missing]:
    """What must be filled in or corrected before the application can be sent."""
    missing = []
    for step in STEPS:
        if step.slug in application.draft_inputs:
            missing.append(Missing(step.slug, "", _("Steget har uppgifter som behöver rättas.")))
        for field in step.required_fields:
            if _is_empty(application, field):
                missing.append(Missing(step.slug, field, _("Uppgift saknas: %(field)s") % {"field": _label(field)}))
    return missing


def _label(field: str) -> str:
    if field == "budget_lines":
        return _("minst en budgetrad")
    return str(getattr(Application._meta.get_field(field), "verbose_name", field))
