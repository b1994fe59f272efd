"""The officers' desk: the work list and the case page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bidra.applications import screening, services
from bidra.applications.models import Application, ScreeningCheck
from bidra.applications.workflow import APPLICATION_WORKFLOW, OPEN_CASE
from bidra.assessment import services as assessment_services
from bidra.assessment.forms import AssignForm, ConflictForm, RequestForm
from bidra.audit.models import Event
from bidra.permissions import get_permitted_or_404, require

from .worklist import (
    OPEN,
    PAGE_SIZE,
    WorklistFilter,
    apply_filters,
    everywhere,
    ordered,
    received_applications,
    totals,
    with_defaults,
)
from .worklist_table import listed, page_rows, table_rows


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    require(request.user, "casework.view_worklist")
    form = WorklistFilter(with_defaults(request.GET))
    data = form.cleaned_data if form.is_valid() else {"status": OPEN}
    queryset = apply_filters(received_applications(), data)
    figures = totals(queryset)
    paginator = Paginator(listed(ordered(queryset, data)), PAGE_SIZE)
    paginator.count = figures.count  # already counted with the sum; saves a query
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = page_rows(list(page.object_list), timezone.localdate(), form.area_names())
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/worklist.html",
        {
            "form": form,
            "page": page,
            "rows": table_rows(page),
            "totals": figures,
            "query": query.urlencode(),
            "everywhere": everywhere(query, data, figures),
        },
    )


class ManualCheckForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=gettext_lazy("Bedömning"),
        choices=[
            ("yes", gettext_lazy("Uppfyllt: inte en lagstadgad uppgift")),
            ("no", gettext_lazy("Inte uppfyllt: en uppgift kommunen ändå är skyldig att utföra")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))


def _case_application(request: HttpRequest, pk: int) -> Application:
    queryset = Application.objects.select_related(
        "call__programme",
        "municipality__county",
        "case",
        "received_document__case",
        "submitted_by",
        "decision__letter_document__case",
    ).exclude(status="draft")
    return get_permitted_or_404(request.user, "casework.view_case", queryset, pk=pk)  # type: ignore[return-value]


@login_required
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    application = _case_application(request, pk)
    checks = [
        {
            "check": check,
            "title": screening.title(check.code),
            "reason": check.note or screening.reason(check.code, check.outcome, check.params),
        }
        for check in sorted(application.screening_checks.select_related("checked_by"), key=_check_order)
    ]
    content_type = ContentType.objects.get_for_model(Application)
    events = Event.objects.filter(
        Q(target_type=content_type, target_id=str(application.pk)) | Q(case_number=application.case_number)
    ).select_related("actor")
    documents = (
        application.case.documents.select_related("case").prefetch_related("files") if application.case_id else []
    )
    return render(
        request,
        "casework/case.html",
        {
            "application": application,
            "received": application.received_document,
            "checks": checks,
            "events": events,
            "documents": documents,
            "manual_form": ManualCheckForm(),
            "can_record_check": request.user.has_perm("applications.record_check", application),
            **_assessment_panel(request.user, application),
        },
    )


def _assessment_panel(user, application: Application) -> dict:
    """What the case page shows and offers about assessment, for this user."""
    assessments = list(application.assessments.select_related("assessor").prefetch_related("scores__criterion"))
    everyone = assessment_services.declarations(application)
    own_declaration = everyone.get(user.pk)
    actions = {t.action for t in APPLICATION_WORKFLOW.available(application, user)}
    return {
        "assignment": assessment_services.active_assignment(application),
        "assign_form": AssignForm(initial={"officer": user.pk}),
        "can_assign": user.has_perm("assessment.assign", application) and application.status in OPEN_CASE,
        "own_declaration": own_declaration,
        "conflict_form": ConflictForm(),
        "can_declare": user.has_perm("assessment.declare", application)
        and not (own_declaration and own_declaration.has_conflict),
        "declarations": list(everyone.values()),
        "assessments": assessments,
        "case_score": assessment_services.case_score(application, assessments),
        "can_assess": user.has_perm("assessment.assess", application),
        "requests": application.requests.select_related(
            "sent_by", "answered_by", "sent_document__case", "answer_document__case"
        ),
        "request_form": RequestForm(initial={"kind": "completion"}),
        "can_ask": "ask_applicant" in actions,
        "can_close_request": "close_request" in actions,
        "can_finish": "finish_assessment" in actions,
        "can_reopen": "reopen" in actions,
    }


def _check_order(check: ScreeningCheck) -> int:
    return screening.ORDER.index(check.code) if check.code in screening.ORDER else len(screening.ORDER)


@login_required
@require_POST
def record_check(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    application = _case_application(request, pk)
    if not request.user.has_perm("applications.record_check", application):
        raise Http404
    form = ManualCheckForm(request.POST)
    if form.is_valid():
        services.record_manual_check(
            application, code=code, passed=form.cleaned_data["passed"], note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("Kontrollen är dokumenterad."))
    else:
        messages.error(request, _("Välj en bedömning och skriv en motivering."))
    return redirect("casework:case", pk=pk)
