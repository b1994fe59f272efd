"""Money is whole kronor as Decimal; people may write amounts with spaces and 'kr'."""

from decimal import Decimal

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from bidra.core.forms import KronorFormField
from bidra.core.money import format_kronor


@pytest.mark.parametrize(
    ("typed", "value"),
    [("150 000", 150000), ("150000 kr", 150000), ("1 500 000:-", 1500000), ("25\u00a0000", 25000), ("300,00", 300)],
)
def test_amounts_as_people_write_them(typed, value):
    assert KronorFormField().clean(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["12,5", "tio", "1e6", "-5"])
def test_amounts_that_are_not_whole_non_negative_kronor_are_refused(typed):
    with pytest.raises(forms.ValidationError):
        KronorFormField().clean(typed)


@given(st.integers(min_value=0, max_value=10**13))
def test_formatting_and_parsing_round_trip(amount):
    formatted = format_kronor(Decimal(amount))
    assert KronorFormField().clean(formatted) == Decimal(amount)
    assert isinstance(KronorFormField().clean(str(amount)), Decimal)


def test_formatting_uses_swedish_grouping():
    assert format_kronor(Decimal(8650000)) == "8\u202f650\u202f000\u00a0kr"
    assert format_kronor(None) == "–"
