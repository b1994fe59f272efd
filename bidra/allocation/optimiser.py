"""Grant allocation as a mixed-integer programme, solved with HiGHS.

This module is deliberately pure: it imports no Django, so it can be tested, benchmarked and reasoned about
on its own. Callers convert model instances into :class:`Candidate` and :class:`Rules` (money as whole kronor
in ``int``, scores as ``float`` or ``Decimal``) and get plain data back.

The model
---------
For every candidate *i* there is a binary ``y_i`` (funded or not) and an integer amount ``x_i`` in kronor with
``minimum_i·y_i ≤ x_i ≤ requested_i·y_i`` (``minimum`` ``None`` means only full funding is acceptable). The
weight of a candidate is::

    w_i = score_i + women_children_bonus·[involves women and children] + long_term_weight·long_term_score_i

and its value is ``w_i·(full_funding_share·y_i + (1 − full_funding_share)·x_i / requested_i)``: a funded
application always brings the fixed part; the rest grows with the share of the request that is granted.
The sum of values is maximised subject to the constraint *groups* below. Each group has a name
(:class:`Conflict`) so that an infeasible combination of rules can be reported group by group.

=====================  ===================  =====================================================================
kind                   key                  constraint
=====================  ===================  =====================================================================
``budget``             ``None``             ``Σ x_i ≤ budget``
``national_area``      area                 at least one funded in every area with an eligible candidate
                                            (score ≥ ``min_score`` and not locked out), if
                                            ``require_each_national_area``
``national_area_share`` area                ``Σ_area x_i ≥ ⌈share·budget⌉``
``skr_groups``         ``None``             at least ``min_skr_main_groups`` SKR main groups (A/B/C) among funded
``municipality_cap``   municipality         ``Σ_municipality x_i ≤ ⌊share·budget⌋``
``must_fund``          candidate id         ``y_i = 1``
``must_not_fund``      candidate id         ``y_i = 0``
``min_score``          candidate id         ``y_i = 0`` when ``score_i < min_score``
=====================  ===================  =====================================================================

Infeasible rules are never an exception: :func:`solve` returns status ``"infeasible"`` and a minimal set of
conflicting groups found by a deletion filter (drop one group at a time; a group that can be dropped with the
rest still infeasible is left out for good). Invalid input (negative or non-integer money, a minimum above
the request, duplicate ids, locks on unknown ids, a candidate locked both in and out) raises ``ValueError``.

Determinism
-----------
The same input always gives the same output: candidates are put in a canonical order (by id) before the
model is built, so neither the caller's order nor dict/set iteration order reaches the solver, and HiGHS is
deterministic for a given model and options (the random seed is fixed). No perturbation of the objective is
used to break ties between equally good allocations (it would make objective values inexact); among equally
good allocations the one HiGHS finds first for the canonical model is returned, reproducibly.

Solving
-------
Instances up to :data:`EXACT_SIZE` candidates (a call is ~40 applications) are solved to a relative MIP gap of
1e-9, i.e. exactly for all practical purposes. Larger ones use 1e-4 by default (the reported ``mip_gap`` says
how far from proven optimal the answer can be); both can be overridden. In the search the amounts are
continuous (integer amounts of up to millions of kronor make HiGHS's bound propagation crawl); once the funded
set is chosen the amounts are re-optimised as an LP, whose optimal vertex is whole kronor because the money
constraints are laminar (municipalities within national areas within the budget), with a small integer
programme as a fallback. HiGHS runs on one thread (deterministic, and fastest for models this size): 5 000
applications solve in about a second, 40 in a few milliseconds.

:func:`explain` re-solves the model a handful of times per candidate and is meant for call-sized instances:
about a second for 40–50 applications, a few seconds for 100. :func:`greedy` is the by-hand baseline (status
``"heuristic"``), and :func:`summary`/:func:`compare` put two allocations side by side.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import highspy
import numpy as np

__all__ = [
    "EXACT_SIZE",
    "KINDS",
    "SKR_MAIN_GROUPS",
    "Allocation",
    "Candidate",
    "Comparison",
    "Conflict",
    "Explanation",
    "Rules",
    "Summary",
    "compare",
    "explain",
    "greedy",
    "solve",
    "summary",
    "value",
    "violations",
    "weight",
]

OPTIMAL = "optimal"
INFEASIBLE = "infeasible"
TIME_LIMIT = "time_limit"
HEURISTIC = "heuristic"  # status of the greedy baseline: a selection, not an optimisation result

SKR_MAIN_GROUPS = ("A", "B", "C")

#: Constraint-group kinds, in the order conflicts are listed.
KINDS = (
    "budget",
    "national_area",
    "national_area_share",
    "skr_groups",
    "municipality_cap",
    "must_fund",
    "must_not_fund",
    "min_score",
)

#: Up to this many candidates the default MIP gap is 1e-9 (exact); above it 1e-4.
EXACT_SIZE = 200
EXACT_GAP = 1e-9
LARGE_GAP = 1e-4

# On call-sized models the primal heuristics (feasibility jump, sub-MIPs) cost more than the whole search.
_SMALL_MODEL_OPTIONS: dict[str, Any] = {
    "mip_heuristic_run_feasibility_jump": False,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
}

_INF = highspy.kHighsInf
_TOL = 1e-6  # tolerance when turning a share of the budget into whole kronor


# ---------------------------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------------------------


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{what} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be finite, got {value!r}")
    return number


def _kronor(value: Any, what: str, *, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be whole kronor as int, got {value!r}")
    if value < least:
        raise ValueError(f"{what} must be at least {least} kr, got {value}")
    return value


def _share(value: Any, what: str) -> float:
    number = _number(value, what)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{what} must be a share between 0 and 1, got {value!r}")
    return number


@dataclass(frozen=True)
class Candidate:
    """One application as the optimiser sees it. ``minimum`` ``None``: only full funding is acceptable."""

    id: str
    score: float
    requested: int
    minimum: int | None
    municipality: str
    county: str
    national_area: str
    skr_group: str  # e.g. "B4"; the main group is its first letter
    involves_women_children: bool = False
    long_term_score: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"candidate id must be a non-empty string, got {self.id!r}")
        name = f"candidate {self.id!r}"
        object.__setattr__(self, "score", _number(self.score, f"{name}: score"))
        object.__setattr__(self, "long_term_score", _number(self.long_term_score, f"{name}: long_term_score"))
        _kronor(self.requested, f"{name}: requested amount", least=1)
        if self.minimum is not None:
            _kronor(self.minimum, f"{name}: minimum amount", least=1)
            if self.minimum > self.requested:
                raise ValueError(f"{name}: minimum {self.minimum} kr is above the requested {self.requested} kr")
        for attribute in ("municipality", "county", "national_area", "skr_group"):
            if not isinstance(getattr(self, attribute), str):
                raise ValueError(f"{name}: {attribute} must be a string")
        object.__setattr__(self, "involves_women_children", bool(self.involves_women_children))

    @property
    def floor(self) -> int:
        """The least amount that may be granted if it is funded at all."""
        return self.requested if self.minimum is None else self.minimum

    @property
    def skr_main_group(self) -> str:
        return self.skr_group[:1].upper()


@dataclass(frozen=True)
class Rules:
    """The allocation rules of one round. Shares are of the budget; locks are sets of candidate ids."""

    budget: int
    min_score: float = 0.0
    require_each_national_area: bool = True
    min_share_per_national_area: Mapping[str, float] | None = None
    min_skr_main_groups: int = 0
    max_share_per_municipality: float | None = None
    must_fund: frozenset[str] = frozenset()
    must_not_fund: frozenset[str] = frozenset()
    women_children_bonus: float = 0.5
    long_term_weight: float = 0.25
    full_funding_share: float = 0.5

    def __post_init__(self) -> None:
        _kronor(self.budget, "budget", least=0)
        object.__setattr__(self, "min_score", _number(self.min_score, "min_score"))
        if self.min_share_per_national_area is not None:
            shares = {}
            for area, share in self.min_share_per_national_area.items():
                shares[str(area)] = _share(share, f"minimum share for national area {area!r}")
            object.__setattr__(self, "min_share_per_national_area", shares)
        if isinstance(self.min_skr_main_groups, bool) or not isinstance(self.min_skr_main_groups, int):
            raise ValueError(f"min_skr_main_groups must be an int, got {self.min_skr_main_groups!r}")
        if self.min_skr_main_groups < 0:
            raise ValueError(f"min_skr_main_groups must not be negative, got {self.min_skr_main_groups}")
        if self.max_share_per_municipality is not None:
            object.__setattr__(
                self,
                "max_share_per_municipality",
                _share(self.max_share_per_municipality, "max_share_per_municipality"),
            )
        for attribute in ("must_fund", "must_not_fund"):
            ids = getattr(self, attribute)
            if isinstance(ids, str):
                raise ValueError(f"{attribute} must be a collection of ids, not a single string")
            object.__setattr__(self, attribute, frozenset(ids))
        both = self.must_fund & self.must_not_fund
        if both:
            raise ValueError(f"locked both in and out: {', '.join(sorted(both))}")
        object.__setattr__(self, "women_children_bonus", _number(self.women_children_bonus, "women_children_bonus"))
        object.__setattr__(self, "long_term_weight", _number(self.long_term_weight, "long_term_weight"))
        object.__setattr__(self, "full_funding_share", _share(self.full_funding_share, "full_funding_share"))

    def municipality_cap(self) -> int | None:
        """The most a municipality may get in whole kronor, or ``None`` without a cap."""
        if self.max_share_per_municipality is None:
            return None
        return math.floor(self.max_share_per_municipality * self.budget + _TOL)

    def area_floor(self, area: str) -> int:
        """The least a national area must get in whole kronor (0 without a minimum share)."""
        share = (self.min_share_per_national_area or {}).get(area, 0.0)
        return max(0, math.ceil(share * self.budget - _TOL))


@dataclass(frozen=True, order=True)
class Conflict:
    """A named constraint group, e.g. ``Conflict("national_area", "Norra Sverige")`` or ``Conflict("budget")``."""

    kind: str
    key: str | None = None

    def sort_key(self) -> tuple[int, str]:
        return (KINDS.index(self.kind) if self.kind in KINDS else len(KINDS), self.key or "")


@dataclass(frozen=True)
class Allocation:
    """The result of :func:`solve` or :func:`greedy`.

    ``amounts`` has every candidate id (0 when unfunded). ``objective`` is the value function evaluated on the
    amounts (0 without a solution). ``has_solution`` is false when infeasible, or when the time limit was hit
    before any allocation was found. ``conflicts`` is a minimal set of conflicting constraint groups when
    infeasible.
    """

    status: str
    amounts: dict[str, int]
    objective: float
    mip_gap: float | None
    seconds: float
    has_solution: bool
    conflicts: tuple[Conflict, ...] = ()
    method: str = "optimiser"

    @property
    def funded(self) -> tuple[str, ...]:
        return tuple(sorted(i for i, amount in self.amounts.items() if amount > 0))

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


# ---------------------------------------------------------------------------------------------------------------
# Value
# ---------------------------------------------------------------------------------------------------------------


def weight(candidate: Candidate, rules: Rules) -> float:
    """``score + women_children_bonus·[women and children] + long_term_weight·long_term_score``."""
    bonus = rules.women_children_bonus if candidate.involves_women_children else 0.0
    return candidate.score + bonus + rules.long_term_weight * candidate.long_term_score


def value(candidates: Iterable[Candidate], rules: Rules, amounts: Mapping[str, int]) -> float:
    """The objective of an allocation: Σ w_i·(f·[funded] + (1 − f)·amount_i / requested_i)."""
    f = rules.full_funding_share
    parts = []
    for c in sorted(candidates, key=lambda c: c.id):
        amount = amounts.get(c.id, 0)
        if amount > 0:
            parts.append(weight(c, rules) * (f + (1.0 - f) * amount / c.requested))
    return math.fsum(parts)


def _eligible(candidate: Candidate, rules: Rules) -> bool:
    return candidate.score >= rules.min_score and candidate.id not in rules.must_not_fund


def violations(candidates: Sequence[Candidate], rules: Rules, amounts: Mapping[str, int]) -> tuple[Conflict, ...]:
    """The constraint groups an allocation breaks (empty if it satisfies every rule).

    Amounts outside ``[minimum, requested]`` are reported as ``Conflict("amount", id)``. Useful to check a
    hand-made or greedy allocation against the same rules the optimiser obeys.
    """
    problem = _Problem(candidates, rules)
    broken: list[Conflict] = []
    funded = {c.id for c in problem.candidates if amounts.get(c.id, 0) > 0}
    for c in problem.candidates:
        amount = amounts.get(c.id, 0)
        if amount != 0 and not c.floor <= amount <= c.requested:
            broken.append(Conflict("amount", c.id))
    for group in problem.groups:
        members = problem.members.get(group, ())
        kind = group.kind
        if kind == "budget":
            bad = sum(amounts.get(c.id, 0) for c in problem.candidates) > rules.budget
        elif kind == "national_area":
            bad = not any(c.id in funded for c in members)
        elif kind == "national_area_share":
            bad = sum(amounts.get(c.id, 0) for c in members) < rules.area_floor(group.key or "")
        elif kind == "skr_groups":
            groups = {c.skr_main_group for c in problem.candidates if c.id in funded and c.skr_main_group}
            bad = len(groups) < rules.min_skr_main_groups
        elif kind == "municipality_cap":
            cap = rules.municipality_cap()
            bad = cap is not None and sum(amounts.get(c.id, 0) for c in members) > cap
        elif kind == "must_fund":
            bad = group.key not in funded
        else:  # must_not_fund, min_score
            bad = group.key in funded
        if bad:
            broken.append(group)
    return tuple(broken)


# ---------------------------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------------------------


class _Problem:
    """Validated input in canonical order, with its constraint groups."""

    def __init__(self, candidates: Sequence[Candidate] | Iterable[Candidate], rules: Rules) -> None:
        candidates = list(candidates)
        for c in candidates:
            if not isinstance(c, Candidate):
                raise ValueError(f"expected Candidate, got {type(c).__name__}")
        if not isinstance(rules, Rules):
            raise ValueError(f"expected Rules, got {type(rules).__name__}")
        self.candidates: list[Candidate] = sorted(candidates, key=lambda c: c.id)
        self.index = {c.id: k for k, c in enumerate(self.candidates)}
        if len(self.index) != len(self.candidates):
            duplicates = sorted(i for i, count in Counter(c.id for c in self.candidates).items() if count > 1)
            raise ValueError(f"duplicate candidate ids: {', '.join(duplicates)}")
        for attribute in ("must_fund", "must_not_fund"):
            unknown = sorted(set(getattr(rules, attribute)) - self.index.keys())
            if unknown:
                raise ValueError(f"{attribute} names unknown candidates: {', '.join(unknown)}")
        self.rules = rules
        self.weights = [weight(c, rules) for c in self.candidates]

        groups: list[Conflict] = [Conflict("budget")]
        members: dict[Conflict, list[Candidate]] = {Conflict("budget"): list(self.candidates)}
        areas: dict[str, list[Candidate]] = {}
        municipalities: dict[str, list[Candidate]] = {}
        for c in self.candidates:
            areas.setdefault(c.national_area, []).append(c)
            municipalities.setdefault(c.municipality, []).append(c)
        if rules.require_each_national_area:
            for area in sorted(areas):
                if any(_eligible(c, rules) for c in areas[area]):
                    group = Conflict("national_area", area)
                    groups.append(group)
                    members[group] = areas[area]
        for area in sorted(rules.min_share_per_national_area or {}):
            if rules.area_floor(area) > 0:
                group = Conflict("national_area_share", area)
                groups.append(group)
                members[group] = areas.get(area, [])
        if rules.min_skr_main_groups > 0:
            groups.append(Conflict("skr_groups"))
        if rules.max_share_per_municipality is not None:
            for municipality in sorted(municipalities):
                group = Conflict("municipality_cap", municipality)
                groups.append(group)
                members[group] = municipalities[municipality]
        groups += [Conflict("must_fund", i) for i in sorted(rules.must_fund)]
        groups += [Conflict("must_not_fund", i) for i in sorted(rules.must_not_fund)]
        groups += [Conflict("min_score", c.id) for c in self.candidates if c.score < rules.min_score]
        self.groups: tuple[Conflict, ...] = tuple(groups)
        self.members = members
        self.main_groups = sorted({c.skr_main_group for c in self.candidates if c.skr_main_group})


@dataclass
class _Result:
    status: str
    x: list[int] | None = None  # amounts in canonical order when there is a solution
    mip_gap: float | None = None


@dataclass(frozen=True)
class _Probe:
    """Instead of maximising value: maximise the money ``id`` may take (between 1 kr and its request − 1 kr),
    funded, while the others are worth at least ``others_value``."""

    id: str
    others_value: float


def _run(
    problem: _Problem,
    *,
    active: frozenset[Conflict] | None = None,
    excluded: frozenset[str] = frozenset(),
    forced_in: frozenset[str] = frozenset(),
    objective: bool = True,
    probe: _Probe | None = None,
    time_limit: float,
    mip_rel_gap: float | None = None,
) -> _Result:
    """Build the model with the ``active`` constraint groups (all if ``None``) and solve it.

    ``excluded`` candidates are forced out (``y = 0``) without changing which areas must be covered, and
    ``forced_in`` ones in (``y = 1``) without a ``must_fund`` group; explanations use these to ask "what if".
    Without ``objective`` the model is a pure feasibility question (cheaper; used by the conflict search).
    """
    rules = problem.rules
    cands = problem.candidates
    n = len(cands)
    groups = problem.groups if active is None else tuple(g for g in problem.groups if g in active)
    on = set(groups)
    probed = -1 if probe is None else problem.index[probe.id]

    # Columns: x_k = 2k, y_k = 2k + 1, then one z per SKR main group.
    main_groups = problem.main_groups if Conflict("skr_groups") in on else []
    ncol = 2 * n + len(main_groups)
    lower = np.zeros(ncol)
    upper = np.ones(ncol)
    cost = np.zeros(ncol)
    f = rules.full_funding_share
    value_row: list[tuple[int, float]] = []
    for k, c in enumerate(cands):
        upper[2 * k] = c.requested
        worth = ((2 * k, problem.weights[k] * (1.0 - f) / c.requested), (2 * k + 1, problem.weights[k] * f))
        if probe is not None:
            if k != probed:
                value_row += worth
        elif objective:
            for column, coefficient in worth:
                cost[column] = coefficient
        if c.id in excluded:
            upper[2 * k + 1] = 0.0
        if c.id in forced_in:
            lower[2 * k + 1] = 1.0
    if probe is not None:
        lower[2 * probed], upper[2 * probed] = 1.0, cands[probed].requested - 1.0
        lower[2 * probed + 1] = 1.0
        cost[2 * probed] = 1.0
    for group in groups:
        if group.kind == "must_fund":
            lower[2 * problem.index[group.key or ""] + 1] = 1.0
        elif group.kind in ("must_not_fund", "min_score"):
            upper[2 * problem.index[group.key or ""] + 1] = 0.0
    if np.any(lower > upper):
        return _Result(INFEASIBLE)  # a candidate locked in and forced out at once

    starts: list[int] = [0]
    index: list[int] = []
    values: list[float] = []
    row_lower: list[float] = []
    row_upper: list[float] = []

    def row(entries: Iterable[tuple[int, float]], lo: float, hi: float) -> None:
        for column, coefficient in entries:
            index.append(column)
            values.append(coefficient)
        starts.append(len(index))
        row_lower.append(lo)
        row_upper.append(hi)

    for k, c in enumerate(cands):
        if k == probed:
            continue  # its amount is its (open) request, and it is funded
        if c.floor == c.requested:
            row(((2 * k, 1.0), (2 * k + 1, -float(c.requested))), 0.0, 0.0)
        else:
            row(((2 * k, 1.0), (2 * k + 1, -float(c.floor))), 0.0, _INF)
            row(((2 * k, 1.0), (2 * k + 1, -float(c.requested))), -_INF, 0.0)
    if probe is not None:
        row(value_row, probe.others_value, _INF)
    cap = rules.municipality_cap()
    for group in groups:
        members = [problem.index[c.id] for c in problem.members.get(group, ())]
        if group.kind == "budget":
            row(((2 * k, 1.0) for k in range(n)), -_INF, float(rules.budget))
        elif group.kind == "national_area":
            row(((2 * k + 1, 1.0) for k in members), 1.0, _INF)
        elif group.kind == "national_area_share":
            row(((2 * k, 1.0) for k in members), float(rules.area_floor(group.key or "")), _INF)
        elif group.kind == "municipality_cap" and cap is not None:
            row(((2 * k, 1.0) for k in members), -_INF, float(cap))
        elif group.kind == "skr_groups":
            if rules.min_skr_main_groups > len(main_groups):
                return _Result(INFEASIBLE)  # fewer main groups among the candidates than required
            for j, main in enumerate(main_groups):
                entries = [(2 * n + j, 1.0)]
                entries += [(2 * k + 1, -1.0) for k, c in enumerate(cands) if c.skr_main_group == main]
                row(entries, -_INF, 0.0)
            row(((2 * n + j, 1.0) for j in range(len(main_groups))), float(rules.min_skr_main_groups), _INF)

    if ncol == 0:
        return _Result(OPTIMAL, [], 0.0)

    lp = highspy.HighsLp()
    lp.num_col_ = ncol
    lp.num_row_ = len(row_lower)
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.array(row_lower)
    lp.row_upper_ = np.array(row_upper)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = ncol
    lp.a_matrix_.num_row_ = len(row_lower)
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values)
    # Amounts are continuous in the search: with the funded set fixed, the money constraints (budget, areas,
    # municipalities within areas) form a laminar family, so the best amounts at a vertex are whole kronor
    # anyway, and integer amounts of up to millions make HiGHS's bound propagation crawl. See _whole_kronor.
    integer = highspy.HighsVarType.kInteger
    continuous = highspy.HighsVarType.kContinuous
    integrality = [integer] * ncol
    for k in range(n):
        integrality[2 * k] = continuous
    lp.integrality_ = integrality
    if mip_rel_gap is None:
        mip_rel_gap = EXACT_GAP if n <= EXACT_SIZE else LARGE_GAP
    small = n <= EXACT_SIZE

    h = _highs(lp, time_limit=time_limit, mip_rel_gap=mip_rel_gap, small=small)
    status = h.getModelStatus()
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return _Result(INFEASIBLE)
    # Anything but proven optimal is a time (or other) limit: report what was found, if anything.
    outcome = OPTIMAL if status == highspy.HighsModelStatus.kOptimal and has_solution else TIME_LIMIT
    if not has_solution:
        return _Result(outcome)
    gap = float(info.mip_gap) if math.isfinite(info.mip_gap) else None
    solution = np.array(h.getSolution().col_value)
    if probe is None and not _is_whole(solution[0 : 2 * n : 2]):
        solution = _whole_kronor(lp, solution, n, time_limit=time_limit, small=small)
    amounts = []
    for k, c in enumerate(cands):
        if k == probed:
            amounts.append(math.floor(solution[2 * k] + 1e-6))
        elif solution[2 * k + 1] > 0.5:
            amounts.append(min(max(math.floor(solution[2 * k] + 1e-6), c.floor), c.requested))
        else:
            amounts.append(0)
    if probe is None:
        _repair(problem, amounts)
    return _Result(outcome, amounts, gap)


def _is_whole(values: np.ndarray) -> bool:
    return bool(np.all(np.abs(values - np.round(values)) <= 1e-6))


def _whole_kronor(lp: highspy.HighsLp, solution: np.ndarray, n: int, *, time_limit: float, small: bool) -> np.ndarray:
    """Whole-krona amounts for the funded set of ``solution``, at least as good.

    The funded set is fixed and the amounts re-optimised as an LP, whose optimal vertex is whole kronor when the
    money constraints are laminar (every municipality within one national area). If it is not (a municipality
    in two areas), the amounts are made integer in a final, small integer programme.
    """
    lower = np.array(lp.col_lower_)
    upper = np.array(lp.col_upper_)
    for j in range(1, len(solution)):
        if j % 2 == 1 or j >= 2 * n:  # y and z columns
            lower[j] = upper[j] = float(round(solution[j]))
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.integrality_ = [highspy.HighsVarType.kContinuous] * lp.num_col_
    for integral in (False, True):
        if integral:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
        h = _highs(lp, time_limit=time_limit, mip_rel_gap=EXACT_GAP, small=small)
        if h.getInfo().primal_solution_status != 2:
            break
        polished = np.array(h.getSolution().col_value)
        if _is_whole(polished[0 : 2 * n : 2]):
            return polished
    return solution  # rounded down and repaired by the caller


def _highs(lp: highspy.HighsLp, *, time_limit: float, mip_rel_gap: float, small: bool) -> highspy.Highs:
    h = _configured(lp, time_limit=time_limit, mip_rel_gap=mip_rel_gap, small=small, threads=1)
    h.run()
    if h.getModelStatus() == highspy.HighsModelStatus.kNotset:
        # HiGHS's thread pool is process-wide and was started elsewhere with another size: use it as it is.
        h = _configured(lp, time_limit=time_limit, mip_rel_gap=mip_rel_gap, small=small, threads=0)
        h.run()
    return h


def _configured(
    lp: highspy.HighsLp, *, time_limit: float, mip_rel_gap: float, small: bool, threads: int
) -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)  # one thread: deterministic, and a small model solves fastest alone
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", float(max(time_limit, 0.01)))
    h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
    h.setOptionValue("mip_abs_gap", 1e-9)
    if small:
        for option, setting in _SMALL_MODEL_OPTIONS.items():
            h.setOptionValue(option, setting)
    h.passModel(lp)
    return h


def _repair(problem: _Problem, amounts: list[int]) -> None:
    """Undo rounding excess (at most a krona or so from solver tolerances) against the budget and the caps.

    Only amounts above their minimum are reduced, cheapest value per krona first.
    """
    rules = problem.rules
    cands = problem.candidates
    order = sorted(range(len(cands)), key=lambda k: (problem.weights[k] / cands[k].requested, cands[k].id))

    def reduce(members: Iterable[int], excess: int) -> None:
        wanted = set(members)
        for k in order:
            if excess <= 0:
                return
            if k in wanted and amounts[k] > cands[k].floor:
                cut = min(excess, amounts[k] - cands[k].floor)
                amounts[k] -= cut
                excess -= cut

    cap = rules.municipality_cap()
    if cap is not None:
        for group in problem.groups:
            if group.kind == "municipality_cap":
                members = [problem.index[c.id] for c in problem.members[group]]
                reduce(members, sum(amounts[k] for k in members) - cap)
    reduce(range(len(cands)), sum(amounts) - rules.budget)


def _conflicts(problem: _Problem, *, excluded: frozenset[str] = frozenset(), time_limit: float) -> tuple[Conflict, ...]:
    """A minimal set of constraint groups that together are infeasible (deletion filter).

    First whole kinds are dropped at once where that keeps the model infeasible (cheap for the many
    municipality caps), then one group at a time. A check that runs out of time counts as feasible, so the
    group is kept: the answer is then still a set of groups that together are infeasible, perhaps not minimal.
    """
    deadline = time.perf_counter() + time_limit

    def infeasible(active: frozenset[Conflict]) -> bool:
        left = max(deadline - time.perf_counter(), 0.05)
        result = _run(problem, active=active, excluded=excluded, objective=False, time_limit=min(left, 10.0))
        return result.status == INFEASIBLE

    active = frozenset(problem.groups)
    for kind in KINDS:
        members = frozenset(g for g in active if g.kind == kind)
        if len(members) > 1 and infeasible(active - members):
            active -= members
    for group in problem.groups:
        if group in active and infeasible(active - {group}):
            active -= {group}
    if not active:  # cannot happen: with no groups, granting nothing is feasible
        return (Conflict("unknown"),)
    return tuple(sorted(active, key=Conflict.sort_key))


def _allocation(problem: _Problem, result: _Result, seconds: float, conflicts: tuple[Conflict, ...] = ()) -> Allocation:
    if result.x is None:
        amounts = {c.id: 0 for c in problem.candidates}
        return Allocation(result.status, amounts, 0.0, None, seconds, False, conflicts)
    amounts = {c.id: amount for c, amount in zip(problem.candidates, result.x, strict=True)}
    objective = value(problem.candidates, problem.rules, amounts)
    return Allocation(result.status, amounts, objective, result.mip_gap, seconds, True, conflicts)


def solve(
    candidates: Sequence[Candidate] | Iterable[Candidate],
    rules: Rules,
    time_limit: float = 30.0,
    *,
    mip_rel_gap: float | None = None,
) -> Allocation:
    """Maximise the total value within the rules.

    Status ``"optimal"`` (within ``mip_rel_gap``; default 1e-9 up to :data:`EXACT_SIZE` candidates, else 1e-4),
    ``"time_limit"`` (best allocation found so far, if any; see ``has_solution`` and ``mip_gap``) or
    ``"infeasible"`` (with ``conflicts``; the time limit then covers the conflict search too).
    """
    started = time.perf_counter()
    problem = _Problem(candidates, rules)
    return _solve(problem, time_limit=time_limit, mip_rel_gap=mip_rel_gap, started=started)


def _solve(
    problem: _Problem,
    *,
    time_limit: float,
    mip_rel_gap: float | None = None,
    excluded: frozenset[str] = frozenset(),
    started: float | None = None,
) -> Allocation:
    started = time.perf_counter() if started is None else started
    result = _run(problem, excluded=excluded, time_limit=time_limit, mip_rel_gap=mip_rel_gap)
    conflicts: tuple[Conflict, ...] = ()
    if result.status == INFEASIBLE:
        left = max(time_limit - (time.perf_counter() - started), 1.0)
        conflicts = _conflicts(problem, excluded=excluded, time_limit=left)
    return _allocation(problem, result, time.perf_counter() - started, conflicts)


# ---------------------------------------------------------------------------------------------------------------
# The by-hand baseline
# ---------------------------------------------------------------------------------------------------------------


def _score_order(c: Candidate) -> tuple[float, int, str]:
    return (-c.score, c.requested, c.id)


def greedy(candidates: Sequence[Candidate] | Iterable[Candidate], rules: Rules) -> Allocation:
    """Rank by score (ties: smaller request first, then id) and fund in full whatever still fits.

    This is how a round is allocated by hand. It respects ``min_score`` and ``must_not_fund`` but ignores the
    spread rules, the municipality cap and ``must_fund``; it never reduces a grant. Status ``"heuristic"``.
    """
    started = time.perf_counter()
    problem = _Problem(candidates, rules)
    remaining = rules.budget
    amounts = {c.id: 0 for c in problem.candidates}
    for c in sorted((c for c in problem.candidates if _eligible(c, rules)), key=_score_order):
        if c.requested <= remaining:
            amounts[c.id] = c.requested
            remaining -= c.requested
    objective = value(problem.candidates, rules, amounts)
    return Allocation(HEURISTIC, amounts, objective, None, time.perf_counter() - started, True, (), "greedy")


# ---------------------------------------------------------------------------------------------------------------
# Side by side
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    method: str
    status: str
    total_value: float
    money_used: int
    money_left: int
    funded_count: int
    reduced_count: int  # funded below the requested amount
    funded_per_national_area: dict[str, int]  # every area among the candidates, 0 when none funded
    skr_groups: tuple[str, ...]
    skr_main_groups: tuple[str, ...]
    women_children_share: float  # share of the granted money going to work involving women and children


def summary(allocation: Allocation, candidates: Iterable[Candidate], budget: int) -> Summary:
    candidates = sorted(candidates, key=lambda c: c.id)
    funded = [c for c in candidates if allocation.amounts.get(c.id, 0) > 0]
    used = sum(allocation.amounts.get(c.id, 0) for c in candidates)
    per_area = {c.national_area: 0 for c in candidates}
    for c in funded:
        per_area[c.national_area] += 1
    women_children = sum(allocation.amounts[c.id] for c in funded if c.involves_women_children)
    return Summary(
        method=allocation.method,
        status=allocation.status,
        total_value=allocation.objective,
        money_used=used,
        money_left=budget - used,
        funded_count=len(funded),
        reduced_count=sum(1 for c in funded if allocation.amounts[c.id] < c.requested),
        funded_per_national_area=dict(sorted(per_area.items())),
        skr_groups=tuple(sorted({c.skr_group for c in funded if c.skr_group})),
        skr_main_groups=tuple(sorted({c.skr_main_group for c in funded if c.skr_main_group})),
        women_children_share=women_children / used if used else 0.0,
    )


@dataclass(frozen=True)
class Comparison:
    first: Summary
    second: Summary
    value_gain: float  # first − second
    value_gain_share: float | None  # relative to the second (None if its value is 0)


def compare(first: Allocation, second: Allocation, candidates: Iterable[Candidate], budget: int) -> Comparison:
    """Two allocations side by side, typically the optimiser's and the greedy baseline's."""
    candidates = list(candidates)
    a = summary(first, candidates, budget)
    b = summary(second, candidates, budget)
    gain = a.total_value - b.total_value
    return Comparison(a, b, gain, gain / b.total_value if b.total_value else None)


# ---------------------------------------------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------------------------------------------

#: Explanation reasons. Funded: "must_fund" (locked in) or "selected". Unfunded: "below_min_score",
#: "must_not_fund" (locked out), "not_selected", or "no_allocation" when the rules admit no allocation at all.
REASONS = ("must_fund", "selected", "below_min_score", "must_not_fund", "not_selected", "no_allocation")


@dataclass(frozen=True)
class Explanation:
    """Why a candidate got what it got, as data (the wording belongs to the caller).

    Funded: ``needed_for`` is the set of constraint groups that would conflict if it were left out (empty when
    the rules could be met without it); ``value_lost`` is how much total value would be lost without it (``None``
    when the rules could not be met without it; negative for a ``must_fund`` lock that costs value).

    Unfunded and not locked out: ``threshold_score`` is the lowest score (to 0.01, at most ``max_score``) at which
    it would be funded, all else equal; ``threshold_amount`` the highest requested amount (its minimum scaled in
    proportion) at which it would be funded (below the minimum score no amount helps: ``None``). ``None`` when no
    such score or amount exists. "Funded" here means by a margin (1e-6 relative) that :func:`solve` resolves
    the same way: re-solving with the threshold applied funds it.
    """

    candidate_id: str
    funded: bool
    amount: int
    requested: int
    reduced: bool
    reason: str
    score: float
    weight: float
    rank: int | None  # by score among the eligible candidates, 1 = highest (ties share a rank)
    eligible_count: int
    needed_for: tuple[Conflict, ...] = ()
    value_lost: float | None = None
    threshold_score: float | None = None
    threshold_amount: int | None = None


def explain(
    candidates: Sequence[Candidate] | Iterable[Candidate],
    rules: Rules,
    allocation: Allocation,
    max_score: float = 4.0,
    *,
    time_limit: float = 5.0,
) -> dict[str, Explanation]:
    """Explain every candidate of ``allocation``, which must be the result of :func:`solve` for the same input.

    Everything is computed by re-solving the model (``time_limit`` applies to each re-solve):

    * funded: solved once more with the candidate left out (its own ``must_fund`` lock dropped, its area still
      to be covered); if that is infeasible, the conflict search names what it is needed for;
    * unfunded: "funded at score s" means the best allocation that includes it beats the current optimum
      ``V0`` by a safety margin (1e-6 relative), so that :func:`solve` then certainly funds it. The best value
      with it included is convex and piecewise linear in its score, so the lowest such score (in hundredths)
      is found by Newton steps from ``max_score`` downwards, usually in 2–4 solves. The highest request that
      would be funded in full is one model of its own (maximise its request while the others are worth at
      least ``V0`` minus its weight), checked by one solve; with a minimum, a reduced grant may reach further
      (its minimum scaled with the request): granting just the minimum is tried first, then a binary search
      in whole kronor between what is known to be funded and what cannot be.

    Meant for call-sized instances: about a second for 40–50 candidates, a few seconds for 100.
    """
    problem = _Problem(candidates, rules)
    cands = problem.candidates
    ids = [c.id for c in cands]
    f = rules.full_funding_share
    eligible_scores = sorted((c.score for c in cands if _eligible(c, rules)), reverse=True)
    base: float | None = None
    if allocation.has_solution:
        base = allocation.objective
        if allocation.status != OPTIMAL or allocation.method != "optimiser":
            best = _solve(problem, time_limit=time_limit)
            base = best.objective if best.has_solution else None
    margin = 1e-6 * max(1.0, abs(base or 0.0))

    def rank(c: Candidate) -> int | None:
        if not _eligible(c, rules):
            return None
        return 1 + sum(1 for s in eligible_scores if s > c.score)

    def with_changed(changed: Candidate) -> _Problem:
        return _Problem([changed if c.id == changed.id else c for c in cands], rules)

    def forced(changed: Candidate) -> tuple[float, int] | None:
        """Best value with ``changed`` funded, and the amount it then gets; ``None`` if it cannot be funded."""
        sub = with_changed(changed)
        result = _run(sub, forced_in=frozenset({changed.id}), time_limit=time_limit)
        if result.x is None:
            return None
        amounts = dict(zip(ids, result.x, strict=True))
        return value(sub.candidates, rules, amounts), amounts[changed.id]

    def score_threshold(c: Candidate, v0: float, lowest: int, highest: int, lowest_first: bool) -> float | None:
        """Lowest score in hundredths in [lowest, highest] at which it is funded (below ``lowest`` it is not)."""
        if lowest > highest:
            return None

        def gain(hundredths: int) -> tuple[float, float] | None:
            result = forced(replace(c, score=hundredths / 100))
            if result is None:
                return None
            total, amount = result
            return total - v0, f + (1.0 - f) * amount / c.requested  # the gain and its slope in the score

        lo, hi = lowest - 1, highest
        if lowest_first:  # below the minimum score: often just reaching it is enough
            first = gain(lowest)
            if first is None:
                return None  # it cannot be funded within the rules at any score
            if first[0] >= margin:
                return lowest / 100
            lo = lowest
        top = gain(highest)
        if top is None or top[0] < margin:
            return None
        g_hi, slope = top
        newton = True
        while hi - lo > 1:
            # Newton: the tangent at hi is below the convex gain, so where it reaches the margin, so does the
            # gain. After a miss (only from rounding), bisect.
            newton_step = math.ceil((hi / 100 - (g_hi - margin) / slope) * 100 - _TOL)
            probe = newton_step if newton else (lo + hi) // 2
            probe = min(max(probe, lo + 1), hi - 1)
            result = gain(probe)
            if result is not None and result[0] >= margin:
                hi, (g_hi, slope) = probe, result
                newton = True
            else:
                lo = probe
                newton = False
        return hi / 100

    def funded_at(c: Candidate, requested: int, v0: float) -> bool:
        """Whether it is funded when asking for ``requested`` kr (its minimum scaled in proportion)."""
        minimum = None if c.minimum is None else max(1, math.ceil(c.minimum * requested / c.requested))
        found = forced(replace(c, requested=requested, minimum=minimum))
        return found is not None and found[0] - v0 >= margin

    def most_money(c: Candidate, k: int, v0: float, share: float) -> int:
        """The most it can take (below its request) at the granted share, with the others worth the rest; 0: none."""
        worth = problem.weights[k] * (f + (1.0 - f) * share)
        result = _run(problem, probe=_Probe(c.id, v0 + margin - worth), time_limit=time_limit)
        return 0 if result.x is None else result.x[k]

    def amount_threshold(c: Candidate, k: int, v0: float) -> int | None:
        """Highest request (whole kronor, below the current one) at which it is funded."""
        if c.requested <= 1:
            return None
        full = min(most_money(c, k, v0, 1.0), c.requested - 1)  # asking for that in full is funded
        if full < 1:
            return None  # not even 1 kr in full; and a reduced grant is worth less for the same money
        lo, hi = 0, full + 1  # lo: highest request known to be funded (0: none); hi: known not to be
        if funded_at(c, full, v0):
            lo = full
            if c.minimum is not None:
                # A reduced grant of m kr is dominated by asking for m kr in full, so m ≤ full, and the request
                # is at most full·requested/minimum for its scaled minimum to fit. Granting just the minimum
                # usually reaches furthest: try that first.
                hi = min(c.requested, full * c.requested // c.minimum + 1)
                share = c.minimum / c.requested
                reach = min(most_money(c, k, v0, share) * c.requested // c.minimum, hi - 1)
                if reach > lo and funded_at(c, reach, v0):
                    lo = reach
                if lo + 1 < hi and not funded_at(c, lo + 1, v0):
                    hi = lo + 1
        # Otherwise (or if the amounts in whole kronor fall short of the model's, which is rare) bisect.
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if funded_at(c, mid, v0):
                lo = mid
            else:
                hi = mid
        return lo or None

    explanations: dict[str, Explanation] = {}
    for k, c in enumerate(cands):
        amount = allocation.amounts.get(c.id, 0)
        common: dict[str, Any] = {
            "candidate_id": c.id,
            "funded": amount > 0,
            "amount": amount,
            "requested": c.requested,
            "reduced": 0 < amount < c.requested,
            "score": c.score,
            "weight": problem.weights[k],
            "rank": rank(c),
            "eligible_count": len(eligible_scores),
        }
        if amount > 0:
            reason = "must_fund" if c.id in rules.must_fund else "selected"
            without_rules = replace(rules, must_fund=rules.must_fund - {c.id})
            without = _solve(_Problem(cands, without_rules), time_limit=time_limit, excluded=frozenset({c.id}))
            if without.status == INFEASIBLE:
                explanations[c.id] = Explanation(**common, reason=reason, needed_for=without.conflicts)
            else:
                lost = allocation.objective - without.objective if without.has_solution else None
                explanations[c.id] = Explanation(**common, reason=reason, value_lost=lost)
            continue
        if base is None:
            reason = "no_allocation"
        elif c.id in rules.must_not_fund:
            reason = "must_not_fund"
        elif c.score < rules.min_score:
            reason = "below_min_score"
        else:
            reason = "not_selected"
        if base is None or reason == "must_not_fund":
            explanations[c.id] = Explanation(**common, reason=reason)
            continue

        highest = math.floor(max_score * 100 + _TOL)
        threshold_amount = None
        if reason == "below_min_score":
            lowest = math.ceil(rules.min_score * 100 - _TOL)
            v0 = base
            area = c.national_area
            if rules.require_each_national_area and Conflict("national_area", area) not in problem.groups:
                # Eligible, it would be the only eligible one in its area, which then must be covered.
                sub = with_changed(replace(c, score=max(lowest / 100, rules.min_score)))
                rest = _run(sub, excluded=frozenset({c.id}), time_limit=time_limit)
                v0 = -math.inf if rest.x is None else value(sub.candidates, rules, dict(zip(ids, rest.x, strict=True)))
        else:
            lowest = math.floor(c.score * 100 + _TOL) + 1
            v0 = base
            threshold_amount = amount_threshold(c, k, v0)
        below = reason == "below_min_score"
        if math.isfinite(v0):
            threshold_score = score_threshold(c, v0, lowest, highest, lowest_first=below)
        else:  # every allocation within the rules must include it once it is eligible
            possible = lowest <= highest and forced(replace(c, score=lowest / 100)) is not None
            threshold_score = lowest / 100 if possible else None
        explanations[c.id] = Explanation(
            **common, reason=reason, threshold_score=threshold_score, threshold_amount=threshold_amount
        )
    return explanations
