"""Screening over any application data: a result for every check, never an exception, and reasons
that say the same thing as the outcome.

tests/test_screening_rules.py checks each rule over plausible applications; here the input is
anything the database can hold (amounts in whole kronor, since the fields have no decimals), with
call windows, limits and areas generated too, and an application from the database is screened as
the submission does it.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bidra.applications import screening
from bidra.applications import services as applications
from bidra.applications.models import BudgetLine

from .helpers import fill_complete, start_draft

kronor = st.integers(min_value=0, max_value=10**14 - 1).map(Decimal)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
codes = st.text(min_size=1, max_size=12)


@st.composite
def any_input(draw) -> screening.ScreeningInput:
    return screening.ScreeningInput(
        applicant_is_municipality=draw(st.booleans()),
        submitter_has_membership=draw(st.booleans()),
        area_codes=tuple(draw(st.lists(codes, max_size=5))),
        allowed_area_codes=frozenset(draw(st.lists(codes, max_size=5))),
        requested_amount=draw(st.one_of(st.none(), kronor)),
        call_budget=draw(kronor),
        period_start=draw(st.one_of(st.none(), dates)),
        period_end=draw(st.one_of(st.none(), dates)),
        earliest_start=draw(dates),
        latest_end=draw(dates),
        max_period_months=draw(st.integers(min_value=0, max_value=600)),
        budget_line_amounts=tuple(draw(st.lists(kronor, max_size=8))),
    )


# The sentences that explain a pass, per check; every other sentence explains a failure.
PASS_WORDS = {
    screening.APPLICANT: "hade behörighet",
    screening.AREAS: "ingår i programmet.",
    screening.AMOUNT: "ryms i budgeten",
    screening.PERIOD: "ligger inom",
    screening.BUDGET_SUM: "lika med sökt belopp",
}
FAIL_WORDS = {
    screening.APPLICANT: ("inte en kommun", "saknade behörighet"),
    screening.AREAS: ("Inget område", "inte ingår i programmet"),
    screening.AMOUNT: ("Inget belopp", "är noll eller större än budgeten"),
    screening.PERIOD: ("inte angiven", "ligger inte inom"),
    screening.BUDGET_SUM: ("Inget sökt belopp", "Inga budgetrader", " men sökt belopp är "),
}


def explained(results: list[screening.CheckResult]) -> dict[str, tuple[str, str]]:
    with translation.override("sv"):
        return {r.code: (r.outcome, screening.reason(r.code, r.outcome, r.params)) for r in results}


@given(any_input())
def test_any_input_gets_every_check_once_and_an_overall_outcome(data):
    results = screening.screen(data)
    assert [r.code for r in results] == list(screening.ORDER)
    assert {r.outcome for r in results} <= {screening.PASSED, screening.FAILED, screening.PENDING}
    assert screening.overall(results) in (screening.PASSED, screening.FAILED)
    for language in ("sv", "en"):
        with translation.override(language):
            assert all(screening.reason(r.code, r.outcome, r.params) for r in results)
            assert all(screening.title(r.code) != r.code for r in results)


@given(any_input())
def test_each_reason_says_what_the_outcome_says(data):
    for code, (outcome, reason) in explained(screening.screen(data)).items():
        if code == screening.STATUTORY_DUTY:
            assert outcome == screening.PENDING and "Manuell kontroll" in reason
        elif outcome == screening.PASSED:
            assert PASS_WORDS[code] in reason, (code, reason)
        else:
            assert any(words in reason for words in FAIL_WORDS[code]), (code, reason)
            assert PASS_WORDS[code] not in reason.replace("inte ingår", "").replace("inte inom", ""), (code, reason)


@given(any_input())
@example(
    screening.ScreeningInput(
        applicant_is_municipality=True,
        submitter_has_membership=True,
        area_codes=("utbildning",),
        allowed_area_codes=frozenset({"utbildning"}),
        requested_amount=Decimal(0),
        call_budget=Decimal(100),
        period_start=None,
        period_end=None,
        earliest_start=date(2024, 1, 1),
        latest_end=date(2025, 12, 31),
        max_period_months=24,
        budget_line_amounts=(),
    )
)
def test_a_failed_budget_sum_never_blames_figures_that_agree(data):
    """'The lines sum to 0 kr but the request is 0 kr' would send the officer looking for nothing."""
    outcome, reason = explained(screening.screen(data))[screening.BUDGET_SUM]
    if outcome == screening.FAILED and " men sökt belopp är " in reason:
        total, requested = reason.removeprefix("Budgetraderna summerar till ").rstrip(".").split(" men sökt belopp är ")
        assert total != requested, reason


@given(any_input())
def test_the_recorded_figures_are_the_inputs(data):
    by_code = {r.code: r.params for r in screening.screen(data)}
    requested = str(data.requested_amount) if data.requested_amount is not None else None
    assert by_code[screening.AMOUNT]["requested"] == requested
    assert by_code[screening.BUDGET_SUM]["total"] == str(sum(data.budget_line_amounts, Decimal(0)))
    assert by_code[screening.AREAS]["not_allowed"] == sorted(set(data.area_codes) - data.allowed_area_codes)


@pytest.mark.django_db
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    requested=st.one_of(st.none(), kronor.filter(lambda k: k < 10**12)),
    lines=st.lists(kronor.filter(lambda k: k < 10**12), max_size=4),
    start=st.one_of(st.none(), dates),
    length=st.integers(min_value=0, max_value=2000),  # the database refuses an end before the start
)
def test_a_stored_application_is_screened_without_surprises(
    open_call, stockholm_user, malmo_user, requested, lines, start, length
):
    with transaction.atomic():
        draft = fill_complete(start_draft(open_call, stockholm_user))
        draft.requested_amount = requested
        draft.period_start = start
        draft.period_end = start + timedelta(days=length) if start else None
        draft.save()
        draft.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(application=draft, category="personnel", description="Rad", amount=amount) for amount in lines
        )
        for submitter in (stockholm_user, malmo_user):
            results = screening.screen(applications.screening_input(draft, submitter=submitter))
            outcomes = {code: outcome for code, (outcome, _reason) in explained(results).items()}
            assert (outcomes[screening.APPLICANT] == screening.PASSED) == (submitter == stockholm_user)
            budget_ok = bool(lines) and requested is not None and sum(lines) == requested
            assert (outcomes[screening.BUDGET_SUM] == screening.PASSED) == budget_ok
        transaction.set_rollback(True)
