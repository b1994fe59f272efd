"""Binding, validating and saving one step of a draft, never losing what the user typed.

A step is a main form and, for some steps, a formset of rows. When a step does not validate,
the valid answers are saved and the raw input of the whole step is kept in
``Application.draft_inputs`` until it is corrected, so nothing typed is lost.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.forms import BaseFormSet, Form
from django.http import QueryDict

from bidra.audit.events import record
from bidra.core import draft_input

from .forms import (
    AreasForm,
    BudgetForm,
    BudgetLineFormSet,
    CoActorFormSet,
    OrganisationForm,
    ParticipationForm,
    ProjectForm,
)
from .models import Application
from .services import touch

STEP_FORMS: dict[str, tuple[type[Form], Any]] = {
    "organisation": (OrganisationForm, None),
    "insatsen": (ProjectForm, None),
    "omraden": (AreasForm, None),
    "forankring": (ParticipationForm, CoActorFormSet),
    "budget": (BudgetForm, BudgetLineFormSet),
}
FORMSET_PREFIX = "rows"


@dataclass
class BoundStep:
    form: Any
    formset: BaseFormSet | None

    def is_valid(self) -> bool:
        form_ok = self.form.is_valid()
        formset_ok = self.formset.is_valid() if self.formset is not None else True
        return form_ok and formset_ok

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or bool(self.formset is not None and (self.formset.total_error_count()))


def bind(application: Application, slug: str, data: QueryDict | None = None, extra_rows: int = 0) -> BoundStep:
    """Forms for a step: bound to posted data, to kept raw input, or unbound on the saved draft."""
    form_class, formset_class = STEP_FORMS[slug]
    if data is None and slug in application.draft_inputs:
        data = draft_input.restored(application.draft_inputs[slug])
    form = form_class(data=data, instance=application)
    formset = None
    if formset_class is not None:
        formset = formset_class(data=data, instance=application, prefix=FORMSET_PREFIX, extra_rows=extra_rows)
    return BoundStep(form, formset)


def save(application: Application, slug: str, step: BoundStep, data: QueryDict, *, by: Any) -> bool:
    """Save what validates; keep the raw input if anything does not. Returns True when all was valid."""
    valid = step.is_valid()
    inputs = dict(application.draft_inputs)
    with transaction.atomic():
        if valid:
            step.form.save()
            if step.formset is not None:
                step.formset.save()
            inputs.pop(slug, None)
        else:
            _save_valid_fields(application, step.form)
            inputs[slug] = draft_input.kept(data)
        touch(application, step=slug, draft_inputs=inputs)
        application.save()
        record("application.draft_saved", actor=by, target=application, data={"step": slug, "complete": valid})
    return valid


def _save_valid_fields(application: Application, form: Any) -> None:
    for name, value in form.cleaned_data.items():
        if name in form.errors or name not in form.fields:
            continue
        field = application._meta.get_field(name)
        if field.many_to_many:
            getattr(application, name).set(value)
        else:
            setattr(application, name, value)


def discard_pending(application: Application, slug: str) -> None:
    inputs = dict(application.draft_inputs)
    inputs.pop(slug, None)
    application.draft_inputs = inputs
