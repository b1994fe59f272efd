"""Template filters used across Bidra."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


@register.filter
def moment(value) -> str:
    """A point in time in Stockholm time, as a reader of the language writes it: '15 april 2024 kl. 23.59'."""
    if not value:
        return "–"
    local = timezone.localtime(value)
    clock = local.strftime("%H:%M" if (get_language() or "sv").startswith("en") else "%H.%M")
    return _("%(date)s kl. %(time)s") % {"date": date_format(local, "j F Y"), "time": clock}
