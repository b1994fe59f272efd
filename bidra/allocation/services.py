"""Allocation proposals: run the optimiser on a call, adjust by hand, hand over to decisions.

Each proposal is a new saved version holding its inputs and result (see models.Proposal).
"""

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from bidra.accounts.identity import has_role
from bidra.accounts.models import AgencyRole
from bidra.audit.events import label_actions, record
from bidra.audit.models import Event
from bidra.programmes.models import Call

from . import optimiser
from .candidates import candidates_for
from .models import Proposal

label_actions(
    {
        "allocation.proposed": _("Fördelningsförslag beräknat"),
        "allocation.adjusted": _("Fördelningsförslag justerat"),
        "allocation.leftover_carried": _("Återstående medel förda till nästa omgång"),
    }
)

EXPLAIN_UP_TO = 150  # explanations re-solve the model per candidate: meant for call-sized instances


@dataclass(frozen=True)
class RulesInput:
    """What the officer chooses on the proposal page (shares as fractions, amounts in kronor)."""

    min_score: float = 0.0
    require_each_national_area: bool = True
    min_skr_main_groups: int = 0
    max_share_per_municipality: float | None = None
    must_fund: frozenset[str] = frozenset()
    must_not_fund: frozenset[str] = frozenset()
    budget: int | None = None  # default: the call's budget


def _require_officer(by: Any) -> None:
    if not has_role(by, AgencyRole.CASE_OFFICER):
        raise PermissionDenied


def _rules_json(rules: optimiser.Rules) -> dict:
    data = asdict(rules)
    data["must_fund"] = sorted(rules.must_fund)
    data["must_not_fund"] = sorted(rules.must_not_fund)
    return data


def _next_version(call: Call) -> int:
    return (Proposal.objects.filter(call=call).aggregate(v=Max("version"))["v"] or 0) + 1


def run_proposal(call: Call, *, by: Any, choices: RulesInput) -> Proposal:
    """Solve the call's allocation, compute the greedy baseline and explanations, save a new version."""
    _require_officer(by)
    candidates, _applications = candidates_for(call)
    if not candidates:
        raise ValidationError(_("Det finns inga bedömda ansökningar att fördela medel till."))
    known = {c.id for c in candidates}
    rules = optimiser.Rules(
        budget=choices.budget if choices.budget is not None else int(call.budget),
        min_score=choices.min_score,
        require_each_national_area=choices.require_each_national_area,
        min_skr_main_groups=choices.min_skr_main_groups,
        max_share_per_municipality=choices.max_share_per_municipality,
        must_fund=frozenset(choices.must_fund) & known,
        must_not_fund=frozenset(choices.must_not_fund) & known,
    )
    allocation = optimiser.solve(candidates, rules)
    baseline = optimiser.greedy(candidates, rules)
    explanations = (
        optimiser.explain(candidates, rules, allocation)
        if allocation.has_solution and len(candidates) <= EXPLAIN_UP_TO
        else {}
    )
    with transaction.atomic():
        proposal = Proposal.objects.create(
            call=call,
            version=_next_version(call),
            kind=Proposal.Kind.OPTIMISED,
            created_by=by,
            rules=_rules_json(rules),
            candidates=[asdict(c) for c in candidates],
            amounts={cid: str(amount) for cid, amount in allocation.amounts.items()},
            result={
                "status": allocation.status,
                "objective": allocation.objective,
                "mip_gap": allocation.mip_gap,
                "seconds": allocation.seconds,
                "conflicts": [asdict(c) for c in allocation.conflicts],
                "explanations": {cid: asdict(e) for cid, e in explanations.items()},
                "summary": asdict(optimiser.summary(allocation, candidates, rules.budget)),
                "violations": [asdict(v) for v in optimiser.violations(candidates, rules, allocation.amounts)],
            },
            greedy={
                "amounts": {cid: str(amount) for cid, amount in baseline.amounts.items()},
                "summary": asdict(optimiser.summary(baseline, candidates, rules.budget)),
                "violations": [asdict(v) for v in optimiser.violations(candidates, rules, baseline.amounts)],
            },
        )
        record(
            "allocation.proposed",
            actor=by,
            target=proposal,
            data={
                "call": call.slug,
                "version": proposal.version,
                "status": allocation.status,
                "objective": allocation.objective,
                "greedy_objective": baseline.objective,
            },
        )
    return proposal


def candidates_of(proposal: Proposal) -> list[optimiser.Candidate]:
    return [optimiser.Candidate(**c) for c in proposal.candidates]


def rules_of(proposal: Proposal) -> optimiser.Rules:
    data = dict(proposal.rules)
    data["must_fund"] = frozenset(data.get("must_fund", ()))
    data["must_not_fund"] = frozenset(data.get("must_not_fund", ()))
    return optimiser.Rules(**data)


def adjust(proposal: Proposal, *, by: Any, amounts: dict[str, int], note: str) -> Proposal:
    """Save the officer's changed amounts as a new version; broken spread rules are shown, not hidden."""
    _require_officer(by)
    if not note.strip():
        raise ValidationError(_("Motivera justeringen."))
    candidates = {c.id: c for c in candidates_of(proposal)}
    rules = rules_of(proposal)
    cleaned: dict[str, int] = {}
    for cid, candidate in candidates.items():
        amount = int(amounts.get(cid, 0))
        low = candidate.minimum if candidate.minimum is not None else candidate.requested
        if amount != 0 and not low <= amount <= candidate.requested:
            raise ValidationError(
                _("Beloppet för ansökan %(id)s ska vara 0 eller mellan %(low)s och %(high)s kr.")
                % {"id": cid, "low": low, "high": candidate.requested}
            )
        cleaned[cid] = amount
    if sum(cleaned.values()) > rules.budget:
        raise ValidationError(_("Justeringen överskrider budgeten."))
    adjusted = optimiser.Allocation(
        status="adjusted",
        amounts=cleaned,
        objective=optimiser.value(candidates.values(), rules, cleaned),
        mip_gap=None,
        seconds=0.0,
        has_solution=True,
        method="adjusted",
    )
    with transaction.atomic():
        new = Proposal.objects.create(
            call=proposal.call,
            version=_next_version(proposal.call),
            kind=Proposal.Kind.ADJUSTED,
            based_on=proposal,
            created_by=by,
            rules=proposal.rules,
            candidates=proposal.candidates,
            amounts={cid: str(amount) for cid, amount in cleaned.items()},
            result={
                "status": "adjusted",
                "objective": adjusted.objective,
                "conflicts": [],
                "explanations": {},
                "summary": asdict(optimiser.summary(adjusted, candidates.values(), rules.budget)),
                "violations": [asdict(v) for v in optimiser.violations(list(candidates.values()), rules, cleaned)],
            },
            greedy=proposal.greedy,
            note=note,
        )
        changed = {
            cid: [proposal.amounts.get(cid), str(a)]
            for cid, a in cleaned.items()
            if proposal.amounts.get(cid) != str(a)
        }
        record(
            "allocation.adjusted",
            actor=by,
            target=new,
            data={"from_version": proposal.version, "changed": changed, "note": note},
        )
    return new


def money_left(proposal: Proposal) -> Decimal:
    return Decimal(proposal.rules["budget"]) - sum((Decimal(a) for a in proposal.amounts.values()), Decimal(0))


def carry_leftover(proposal: Proposal, *, by: Any) -> Call:
    """Add what the proposal leaves of the budget to the call's follow-up round, once."""
    _require_officer(by)
    call = proposal.call
    follow_up = getattr(call, "follow_up_round", None)
    if follow_up is None:
        raise ValidationError(_("Utlysningen har ingen uppföljande omgång."))
    with transaction.atomic():
        follow_up = Call.objects.select_for_update().get(pk=follow_up.pk)
        if Event.objects.filter(action="allocation.leftover_carried", data__from_call=call.slug).exists():
            raise ValidationError(_("Återstående medel har redan förts över."))
        left = money_left(proposal)
        if left <= 0:
            raise ValidationError(_("Förslaget lämnar inget kvar att föra över."))
        before = follow_up.budget
        follow_up.budget = before + left
        follow_up.save(update_fields=["budget"])
        record(
            "allocation.leftover_carried",
            actor=by,
            target=follow_up,
            before={"budget": str(before)},
            after={"budget": str(follow_up.budget)},
            data={"from_call": call.slug, "amount": str(left), "proposal_version": proposal.version},
        )
    return follow_up
