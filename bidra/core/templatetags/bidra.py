"""Template filters used across Bidra."""

from django import template

from bidra.core.localized import localized as _localized
from bidra.core.money import format_kronor

register = template.Library()


@register.filter
def kronor(value):
    return format_kronor(value)


@register.filter
def localized(obj, field: str) -> str:
    return _localized(obj, field)


@register.simple_tag
def errors_of(*forms):
    """The forms (and formset forms) that have errors, for the error summary."""
    found = []
    for item in forms:
        if item is None:
            continue
        if hasattr(item, "forms"):
            if item.non_form_errors():
                found.append(None)
            found.extend(form for form in item.forms if form.errors)
        elif item.errors:
            found.append(item)
    return found
