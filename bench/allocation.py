"""Benchmark of the allocation optimiser against the by-hand greedy baseline (a script, not a test).

Run from the project root:  .venv/bin/python bench/allocation.py [--time-limit 60] [--sizes 50 500 2000 5000]

Reproducible random rounds (seeded) over the 290 real municipalities with their national areas and SKR groups:
requests 50 000–1 500 000 kr, ~30 % with a minimum, budget ≈ 25 % of all requested; rules: every national area
covered, at least 3 SKR main groups, at most 15 % of the budget per municipality. Prints one row per size.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bidra.allocation.optimiser import Candidate, Rules, explain, greedy, solve, violations  # noqa: E402

MUNICIPALITIES = ROOT / "bidra" / "municipalities" / "data" / "municipalities.csv"


def municipalities() -> list[dict[str, str]]:
    with MUNICIPALITIES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def instance(n: int, seed: int, places: list[dict[str, str]]) -> tuple[list[Candidate], Rules]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    # Larger municipalities apply more often (weight ∝ √population), as in the real calls.
    weights = [int(p["population"] or 1) ** 0.5 for p in places]
    candidates = []
    for i in range(n):
        place = rng.choices(places, weights)[0]
        requested = rng.randrange(50, 1501) * 1000
        minimum = rng.randrange(requested // 2000, requested // 1000 + 1) * 1000 if rng.random() < 0.3 else None
        candidates.append(
            Candidate(
                id=f"A{i:05d}",
                score=rng.choice([1, 1.5, 2, 2.5, 3, 3.5, 4]) if rng.random() < 0.7 else round(rng.uniform(0, 4), 1),
                requested=requested,
                minimum=minimum if minimum and minimum <= requested else None,
                municipality=place["code"],
                county=place["county_code"],
                national_area=place["national_area"],
                skr_group=place["skr_group_code"],
                involves_women_children=rng.random() < 0.5,
                long_term_score=rng.choice([0, 1, 2, 3, 4]),
            )
        )
    budget = sum(c.requested for c in candidates) // 4
    rules = Rules(
        budget=budget,
        min_score=1.0,
        require_each_national_area=True,
        min_skr_main_groups=3,
        max_share_per_municipality=0.15,
    )
    return candidates, rules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 2000, 5000])
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    places = municipalities()

    header = (
        f"{'n':>5} {'seconds':>8} {'status':>10} {'MIP gap':>9} {'optimiser':>10} {'greedy':>10} "
        f"{'gain':>8} {'gain %':>7} {'used (opt)':>14} {'used (greedy)':>14} {'budget':>14} {'funded':>11}  "
        "greedy breaks"
    )
    solve(*instance(3, args.seed, places))  # HiGHS prints its banner once per process: get it out of the table
    print(f"Allocation benchmark: time limit {args.time_limit:g} s, seed {args.seed}; funded: optimiser/greedy")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        candidates, rules = instance(n, args.seed + n, places)
        optimised = solve(candidates, rules, time_limit=args.time_limit)
        baseline = greedy(candidates, rules)
        gain = optimised.objective - baseline.objective
        share = f"{100 * gain / baseline.objective:6.1f}%" if baseline.objective else "    -"
        gap = f"{optimised.mip_gap:.1e}" if optimised.mip_gap is not None else "-"
        broken = violations(candidates, rules, baseline.amounts)
        kinds = sorted({b.kind for b in broken})
        breaks = ", ".join(f"{kind} ×{sum(1 for b in broken if b.kind == kind)}" for kind in kinds) or "none"
        print(
            f"{n:>5} {optimised.seconds:>8.2f} {optimised.status:>10} {gap:>9} {optimised.objective:>10.2f} "
            f"{baseline.objective:>10.2f} {gain:>8.2f} {share:>7} {optimised.total:>14,} {baseline.total:>14,} "
            f"{rules.budget:>14,} {len(optimised.funded):>5}/{len(baseline.funded):<5}  {breaks}",
            flush=True,
        )

    candidates, rules = instance(50, args.seed + 50, places)
    allocation = solve(candidates, rules)
    started = time.perf_counter()
    explanations = explain(candidates, rules, allocation)
    unfunded = sum(1 for e in explanations.values() if not e.funded)
    print(
        f"\nexplain() for n=50: {time.perf_counter() - started:.2f} s "
        f"({len(explanations) - unfunded} funded, {unfunded} not funded, every one re-solved)"
    )


if __name__ == "__main__":
    main()
