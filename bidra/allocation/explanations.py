"""Plain Swedish (or English) sentences for the optimiser's computed explanations and conflicts."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bidra.core.money import format_kronor
from bidra.municipalities.models import NationalArea

from .optimiser import Conflict, Explanation


def _area(code: str | None) -> str:
    if code in NationalArea.values:
        return str(NationalArea(code).label)
    return code or ""


def _num(value: float) -> str:
    """A figure with two decimals in the reader's language (3,30 in Swedish)."""
    return number_format(round(value, 2), 2)


def area_label(code: str | None) -> str:
    return _area(code)


def conflict_text(conflict: Conflict, rules: dict) -> str:
    kind, key = conflict.kind, conflict.key
    if kind == "budget":
        return _("budgeten på %(budget)s") % {"budget": format_kronor(rules.get("budget"))}
    if kind == "national_area":
        return _("minst ett bidrag i %(area)s") % {"area": _area(key)}
    if kind == "national_area_share":
        return _("en minsta andel av budgeten till %(area)s") % {"area": _area(key)}
    if kind == "skr_groups":
        return _("minst %(n)s av SKR:s huvudgrupper") % {"n": rules.get("min_skr_main_groups")}
    if kind == "municipality_cap":
        return _("högst %(share)s %% av budgeten till en kommun") % {
            "share": round(100 * float(rules.get("max_share_per_municipality") or 0))
        }
    if kind == "must_fund":
        return _("låsningen att ansökan %(id)s ska beviljas") % {"id": key} if key else _("låsta ansökningar")
    if kind == "must_not_fund":
        return _("låsningen att ansökan %(id)s inte ska beviljas") % {"id": key} if key else _("låsta ansökningar")
    if kind == "min_score":
        return _("lägsta poäng för att kunna få bidrag")
    return kind


def conflicts_text(conflicts: list[Conflict], rules: dict) -> str:
    return ", ".join(conflict_text(conflict, rules) for conflict in conflicts)


def explanation_text(explanation: Explanation, rules: dict) -> str:
    """One or two sentences from the figures the optimiser computed."""
    e = explanation
    rank = (
        _("Viktat värde %(score)s, plats %(rank)s av %(count)s.")
        % {"score": _num(e.score), "rank": e.rank, "count": e.eligible_count}
        if e.rank is not None
        else _("Viktat värde %(score)s.") % {"score": _num(e.score)}
    )
    if e.funded:
        parts = [rank]
        if e.reason == "must_fund":
            parts.append(_("Låst av handläggare: ska beviljas."))
        if e.reduced:
            parts.append(
                _("Beviljas med %(amount)s av sökta %(requested)s för att fler insatser ska rymmas.")
                % {"amount": format_kronor(e.amount), "requested": format_kronor(e.requested)}
            )
        if e.needed_for:
            parts.append(_("Behövs för att uppfylla: %(what)s.") % {"what": conflicts_text(list(e.needed_for), rules)})
        elif e.value_lost is not None and e.value_lost >= 0:
            parts.append(
                _("Utan den skulle förslagets samlade värde bli %(lost)s lägre.") % {"lost": _num(e.value_lost)}
            )
        elif e.value_lost is not None:
            parts.append(
                _("Låsningen kostar %(cost)s i samlat värde jämfört med att lämna den utanför.")
                % {"cost": _num(-e.value_lost)}
            )
        return " ".join(parts)
    if e.reason == "below_min_score":
        return _("Under lägsta poäng (%(min)s) för att kunna få bidrag.") % {"min": rules.get("min_score")}
    if e.reason == "must_not_fund":
        return _("Låst av handläggare: ska inte beviljas.")
    if e.reason == "no_allocation":
        return _("Inget förslag kunde tas fram med de valda villkoren.")
    parts = [rank]
    if e.threshold_score is not None:
        parts.append(_("Skulle beviljas vid ett viktat värde på minst %(score)s.") % {"score": _num(e.threshold_score)})
    if e.threshold_amount is not None:
        parts.append(
            _("Skulle beviljas om det sökta beloppet var högst %(amount)s.")
            % {"amount": format_kronor(e.threshold_amount)}
        )
    if e.threshold_score is None and e.threshold_amount is None:
        parts.append(_("Ryms inte ens med högsta möjliga poäng eller ett lägre belopp, med de valda villkoren."))
    return " ".join(parts)
