"""Public pages for anonymous visitors: the programme page with its calls and budgets, the
accessibility statement and the privacy notice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bidra.core.money import format_kronor
from bidra.core.templatetags.bidra import moment
from bidra.public import grants as public

from .test_public_fixtures import build_rounds


@pytest.fixture
def rounds(programme):
    return build_rounds(programme)


@pytest.mark.django_db
def test_every_public_page_renders_for_anonymous_visitors_in_swedish(client, rounds, programme):
    granted = rounds.grants[0].application.case_number
    paths = [
        "/bidrag/",
        f"/bidrag/{programme.slug}/",
        f"/bidrag/{programme.slug}/beviljade/",
        f"/bidrag/{programme.slug}/beviljade/?year={rounds.last_year_signed_at.year}",
        f"/beviljade/{granted}/",
        "/karta/",
        f"/karta/?year={rounds.last_year_signed_at.year}",
        "/diarium/",
        f"/diarium/{granted}/",
        "/tillganglighet/",
        "/personuppgifter/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert '<html lang="sv">' in page, path
        assert '<main id="main"' in page and "<h1>" in page, path
        assert "Logga in" in page, path  # nobody is logged in


@pytest.mark.django_db
def test_pages_render_before_anything_is_granted(client, programme):
    for path in ("/bidrag/", f"/bidrag/{programme.slug}/", f"/bidrag/{programme.slug}/beviljade/", "/karta/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Inga bidrag har beviljats" in client.get(f"/bidrag/{programme.slug}/").content.decode()


@pytest.mark.django_db
def test_an_unknown_programme_is_not_found(client, programme):
    assert client.get("/bidrag/finns-inte/").status_code == 404
    assert client.get("/bidrag/finns-inte/beviljade/").status_code == 404


@pytest.mark.django_db
def test_the_programme_page_explains_the_grant_from_the_programme_data(client, programme, open_call):
    page = client.get(f"/bidrag/{programme.slug}/").content.decode()
    assert programme.name in page
    assert programme.purpose in page
    assert programme.not_fundable in page
    assert programme.agency_name in page
    assert programme.legal_basis_title in page
    for area in programme.areas.filter(is_active=True):
        assert area.name in page
    for criterion in programme.criteria.all():  # scored ones and those weighed in the allocation
        assert criterion.name in page
    assert "beaktas när pengarna fördelas" in page  # the allocation-only criteria have their own heading
    assert 'href="/ansokningar/"' in page  # how to apply (log-in needed there)
    assert "redovisa" in page  # how to report
    assert "kan inte överklagas" in page


@pytest.mark.django_db
def test_open_calls_show_the_deadline_in_stockholm_time(client, programme, open_call):
    response = client.get(f"/bidrag/{programme.slug}/")
    page = response.content.decode()
    assert open_call.title in page
    assert moment(open_call.closes_at) in page
    assert format_kronor(open_call.budget) in page
    assert [f.call for f in response.context["current_calls"]] == [open_call]


@pytest.mark.django_db
def test_the_remaining_budget_counts_signed_decisions_only(client, rounds, programme):
    response = client.get(f"/bidrag/{programme.slug}/")
    figures = {f.call.slug: f for f in response.context["current_calls"]}
    for call in (rounds.last_year, rounds.this_year):
        signed = sum((d.amount for d in rounds.grants if d.batch.call_id == call.pk), Decimal(0))
        assert signed > 0
        assert figures[call.slug].granted == signed
        assert figures[call.slug].remaining == call.budget - signed
    # The pending call has a drafted grant, but nothing is decided until it is signed.
    assert rounds.unsigned.amount > 0
    assert figures[rounds.pending.slug].granted == 0
    assert figures[rounds.pending.slug].remaining == rounds.pending.budget
    page = response.content.decode()
    for call in (rounds.last_year, rounds.this_year, rounds.pending):
        assert format_kronor(figures[call.slug].remaining) in page
    assert public.granted_in(rounds.last_year) == figures[rounds.last_year.slug].granted


@pytest.mark.django_db
def test_a_closed_call_moves_to_the_earlier_rounds(client, rounds, programme):
    call = rounds.last_year
    call.opens_at = timezone.now() - timedelta(days=400)
    call.closes_at = timezone.now() - timedelta(days=300)
    call.save()
    response = client.get(f"/bidrag/{programme.slug}/")
    assert call not in [f.call for f in response.context["current_calls"]]
    assert [f.call for f in response.context["earlier_calls"]] == [call]
    assert "Tidigare ansökningsomgångar" in response.content.decode()


@pytest.mark.django_db
def test_the_programme_list_links_each_programme(client, programme, open_call):
    page = client.get("/bidrag/").content.decode()
    assert f'href="/bidrag/{programme.slug}/"' in page
    assert f'href="/bidrag/{programme.slug}/beviljade/"' in page


@pytest.mark.django_db
def test_the_accessibility_statement(client, settings, reference_data):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "webb@lansstyrelsen.example"
    page = client.get("/tillganglighet/").content.decode()
    assert "delvis förenlig" in page
    assert "WCAG 2.1" in page and "2018:1937" in page
    assert "Myndigheten för digital förvaltning (Digg)" in page
    assert "https://www.digg.se/tdosanmalan" in page
    assert "axe" in page and "extern granskning" in page
    assert "mailto:webb@lansstyrelsen.example" in page
    del settings.ACCESSIBILITY_CONTACT_EMAIL  # without the setting, a placeholder address shows
    assert "mailto:tillganglighet@example.se" in client.get("/tillganglighet/").content.decode()


@pytest.mark.django_db
def test_the_privacy_notice(client, programme):
    page = client.get("/personuppgifter/").content.decode()
    for expected in (
        "Kontaktpersoner",
        "Händelseloggen",
        "artikel 6.1 e",
        "arkivlagen",
        "etniska ursprung",
        "rättade",
        "raderas",
        "Integritetsskyddsmyndigheten",
        programme.agency_name,
    ):
        assert expected in page, expected
