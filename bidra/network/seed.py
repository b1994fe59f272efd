"""Seed data: the strategy's areas and questions per survey year, national agencies, the network."""

from datetime import date

from django.db import transaction

from bidra.municipalities.models import Municipality
from bidra.programmes.seed import AREAS

from .models import NationalAgency, NetworkMember, Question, SurveyArea, SurveyYear

AGENCIES = ["Arbetsförmedlingen", "Boverket", "Socialstyrelsen", "Skolverket", "Folkhälsomyndigheten"]

# The municipalities of the network (mission presentation); the two regions are not municipalities.
NETWORK_MUNICIPALITIES = [
    "Botkyrka", "Eskilstuna", "Göteborg", "Haparanda", "Helsingborg", "Luleå", "Linköping", "Lund",
    "Malmö", "Norrköping", "Norrtälje", "Nyköping", "Ronneby", "Sigtuna", "Skellefteå", "Staffanstorp",
    "Borås", "Sundsvall", "Haninge", "Surahammar", "Gävle", "Södertälje", "Stockholm", "Upplands Väsby",
    "Uppsala", "Vänersborg", "Västerås", "Örebro",
]  # fmt: skip

# (code, kind, text, help) asked in every area.
AREA_QUESTIONS = [
    ("insatser", Question.Kind.TEXT, "Vilka insatser pågår inom området?", ""),
    ("antal-insatser", Question.Kind.COUNT, "Hur många insatser pågår inom området?", "Ange ett heltal."),
    ("hinder", Question.Kind.TEXT, "Vilka hinder finns för arbetet inom området?", ""),
    ("mojligheter", Question.Kind.TEXT, "Vilka möjligheter ser ni inom området?", ""),
    ("samrad", Question.Kind.YES_NO, "Har romer rådfrågats (samråd) om insatserna inom området?", ""),
    ("samrad-hur", Question.Kind.TEXT, "Hur har samrådet med romer gått till?", "Svara även om inget samråd skett."),
    (
        "bidrar-till-mal",
        Question.Kind.SCALE,
        "I vilken grad bidrar insatserna till strategins mål?",
        "1 = inte alls, 5 = i mycket hög grad.",
    ),
]
# Asked once, outside the areas.
GENERAL_QUESTIONS = [
    ("politiskt-beslut", Question.Kind.YES_NO, "Finns ett politiskt beslut om arbetet för romsk inkludering?", ""),
    ("brobyggare", Question.Kind.COUNT, "Hur många brobyggare eller motsvarande är anställda?", "Ange ett heltal."),
    (
        "langsiktig-struktur",
        Question.Kind.SCALE,
        "I vilken grad är arbetet en del av förvaltningens ordinarie struktur?",
        "1 = inte alls, 5 = helt.",
    ),
]


def seed_agencies() -> None:
    for name in AGENCIES:
        NationalAgency.objects.get_or_create(name=name)


@transaction.atomic
def seed_survey_year(year: int) -> SurveyYear:
    """Create the survey year with last year's areas and questions (same codes), or the defaults."""
    survey, created = SurveyYear.objects.get_or_create(
        year=year,
        defaults={
            "title": f"Nulägesbeskrivning {year}",
            "opens_on": date(year, 9, 1),
            "closes_on": date(year, 10, 31),
        },
    )
    if not created and survey.questions.exists():
        return survey
    previous = survey.previous()
    if previous is not None and previous.questions.exists():
        survey.municipalities = previous.municipalities
        survey.include_agencies = previous.include_agencies
        survey.intro = survey.intro or previous.intro
        survey.save()
        areas = {}
        for area in previous.areas.all():
            areas[area.pk] = SurveyArea.objects.create(
                survey_year=survey, code=area.code, name=area.name, position=area.position
            )
        for question in previous.questions.all():
            Question.objects.create(
                survey_year=survey,
                area=areas.get(question.area_id),
                code=question.code,
                text=question.text,
                kind=question.kind,
                help=question.help,
                position=question.position,
            )
        return survey
    for position, (code, name, _name_en) in enumerate(AREAS):
        area = SurveyArea.objects.create(survey_year=survey, code=code, name=name, position=position + 1)
        for index, (qcode, kind, text, help_text) in enumerate(AREA_QUESTIONS):
            Question.objects.create(
                survey_year=survey, area=area, code=qcode, kind=kind, text=text, help=help_text, position=index
            )
    for index, (qcode, kind, text, help_text) in enumerate(GENERAL_QUESTIONS):
        Question.objects.create(survey_year=survey, code=qcode, kind=kind, text=text, help=help_text, position=index)
    return survey


@transaction.atomic
def seed_network() -> list[str]:
    """Make the network's municipalities members (idempotent); returns names not found."""
    missing = []
    for name in NETWORK_MUNICIPALITIES:
        municipality = Municipality.objects.filter(name=name).first()
        if municipality is None:
            missing.append(name)
            continue
        NetworkMember.objects.get_or_create(municipality=municipality)
    seed_agencies()
    return missing
