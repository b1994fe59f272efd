"""The public register of granted projects: only published grants, filters, search, totals, project pages."""

from decimal import Decimal

import pytest
from django.db import connection

from bidra.core.money import format_kronor
from bidra.municipalities.models import County
from bidra.public import grants as public
from bidra.public.search import search_grants

from .test_public_fixtures import (
    CONTACT_EMAIL,
    CONTACT_PHONE,
    DRAFT_TITLE,
    SECRET_TITLE,
    build_rounds,
    codes_of,
    granted_to,
)

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="Swedish stemming needs PostgreSQL")


@pytest.fixture
def rounds(programme):
    return build_rounds(programme)


def register_url(rounds) -> str:
    return f"/bidrag/{rounds.last_year.programme.slug}/beviljade/"


def listed(client, rounds, **params) -> list[str]:
    """Municipality codes of the grants the register lists for ``params`` (all pages)."""
    response = client.get(register_url(rounds), params)
    assert response.status_code == 200
    return codes_of(response.context["page"].object_list)


@pytest.mark.django_db
def test_the_register_lists_published_grants_only(client, rounds):
    response = client.get(register_url(rounds))
    page = response.content.decode()
    assert codes_of(response.context["page"].object_list) == ["0180", "0180", "0581", "1280"]
    for title in (
        "Brobyggarna i skolan",
        "Romska kulturdagar",
        "Mötesplats för unga",
        "Läsambassadörer på biblioteket",
    ):
        assert title in page
    assert SECRET_TITLE not in page  # refused, in a signed batch
    assert DRAFT_TITLE not in page  # granted in a draft that nobody has signed
    assert rounds.refused.application.case_number not in page
    assert rounds.unsigned.application.case_number not in page


@pytest.mark.django_db
def test_refused_and_unsigned_decisions_have_no_project_page(client, rounds):
    assert client.get(f"/beviljade/{rounds.refused.application.case_number}/").status_code == 404
    assert client.get(f"/beviljade/{rounds.unsigned.application.case_number}/").status_code == 404
    assert client.get("/beviljade/851-9999-2024/").status_code == 404


@pytest.mark.django_db
def test_count_and_sum_follow_the_filter(client, rounds):
    response = client.get(register_url(rounds))
    total = sum((d.amount for d in rounds.grants), Decimal(0))
    assert response.context["totals"] == public.Totals(4, total)
    assert format_kronor(total) in response.content.decode()

    malmo = granted_to(rounds, "1280")
    response = client.get(register_url(rounds), {"county": malmo[0].application.municipality.county_id})
    assert response.context["totals"] == public.Totals(1, malmo[0].amount)


@pytest.mark.django_db
def test_every_filter_narrows_the_register(client, rounds, programme):
    last_year = rounds.last_year_signed_at.year
    assert listed(client, rounds, year=last_year) == ["0180", "1280"]
    assert listed(client, rounds, year=last_year + 1) == ["0180", "0581"]

    culture = programme.areas.get(code="kultur-sprak").pk
    education = programme.areas.get(code="utbildning").pk
    assert listed(client, rounds, area=culture) == ["1280"]
    assert listed(client, rounds, area=education) == ["0180", "0180", "0581"]

    skane = County.objects.get(code="12").pk
    assert listed(client, rounds, county=skane) == ["1280"]

    assert listed(client, rounds, national_area="south") == ["1280"]
    assert listed(client, rounds, national_area="east") == ["0180", "0180", "0581"]
    assert listed(client, rounds, national_area="north") == []

    assert listed(client, rounds, skr_group="A") == ["0180", "0180", "1280"]
    assert listed(client, rounds, skr_group="B") == ["0581"]
    assert listed(client, rounds, skr_group="B3") == ["0581"]
    assert listed(client, rounds, skr_group="A1") == ["0180", "0180", "1280"]

    # Filters combine, and a mistyped value is ignored rather than emptying the list.
    assert listed(client, rounds, year=last_year, national_area="east") == ["0180"]
    assert listed(client, rounds, year="nonsens", national_area="south") == ["1280"]


@pytest.mark.django_db
def test_search_finds_a_plain_word_in_every_searched_field(client, rounds):
    assert listed(client, rounds, q="kulturdagar") == ["1280"]  # title
    assert listed(client, rounds, q="högläsning") == ["0180"]  # summary
    assert listed(client, rounds, q="Norrköping") == ["0581"]  # municipality
    assert listed(client, rounds, q="KULTURFÖRVALTNINGEN") == ["0180", "1280"]  # administration, any case
    assert listed(client, rounds, q="läxhjälp hembesök") == ["0180"]  # every word must match
    assert listed(client, rounds, q="läxhjälp kulturdagar") == []
    assert listed(client, rounds, q="hemlig") == []  # the refused application's words are not public
    assert listed(client, rounds, q="Göteborg") == []  # nor the unsigned one's
    case_number = granted_to(rounds, "0581")[0].application.case_number
    assert listed(client, rounds, q=case_number) == ["0581"]


@pytest.mark.django_db
def test_search_grants_is_a_plain_function(rounds):
    found = search_grants(public.public_grants(), "stadsbiblioteket")
    assert codes_of(found) == ["1280"]
    assert search_grants(public.public_grants(), "   ").count() == 4


@on_postgres
@pytest.mark.django_db
def test_search_on_postgresql_uses_swedish_stemming(client, rounds):
    with connection.cursor() as cursor:  # the pair this test relies on really stems together
        cursor.execute("SELECT to_tsvector('swedish', 'brobyggarna') @@ to_tsquery('swedish', 'brobyggare')")
        assert cursor.fetchone()[0] is True
    # "brobyggare" is not a substring of the title "Brobyggarna i skolan": only the stemmer can find it.
    assert listed(client, rounds, q="brobyggare") == ["0180"]
    response = client.get(register_url(rounds), {"q": "kulturförvaltningen högläsning"})
    assert codes_of(response.context["page"].object_list) == ["0180"]


@pytest.mark.django_db
def test_the_register_is_paginated(client, rounds, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 3)
    first = client.get(register_url(rounds))
    second = client.get(register_url(rounds), {"page": 2})
    assert len(first.context["page"].object_list) == 3
    assert len(second.context["page"].object_list) == 1
    assert first.context["totals"].count == second.context["totals"].count == 4
    assert "page=2" in first.content.decode()
    filtered = client.get(register_url(rounds), {"national_area": "east"})
    assert "national_area=east&amp;page=2" not in filtered.content.decode()  # three fit on one page
    assert filtered.context["page"].paginator.num_pages == 1


@pytest.mark.django_db
def test_the_project_page_shows_what_is_public_and_no_personal_data(client, rounds):
    decision = granted_to(rounds, "0180", rounds.last_year)[0]
    application = decision.application
    response = client.get(f"/beviljade/{application.case_number}/")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "Brobyggarna i skolan",
        "Stöd till elever och föräldrar med läxhjälp och hembesök.",
        "Stockholm",
        "Utbildningsförvaltningen",
        "Utbildning",
        format_kronor(decision.amount),
        application.case_number,
        f"/diarium/{application.case_number}/",
    ):
        assert expected in page, expected
    assert response.context["public_report"] is None
    for personal in (CONTACT_EMAIL, CONTACT_PHONE, application.contact_name):
        assert personal not in page


@pytest.mark.django_db
def test_contact_details_never_appear_on_public_pages(client, rounds):
    slug = rounds.last_year.programme.slug
    paths = [
        "/bidrag/",
        f"/bidrag/{slug}/",
        f"/bidrag/{slug}/beviljade/",
        f"/bidrag/{slug}/beviljade/?q=skolan",
        "/karta/",
        "/diarium/",
    ]
    for decision in [*rounds.grants, rounds.refused, rounds.unsigned]:
        paths.append(f"/diarium/{decision.application.case_number}/")
    paths += [f"/beviljade/{d.application.case_number}/" for d in rounds.grants]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert CONTACT_EMAIL not in page, path
        assert CONTACT_PHONE not in page, path
        assert "Anna Andersson" not in page, path  # the contact person's name
