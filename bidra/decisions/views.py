"""Decision batches: drafting from a proposal, editing, previewing letters, signing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.accounts.authn import ask_to_confirm, recently_authenticated
from bidra.allocation.models import Proposal
from bidra.core.feedback import flash_refusal
from bidra.permissions import require

from . import services
from .forms import DecisionForm
from .letter import render_decision_letter
from .models import Decision, DecisionBatch


@login_required
@require_POST
def from_proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    require(request.user, "decisions.draft")
    proposal = get_object_or_404(Proposal, pk=proposal_id)
    try:
        batch = services.draft_from_proposal(proposal, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        flash_refusal(request, error)
        return redirect("allocation:proposal", call_slug=proposal.call.slug)
    messages.success(request, _("Beslutsutkast är framtagna."))
    return redirect("decisions:batch", batch_id=batch.pk)


@login_required
def batches(request: HttpRequest) -> HttpResponse:
    require(request.user, "decisions.view")
    rows = DecisionBatch.objects.select_related("call", "presenter", "signed_by").order_by("-created_at")
    return render(request, "decisions/batches.html", {"batches": rows})


@login_required
def batch_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    require(request.user, "decisions.view")
    batch = get_object_or_404(DecisionBatch.objects.select_related("call", "presenter", "signed_by"), pk=batch_id)
    decisions = batch.decisions.select_related("application__municipality", "application__case", "letter_document")
    obstacles = services.signing_obstacles(batch, request.user) if batch.state == DecisionBatch.State.DRAFT else []
    return render(
        request,
        "decisions/batch.html",
        {
            "batch": batch,
            "decisions": decisions,
            "obstacles": obstacles,
            "can_sign": request.user.has_perm("decisions.sign") and not obstacles,
            "can_edit": request.user.has_perm("decisions.draft") and batch.state == DecisionBatch.State.DRAFT,
            "total": sum(d.amount for d in decisions),
        },
    )


@login_required
def edit(request: HttpRequest, batch_id: int, decision_id: int) -> HttpResponse:
    require(request.user, "decisions.draft")
    decision = get_object_or_404(
        Decision.objects.select_related("batch", "application__municipality", "application__case"),
        pk=decision_id,
        batch_id=batch_id,
    )
    if decision.batch.state != DecisionBatch.State.DRAFT:
        return redirect("decisions:batch", batch_id=batch_id)
    form = DecisionForm(request.POST or None, instance=Decision.objects.get(pk=decision.pk))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_decision(
                    decision,
                    by=request.user,
                    lock_version=int(request.POST.get("lock_version", -1)),
                    **{name: form.cleaned_data[name] for name in form.Meta.fields},
                )
            except services.StaleDecision:
                messages.error(request, _("Beslutet har ändrats av någon annan. Dina ändringar visas – spara igen."))
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("Beslutsutkastet är sparat."))
                return redirect("decisions:batch", batch_id=batch_id)
        else:
            status = 400
    decision.refresh_from_db()
    return render(request, "decisions/edit.html", {"decision": decision, "form": form}, status=status)


@login_required
def preview(request: HttpRequest, batch_id: int, decision_id: int) -> HttpResponse:
    """The letter as it would look if signed now by the viewer (not registered)."""
    require(request.user, "decisions.view")
    decision = get_object_or_404(Decision.objects.select_related("batch__presenter"), pk=decision_id, batch_id=batch_id)
    letter = services.letter_for(decision, signer=request.user, on=timezone.localdate())
    response = HttpResponse(render_decision_letter(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="utkast-{decision.application.case_number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def sign(request: HttpRequest, batch_id: int) -> HttpResponse:
    require(request.user, "decisions.sign")
    batch = get_object_or_404(DecisionBatch, pk=batch_id)
    if not recently_authenticated(request):
        # Signing needs a fresh proof of identity; the page has the button to sign again after it.
        return ask_to_confirm(request, reverse("decisions:batch", args=[batch_id]))
    try:
        services.sign_batch(batch, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Besluten är fattade, registrerade och skickade till sökandena."))
    return redirect("decisions:batch", batch_id=batch_id)
