"""The allocation optimiser (pure Python + HiGHS): exact against brute force, never worse than the by-hand
greedy baseline, rules always honoured, infeasibility explained, explanations verified by re-solving.

No database: these tests use neither the ``db`` fixture nor Django models.
"""

import random
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bidra.allocation.brute_force import brute_force
from bidra.allocation.optimiser import (
    KINDS,
    Allocation,
    Candidate,
    Conflict,
    Rules,
    _Problem,
    _run,
    compare,
    explain,
    greedy,
    solve,
    summary,
    value,
    violations,
)

NORTH, EAST, SOUTH = "Norra Sverige", "Östra Sverige", "Södra Sverige"
AREAS = (NORTH, EAST, SOUTH)
SKR = ("A1", "A2", "B3", "B4", "B5", "C6", "C7", "C8", "C9")
ROOT = Path(__file__).resolve().parent.parent

# Hypothesis and pytest-django's function-scoped autouse fixtures: harmless here (nothing is shared).
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def app(
    id: str,
    score: float,
    requested: int,
    minimum: int | None = None,
    *,
    municipality: str | None = None,
    area: str = SOUTH,
    skr: str = "B3",
    women_children: bool = False,
    long_term: float = 0.0,
) -> Candidate:
    return Candidate(
        id=id,
        score=score,
        requested=requested,
        minimum=minimum,
        municipality=municipality or f"m-{id}",
        county="län",
        national_area=area,
        skr_group=skr,
        involves_women_children=women_children,
        long_term_score=long_term,
    )


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


# ---------------------------------------------------------------------------------------------------------------
# Random instances
# ---------------------------------------------------------------------------------------------------------------


def random_candidates(rng: random.Random, n: int) -> list[Candidate]:
    # Fewer municipalities than applications, so that several come from the same one; each municipality
    # lies in one national area, as in reality.
    municipalities = [(f"m{j}", rng.choice(AREAS), rng.choice(SKR)) for j in range(rng.randint(1, max(1, n // 2)))]
    candidates = []
    for i in range(n):
        municipality, area, skr = rng.choice(municipalities)
        requested = rng.choice([rng.randrange(10, 300) * 1000, rng.randint(1000, 300_000)])
        minimum = None if rng.random() < 0.6 else rng.randint(1, requested)
        score = rng.choice([rng.randint(0, 8) / 2, round(rng.uniform(0, 4), 2)])  # ties are common in practice
        candidates.append(
            app(
                f"c{i:02d}",
                score,
                requested,
                minimum,
                municipality=municipality,
                area=area,
                skr=skr,
                women_children=rng.random() < 0.4,
                long_term=rng.choice([0, 1, 2, 3, 4, round(rng.uniform(0, 4), 2)]),
            )
        )
    return candidates


def random_rules(rng: random.Random, candidates: list[Candidate], *, spread: bool = True) -> Rules:
    total = sum(c.requested for c in candidates)
    ids = [c.id for c in candidates]
    locks = rng.sample(ids, min(len(ids), rng.choice([0, 0, 1, 2, 3])))
    locked_in = rng.randint(0, len(locks)) if spread else 0
    return Rules(
        budget=int(total * rng.uniform(0.05, 0.9)),
        min_score=rng.choice([0, 0, 1.0, 2.0]),
        require_each_national_area=spread and rng.random() < 0.6,
        min_skr_main_groups=rng.choice([0, 0, 1, 2, 3]) if spread else 0,
        max_share_per_municipality=rng.choice([None, None, 0.2, 0.35, 0.5]) if spread else None,
        must_fund=frozenset(locks[:locked_in]),
        must_not_fund=frozenset(locks[locked_in:]),
        women_children_bonus=rng.choice([0, 0.5]),
        long_term_weight=rng.choice([0, 0.25]),
        full_funding_share=rng.choice([0.0, 0.5, 0.5, 1.0, round(rng.random(), 2)]),
    )


def size_for(seed: int) -> int:
    """150 instances: 140 of 1–12 candidates, then 13, 14, 15, 16, 16, 17, 17, 18, 18, 18."""
    if seed < 140:
        return 1 + seed % 12
    return (13, 14, 15, 16, 16, 17, 17, 18, 18, 18)[seed - 140]


@pytest.mark.parametrize("seed", range(150))
def test_optimiser_equals_brute_force(seed):
    rng = random.Random(seed)
    candidates = random_candidates(rng, size_for(seed))
    rules = random_rules(rng, candidates)
    if len(candidates) >= 16:  # big enough to matter: a generous budget and no locks, so little is cut off early
        total = sum(c.requested for c in candidates)
        rules = replace(rules, budget=int(total * rng.uniform(0.35, 0.6)), must_fund=frozenset(), min_score=0)

    reference = brute_force(candidates, rules)
    result = solve(candidates, rules)

    assert (result.status == "infeasible") == (not reference.feasible)
    if reference.feasible:
        assert result.status == "optimal"
        assert close(result.objective, reference.objective), (result.objective, reference.objective)
        assert violations(candidates, rules, result.amounts) == ()
        assert close(value(candidates, rules, result.amounts), result.objective)
    else:
        assert result.conflicts


def test_the_random_instances_cover_both_outcomes_and_the_rules():
    outcomes = {True: 0, False: 0}
    for seed in range(150):
        rng = random.Random(seed)
        candidates = random_candidates(rng, size_for(seed))
        rules = random_rules(rng, candidates)
        outcomes[brute_force(candidates, rules).feasible] += 1 if size_for(seed) <= 12 else 0
    assert outcomes[True] >= 60
    assert outcomes[False] >= 15


# ---------------------------------------------------------------------------------------------------------------
# Never worse than the by-hand greedy baseline
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(60))
def test_never_worse_than_greedy_without_spread_rules(seed):
    rng = random.Random(10_000 + seed)
    candidates = random_candidates(rng, rng.randint(1, 30))
    rules = random_rules(rng, candidates, spread=False)
    optimised, baseline = solve(candidates, rules), greedy(candidates, rules)
    assert optimised.status == "optimal"
    assert violations(candidates, rules, baseline.amounts) == ()
    assert optimised.objective >= baseline.objective - 1e-9


@pytest.mark.parametrize("seed", range(60))
def test_never_worse_than_greedy_when_greedy_happens_to_obey_the_rules(seed):
    rng = random.Random(20_000 + seed)
    candidates = random_candidates(rng, rng.randint(1, 30))
    rules = random_rules(rng, candidates)
    optimised, baseline = solve(candidates, rules), greedy(candidates, rules)
    if violations(candidates, rules, baseline.amounts) == ():
        assert optimised.status == "optimal"
        assert optimised.objective >= baseline.objective - 1e-9
    else:
        assert optimised.status in ("optimal", "infeasible")


def test_greedy_ranks_by_score_and_skips_what_does_not_fit():
    candidates = [
        app("a", 4.0, 600_000),
        app("b", 3.5, 500_000),  # does not fit after a
        app("c", 3.0, 300_000),
        app("d", 3.0, 100_000),  # same score as c, smaller request: before c
        app("e", 0.5, 50_000),  # below the minimum score
    ]
    result = greedy(candidates, Rules(budget=1_000_000, min_score=1.0))
    assert result.amounts == {"a": 600_000, "b": 0, "c": 300_000, "d": 100_000, "e": 0}
    assert result.status == "heuristic" and result.method == "greedy"
    assert close(result.objective, value(candidates, Rules(budget=1_000_000), result.amounts))


# ---------------------------------------------------------------------------------------------------------------
# Invariants (Hypothesis)
# ---------------------------------------------------------------------------------------------------------------


@st.composite
def instances(draw, max_size: int = 9, hard: bool = False):
    n = draw(st.integers(1, max_size))
    places = draw(
        st.lists(st.tuples(st.sampled_from(AREAS), st.sampled_from(SKR)), min_size=1, max_size=max(1, n // 2 + 1))
    )
    candidates = []
    for i in range(n):
        area, skr = places[draw(st.integers(0, len(places) - 1))]
        municipality = f"m{places.index((area, skr))}"
        requested = draw(st.integers(1, 400_000))
        minimum = draw(st.one_of(st.none(), st.integers(1, requested)))
        score = draw(st.one_of(st.sampled_from([0, 1, 1.5, 2, 2.5, 3, 4]), st.floats(0, 4)))
        candidates.append(
            app(
                f"c{i}",
                score,
                requested,
                minimum,
                municipality=municipality,
                area=area,
                skr=skr,
                women_children=draw(st.booleans()),
                long_term=draw(st.floats(0, 4)),
            )
        )
    total = sum(c.requested for c in candidates)
    ids = [c.id for c in candidates]
    min_score = draw(st.sampled_from([0, 1, 2, 3]))
    must_fund = draw(st.sets(st.sampled_from(ids), max_size=n if hard else 1))
    must_not_fund = draw(st.sets(st.sampled_from(ids), max_size=2)) - must_fund
    present = sorted({c.national_area for c in candidates})
    if hard:
        budget = draw(st.integers(0, total // 3))
        area_shares = draw(st.one_of(st.none(), st.dictionaries(st.sampled_from(AREAS), st.floats(0, 0.5), max_size=2)))
        groups = draw(st.integers(0, 4))
        cap = draw(st.one_of(st.none(), st.floats(0.05, 1)))
    else:  # mostly satisfiable rules, so that the invariants are exercised on real allocations
        must_fund = {i for i in must_fund if next(c for c in candidates if c.id == i).score >= min_score}
        budget = draw(st.integers(total // 4, total))
        area_shares = draw(
            st.one_of(st.none(), st.dictionaries(st.sampled_from(present), st.floats(0, 0.1), max_size=2))
        )
        groups = draw(st.sampled_from([0, 0, 0, 1, 2]))
        cap = draw(st.one_of(st.none(), st.floats(0.3, 1)))
    rules = Rules(
        budget=budget,
        min_score=min_score,
        require_each_national_area=draw(st.booleans()),
        min_share_per_national_area=area_shares,
        min_skr_main_groups=groups,
        max_share_per_municipality=cap,
        must_fund=frozenset(must_fund),
        must_not_fund=frozenset(must_not_fund),
        full_funding_share=draw(st.floats(0, 1)),
    )
    return candidates, rules


def assert_minimal_conflict(candidates: list[Candidate], rules: Rules, conflicts: tuple[Conflict, ...]) -> None:
    """The named groups together are infeasible, and dropping any one of them makes the rest feasible."""
    problem = _Problem(candidates, rules)
    assert set(conflicts) <= set(problem.groups)
    assert _run(problem, active=frozenset(conflicts), objective=False, time_limit=10).status == "infeasible"
    for conflict in conflicts:
        rest = frozenset(conflicts) - {conflict}
        assert _run(problem, active=rest, objective=False, time_limit=10).status != "infeasible", conflict


@PROPERTY
@given(instances())
def test_invariants_hold_for_every_allocation(instance):
    candidates, rules = instance
    result = solve(candidates, rules)
    event(result.status)
    assert result.status in ("optimal", "infeasible")
    assert set(result.amounts) == {c.id for c in candidates}
    if result.status == "infeasible":
        event(" + ".join(sorted({conflict.kind for conflict in result.conflicts})))
        assert result.conflicts
        assert not result.has_solution
        assert all(amount == 0 for amount in result.amounts.values())
        assert all(conflict.kind in KINDS for conflict in result.conflicts)
        assert_minimal_conflict(candidates, rules, result.conflicts)
        return

    amounts = result.amounts
    funded = [c for c in candidates if amounts[c.id] > 0]
    assert all(type(amount) is int for amount in amounts.values())
    assert sum(amounts.values()) <= rules.budget
    for c in funded:
        assert c.floor <= amounts[c.id] <= c.requested
        assert c.score >= rules.min_score
        assert c.id not in rules.must_not_fund
    assert rules.must_fund <= {c.id for c in funded}
    if rules.require_each_national_area:
        for area in AREAS:
            if any(
                c.national_area == area and c.score >= rules.min_score and c.id not in rules.must_not_fund
                for c in candidates
            ):
                assert any(c.national_area == area for c in funded), area
    for area, share in (rules.min_share_per_national_area or {}).items():
        assert sum(amounts[c.id] for c in funded if c.national_area == area) >= share * rules.budget - 1e-6
    if rules.max_share_per_municipality is not None:
        for municipality in {c.municipality for c in candidates}:
            granted = sum(amounts[c.id] for c in funded if c.municipality == municipality)
            assert granted <= rules.max_share_per_municipality * rules.budget + 1e-6
    assert len({c.skr_group[0] for c in funded}) >= rules.min_skr_main_groups
    assert violations(candidates, rules, amounts) == ()
    assert close(result.objective, value(candidates, rules, amounts))


@PROPERTY
@given(instances(max_size=7, hard=True))
def test_infeasible_rules_are_reported_never_raised(instance):
    candidates, rules = instance
    result = solve(candidates, rules)
    event(result.status)
    if result.status == "infeasible":
        event(" + ".join(sorted({conflict.kind for conflict in result.conflicts})))
        assert result.conflicts
        assert_minimal_conflict(candidates, rules, result.conflicts)
    else:
        assert violations(candidates, rules, result.amounts) == ()


# ---------------------------------------------------------------------------------------------------------------
# Infeasibility reporting
# ---------------------------------------------------------------------------------------------------------------


def test_two_locked_in_applications_over_the_budget_conflict_with_it():
    candidates = [app("a", 3, 600_000), app("b", 2, 500_000), app("c", 4, 100_000)]
    result = solve(candidates, Rules(budget=1_000_000, must_fund=frozenset({"a", "b"})))
    assert result.status == "infeasible"
    assert set(result.conflicts) == {Conflict("budget"), Conflict("must_fund", "a"), Conflict("must_fund", "b")}


def test_the_only_northern_application_above_the_budget_conflicts_with_it():
    candidates = [
        app("north", 3, 9_000_000, area=NORTH),
        app("east", 3, 1_000_000, area=EAST),
        app("south", 3, 1_000_000, area=SOUTH),
    ]
    result = solve(candidates, Rules(budget=8_650_000, require_each_national_area=True))
    assert result.status == "infeasible"
    assert set(result.conflicts) == {Conflict("budget"), Conflict("national_area", NORTH)}
    assert result.conflicts[0] == Conflict("budget")  # listed in the order of KINDS


def test_more_infeasibilities_are_named():
    candidates = [
        app("a", 1.0, 100_000, municipality="x", skr="A1"),
        app("b", 3.0, 300_000, municipality="x", skr="A2"),
        app("c", 3.0, 300_000, area=NORTH, skr="B3"),
    ]
    low_score = solve(candidates, Rules(budget=1_000_000, min_score=2, must_fund=frozenset({"a"})))
    assert set(low_score.conflicts) == {Conflict("must_fund", "a"), Conflict("min_score", "a")}

    capped = solve(candidates, Rules(budget=1_000_000, max_share_per_municipality=0.2, must_fund=frozenset({"b"})))
    assert set(capped.conflicts) == {Conflict("municipality_cap", "x"), Conflict("must_fund", "b")}

    groups = solve(candidates, Rules(budget=1_000_000, min_skr_main_groups=3))
    assert groups.conflicts == (Conflict("skr_groups"),)

    share = solve(
        candidates,
        Rules(budget=1_000_000, min_share_per_national_area={NORTH: 0.2}, must_not_fund=frozenset({"c"})),
    )
    assert set(share.conflicts) == {Conflict("national_area_share", NORTH), Conflict("must_not_fund", "c")}


def test_invalid_input_raises_with_a_clear_message():
    with pytest.raises(ValueError, match="minimum 200 kr is above the requested 100 kr"):
        app("a", 3, 100, 200)
    with pytest.raises(ValueError, match="requested amount must be at least 1 kr"):
        app("a", 3, -5)
    with pytest.raises(ValueError, match="whole kronor"):
        app("a", 3, Decimal(100))  # callers convert Decimal money to int
    with pytest.raises(ValueError, match="budget must be at least 0 kr"):
        Rules(budget=-1)
    with pytest.raises(ValueError, match="share between 0 and 1"):
        Rules(budget=1, max_share_per_municipality=1.5)
    with pytest.raises(ValueError, match="locked both in and out: a"):
        Rules(budget=1, must_fund={"a"}, must_not_fund={"a"})
    with pytest.raises(ValueError, match="duplicate candidate ids: a"):
        solve([app("a", 3, 100), app("a", 2, 100)], Rules(budget=1000))
    with pytest.raises(ValueError, match="must_fund names unknown candidates: zz"):
        solve([app("a", 3, 100)], Rules(budget=1000, must_fund=frozenset({"zz"})))
    with pytest.raises(ValueError, match="must_not_fund names unknown candidates: zz"):
        greedy([app("a", 3, 100)], Rules(budget=1000, must_not_fund=frozenset({"zz"})))


def test_decimal_scores_and_empty_input():
    candidates = [app("a", Decimal("2.5"), 100_000), app("b", Decimal("3.25"), 100_000)]
    result = solve(candidates, Rules(budget=150_000))
    assert result.status == "optimal" and candidates[0].score == 2.5
    assert result.amounts == {"a": 0, "b": 100_000}
    nothing = solve([], Rules(budget=100))
    assert nothing.status == "optimal" and nothing.amounts == {} and nothing.objective == 0


# ---------------------------------------------------------------------------------------------------------------
# The value function and reduced grants
# ---------------------------------------------------------------------------------------------------------------


def test_reduced_grants_fill_the_budget_where_each_krona_is_worth_most():
    # Weights 3 and 2, f = 0.5: both get their minimum (150 000), then the rest goes where a krona is worth
    # most: b (2·0.5/100 000 = 1e-5 per krona) up to its request, then a (3·0.5/200 000 = 7.5e-6).
    candidates = [app("a", 3, 200_000, 100_000), app("b", 2, 100_000, 50_000)]
    rules = Rules(budget=220_000)
    result = solve(candidates, rules)
    assert result.amounts == {"a": 120_000, "b": 100_000}
    assert close(result.objective, 3 * (0.5 + 0.5 * 120_000 / 200_000) + 2 * (0.5 + 0.5 * 1))
    assert summary(result, candidates, rules.budget).reduced_count == 1


def test_bonuses_enter_the_weight():
    plain = app("plain", 3.0, 100_000)
    women_children = app("wc", 2.8, 100_000, women_children=True)  # 2.8 + 0.5 > 3.0
    assert solve([plain, women_children], Rules(budget=100_000)).funded == ("wc",)
    long_term = app("lt", 2.6, 100_000, long_term=2.0)  # 2.6 + 0.25·2 > 3.0
    assert solve([plain, long_term], Rules(budget=100_000)).funded == ("lt",)
    assert solve([plain, long_term], Rules(budget=100_000, long_term_weight=0)).funded == ("plain",)


# ---------------------------------------------------------------------------------------------------------------
# Side by side
# ---------------------------------------------------------------------------------------------------------------


def test_summary_and_comparison_with_greedy():
    candidates = [
        app("big", 4.0, 800_000, area=SOUTH, skr="A1"),
        app("n1", 3.0, 400_000, area=NORTH, skr="B3", women_children=True),
        app("e1", 3.0, 400_000, area=EAST, skr="C7"),
        app("s2", 2.0, 200_000, area=SOUTH, skr="C8", women_children=True),
    ]
    rules = Rules(budget=1_000_000, require_each_national_area=True, min_skr_main_groups=2)
    optimised, baseline = solve(candidates, rules), greedy(candidates, rules)
    assert baseline.funded == ("big", "s2")  # misses two national areas
    assert optimised.funded == ("e1", "n1", "s2")

    comparison = compare(optimised, baseline, candidates, rules.budget)
    a, b = comparison.first, comparison.second
    assert (a.money_used, a.money_left, a.funded_count) == (1_000_000, 0, 3)
    assert a.funded_per_national_area == {EAST: 1, NORTH: 1, SOUTH: 1}
    assert b.funded_per_national_area == {EAST: 0, NORTH: 0, SOUTH: 2}
    assert a.skr_groups == ("B3", "C7", "C8") and a.skr_main_groups == ("B", "C")
    assert close(a.women_children_share, 0.6)
    assert close(comparison.value_gain, a.total_value - b.total_value)
    assert (a.method, b.method) == ("optimiser", "greedy")


# ---------------------------------------------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------------------------------------------


def funded_when(candidates: list[Candidate], rules: Rules, changed: Candidate) -> bool:
    result = solve([changed if c.id == changed.id else c for c in candidates], rules)
    return result.amounts[changed.id] > 0


def with_request(c: Candidate, requested: int) -> Candidate:
    minimum = None if c.minimum is None else max(1, -(-c.minimum * requested // c.requested))
    return replace(c, requested=requested, minimum=minimum)


def test_the_only_application_from_a_national_area_is_needed_for_it():
    candidates = [
        app("north", 1.0, 300_000, area=NORTH),
        app("east", 3.0, 200_000, area=EAST),
        app("s1", 3.5, 300_000),
        app("s2", 3.6, 300_000),
        app("s3", 3.7, 300_000),
    ]
    rules = Rules(budget=800_000, require_each_national_area=True)
    result = solve(candidates, rules)
    assert result.funded == ("east", "north", "s3")
    explanations = explain(candidates, rules, result)

    north = explanations["north"]
    assert north.funded and north.reason == "selected" and north.rank == 5 and north.eligible_count == 5
    assert Conflict("national_area", NORTH) in north.needed_for
    assert north.value_lost is None
    s3 = explanations["s3"]
    assert s3.needed_for == () and s3.value_lost is not None and s3.value_lost > 0

    s2 = explanations["s2"]
    assert not s2.funded and s2.reason == "not_selected"
    assert s2.threshold_score == 3.71  # must beat s3 (3.7) to take its place
    assert funded_when(candidates, rules, replace(candidates[3], score=3.71))
    assert not funded_when(candidates, rules, replace(candidates[3], score=3.69))
    assert s2.threshold_amount is None  # a smaller request frees nothing: the northern and eastern ones must stay


def test_thresholds_are_the_edges_of_being_funded():
    candidates = [
        app("a", 3.0, 400_000),
        app("b", 2.5, 300_000),
        app("c", 2.0, 300_000, 100_000),
        app("d", 1.5, 250_000),
        app("low", 0.5, 100_000),
    ]
    rules = Rules(budget=800_000, min_score=1.0, require_each_national_area=False)
    result = solve(candidates, rules)
    explanations = explain(candidates, rules, result)
    by_id = {c.id: c for c in candidates}
    for explanation in explanations.values():
        c = by_id[explanation.candidate_id]
        if explanation.funded:
            assert explanation.reason == "selected"
            continue
        assert explanation.reason in ("not_selected", "below_min_score")
        if explanation.threshold_score is not None:
            assert funded_when(candidates, rules, replace(c, score=explanation.threshold_score))
            below = round(explanation.threshold_score - 0.01, 2)
            if below > c.score and below >= rules.min_score:
                assert not funded_when(candidates, rules, replace(c, score=below))
        if explanation.threshold_amount is not None:
            assert funded_when(candidates, rules, with_request(c, explanation.threshold_amount))
            assert not funded_when(candidates, rules, with_request(c, explanation.threshold_amount + 1))
    low = explanations["low"]
    assert low.reason == "below_min_score" and low.rank is None and low.threshold_amount is None
    assert low.threshold_score is not None and low.threshold_score >= 1.0
    assert any(e.threshold_amount is not None for e in explanations.values() if not e.funded)


@pytest.mark.parametrize("seed", range(6))
def test_explanations_of_random_rounds_hold_when_re_solved(seed):
    rng = random.Random(30_000 + seed)
    candidates = random_candidates(rng, rng.randint(6, 12))
    rules = random_rules(rng, candidates)
    result = solve(candidates, rules)
    explanations = explain(candidates, rules, result)
    assert set(explanations) == {c.id for c in candidates}
    by_id = {c.id: c for c in candidates}
    for e in explanations.values():
        c = by_id[e.candidate_id]
        assert e.funded == (result.amounts[c.id] > 0)
        if not result.has_solution:
            assert e.reason in ("no_allocation", "must_not_fund") or e.funded
            continue
        if e.reason == "must_not_fund":
            assert e.threshold_score is None and e.threshold_amount is None
        if e.threshold_score is not None:
            assert funded_when(candidates, rules, replace(c, score=e.threshold_score))
        if e.threshold_amount is not None:
            assert funded_when(candidates, rules, with_request(c, e.threshold_amount))
        if e.funded and e.needed_for:
            assert e.value_lost is None


def test_an_ineligible_application_alone_in_its_area_is_needed_as_soon_as_it_is_eligible():
    candidates = [app("north", 1.5, 300_000, area=NORTH), app("s1", 3.0, 300_000), app("s2", 3.5, 300_000)]
    rules = Rules(budget=600_000, min_score=2.0, require_each_national_area=True)
    result = solve(candidates, rules)
    assert result.funded == ("s1", "s2")
    north = explain(candidates, rules, result)["north"]
    assert north.reason == "below_min_score" and north.threshold_score == 2.0 and north.threshold_amount is None
    assert funded_when(candidates, rules, replace(candidates[0], score=2.0))


def test_a_locked_in_application_is_explained_as_such():
    candidates = [app("a", 1.0, 300_000), app("b", 3.0, 300_000), app("c", 3.5, 300_000)]
    rules = Rules(budget=600_000, must_fund=frozenset({"a"}))
    result = solve(candidates, rules)
    assert result.funded == ("a", "c")
    explanations = explain(candidates, rules, result)
    assert explanations["a"].reason == "must_fund" and explanations["a"].value_lost < 0  # b would be better
    assert explanations["b"].threshold_score == 3.51


def test_locked_out_and_infeasible_rounds_are_explained_without_searching():
    candidates = [app("a", 3, 100_000), app("b", 2, 100_000)]
    rules = Rules(budget=150_000, must_not_fund=frozenset({"a"}))
    explanations = explain(candidates, rules, solve(candidates, rules))
    assert explanations["a"].reason == "must_not_fund"
    assert explanations["b"].reason == "selected"

    impossible = Rules(budget=50_000, must_fund=frozenset({"a"}))
    result = solve(candidates, impossible)
    assert result.status == "infeasible"
    assert {e.reason for e in explain(candidates, impossible, result).values()} == {"no_allocation"}


# ---------------------------------------------------------------------------------------------------------------
# Determinism and purity
# ---------------------------------------------------------------------------------------------------------------


def test_same_input_same_output_whatever_the_order():
    rng = random.Random(7)
    candidates = random_candidates(rng, 40)
    rules = replace(random_rules(rng, candidates), must_fund=frozenset(), must_not_fund=frozenset())
    first = solve(candidates, rules)
    second = solve(candidates, rules)
    shuffled = list(candidates)
    random.Random(8).shuffle(shuffled)
    third = solve(shuffled, rules)
    assert first.amounts == second.amounts == third.amounts
    assert first.objective == second.objective == third.objective
    assert isinstance(first, Allocation)


def test_the_optimiser_imports_no_django():
    code = (
        "import sys; import bidra.allocation.optimiser, bidra.allocation.brute_force; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)  # noqa: S603
