"""The steps of the application e-service, in order, and what each must contain.

The same list drives the progress indicator, the step views, the completeness check before
submission and the "check your answers" page.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str
    title: str | Promise
    required_fields: tuple[str, ...] = ()


STEPS = (
    Step("organisation", _("Förvaltning och kontaktperson"), ("administration", "contact_name", "contact_email")),
    Step("insatsen", _("Insatsen"), ("title", "summary", "purpose", "activities")),
    Step("omraden", _("Områden och målgrupper"), ("areas", "target_groups")),
    Step("forankring", _("Förankring, långsiktighet och samverkan"), ("roma_participation", "long_term_effects")),
    Step("budget", _("Period och budget"), ("period_start", "period_end", "requested_amount", "budget_lines")),
    Step("bilagor", _("Bilagor")),
)
STEP_SLUGS = tuple(step.slug for step in STEPS)


def step_by_slug(slug: str) -> Step:
    for step in STEPS:
        if step.slug == slug:
            return step
    raise KeyError(slug)


def next_slug(slug: str) -> str | None:
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[index + 1] if index + 1 < len(STEP_SLUGS) else None


def previous_slug(slug: str) -> str | None:
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[index - 1] if index > 0 else None
