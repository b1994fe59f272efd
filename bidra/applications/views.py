"""The municipality's e-service: my applications, the steps, check your answers, submit, receipt."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.accounts.identity import municipality_ids_of
from bidra.audit.workflow import TransitionNotAllowed
from bidra.core.downloads import private_file_response
from bidra.municipalities.models import Municipality
from bidra.permissions import get_permitted_or_404, visible_to
from bidra.programmes.models import Call
from bidra.programmes.rules import open_calls

from . import screening, services, step_forms
from .completeness import missing_answers
from .forms import AttachmentForm, StartForm
from .models import Application, Attachment
from .snapshot import snapshot
from .steps import STEPS, next_slug, previous_slug, step_by_slug
from .workflow import APPLICATION_WORKFLOW, Status


def _application(request: HttpRequest, pk: int, permission: str = "applications.view") -> Application:
    queryset = Application.objects.select_related("call__programme", "municipality", "case")
    return get_permitted_or_404(request.user, permission, queryset, pk=pk)  # type: ignore[return-value]


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    own = municipality_ids_of(request.user)
    applications = (
        visible_to(request.user, Application.objects.all())
        .filter(municipality_id__in=own)
        .select_related("call", "municipality", "case")
        .order_by("-updated_at")
    )
    municipalities = Municipality.objects.filter(pk__in=own).order_by("name")
    calls = open_calls(timezone.now())
    return render(
        request,
        "applications/my_applications.html",
        {
            "applications": applications,
            "calls": [
                (call, StartForm(initial={"start_key": uuid.uuid4()}, municipalities=municipalities)) for call in calls
            ],
            "has_membership": bool(own),
        },
    )


@login_required
@require_POST
def start(request: HttpRequest, call_slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=call_slug)
    municipalities = Municipality.objects.filter(pk__in=municipality_ids_of(request.user))
    form = StartForm(request.POST, municipalities=municipalities)
    if not form.is_valid():
        raise Http404
    try:
        application = services.start_application(
            call=call,
            municipality=form.cleaned_data["municipality"],
            by=request.user,
            start_key=form.cleaned_data["start_key"],
        )
    except services.SubmissionRefused:
        messages.error(request, _("Utlysningen är stängd och tar inte emot nya ansökningar."))
        return redirect("applications:mine")
    return redirect("applications:step", pk=application.pk, slug=application.last_step or STEPS[0].slug)


def _progress(application: Application, current: str) -> list[dict]:
    return [
        {
            "slug": step.slug,
            "title": step.title,
            "number": index,
            "current": step.slug == current,
            "needs_correction": step.slug in application.draft_inputs,
        }
        for index, step in enumerate(STEPS, start=1)
    ]


@login_required
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    try:
        current = step_by_slug(slug)
    except KeyError as error:
        raise Http404 from error
    application = _application(request, pk)
    if not request.user.has_perm("applications.edit", application):
        return redirect("applications:detail", pk=pk)  # received or withdrawn: show it instead
    if slug == "bilagor":
        return _attachments_step(request, application)

    extra_rows = 0
    conflict = False
    if request.method == "POST":
        action = request.POST.get("action", "continue")
        extra_rows = int(request.POST.get("extra_rows", "0") or 0) + (3 if action == "add_rows" else 0)
        bound = step_forms.bind(application, slug, request.POST, extra_rows=extra_rows)
        if str(application.lock_version) != request.POST.get("lock_version"):
            conflict = True
            bound.is_valid()
        else:
            valid = step_forms.save(application, slug, bound, request.POST, by=request.user)
            if action == "save_exit":
                if valid:
                    messages.success(request, _("Utkastet är sparat. Du kan fortsätta när du vill."))
                else:
                    messages.warning(
                        request, _("Utkastet är sparat, men några uppgifter behöver rättas innan du skickar in.")
                    )
                return redirect("applications:mine")
            if valid and action == "continue":
                following = next_slug(slug)
                return (
                    redirect("applications:step", pk=pk, slug=following)
                    if following
                    else redirect("applications:check", pk=pk)
                )
            if valid:
                bound = step_forms.bind(application, slug, extra_rows=extra_rows)
    else:
        bound = step_forms.bind(application, slug)
        if bound.form.is_bound:
            bound.is_valid()
    return render(
        request,
        "applications/step.html",
        {
            "application": application,
            "step": current,
            "progress": _progress(application, slug),
            "form": bound.form,
            "formset": bound.formset,
            "has_errors": bound.has_errors,
            "conflict": conflict,
            "extra_rows": extra_rows,
            "previous": previous_slug(slug),
            "budget_total": _budget_total(bound) if slug == "budget" else None,
        },
        status=409 if conflict else 200,
    )


def _budget_total(bound: step_forms.BoundStep):
    """Sum of the saved budget lines, shown beside the requested amount."""
    instance = bound.form.instance
    return sum((line.amount for line in instance.budget_lines.all()), start=0)


def _attachments_step(request: HttpRequest, application: Application) -> HttpResponse:
    form = AttachmentForm()
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if request.POST.get("action") == "continue" and not request.FILES:
            return redirect("applications:check", pk=application.pk)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.add_attachment(application, upload=upload, name=upload.name, size=upload.size, by=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("Filen %(name)s är uppladdad.") % {"name": upload.name})
                return redirect("applications:step", pk=application.pk, slug="bilagor")
    return render(
        request,
        "applications/attachments.html",
        {
            "application": application,
            "step": step_by_slug("bilagor"),
            "progress": _progress(application, "bilagor"),
            "form": form,
            "has_errors": bool(form.errors),
            "attachments": application.attachments.all(),
            "previous": previous_slug("bilagor"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    application = _application(request, pk, "applications.edit")
    attachment = get_object_or_404(Attachment, pk=attachment_id, application=application)
    services.remove_attachment(attachment, by=request.user)
    messages.success(request, _("Filen %(name)s är borttagen.") % {"name": attachment.name})
    return redirect("applications:step", pk=pk, slug="bilagor")


@login_required
def download_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    application = _application(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, application=application)
    return private_file_response(attachment.sha256, attachment.name, attachment.content_type)


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not request.user.has_perm("applications.edit", application):
        return redirect("applications:detail", pk=pk)
    missing = missing_answers(application)
    warnings = [
        r
        for r in screening.screen(services.screening_input(application, submitter=request.user))
        if r.outcome == screening.FAILED
    ]
    return render(
        request,
        "applications/check.html",
        {
            "application": application,
            "progress": _progress(application, ""),
            "missing": missing,
            "warnings": [(screening.title(r.code), screening.reason(r.code, r.outcome, r.params)) for r in warnings],
            "closes_at": application.call.closes_at,
            "answers": snapshot(application),
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    try:
        services.submit(application.pk, by=request.user)
    except services.SubmissionRefused as refusal:
        if refusal.reason == "deadline":
            return render(request, "applications/too_late.html", {"application": application}, status=403)
        messages.error(request, _("Ansökan kan inte skickas in förrän alla uppgifter är ifyllda."))
        return redirect("applications:check", pk=pk)
    except (TransitionNotAllowed, PermissionDenied):
        return redirect("applications:detail", pk=pk)
    return redirect("applications:receipt", pk=pk)


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not application.case_id:
        return redirect("applications:detail", pk=pk)
    return render(request, "applications/receipt.html", {"application": application})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "received": application.received_document,
            "can_edit": request.user.has_perm("applications.edit", application),
            "can_withdraw": any(
                t.action == "withdraw" for t in APPLICATION_WORKFLOW.available(application, request.user)
            ),
        },
    )


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk, "applications.withdraw")
    if application.status == Status.WITHDRAWN:
        return redirect("applications:detail", pk=pk)
    if request.method == "POST":
        try:
            services.withdraw(application.pk, by=request.user)
        except (TransitionNotAllowed, PermissionDenied):
            raise Http404 from None
        messages.success(request, _("Ansökan är återkallad."))
        return redirect(reverse("applications:detail", args=[pk]))
    return render(request, "applications/withdraw.html", {"application": application})
