"""Exhaustive reference solver for the allocation model, used by the tests to check the optimiser.

It shares only the data classes and the value function with :mod:`bidra.allocation.optimiser`, not the model:
every subset of eligible candidates is enumerated (locks and the minimum score respected; subsets whose
minimum amounts already break the budget or a municipality cap are cut off, as are all their supersets), the
spread rules are checked on the subset, and the best amounts for a feasible subset are found directly: each
funded candidate first gets its minimum, then the rest of the budget goes, krona by krona in effect, to the
highest value per krona ``w_i·(1 − full_funding_share)/requested_i``, up to the request and within the
municipality caps. That fill is optimal because the objective is linear in the amounts and the budget and the
per-municipality caps form a laminar family (the budget contains every cap), over which greedy is exact.

Minimum shares per national area are not supported (they would need lower bounds in the fill); pure Python,
exponential, for tests with up to ~20 candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bidra.allocation.optimiser import Candidate, Rules, value, weight


@dataclass(frozen=True)
class BruteForceResult:
    feasible: bool
    objective: float  # 0 when infeasible
    amounts: dict[str, int]  # every id, 0 when unfunded; all 0 when infeasible
    subsets_checked: int


def brute_force(candidates: Sequence[Candidate], rules: Rules) -> BruteForceResult:
    if any(share > 0 for share in (rules.min_share_per_national_area or {}).values()):
        raise NotImplementedError("the brute-force reference does not support minimum shares per national area")
    cands = sorted(candidates, key=lambda c: c.id)
    ids = {c.id for c in cands}
    if len(ids) != len(cands):
        raise ValueError("duplicate candidate ids")
    if not (rules.must_fund | rules.must_not_fund) <= ids:
        raise ValueError("a lock names an unknown candidate")
    zero = {c.id: 0 for c in cands}

    def eligible(c: Candidate) -> bool:
        return c.score >= rules.min_score and c.id not in rules.must_not_fund

    pool = [c for c in cands if eligible(c)]
    if any(i not in {c.id for c in pool} for i in rules.must_fund):
        return BruteForceResult(False, 0.0, zero, 0)
    required_areas = {c.national_area for c in pool} if rules.require_each_national_area else set()
    cap = rules.municipality_cap()
    f = rules.full_funding_share
    per_krona = {c.id: weight(c, rules) * (1.0 - f) / c.requested for c in cands}
    fill_order = sorted(cands, key=lambda c: (-per_krona[c.id], c.id))

    best: tuple[float, dict[str, int]] | None = None
    checked = 0

    def finish(chosen: list[Candidate], spent: int, municipal: dict[str, int]) -> None:
        nonlocal best, checked
        checked += 1
        if not required_areas <= {c.national_area for c in chosen}:
            return
        if len({c.skr_main_group for c in chosen if c.skr_main_group}) < rules.min_skr_main_groups:
            return
        amounts = dict(zero)
        for c in chosen:
            amounts[c.id] = c.floor
        left = rules.budget - spent
        room = {m: cap - used for m, used in municipal.items()} if cap is not None else {}
        chosen_ids = {c.id for c in chosen}
        for c in fill_order:
            if left <= 0:
                break
            if c.id not in chosen_ids or per_krona[c.id] <= 0:
                continue
            extra = min(c.requested - c.floor, left)
            if cap is not None:
                extra = min(extra, room[c.municipality])
                room[c.municipality] -= extra
            amounts[c.id] += extra
            left -= extra
        total = value(cands, rules, amounts)
        if best is None or total > best[0]:
            best = (total, amounts)

    def visit(k: int, chosen: list[Candidate], spent: int, municipal: dict[str, int]) -> None:
        if k == len(pool):
            finish(chosen, spent, municipal)
            return
        c = pool[k]
        if c.id not in rules.must_fund:
            visit(k + 1, chosen, spent, municipal)
        new_spent = spent + c.floor
        new_municipal = municipal.get(c.municipality, 0) + c.floor
        if new_spent <= rules.budget and (cap is None or new_municipal <= cap):
            chosen.append(c)
            municipal[c.municipality] = new_municipal
            visit(k + 1, chosen, new_spent, municipal)
            municipal[c.municipality] = new_municipal - c.floor
            chosen.pop()

    visit(0, [], 0, {})
    if best is None:
        return BruteForceResult(False, 0.0, zero, checked)
    return BruteForceResult(True, best[0], best[1], checked)
