"""Money over generated rounds: whole kronor everywhere, and no step creates or loses a krona.

From the allocation proposal through signed decisions to payment orders, and on to reclaims, the
figures must add up: grants within the budget, one payment order per grant of exactly the granted
amount, totals that balance, reclaims never above the grant. Amounts people type are either
understood as whole kronor or refused, never a crash.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.core.forms import KronorFormField
from bidra.core.money import format_kronor, whole_kronor
from bidra.decisions import services as decisions
from bidra.decisions.models import Outcome
from bidra.payments import services as payments
from bidra.payments.models import PaymentDetails, PaymentOrder
from bidra.programmes.models import Call
from bidra.reports import services as reports
from bidra.reports.models import Reclaim

from .decision_helpers import assessed_call
from .helpers import make_staff

DB_SETTINGS = settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
MUNICIPALITIES = ["0180", "1280", "2584", "0581", "1480", "2480"]  # different parts of the country

decimals = st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False)


@given(decimals)
def test_rounding_to_whole_kronor_is_half_up_and_at_most_half_a_krona_off(value):
    rounded = whole_kronor(value)
    assert rounded == rounded.to_integral_value()
    assert abs(rounded - value) <= Decimal("0.5")
    if abs(value - value.to_integral_value(rounding="ROUND_FLOOR")) == Decimal("0.5"):
        assert abs(rounded) > abs(value)  # a half goes away from zero, as Swedish rounding does


@given(decimals)
def test_formatted_amounts_are_whole_kronor_with_the_sign_kept(value):
    text = format_kronor(value)
    assert text.endswith("\u00a0kr")
    digits = text.removesuffix("\u00a0kr").lstrip("−").replace("\u202f", "")
    assert digits.isdigit()
    assert Decimal(digits) == abs(whole_kronor(value))
    assert text.startswith("−") == (whole_kronor(value) < 0)


@settings(max_examples=60)
@given(st.text(max_size=30))
def test_any_typed_amount_is_whole_non_negative_kronor_or_refused(typed):
    try:
        amount = KronorFormField(required=False).clean(typed)
    except forms.ValidationError:
        return
    assert amount is None or (isinstance(amount, Decimal) and amount >= 0 and amount == amount.to_integral_value())


@st.composite
def rounds(draw):
    """A call budget and two or three applicants: (municipality, requested whole kronor, score level)."""
    codes = draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=2, max_size=3, unique=True))
    applicants = [(code, draw(st.integers(10_000, 900_000)), draw(st.integers(1, 4))) for code in codes]
    budget = draw(st.integers(min_value=50_000, max_value=sum(a[1] for a in applicants) + 100_000))
    return Decimal(budget), applicants


def new_call(programme, budget: Decimal) -> Call:
    now = timezone.now()
    return Call.objects.create(
        programme=programme,
        title="Egenskapsomgång",
        slug="egenskapsomgang",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=30),
        budget=budget,
        period_start_earliest=date(now.year, 1, 1),
        period_end_latest=date(now.year + 1, 12, 31),
        report_due_date=date(now.year + 2, 3, 31),
    )


def sign_round(call: Call, applicants: list):
    applications, officer = assessed_call(call, applicants)
    proposal = allocation.run_proposal(
        call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    batch = decisions.draft_from_proposal(proposal, by=officer)
    decisions.sign_batch(batch, by=make_staff("beslut@lst.test", AgencyRole.DECISION_MAKER))
    return applications, officer, proposal, batch


@pytest.mark.django_db
@DB_SETTINGS
@given(round_=rounds(), pay=st.lists(st.booleans(), min_size=3, max_size=3))
def test_a_signed_round_adds_up_from_budget_to_payments(programme, round_, pay):
    budget, applicants = round_
    with transaction.atomic():
        call = new_call(programme, budget)
        applications, _officer, proposal, batch = sign_round(call, applicants)
        requested = {a.pk: a.requested_amount for a in applications}
        minimum = {a.pk: a.minimum_amount for a in applications}
        decided = list(batch.decisions.select_related("application"))

        # the decisions are the proposal, in whole kronor, each within what was asked for
        assert {d.application_id: d.amount for d in decided} == {
            int(k): Decimal(v) for k, v in proposal.amounts.items()
        }
        granted = [d for d in decided if d.outcome != Outcome.REFUSED]
        for decision in decided:
            assert decision.amount == whole_kronor(decision.amount)
            if decision.outcome == Outcome.REFUSED:
                assert decision.amount == 0
            else:
                assert minimum[decision.application_id] <= decision.amount <= requested[decision.application_id]
        assert sum(d.amount for d in granted) <= budget

        # one payment order per grant, of exactly the granted amount
        orders = list(PaymentOrder.objects.filter(call=call))
        assert sorted((o.decision_id, o.amount) for o in orders) == sorted((d.pk, d.amount) for d in granted)

        # finance pays some of them; the totals balance whatever was paid
        finance = make_staff("ekonomi@lst.test", AgencyRole.FINANCE)
        for application in applications:
            PaymentDetails.objects.get_or_create(
                municipality=application.municipality, defaults={"bankgiro": "5050-1055"}
            )
        paid = Decimal(0)
        for order, pays in zip(orders, pay, strict=False):
            if pays:
                payments.mark_paid(payments.approve(order, by=finance), by=finance)
                paid += order.amount
        figures = payments.totals(call)
        assert figures.granted == sum(d.amount for d in granted)
        assert figures.paid == paid <= figures.granted
        assert figures.paid + figures.unpaid == figures.granted
        assert figures.left == budget - figures.granted >= 0
        transaction.set_rollback(True)


@pytest.fixture
def one_grant(programme):
    call = new_call(programme, Decimal(1_000_000))
    _applications, officer, _proposal, batch = sign_round(call, [("0180", 400_000, 4)])
    return batch.decisions.get(), officer


@pytest.mark.django_db
@settings(DB_SETTINGS, max_examples=20)
@given(attempts=st.lists(st.integers(min_value=-1000, max_value=500_000), max_size=6))
def test_reclaims_together_never_exceed_the_grant(one_grant, attempts):
    """A proposal is refused exactly when it is not positive or would take the total above the grant."""
    decision, officer = one_grant
    with transaction.atomic():
        total = Decimal(0)
        for attempt in attempts:
            amount = Decimal(attempt)
            fits = amount > 0 and total + amount <= decision.amount
            try:
                reports.propose_reclaim(
                    decision, by=officer, reasons="Otillåtna kostnader.", repay_by=date(2030, 1, 31), amount=amount
                )
            except ValidationError:
                assert not fits
            else:
                assert fits
                total += amount
            assert sum(r.amount for r in Reclaim.objects.filter(decision=decision)) == total <= decision.amount
        transaction.set_rollback(True)
