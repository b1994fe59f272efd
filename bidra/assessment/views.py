"""Assessment actions posted from the case page, and the applicant's reply to a request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.applications.models import Application
from bidra.audit.workflow import TransitionNotAllowed
from bidra.core import files
from bidra.core.feedback import flash_form_errors, flash_refusal
from bidra.permissions import get_permitted_or_404

from . import services
from .forms import AnswerForm, AssessmentForm, AssignForm, ConflictForm, RequestForm
from .models import ApplicantRequest, Assessment


def _case(request: HttpRequest, pk: int) -> Application:
    queryset = Application.objects.select_related("call__programme", "case", "municipality").exclude(status="draft")
    return get_permitted_or_404(request.user, "casework.view_case", queryset, pk=pk)  # type: ignore[return-value]


def _case_for(request: HttpRequest, pk: int, permission: str) -> Application:
    """The case for an action that ``permission`` allows: whoever the rule refuses gets 404, as on a
    missing case, before any form is read, so that a refusal never passes for a form error."""
    application = _case(request, pk)
    if not request.user.has_perm(permission, application):
        raise Http404
    return application


def _back(pk: int, anchor: str = "") -> HttpResponse:
    response = redirect("casework:case", pk=pk)
    response["Location"] += anchor
    return response


def _refused(request: HttpRequest, error: Exception) -> None:
    if isinstance(error, TransitionNotAllowed):
        messages.error(request, _("Det går inte i ärendets nuvarande läge."))
    else:
        flash_refusal(request, error, _("Du får inte göra det i det här ärendet."))


@login_required
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_for(request, pk, "assessment.assign")
    form = AssignForm(request.POST)
    officer = form.cleaned_data["officer"] if form.is_valid() else request.user
    try:
        services.take_case(application, by=request.user, officer=officer)
    except (PermissionDenied, TransitionNotAllowed, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(name)s handlägger ärendet.") % {"name": officer.get_full_name()})
    return _back(pk)


@login_required
@require_POST
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_for(request, pk, "assessment.declare")
    form = ConflictForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(pk, "#jav")
    try:
        services.declare_conflict(
            application,
            by=request.user,
            has_conflict=form.cleaned_data["has_conflict"],
            reason=form.cleaned_data["reason"],
        )
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    return _back(pk, "#jav")


@login_required
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case(request, pk)
    if not request.user.has_perm("assessment.assess", application):
        raise Http404
    criteria = services.scored_criteria(application)
    own = Assessment.objects.filter(application=application, assessor=request.user).first()
    initial = {}
    if own is not None:
        initial = {f"criterion_{s.criterion_id}": s.value for s in own.scores.all()}
        initial.update(comment=own.comment, proposed_amount=own.proposed_amount, reduction_reason=own.reduction_reason)
    form = AssessmentForm(request.POST or None, criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        version = request.POST.get("lock_version")
        try:
            services.save_assessment(
                application,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                proposed_amount=form.cleaned_data["proposed_amount"],
                reduction_reason=form.cleaned_data["reduction_reason"],
                complete=request.POST.get("action") == "complete",
                lock_version=int(version) if version else None,
            )
        except services.StaleAssessment:
            messages.error(request, _("Bedömningen har sparats från ett annat fönster. Kontrollera och spara igen."))
            status = 409
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return _back(pk, "#bedomningar")
    elif request.method == "POST":
        status = 400
    own = Assessment.objects.filter(application=application, assessor=request.user).first()
    return render(
        request,
        "assessment/assess.html",
        {"application": application, "form": form, "lock_version": own.lock_version if own else ""},
        status=status,
    )


@login_required
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_for(request, pk, "assessment.ask_applicant")
    form = RequestForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(pk, "#begaran")
    try:
        services.ask_applicant(application, by=request.user, **form.cleaned_data)
    except (PermissionDenied, TransitionNotAllowed, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Begäran är skickad och registrerad."))
    return _back(pk, "#begaran")


@login_required
@require_POST
def close(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    application = _case_for(request, pk, "assessment.ask_applicant")
    applicant_request = get_object_or_404(ApplicantRequest, pk=request_id, application=application)
    try:
        services.close_request(applicant_request, by=request.user)
    except (PermissionDenied, TransitionNotAllowed) as error:
        _refused(request, error)
    return _back(pk, "#begaran")


@login_required
@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_for(request, pk, "assessment.finish")
    try:
        if request.POST.get("action") == "reopen":
            services.reopen_assessment(application, by=request.user)
        else:
            services.finish_assessment(application, by=request.user)
    except (PermissionDenied, TransitionNotAllowed, ValidationError) as error:
        _refused(request, error)
    return _back(pk)


@login_required
def answer(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    """The applicant answers a completion request or comments on communicated material."""
    queryset = Application.objects.select_related("case", "call", "municipality")
    application = get_permitted_or_404(request.user, "applications.view", queryset, pk=pk)
    applicant_request = get_object_or_404(ApplicantRequest, pk=request_id, application=application)
    may_answer = (
        request.user.has_perm("applications.reply", application)
        and applicant_request.state == ApplicantRequest.State.OPEN
    )
    form = AnswerForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not may_answer:
            raise Http404
        if form.is_valid():
            stored = [files.store(upload, upload.name, kind) for upload, kind in form.cleaned_data["files"]]
            try:
                services.answer_request(
                    applicant_request, by=request.user, answer=form.cleaned_data["answer"], files=stored
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            except (PermissionDenied, TransitionNotAllowed):
                raise Http404 from None
            else:
                messages.success(request, _("Svaret är skickat och registrerat hos Länsstyrelsen."))
                return redirect("applications:detail", pk=pk)
        else:
            status = 400
    return render(
        request,
        "assessment/answer.html",
        {"application": application, "applicant_request": applicant_request, "form": form, "may_answer": may_answer},
        status=status,
    )
