"""Swedish organisation numbers (organisationsnummer): format and Luhn check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PATTERN = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the others (10-digit form)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise(value: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise ValidationError."""
    match = _PATTERN.match(value.strip().replace(" ", ""))
    if not match:
        raise ValidationError(_("Ange organisationsnumret som tio siffror, till exempel 212000-0142."), code="format")
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(_("Organisationsnumret är inte giltigt (kontrollsiffran stämmer inte)."), code="luhn")
    return f"{digits[:6]}-{digits[6:]}"


def validate_organisation_number(value: str) -> None:
    normalise(value)


def validate_municipal_organisation_number(value: str) -> None:
    """Every Swedish municipality's organisation number begins with 212000-."""
    if not normalise(value).startswith("212000-"):
        raise ValidationError(_("En kommuns organisationsnummer börjar med 212000-."), code="not_municipal")
