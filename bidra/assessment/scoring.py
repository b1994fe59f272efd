"""Weighted scores: one assessor's weighted mean over the scored criteria, and the case's mean."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def weighted_mean(scores: Iterable[tuple[Decimal, int]]) -> Decimal | None:
    """(weight, value) pairs -> Σ w·v / Σ w, rounded to two decimals; None without weight."""
    pairs = [(Decimal(weight), Decimal(value)) for weight, value in scores]
    total_weight = sum((weight for weight, _ in pairs), Decimal(0))
    if total_weight == 0:
        return None
    total = sum((weight * value for weight, value in pairs), Decimal(0))
    return (total / total_weight).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    if not present:
        return None
    return (sum(present, Decimal(0)) / len(present)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
