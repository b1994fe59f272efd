"""Money in whole Swedish kronor: Decimal in the database and in code, never float."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator
from django.db import models

KRONOR_DIGITS = 14


class KronorField(models.DecimalField):
    """A non-negative amount in whole kronor."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", KRONOR_DIGITS)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("validators", [MinValueValidator(Decimal(0))])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, default in (("max_digits", KRONOR_DIGITS), ("decimal_places", 0)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        kwargs.pop("validators", None)
        return name, path, args, kwargs


def whole_kronor(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def format_kronor(value: Decimal | int | None) -> str:
    """1234567 -> '1 234 567 kr' with a narrow no-break space as Swedish typography wants."""
    if value is None:
        return "–"
    amount = whole_kronor(value)
    sign = "−" if amount < 0 else ""
    grouped = f"{abs(int(amount)):,}".replace(",", "\u202f")
    return f"{sign}{grouped}\u00a0kr"
