"""Allocation proposals in Bidra: versions, greedy comparison, explanations, adjustments, leftover."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bidra.allocation import services
from bidra.allocation.models import Proposal
from bidra.programmes.models import Call

from .decision_helpers import assessed_call


@pytest.fixture
def assessed(open_call):
    open_call.budget = Decimal(600_000)
    open_call.save()
    return assessed_call(open_call)


@pytest.mark.django_db
def test_a_proposal_is_saved_with_its_inputs_result_and_baseline(open_call, assessed):
    applications, officer = assessed
    proposal = services.run_proposal(open_call, by=officer, choices=services.RulesInput())
    assert proposal.version == 1 and proposal.kind == "optimised"
    assert {c["id"] for c in proposal.candidates} == {str(a.pk) for a in applications}
    assert proposal.result["status"] == "optimal"
    assert sum(int(a) for a in proposal.amounts.values()) <= 600_000
    # Each national area with an application gets a grant (the rule is on by default).
    funded_areas = {c["national_area"] for c in proposal.candidates if int(proposal.amounts[c["id"]]) > 0}
    assert funded_areas == {"east", "south", "north"}
    assert set(proposal.result["explanations"]) == set(proposal.amounts)
    assert proposal.greedy["summary"]["method"] == "greedy"
    assert proposal.result["summary"]["total_value"] >= 0


@pytest.mark.django_db
def test_infeasible_rules_are_reported_not_crashed(open_call, assessed):
    applications, officer = assessed
    locks = frozenset(str(a.pk) for a in applications)  # all three, even reduced: 540 000 kr > 500 000 kr
    choices = services.RulesInput(must_fund=locks, budget=500_000)
    proposal = services.run_proposal(open_call, by=officer, choices=choices)
    assert proposal.result["status"] == "infeasible"
    assert {c["kind"] for c in proposal.result["conflicts"]} >= {"budget", "must_fund"}


@pytest.mark.django_db
def test_the_proposal_page_shows_both_allocations_and_explanations(client, open_call, assessed):
    _applications, officer = assessed
    proposal = services.run_proposal(open_call, by=officer, choices=services.RulesInput())
    client.force_login(officer)
    page = client.get(f"/handlaggning/fordelning/{open_call.slug}/").content.decode()
    assert "Rangordning" in page and "Samlat värde" in page
    assert "Behövs för att uppfylla" in page or "Skulle beviljas" in page
    assert f"?v={proposal.version}" in page


@pytest.mark.django_db
def test_an_adjustment_is_a_new_version_with_a_reason(open_call, assessed):
    applications, officer = assessed
    proposal = services.run_proposal(
        open_call, by=officer, choices=services.RulesInput(require_each_national_area=False)
    )
    amounts = {cid: 0 for cid in proposal.amounts}
    first = str(applications[0].pk)
    amounts[first] = int(applications[0].requested_amount)
    with pytest.raises(ValidationError):
        services.adjust(proposal, by=officer, amounts=amounts, note="")
    adjusted = services.adjust(proposal, by=officer, amounts=amounts, note="Bara Stockholm i år.")
    assert (adjusted.version, adjusted.kind, adjusted.based_on) == (2, "adjusted", proposal)
    assert Proposal.objects.get(pk=proposal.pk).amounts == proposal.amounts  # the old version is untouched
    assert {c["kind"] for c in adjusted.result["violations"]} == set()  # the spread rule was off


@pytest.mark.django_db
def test_an_adjustment_may_not_exceed_the_budget_or_the_request(open_call, assessed):
    applications, officer = assessed
    proposal = services.run_proposal(open_call, by=officer, choices=services.RulesInput())
    too_much = {str(a.pk): int(a.requested_amount) for a in applications}
    with pytest.raises(ValidationError, match="budgeten"):
        services.adjust(proposal, by=officer, amounts=too_much, note="x")
    with pytest.raises(ValidationError):
        services.adjust(proposal, by=officer, amounts={str(applications[0].pk): 10**9}, note="x")


@pytest.mark.django_db
def test_only_case_officers_propose(open_call, assessed, analyst):
    with pytest.raises(PermissionDenied):
        services.run_proposal(open_call, by=analyst, choices=services.RulesInput())


@pytest.mark.django_db
def test_money_left_is_carried_to_the_follow_up_round_once(open_call, assessed):
    _applications, officer = assessed
    autumn = Call.objects.create(
        programme=open_call.programme,
        title="Höst",
        slug="host",
        follow_up_of=open_call,
        opens_at=open_call.closes_at + timedelta(days=30),
        closes_at=open_call.closes_at + timedelta(days=60),
        budget=Decimal(0),
        period_start_earliest=open_call.period_start_earliest,
        period_end_latest=open_call.period_end_latest,
        report_due_date=open_call.report_due_date,
    )
    full = services.run_proposal(open_call, by=officer, choices=services.RulesInput())
    assert services.money_left(full) == 0  # 900 000 kr sought, 600 000 kr to give: nothing to carry
    with pytest.raises(ValidationError):
        services.carry_leftover(full, by=officer)
    open_call.budget = Decimal(1_000_000)
    open_call.save()
    proposal = services.run_proposal(open_call, by=officer, choices=services.RulesInput())
    left = services.money_left(proposal)
    assert left == 100_000
    services.carry_leftover(proposal, by=officer)
    autumn.refresh_from_db()
    assert autumn.budget == left
    with pytest.raises(ValidationError):
        services.carry_leftover(proposal, by=officer)
