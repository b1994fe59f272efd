"""Status descriptions: who is asked, answering, response rate, reminders and comparison over years."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bidra.accounts.identity import municipality_ids_of
from bidra.accounts.models import Membership
from bidra.audit.events import Recipient, label_actions, record
from bidra.municipalities.models import Municipality

from .models import Answer, NationalAgency, NetworkMember, Question, Reminder, Response, SurveyYear
from .rules import agency_ids_of

label_actions(
    {
        "network.survey_submitted": gettext_lazy("Nulägesbeskrivning inskickad"),
        "network.survey_reminder": gettext_lazy("Påminnelse om nulägesbeskrivning"),
        "network.meeting_document_added": gettext_lazy("Mötesdokument uppladdat"),
    }
)


# --- Who is asked ---------------------------------------------------------------------------
def invited_municipalities(survey: SurveyYear):
    if survey.municipalities == SurveyYear.Municipalities.ALL:
        return Municipality.objects.all()
    return Municipality.objects.filter(network_member__isnull=False)


def invited_agencies(survey: SurveyYear):
    return NationalAgency.objects.all() if survey.include_agencies else NationalAgency.objects.none()


def ensure_responses(survey: SurveyYear) -> None:
    """A draft response for every invited respondent (created once; existing ones untouched)."""
    rows = [
        Response(survey_year=survey, municipality_id=pk)
        for pk in invited_municipalities(survey).values_list("pk", flat=True)
    ]
    rows += [Response(survey_year=survey, agency_id=pk) for pk in invited_agencies(survey).values_list("pk", flat=True)]
    Response.objects.bulk_create(rows, ignore_conflicts=True)


def invited_responses(survey: SurveyYear):
    """The responses of respondents who are (still) invited this year."""
    ensure_responses(survey)
    municipalities = invited_municipalities(survey).values("pk")
    agencies = invited_agencies(survey).values("pk")
    return (
        Response.objects.filter(survey_year=survey)
        .filter(Q(municipality__in=municipalities) | Q(agency__in=agencies))
        .select_related("municipality", "agency")
    )


def open_responses_for(user: Any) -> list[Response]:
    """The user's responses in surveys open today, through memberships and agency contacts."""
    own_municipalities, own_agencies = municipality_ids_of(user), agency_ids_of(user)
    if not own_municipalities and not own_agencies:
        return []
    today = timezone.localdate()
    found = []
    for survey in SurveyYear.objects.filter(opens_on__lte=today, closes_on__gte=today):
        responses = invited_responses(survey).filter(
            Q(municipality__in=own_municipalities) | Q(agency__in=own_agencies)
        )
        found.extend(responses)
    return found


# --- Answering -----------------------------------------------------------------------------------
def questions_of(survey: SurveyYear):
    return (
        Question.objects.filter(survey_year=survey)
        .select_related("area")
        .order_by("area__position", "area__pk", "position", "pk")
    )


def answers_by_question(response: Response) -> dict[int, Answer]:
    return {answer.question_id: answer for answer in response.answers.select_related("question")}


def save_answers(response: Response, values: dict[int, Any]) -> None:
    """Store cleaned values (question id -> value); None or "" clears an answer."""
    questions = {q.pk: q for q in questions_of(response.survey_year)}
    existing = answers_by_question(response)
    with transaction.atomic():
        for question_id, value in values.items():
            question = questions[question_id]
            answer = existing.get(question_id) or Answer(response=response, question=question)
            answer.yes_no, answer.number, answer.text = None, None, ""
            if question.kind == Question.Kind.YES_NO:
                answer.yes_no = None if value in (None, "") else value in (True, "yes")
            elif question.kind == Question.Kind.TEXT:
                answer.text = value or ""
            else:
                answer.number = None if value in (None, "") else int(value)
            answer.save()
        response.save(update_fields=["updated_at"])


def submit(response: Response, *, by: Any) -> None:
    with transaction.atomic():
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = by
        response.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        record("network.survey_submitted", actor=by, target=response, data={"year": response.survey_year.year})


# --- Response rate and reminders ------------------------------------------------------------------
@dataclass(frozen=True)
class ResponseRate:
    invited: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


def response_rate(survey: SurveyYear) -> ResponseRate:
    responses = invited_responses(survey)
    return ResponseRate(invited=responses.count(), submitted=responses.filter(status=Response.Status.SUBMITTED).count())


def non_responders(survey: SurveyYear):
    return invited_responses(survey).exclude(status=Response.Status.SUBMITTED)


def recipients_for(response: Response) -> list[Recipient]:
    if response.municipality_id is not None:
        users = [
            m.user
            for m in Membership.objects.active().filter(municipality_id=response.municipality_id).select_related("user")
        ]
        found = [Recipient.for_user(user) for user in users]
        member = NetworkMember.objects.filter(municipality_id=response.municipality_id).first()
        if member is not None:
            known = {user.email.lower() for user in users}
            found += [Recipient(email=c.email) for c in member.contacts.all() if c.email.lower() not in known]
        return found
    if response.agency is None:
        return []
    return [Recipient.for_user(contact.user) for contact in response.agency.contacts.select_related("user")]


def send_reminders(survey: SurveyYear, *, by: Any) -> int:
    """Remind every non-responder once a day at most; returns how many were reminded now."""
    today = timezone.localdate()
    sent = 0
    for response in non_responders(survey):
        try:
            with transaction.atomic():
                Reminder.objects.create(response=response, sent_on=today, sent_by=by)
                record(
                    "network.survey_reminder",
                    actor=by,
                    target=response,
                    data={"year": survey.year, "respondent": str(response.respondent)},
                    notify=recipients_for(response),
                    template="survey_reminder",
                    context={
                        "survey": survey,
                        "response": response,
                        "link": reverse("network:respond", args=[response.pk]),
                    },
                )
        except IntegrityError:
            continue  # already reminded today
        sent += 1
    return sent


# --- Comparison over years -----------------------------------------------------------------------
@dataclass(frozen=True)
class ComparisonRow:
    respondent: str
    area_code: str
    area: str
    code: str
    question: str
    kind: str
    year: int
    value: Any
    previous_year: int | None
    previous: Any
    change: Any  # a difference for numbers, a text for yes/no, None when not comparable


def _key(question: Question) -> tuple[str, str]:
    return (question.area.code if question.area is not None else "", question.code)


def _submitted_values(survey: SurveyYear, code: str | None) -> dict[tuple[str, str, str], Any]:
    """(respondent key, area code, question code) -> value for submitted responses."""
    answers = Answer.objects.filter(
        response__survey_year=survey, response__status=Response.Status.SUBMITTED
    ).select_related("question__area", "response")
    if code:
        answers = answers.filter(question__code=code)
    values = {}
    for answer in answers:
        respondent = (
            f"m{answer.response.municipality_id}"
            if answer.response.municipality_id
            else f"a{answer.response.agency_id}"
        )
        values[(respondent, *_key(answer.question))] = answer.value
    return values


def yes_no_label(value: Any) -> str:
    if value is None:
        return ""
    return _("Ja") if value else _("Nej")


def change_between(kind: str, previous: Any, current: Any) -> Any:
    if previous is None or current is None:
        return None
    if kind in (Question.Kind.COUNT, Question.Kind.SCALE):
        return current - previous
    if kind == Question.Kind.YES_NO:
        if previous == current:
            return _("oförändrat")
        return f"{yes_no_label(previous)} → {yes_no_label(current)}"
    return None


def comparison(survey: SurveyYear, code: str | None = None) -> list[ComparisonRow]:
    """Submitted answers this year beside last year's for the same area and question code."""
    previous_survey = survey.previous()
    questions = questions_of(survey)
    if code:
        questions = questions.filter(code=code)
    previous_keys = set()
    if previous_survey is not None:
        previous_questions = Question.objects.filter(survey_year=previous_survey).select_related("area")
        previous_keys = {_key(q) for q in previous_questions}
    current = _submitted_values(survey, code)
    previous = _submitted_values(previous_survey, code) if previous_survey else {}
    responses = (
        Response.objects.filter(survey_year=survey, status=Response.Status.SUBMITTED)
        .select_related("municipality", "agency")
        .order_by("municipality__name", "agency__name")
    )
    rows = []
    for response in responses:
        respondent = f"m{response.municipality_id}" if response.municipality_id else f"a{response.agency_id}"
        for question in questions:
            key = _key(question)
            value = current.get((respondent, *key))
            comparable = key in previous_keys
            before = previous.get((respondent, *key)) if comparable else None
            rows.append(
                ComparisonRow(
                    respondent=str(response.respondent),
                    area_code=key[0],
                    area=question.area.name if question.area_id else _("Allmänt"),
                    code=question.code,
                    question=question.text,
                    kind=question.kind,
                    year=survey.year,
                    value=value,
                    previous_year=previous_survey.year if comparable and previous_survey else None,
                    previous=before,
                    change=change_between(question.kind, before, value) if comparable else None,
                )
            )
    return rows


def _cell(kind: str, value: Any) -> Any:
    if kind == Question.Kind.YES_NO:
        return yes_no_label(value)
    return "" if value is None else value


def export_header() -> list[str]:
    return [
        _("Svarande"),
        _("Områdeskod"),
        _("Område"),
        _("Frågekod"),
        _("Fråga"),
        _("År"),
        _("Svar"),
        _("Föregående år"),
        _("Svar föregående år"),
        _("Förändring"),
    ]


def export_rows(rows: list[ComparisonRow]) -> list[list[Any]]:
    return [
        [
            row.respondent,
            row.area_code,
            row.area,
            row.code,
            row.question,
            row.year,
            _cell(row.kind, row.value),
            row.previous_year or "",
            _cell(row.kind, row.previous),
            "" if row.change is None else row.change,
        ]
        for row in rows
    ]


def export_csv(rows: list[ComparisonRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(export_header())
    writer.writerows(export_rows(rows))
    return out.getvalue()


def export_xlsx(rows: list[ComparisonRow], *, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(export_header())
    for row in export_rows(rows):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
