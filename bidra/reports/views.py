"""The municipality's report e-service, the officers' review and the reclaim list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.accounts.authn import ask_to_confirm, recently_authenticated
from bidra.accounts.identity import municipality_ids_of
from bidra.audit.workflow import TransitionNotAllowed
from bidra.core import draft_input
from bidra.core.feedback import flash_refusal
from bidra.permissions import require

from . import services
from .forms import CompletionForm, ReclaimForm, ReportForm
from .models import Reclaim, Report
from .selectors import DONE, grants
from .workflow import ReclaimStatus, ReportStatus

REFUSED = (ValidationError, TransitionNotAllowed, PermissionDenied)


# --- Municipality ---------------------------------------------------------------------------
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    own = municipality_ids_of(request.user)
    if not own:
        raise Http404
    decisions = (
        grants()
        .filter(application__municipality__in=own)
        .select_related("application__municipality", "report")
        .order_by("report_due_date", "id")
    )
    return render(request, "reports/mine.html", {"decisions": decisions, "today": timezone.localdate()})


@login_required
def edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = grants().filter(pk=decision_id).select_related("application__received_document").first()
    if decision is None or decision.application.municipality_id not in municipality_ids_of(request.user):
        raise Http404
    report = services.ensure_report(decision)
    if not request.user.has_perm("reports.view", report):
        raise Http404
    if request.method == "POST" and report.editable:
        form = ReportForm(request.POST, request.FILES, report=report)
        valid = form.is_valid()
        values, lines = form.valid_values()
        report = services.save_draft(
            report,
            by=request.user,
            values=values,
            line_amounts=lines,
            uploads=form.cleaned_data.get("files", []),
            raw={} if valid else draft_input.kept(request.POST),
        )
        if valid and request.POST.get("action") == "submit":
            try:
                services.submit_report(report, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Redovisningen är inskickad och registrerad."))
                return redirect("reports:edit", decision_id=decision.pk)
        elif valid:
            messages.success(request, _("Utkastet är sparat."))
            return redirect("reports:edit", decision_id=decision.pk)
    elif report.draft_inputs and report.editable:
        form = ReportForm(draft_input.restored(report.draft_inputs), report=report)
        form.is_valid()
    else:
        form = ReportForm(initial=ReportForm.initial_for(report), report=report)
    return render(request, "reports/edit.html", {"report": report, "decision": decision, "form": form})


# --- Officers -------------------------------------------------------------------------------
@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "reports.view_all")
    services.ensure_reports()
    today = timezone.localdate()
    reports = Report.objects.select_related("decision__application", "municipality").order_by("due_date", "id")
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        reports = reports.filter(due_date__lt=today).exclude(status__in=DONE)
    rows = [(report, report.due_date and report.due_date < today and report.status not in DONE) for report in reports]
    return render(
        request,
        "reports/review_list.html",
        {"rows": rows, "status": status, "statuses": ReportStatus.choices, "overdue_only": overdue_only},
    )


def _staff_report(request: HttpRequest, pk: int, permission: str = "") -> Report:
    """The report for a staff page, or for an action that ``permission`` allows: whoever the rule
    refuses gets 404 before any form is read, so a refusal never passes for a form error."""
    require(request.user, "reports.view_all")
    report = get_object_or_404(
        Report.objects.select_related("decision__application__case", "municipality", "document"), pk=pk
    )
    if permission and not request.user.has_perm(permission, report):
        raise Http404
    return report


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _staff_report(request, pk)
    return render(
        request,
        "reports/review.html",
        {
            "report": report,
            "can_review": request.user.has_perm("reports.review", report) and report.status == ReportStatus.SUBMITTED,
            "can_reclaim": request.user.has_perm("reports.propose_reclaim"),
            "completion_form": CompletionForm(),
            "reclaim_form": ReclaimForm(initial={"repay_by": services.default_repay_by()}),
            "reclaims": report.decision.reclaims.all(),
        },
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = _staff_report(request, pk, "reports.review")
    try:
        services.approve_report(report, by=request.user)
        messages.success(request, _("Redovisningen är godkänd."))
    except REFUSED as error:
        flash_refusal(request, error, _("Det går inte i redovisningens nuvarande läge."))
    return redirect("reports:review", pk=report.pk)


@login_required
@require_POST
def completion(request: HttpRequest, pk: int) -> HttpResponse:
    report = _staff_report(request, pk, "reports.review")
    try:
        services.request_completion(report, by=request.user, message=request.POST.get("message", ""))
        messages.success(request, _("Kommunen har ombetts att komplettera redovisningen."))
    except REFUSED as error:
        flash_refusal(request, error, _("Det går inte i redovisningens nuvarande läge."))
    return redirect("reports:review", pk=report.pk)


@login_required
@require_POST
def propose_reclaim(request: HttpRequest, pk: int) -> HttpResponse:
    report = _staff_report(request, pk, "reports.propose_reclaim")
    form = ReclaimForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("reports:review", pk=report.pk)
    try:
        services.propose_reclaim(
            report.decision,
            by=request.user,
            reasons=form.cleaned_data["reasons"],
            repay_by=form.cleaned_data["repay_by"],
            amount=form.cleaned_data["amount"],
            report=report,
        )
        messages.success(request, _("Återkravet är föreslaget och väntar på beslut."))
    except REFUSED as error:
        flash_refusal(request, error, _("Återkravet kunde inte föreslås."))
    return redirect("reports:reclaims")


@login_required
def reclaims(request: HttpRequest) -> HttpResponse:
    require(request.user, "reports.view_all")
    rows = Reclaim.objects.select_related(
        "decision__application", "presenter", "signed_by", "letter_document", "settled_by"
    )
    status = request.GET.get("status", "")
    if status in ReclaimStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "reports/reclaims.html",
        {
            "reclaims": rows,
            "status": status,
            "statuses": ReclaimStatus.choices,
            "can_sign": request.user.has_perm("reports.sign_reclaim"),
            "can_track": request.user.has_perm("reports.track_reclaim"),
        },
    )


@login_required
@require_POST
def sign_reclaim(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "reports.sign_reclaim")
    reclaim = get_object_or_404(Reclaim, pk=pk)
    if not recently_authenticated(request):
        # Signing needs a fresh proof of identity; the list has the button to sign again after it.
        return ask_to_confirm(request, reverse("reports:reclaims"))
    try:
        services.sign_reclaim(reclaim, by=request.user)
        messages.success(request, _("Beslutet om återkrav är fattat och registrerat."))
    except REFUSED as error:
        flash_refusal(request, error, _("Återkravet kunde inte beslutas."))
    return redirect("reports:reclaims")


@login_required
@require_POST
def settle_reclaim(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require(request.user, "reports.track_reclaim")
    reclaim = get_object_or_404(Reclaim, pk=pk)
    if action not in ("mark_paid_back", "write_off"):
        raise Http404
    try:
        services.settle_reclaim(reclaim, action, by=request.user, note=request.POST.get("note", ""))
    except REFUSED as error:
        flash_refusal(request, error, _("Det går inte i återkravets nuvarande läge."))
    return redirect(reverse("reports:reclaims"))
