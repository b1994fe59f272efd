"""Organisation numbers: ten digits with a Luhn check digit; municipalities' begin with 212000-."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from bidra.core.organisation_number import luhn_valid, normalise, validate_municipal_organisation_number


def test_known_numbers_are_valid():
    assert normalise("2021002247") == "202100-2247"  # Länsstyrelsen i Stockholms län
    assert normalise("212000-0142") == "212000-0142"  # Stockholms kommun


@pytest.mark.parametrize("value", ["202100-2248", "12345", "abcdef-ghij", "202100-22477"])
def test_invalid_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        normalise(value)


def test_a_municipality_number_must_begin_with_212000():
    validate_municipal_organisation_number("212000-0142")
    with pytest.raises(ValidationError, match="212000"):
        validate_municipal_organisation_number("202100-2247")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_makes_a_number_valid(body):
    valid = [digit for digit in "0123456789" if luhn_valid(body + digit)]
    assert len(valid) == 1
    normalise(body + valid[0])
