"""The screening rules as pure functions, checked over many generated applications."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bidra.applications import screening

AREAS = frozenset({"utbildning", "arbete", "bostad"})
amounts = st.integers(min_value=0, max_value=20_000_000).map(Decimal)


@st.composite
def inputs(draw):
    start = draw(st.one_of(st.none(), st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))))
    length = draw(st.integers(min_value=-30, max_value=1200))
    return screening.ScreeningInput(
        applicant_is_municipality=draw(st.booleans()),
        submitter_has_membership=draw(st.booleans()),
        area_codes=tuple(draw(st.lists(st.sampled_from([*sorted(AREAS), "halsa"]), max_size=4))),
        allowed_area_codes=AREAS,
        requested_amount=draw(st.one_of(st.none(), amounts)),
        call_budget=Decimal(8_650_000),
        period_start=start,
        period_end=start + timedelta(days=length) if start else None,
        earliest_start=date(2024, 1, 1),
        latest_end=date(2025, 12, 31),
        max_period_months=24,
        budget_line_amounts=tuple(draw(st.lists(amounts, max_size=6))),
    )


@given(inputs())
def test_every_check_is_reported_once_with_a_reason(data):
    results = screening.screen(data)
    assert [r.code for r in results] == list(screening.ORDER)
    for result in results:
        assert screening.reason(result.code, result.outcome, result.params)
        assert screening.title(result.code) != result.code


@given(inputs())
def test_budget_check_passes_exactly_when_the_lines_sum_to_the_request(data):
    result = {r.code: r for r in screening.screen(data)}[screening.BUDGET_SUM]
    expected = bool(data.budget_line_amounts) and sum(data.budget_line_amounts) == data.requested_amount
    assert result.passed == expected


@given(inputs())
def test_amount_check_passes_exactly_inside_the_budget(data):
    result = {r.code: r for r in screening.screen(data)}[screening.AMOUNT]
    amount = data.requested_amount
    assert result.passed == (amount is not None and 0 < amount <= data.call_budget)


@given(inputs())
def test_a_period_that_passes_is_inside_the_limits(data):
    result = {r.code: r for r in screening.screen(data)}[screening.PERIOD]
    if result.passed:
        assert data.earliest_start <= data.period_start <= data.period_end <= data.latest_end
        assert screening.months_between(data.period_start, data.period_end) <= 24


def test_months_are_counted_as_calendar_months_started():
    assert screening.months_between(date(2024, 1, 1), date(2024, 12, 31)) == 12
    assert screening.months_between(date(2024, 1, 31), date(2024, 2, 1)) == 2
    assert screening.months_between(date(2024, 1, 1), date(2025, 12, 31)) == 24


@given(inputs())
def test_overall_fails_if_and_only_if_an_automatic_check_fails(data):
    results = screening.screen(data)
    assert (screening.overall(results) == screening.FAILED) == any(r.outcome == screening.FAILED for r in results)
    assert {r.code for r in results if r.outcome == screening.PENDING} == {screening.STATUTORY_DUTY}
