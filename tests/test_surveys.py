"""Status descriptions: comparability across years, response rate, reminders, access, drafts, exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from bidra.accounts.models import AgencyRole
from bidra.audit.models import Notification
from bidra.network import surveys
from bidra.network.models import AgencyContact, NationalAgency, NetworkMember, Question, Response, SurveyArea
from bidra.network.seed import seed_agencies, seed_survey_year

from .helpers import make_member, make_staff, municipality

pytestmark = pytest.mark.django_db


def _open(survey):
    today = timezone.localdate()
    survey.opens_on, survey.closes_on = today - timedelta(days=5), today + timedelta(days=20)
    survey.save()
    return survey


@pytest.fixture
def network(reference_data):
    for code in ("0180", "1280", "0127"):  # Stockholm, Malmö, Botkyrka
        NetworkMember.objects.create(municipality=municipality(code))
    seed_agencies()


def _answer(survey, code_of_municipality, values, *, submit=True):
    response = Response.objects.get(survey_year=survey, municipality=municipality(code_of_municipality))
    questions = {(q.area.code if q.area_id else "", q.code): q.pk for q in surveys.questions_of(survey)}
    surveys.save_answers(response, {questions[key]: value for key, value in values.items()})
    if submit:
        surveys.submit(response, by=None)
    return response


def test_seed_copies_last_years_questions_with_the_same_codes(db):
    first = seed_survey_year(2024)
    second = seed_survey_year(2025)
    codes = lambda s: sorted((q.area.code if q.area_id else "", q.code) for q in s.questions.all())  # noqa: E731
    assert codes(first) == codes(second)
    assert second.areas.count() == 7
    assert set(second.areas.values_list("code", flat=True)) >= {"utbildning", "halsa", "civilsamhallets-organisering"}
    assert second.questions.filter(code="samrad", kind=Question.Kind.YES_NO).count() == 7
    assert seed_survey_year(2025).questions.count() == second.questions.count()  # idempotent


def test_change_since_last_year_and_new_questions(network):
    last = seed_survey_year(2024)
    surveys.ensure_responses(last)
    _answer(last, "0180", {("utbildning", "antal-insatser"): 2, ("utbildning", "samrad"): "no", ("", "brobyggare"): 3})
    current = seed_survey_year(2025)
    Question.objects.create(
        survey_year=current,
        area=current.areas.get(code="utbildning"),
        code="ny-fraga",
        text="Ny",
        kind=Question.Kind.COUNT,
    )
    surveys.ensure_responses(current)
    _answer(
        current,
        "0180",
        {
            ("utbildning", "antal-insatser"): 5,
            ("utbildning", "samrad"): "yes",
            ("utbildning", "ny-fraga"): 4,
            ("", "brobyggare"): 3,
        },
    )
    rows = {(r.respondent, r.area_code, r.code): r for r in surveys.comparison(current)}
    count = rows[("Stockholm", "utbildning", "antal-insatser")]
    assert (count.previous, count.value, count.change, count.previous_year) == (2, 5, 3, 2024)
    assert rows[("Stockholm", "", "brobyggare")].change == 0
    assert rows[("Stockholm", "utbildning", "samrad")].change == "Nej → Ja"
    new = rows[("Stockholm", "utbildning", "ny-fraga")]
    assert (new.value, new.previous_year, new.previous, new.change) == (4, None, None, None)
    # Only submitted responses are compared, and a filter by code keeps one code across areas.
    assert {r.respondent for r in surveys.comparison(current)} == {"Stockholm"}
    assert {r.code for r in surveys.comparison(current, "samrad")} == {"samrad"}
    assert len(surveys.comparison(current, "samrad")) == 7


def test_response_rate_and_reminders_only_to_non_responders(network, analyst, client):
    survey = _open(seed_survey_year(2025))
    stockholm, malmo = make_member("a@stockholm.test", "0180"), make_member("b@malmo.test", "1280")
    skolverket = NationalAgency.objects.get(name="Skolverket")
    agency_user = make_member("c@botkyrka.test", "0127")
    AgencyContact.objects.create(user=agency_user, agency=skolverket)
    surveys.ensure_responses(survey)
    _answer(survey, "0180", {})
    rate = surveys.response_rate(survey)
    assert (rate.invited, rate.submitted) == (3 + 5, 1)
    client.force_login(analyst)
    client.post(f"/natverk/nulagesbeskrivningar/{survey.year}/paminn/")
    reminded = set(Notification.objects.filter(channel="in_app").values_list("recipient__email", flat=True))
    assert stockholm.email not in reminded
    assert {malmo.email, agency_user.email} <= reminded
    emails = Notification.objects.filter(channel="email").count()
    assert emails > 0
    # The same day again: nobody is reminded twice.
    client.post(f"/natverk/nulagesbeskrivningar/{survey.year}/paminn/")
    assert Notification.objects.filter(channel="email").count() == emails
    assert surveys.send_reminders(survey, by=analyst) == 0
    page = client.get(f"/natverk/nulagesbeskrivningar/{survey.year}/")
    assert page.status_code == 200
    assert "12 %" in page.content.decode()  # 1 of 8


def test_reminders_need_the_analyst_role(network, officer, client):
    survey = seed_survey_year(2025)
    client.force_login(officer)
    assert client.post(f"/natverk/nulagesbeskrivningar/{survey.year}/paminn/").status_code == 404
    assert not Notification.objects.exists()


def test_respondents_answer_only_their_own(network, client):
    survey = _open(seed_survey_year(2025))
    stockholm, malmo = make_member("a@stockholm.test", "0180"), make_member("b@malmo.test", "1280")
    agency_user = make_staff("kontakt@skolverket.test")
    AgencyContact.objects.create(user=agency_user, agency=NationalAgency.objects.get(name="Skolverket"))
    client.force_login(stockholm)
    listed = client.get("/natverk/nulagesbeskrivning/")
    own = Response.objects.get(survey_year=survey, municipality=municipality("0180"))
    agency_response = Response.objects.get(survey_year=survey, agency__name="Skolverket")
    assert f"/natverk/nulagesbeskrivning/{own.pk}/" in listed.content.decode()
    assert client.get(f"/natverk/nulagesbeskrivning/{own.pk}/").status_code == 200
    assert client.get(f"/natverk/nulagesbeskrivning/{agency_response.pk}/").status_code == 404
    client.force_login(malmo)
    assert client.get(f"/natverk/nulagesbeskrivning/{own.pk}/").status_code == 404
    assert client.post(f"/natverk/nulagesbeskrivning/{own.pk}/", {"save": "1"}).status_code == 404
    client.force_login(agency_user)
    listed = client.get("/natverk/nulagesbeskrivning/").content.decode()
    assert f"/natverk/nulagesbeskrivning/{agency_response.pk}/" in listed
    assert f"/natverk/nulagesbeskrivning/{own.pk}/" not in listed
    assert client.get(f"/natverk/nulagesbeskrivning/{agency_response.pk}/").status_code == 200
    assert client.get(f"/natverk/nulagesbeskrivning/{own.pk}/").status_code == 404


def test_drafts_survive_validation_errors_and_submit_needs_every_answer(network, client):
    survey = _open(seed_survey_year(2025))
    user = make_member("a@stockholm.test", "0180")
    client.force_login(user)
    response = surveys.open_responses_for(user)[0]
    count = Question.objects.get(survey_year=survey, area__code="halsa", code="antal-insatser")
    text = Question.objects.get(survey_year=survey, area__code="halsa", code="hinder")
    url = f"/natverk/nulagesbeskrivning/{response.pk}/"
    page = client.post(url, {"save": "1", f"q{count.pk}": "många", f"q{text.pk}": "Svårt att nå ut."})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Svårt att nå ut." in body and 'value="många"' in body
    assert response.answers.get(question=text).text == "Svårt att nå ut."  # the valid answer is kept
    assert client.post(url, {"save": "1", f"q{count.pk}": "4"}).status_code == 302
    assert response.answers.get(question=count).number == 4
    page = client.post(url, {"submit": "1", f"q{count.pk}": "4", f"q{text.pk}": "Svårt att nå ut."})
    assert page.status_code == 200 and "Svara på frågan" in page.content.decode()
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    full = {}
    for question in surveys.questions_of(survey):
        full[f"q{question.pk}"] = {"yes_no": "yes", "count": "1", "scale_1_5": "3", "text": "Text"}[question.kind]
    assert client.post(url, {"submit": "1", **full}).status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert client.post(url, {"save": "1", **full}).status_code == 404  # submitted: no more changes


def test_exports_contain_the_comparison(network, analyst, client):
    last = seed_survey_year(2024)
    surveys.ensure_responses(last)
    _answer(last, "1280", {("arbete", "bidrar-till-mal"): 2})
    current = seed_survey_year(2025)
    surveys.ensure_responses(current)
    _answer(current, "1280", {("arbete", "bidrar-till-mal"): 4})
    _answer(current, "0180", {("arbete", "bidrar-till-mal"): 1})
    client.force_login(analyst)
    data = client.get("/natverk/nulagesbeskrivningar/2025/export.csv?question=bidrar-till-mal")
    assert data.status_code == 200 and data["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(data.content.decode()), delimiter=";"))
    arbete = [r for r in rows[1:] if r[1] == "arbete"]
    assert sorted(arbete) == sorted(
        [
            ["Malmö", "arbete", "Arbete", "bidrar-till-mal", rows[1][4], "2025", "4", "2024", "2", "2"],
            ["Stockholm", "arbete", "Arbete", "bidrar-till-mal", rows[1][4], "2025", "1", "2024", "", ""],
        ]
    )
    assert len(rows) == 1 + 2 * 7
    xlsx = client.get("/natverk/nulagesbeskrivningar/2025/export.xlsx?question=bidrar-till-mal")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Svarande"
    malmo = next(r for r in values if r[0] == "Malmö" and r[1] == "arbete")
    assert (malmo[5], malmo[6], malmo[7], malmo[8], malmo[9]) == (2025, 4, 2024, 2, 2)
    assert len(values) == len(rows)
    page = client.get("/natverk/nulagesbeskrivningar/2025/?question=bidrar-till-mal")
    assert "Malmö" in page.content.decode()


def test_survey_pages_are_for_agency_staff(network, client):
    seed_survey_year(2025)
    client.force_login(make_member("a@stockholm.test", "0180"))
    assert client.get("/natverk/nulagesbeskrivningar/2025/").status_code == 404
    assert client.get("/natverk/nulagesbeskrivningar/2025/export.csv").status_code == 404
    client.force_login(make_staff("x@lst.test", AgencyRole.FINANCE))
    assert client.get("/natverk/nulagesbeskrivningar/2025/").status_code == 200


def test_areas_are_per_survey_year(db):
    first, second = seed_survey_year(2024), seed_survey_year(2025)
    SurveyArea.objects.filter(survey_year=second, code="halsa").update(name="Hälsa och välbefinnande")
    assert first.areas.get(code="halsa").name == "Hälsa"
