"""Bankgiro numbers: seven or eight digits, the last a Luhn (mod 10) check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bidra.core.organisation_number import luhn_valid

_PATTERN = re.compile(r"^(\d{3,4})-?(\d{4})$")


def normalise_bankgiro(value: str) -> str:
    match = _PATTERN.match(value.strip().replace(" ", ""))
    if not match:
        raise ValidationError(_("Ange bankgironumret som 7 eller 8 siffror, till exempel 5050-1055."), code="format")
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(_("Bankgironumret är inte giltigt (kontrollsiffran stämmer inte)."), code="luhn")
    return f"{match.group(1)}-{match.group(2)}"


def validate_bankgiro(value: str) -> None:
    normalise_bankgiro(value)
