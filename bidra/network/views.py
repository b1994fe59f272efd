"""Pages of the follow-up side: status descriptions, the network, the calendar and outreach."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidra.core.downloads import private_file_response
from bidra.municipalities.models import County, Municipality, NationalArea, SkrMainGroup
from bidra.permissions import get_permitted_or_404, require

from . import outreach, services, surveys
from .forms import ContactFormSet, DocumentForm, MeetingForm, NetworkMemberForm, SurveyForm
from .models import (
    AssignmentDeadline,
    AssignmentReport,
    GovernmentAssignment,
    KnowledgeMaterial,
    Meeting,
    MeetingDocument,
    NetworkMember,
    Question,
    Response,
    SurveyYear,
)


# --- Respondents ----------------------------------------------------------------------------------
@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    return render(request, "network/my_surveys.html", {"responses": surveys.open_responses_for(request.user)})


@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_permitted_or_404(
        request.user,
        "network.respond",
        Response.objects.select_related("survey_year", "municipality", "agency"),
        pk=pk,
    )
    survey = response.survey_year
    questions = surveys.questions_of(survey)
    answers = surveys.answers_by_question(response)
    editable = not response.is_submitted and survey.is_open
    if request.method == "POST":
        if not editable:
            raise Http404
        submitting = "submit" in request.POST
        form = SurveyForm(request.POST, questions=questions, answers=answers, submitting=submitting)
        valid = form.is_valid()
        surveys.save_answers(response, form.valid_values())
        if valid and submitting:
            surveys.submit(response, by=request.user)
            messages.success(request, _("Tack! Nulägesbeskrivningen är inskickad."))
            return redirect("network:respond", pk=response.pk)
        if valid:
            messages.success(request, _("Utkastet är sparat."))
            return redirect("network:respond", pk=response.pk)
        messages.error(request, _("Några svar behöver rättas. Det du har skrivit är kvar."))
    else:
        form = SurveyForm(questions=questions, answers=answers)
    return render(
        request,
        "network/respond.html",
        {"response": response, "survey": survey, "form": form, "editable": editable, "answers": answers},
    )


# --- Agency side: status descriptions -------------------------------------------------------------
@login_required
def survey_years(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.view")
    return render(request, "network/survey_years.html", {"years": SurveyYear.objects.all()})


def _survey_or_404(request: HttpRequest, year: int) -> SurveyYear:
    require(request.user, "network.view")
    return get_object_or_404(SurveyYear, year=year)


def _chosen_code(request: HttpRequest, survey: SurveyYear) -> tuple[list[str], str]:
    codes = sorted(set(Question.objects.filter(survey_year=survey).values_list("code", flat=True)))
    code = request.GET.get("question", "")
    return codes, code if code in codes else ""


@login_required
def survey_overview(request: HttpRequest, year: int) -> HttpResponse:
    survey = _survey_or_404(request, year)
    codes, code = _chosen_code(request, survey)
    return render(
        request,
        "network/survey_overview.html",
        {
            "survey": survey,
            "rate": surveys.response_rate(survey),
            "non_responders": surveys.non_responders(survey).annotate(reminder_count=Count("reminders")),
            "codes": codes,
            "code": code,
            "rows": surveys.comparison(survey, code) if code else [],
            "previous": survey.previous(),
            "can_manage": request.user.has_perm("network.manage"),
        },
    )


@require_POST
@login_required
def remind(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "network.manage")
    survey = get_object_or_404(SurveyYear, year=year)
    sent = surveys.send_reminders(survey, by=request.user)
    if sent:
        messages.success(request, _("Påminnelse skickad till %(count)s svarande.") % {"count": sent})
    else:
        messages.info(request, _("Ingen påminnelse skickades: alla har svarat eller påmints i dag."))
    return redirect("network:survey_overview", year=survey.year)


@login_required
def export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    survey = _survey_or_404(request, year)
    _codes, code = _chosen_code(request, survey)
    rows = surveys.comparison(survey, code or None)
    name = f"nulagesbeskrivning-{survey.year}{'-' + code if code else ''}"
    if fmt == "csv":
        response = HttpResponse(surveys.export_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            surveys.export_xlsx(rows, title=str(survey.year)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- The network ----------------------------------------------------------------------------------
@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.view")
    return render(
        request,
        "network/index.html",
        {
            "members": NetworkMember.objects.select_related("municipality").prefetch_related("contacts"),
            "meetings": Meeting.objects.prefetch_related("municipalities")[:5],
            "can_manage": request.user.has_perm("network.manage"),
        },
    )


@login_required
def member_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "network.manage")
    member = get_object_or_404(NetworkMember, pk=pk) if pk else NetworkMember()
    form = NetworkMemberForm(request.POST or None, instance=member)
    contacts = ContactFormSet(request.POST or None, instance=member, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        member = form.save()
        contacts.instance = member
        contacts.save()
        messages.success(request, _("Nätverkskommunen är sparad."))
        return redirect("network:index")
    return render(request, "network/member_form.html", {"form": form, "contacts": contacts, "member": member})


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.view")
    return render(
        request,
        "network/meetings.html",
        {
            "meetings": Meeting.objects.prefetch_related("municipalities", "documents"),
            "can_manage": request.user.has_perm("network.manage"),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request.user, "network.manage")
    meeting = get_object_or_404(Meeting, pk=pk) if pk else Meeting()
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("Mötet är sparat."))
        return redirect("network:meeting", pk=meeting.pk)
    return render(request, "network/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "network.view")
    item = get_object_or_404(Meeting.objects.prefetch_related("municipalities", "documents"), pk=pk)
    can_manage = request.user.has_perm("network.manage")
    form = DocumentForm()
    if request.method == "POST":
        require(request.user, "network.manage")
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.add_meeting_document(item, upload=upload, name=upload.name, size=upload.size, by=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("Dokumentet är uppladdat."))
                return redirect("network:meeting", pk=item.pk)
    return render(request, "network/meeting.html", {"meeting": item, "form": form, "can_manage": can_manage})


@login_required
def meeting_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    require(request.user, "network.view")
    document = get_object_or_404(MeetingDocument, pk=document_pk, meeting_id=pk)
    return private_file_response(document.sha256, document.name, document.content_type)


@login_required
def materials(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.view")
    return render(request, "network/materials.html", {"materials": KnowledgeMaterial.objects.all()})


# --- Government assignments -----------------------------------------------------------------------
@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.view")
    today = timezone.localdate()
    return render(
        request,
        "network/calendar.html",
        {
            "deadlines": AssignmentDeadline.objects.filter(due_on__gte=today)
            .select_related("assignment")
            .order_by("due_on", "pk"),
            "assignments": GovernmentAssignment.objects.prefetch_related("reports"),
        },
    )


@login_required
def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "network.view")
    report = get_object_or_404(AssignmentReport.objects.exclude(sha256=""), pk=pk)
    return private_file_response(report.sha256, report.name, report.content_type)


# --- Outreach ---------------------------------------------------------------------------------------
@login_required
def outreach_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.view")
    municipalities = Municipality.objects.all()
    area = request.GET.get("area", "")
    county = request.GET.get("county", "")
    group = request.GET.get("group", "")
    if area in NationalArea.values:
        municipalities = municipalities.filter(national_area=area)
    if county:
        municipalities = municipalities.filter(county__code=county)
    if group in SkrMainGroup.values:
        municipalities = municipalities.filter(skr_main_group=group)
    statuses = outreach.status_by_code()
    shown = set(municipalities.values_list("code", flat=True))
    return render(
        request,
        "network/outreach.html",
        {
            "never": outreach.never_reached(municipalities, statuses),
            "legend": outreach.legend(statuses, shown),
            "svg": outreach.render_map(
                statuses,
                shown,
                title=_("Kommuner som sökt bidrag eller nåtts av nätverket"),
                description=_(
                    "Varje kommun är färgad efter om den har sökt bidrag, nåtts av nätverket eller inget av dem."
                ),
            ),
            "inset": outreach.inset(),
            "areas": NationalArea.choices,
            "counties": County.objects.all(),
            "groups": SkrMainGroup.choices,
            "area": area,
            "county": county,
            "group": group,
        },
    )
