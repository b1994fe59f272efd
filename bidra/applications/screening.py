"""Automatic eligibility screening of a received application, as pure functions.

Each check returns a code, an outcome and the figures it judged by; the text shown to
officers is made from those at display time, in the reader's language.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from bidra.core.money import format_kronor

PASSED, FAILED, PENDING = "passed", "failed", "pending"

APPLICANT = "applicant_eligible"
AREAS = "areas_allowed"
AMOUNT = "amount_within_budget"
PERIOD = "period_within_limits"
BUDGET_SUM = "budget_lines_sum"
STATUTORY_DUTY = "not_statutory_duty"

ORDER = (APPLICANT, AREAS, AMOUNT, PERIOD, BUDGET_SUM, STATUTORY_DUTY)


@dataclass(frozen=True)
class ScreeningInput:
    applicant_is_municipality: bool
    submitter_has_membership: bool
    area_codes: tuple[str, ...]
    allowed_area_codes: frozenset[str]
    requested_amount: Decimal | None
    call_budget: Decimal
    period_start: date | None
    period_end: date | None
    earliest_start: date
    latest_end: date
    max_period_months: int
    budget_line_amounts: tuple[Decimal, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CheckResult:
    code: str
    outcome: str
    params: dict

    @property
    def passed(self) -> bool:
        return self.outcome == PASSED


def months_between(start: date, end: date) -> int:
    """Calendar months covered by the period, counting a started month as a whole one."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def screen(data: ScreeningInput) -> list[CheckResult]:
    results = []

    applicant_ok = data.applicant_is_municipality and data.submitter_has_membership
    results.append(
        CheckResult(
            APPLICANT,
            PASSED if applicant_ok else FAILED,
            {"municipality": data.applicant_is_municipality, "membership": data.submitter_has_membership},
        )
    )

    not_allowed = sorted(set(data.area_codes) - data.allowed_area_codes)
    areas_ok = bool(data.area_codes) and not not_allowed
    results.append(
        CheckResult(AREAS, PASSED if areas_ok else FAILED, {"not_allowed": not_allowed, "count": len(data.area_codes)})
    )

    amount = data.requested_amount
    amount_ok = amount is not None and Decimal(0) < amount <= data.call_budget
    results.append(
        CheckResult(
            AMOUNT,
            PASSED if amount_ok else FAILED,
            {"requested": str(amount) if amount is not None else None, "budget": str(data.call_budget)},
        )
    )

    period_params: dict = {
        "start": data.period_start.isoformat() if data.period_start else None,
        "end": data.period_end.isoformat() if data.period_end else None,
        "earliest": data.earliest_start.isoformat(),
        "latest": data.latest_end.isoformat(),
        "max_months": data.max_period_months,
    }
    period_ok = False
    if data.period_start and data.period_end:
        months = months_between(data.period_start, data.period_end)
        period_params["months"] = months
        period_ok = (
            data.period_start <= data.period_end
            and data.period_start >= data.earliest_start
            and data.period_end <= data.latest_end
            and months <= data.max_period_months
        )
    results.append(CheckResult(PERIOD, PASSED if period_ok else FAILED, period_params))

    total = sum(data.budget_line_amounts, Decimal(0))
    sum_ok = bool(data.budget_line_amounts) and amount is not None and total == amount
    results.append(
        CheckResult(
            BUDGET_SUM,
            PASSED if sum_ok else FAILED,
            {
                "total": str(total),
                "requested": str(amount) if amount is not None else None,
                "lines": len(data.budget_line_amounts),
            },
        )
    )

    results.append(CheckResult(STATUTORY_DUTY, PENDING, {}))
    return results


def overall(results: list[CheckResult]) -> str:
    """'failed' if any automatic check failed, else 'passed' (manual checks do not count here)."""
    return FAILED if any(r.outcome == FAILED for r in results) else PASSED


def title(code: str) -> str:
    titles = {
        APPLICANT: _("Sökande är en kommun med behörig företrädare"),
        AREAS: _("Områdena är tillåtna i programmet"),
        AMOUNT: _("Sökt belopp är större än noll och ryms i utlysningens budget"),
        PERIOD: _("Insatsperioden ryms inom programmets ramar"),
        BUDGET_SUM: _("Budgetraderna summerar till sökt belopp"),
        STATUTORY_DUTY: _("Insatsen är inte en uppgift som kommunen är skyldig att utföra enligt lag"),
    }
    return titles.get(code, code)


def reason(code: str, outcome: str, params: dict) -> str:
    """A sentence explaining the outcome, built from the recorded figures."""
    if outcome == PENDING:
        return _("Manuell kontroll: handläggaren bedömer och dokumenterar.")
    if code == APPLICANT:
        if not params.get("municipality"):
            return _("Sökanden är inte en kommun.")
        if not params.get("membership"):
            return _("Den som skickade in saknade behörighet att företräda kommunen.")
        return _("Sökanden är en kommun och den som skickade in hade behörighet.")
    if code == AREAS:
        if not params.get("count"):
            return _("Inget område angavs.")
        if params.get("not_allowed"):
            return _("Områden som inte ingår i programmet: %(areas)s.") % {"areas": ", ".join(params["not_allowed"])}
        return _("Alla %(count)s angivna områden ingår i programmet.") % {"count": params["count"]}
    if code == AMOUNT:
        if params.get("requested") is None:
            return _("Inget belopp angavs.")
        values = {
            "requested": format_kronor(Decimal(params["requested"])),
            "budget": format_kronor(Decimal(params["budget"])),
        }
        if outcome == PASSED:
            return _("Sökt belopp %(requested)s ryms i budgeten %(budget)s.") % values
        return _("Sökt belopp %(requested)s är noll eller större än budgeten %(budget)s.") % values
    if code == PERIOD:
        if not params.get("start") or not params.get("end"):
            return _("Insatsperioden är inte angiven.")
        if outcome == PASSED:
            return _("%(start)s–%(end)s (%(months)s månader) ligger inom %(earliest)s–%(latest)s.") % params
        return (
            _(
                "%(start)s–%(end)s (%(months)s månader) ligger inte inom %(earliest)s–%(latest)s "
                "eller är längre än %(max_months)s månader."
            )
            % params
        )
    if code == BUDGET_SUM:
        if params.get("requested") is None:
            return _("Inget sökt belopp att jämföra med.")
        if params.get("lines") == 0:  # results recorded before the count was kept have no "lines"
            return _("Inga budgetrader angavs.")
        values = {
            "total": format_kronor(Decimal(params["total"])),
            "requested": format_kronor(Decimal(params["requested"])),
        }
        if outcome == PASSED:
            return _("Budgetraderna summerar till %(total)s, lika med sökt belopp.") % values
        return _("Budgetraderna summerar till %(total)s men sökt belopp är %(requested)s.") % values
    return ""
