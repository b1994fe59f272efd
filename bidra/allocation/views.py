"""The allocation page of a call: choose the rules, compare with ranking by hand, adjust, hand over."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.applications.models import Application
from bidra.core.feedback import flash_form_errors, flash_refusal
from bidra.permissions import require
from bidra.programmes.models import Call

from . import optimiser, services
from .explanations import area_label, conflicts_text, explanation_text
from .forms import AdjustForm, RulesForm
from .models import Proposal


@login_required
def calls(request: HttpRequest) -> HttpResponse:
    require(request.user, "allocation.view")
    rows = Call.objects.select_related("programme").annotate(
        assessed=Count("applications", filter=Q(applications__status="assessed")),
        received=Count("applications", filter=~Q(applications__status__in=["draft", "withdrawn"])),
    )
    return render(request, "allocation/calls.html", {"calls": rows})


def _explanation(data: dict) -> optimiser.Explanation:
    data = {**data, "needed_for": tuple(optimiser.Conflict(**c) for c in data.get("needed_for", ()))}
    return optimiser.Explanation(**data)


def _rows(proposal: Proposal) -> list[dict]:
    applications = Application.objects.select_related("municipality", "case").in_bulk(
        [int(c["id"]) for c in proposal.candidates]
    )
    explanations = proposal.result.get("explanations", {})
    rows = []
    for candidate in proposal.candidates:
        cid = candidate["id"]
        explained = explanations.get(cid)
        rows.append(
            {
                "candidate": candidate,
                "application": applications.get(int(cid)),
                "amount": Decimal(proposal.amounts.get(cid, "0")),
                "greedy": Decimal(proposal.greedy.get("amounts", {}).get(cid, "0")),
                "explanation": explanation_text(_explanation(explained), proposal.rules) if explained else "",
                "area": area_label(candidate["national_area"]),
            }
        )
    rows.sort(key=lambda row: (-row["amount"], -row["candidate"]["score"]))
    return rows


def _conflicts(proposal: Proposal, key: str = "conflicts") -> str:
    source = proposal.result if key != "greedy" else proposal.greedy
    field = "conflicts" if key == "conflicts" else "violations"
    return conflicts_text([optimiser.Conflict(**c) for c in source.get(field, [])], proposal.rules)


@login_required
def proposal_page(request: HttpRequest, call_slug: str) -> HttpResponse:
    require(request.user, "allocation.view")
    call = get_object_or_404(Call.objects.select_related("programme"), slug=call_slug)
    versions = list(call.proposals.select_related("created_by").order_by("-version"))
    selected = next((p for p in versions if str(p.version) == request.GET.get("v")), versions[0] if versions else None)
    candidates, _apps = services.candidates_for(call) if selected is None else (services.candidates_of(selected), None)
    labels = [(c.id, f"{c.id}: {c.municipality}") for c in candidates]
    if selected is not None:
        names = dict(
            Application.objects.filter(pk__in=[int(c.id) for c in candidates]).values_list("pk", "municipality__name")
        )
        labels = [(c.id, f"{names.get(int(c.id), c.id)} ({c.id})") for c in candidates]
        rules = selected.rules
        initial = {
            "min_score": rules.get("min_score"),
            "require_each_national_area": rules.get("require_each_national_area"),
            "min_skr_main_groups": rules.get("min_skr_main_groups"),
            "max_share_per_municipality": round(100 * rules["max_share_per_municipality"])
            if rules.get("max_share_per_municipality")
            else None,
            "must_fund": rules.get("must_fund"),
            "must_not_fund": rules.get("must_not_fund"),
        }
    else:
        initial = {}
    context = {
        "call": call,
        "versions": versions,
        "proposal": selected,
        "rules_form": RulesForm(initial=initial, candidates=labels),
        "can_propose": request.user.has_perm("allocation.propose"),
        "can_decide": request.user.has_perm("decisions.draft"),
    }
    if selected is not None:
        context.update(
            rows=_rows(selected),
            money_left=services.money_left(selected),
            conflicts=_conflicts(selected),
            violations=conflicts_text(
                [optimiser.Conflict(**c) for c in selected.result.get("violations", [])], selected.rules
            ),
            greedy_violations=conflicts_text(
                [optimiser.Conflict(**c) for c in selected.greedy.get("violations", [])], selected.rules
            ),
            summary=selected.result.get("summary", {}),
            areas=[
                (
                    area_label(code),
                    count,
                    selected.greedy.get("summary", {}).get("funded_per_national_area", {}).get(code),
                )
                for code, count in selected.result.get("summary", {}).get("funded_per_national_area", {}).items()
            ],
            greedy_summary=selected.greedy.get("summary", {}),
            is_latest=selected.pk == versions[0].pk,
            follow_up=getattr(call, "follow_up_round", None),
        )
    return render(request, "allocation/proposal.html", context)


def _to_version(call_slug: str, version: int) -> HttpResponse:
    return redirect(f"{reverse('allocation:proposal', args=[call_slug])}?v={version}")


def _refuse(request: HttpRequest, error: Exception) -> None:
    flash_refusal(request, error)


@login_required
@require_POST
def run(request: HttpRequest, call_slug: str) -> HttpResponse:
    require(request.user, "allocation.propose")
    call = get_object_or_404(Call, slug=call_slug)
    candidates, _apps = services.candidates_for(call)
    form = RulesForm(request.POST, candidates=[(c.id, c.id) for c in candidates])
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("allocation:proposal", call_slug=call.slug)
    data = form.cleaned_data
    share = data.get("max_share_per_municipality")
    choices = services.RulesInput(
        min_score=float(data["min_score"]),
        require_each_national_area=data["require_each_national_area"],
        min_skr_main_groups=data["min_skr_main_groups"],
        max_share_per_municipality=share / 100 if share else None,
        must_fund=frozenset(data["must_fund"]),
        must_not_fund=frozenset(data["must_not_fund"]),
    )
    try:
        proposal = services.run_proposal(call, by=request.user, choices=choices)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
        return redirect("allocation:proposal", call_slug=call.slug)
    if proposal.result["status"] == optimiser.INFEASIBLE:
        messages.error(request, _("Villkoren går inte att uppfylla samtidigt. Se vilka villkor som krockar."))
    else:
        messages.success(request, _("Förslag version %(v)s är beräknat.") % {"v": proposal.version})
    return _to_version(call.slug, proposal.version)


@login_required
@require_POST
def adjust(request: HttpRequest, call_slug: str, version: int) -> HttpResponse:
    require(request.user, "allocation.propose")
    proposal = get_object_or_404(Proposal, call__slug=call_slug, version=version)
    form = AdjustForm(request.POST, candidate_ids=[c["id"] for c in proposal.candidates])
    if not form.is_valid():
        flash_form_errors(request, form)
        return _to_version(call_slug, version)
    try:
        new = services.adjust(proposal, by=request.user, amounts=form.amounts(), note=form.cleaned_data["note"])
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
        return _to_version(call_slug, version)
    messages.success(request, _("Justeringen är sparad som version %(v)s.") % {"v": new.version})
    return _to_version(call_slug, new.version)


@login_required
@require_POST
def carry(request: HttpRequest, call_slug: str, version: int) -> HttpResponse:
    require(request.user, "allocation.propose")
    proposal = get_object_or_404(Proposal, call__slug=call_slug, version=version)
    try:
        follow_up = services.carry_leftover(proposal, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Återstående medel är förda till %(call)s.") % {"call": follow_up})
    return _to_version(call_slug, version)
