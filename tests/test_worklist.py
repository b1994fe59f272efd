"""The officers' work list: filters, free text, sorting, totals and paging."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bidra.applications import services
from bidra.decisions.models import Decision

from .decision_helpers import signed_grant
from .helpers import fill_complete, make_member, start_draft


@pytest.fixture
def received(open_call, reference_data):
    """Three received applications: Stockholm (east, A1), Malmö (south, A1), Kiruna (north, C)."""
    made = {}
    for code, email, amount, area in [
        ("0180", "a@sthlm.test", 400_000, "utbildning"),
        ("1280", "b@malmo.test", 250_000, "kultur-sprak"),
        ("2584", "c@kiruna.test", 90_000, "halsa"),
    ]:
        user = make_member(email, code)
        draft = fill_complete(start_draft(open_call, user, code=code))
        draft.title = f"Insats i {draft.municipality.name}"
        draft.requested_amount = Decimal(amount)
        draft.save()
        draft.areas.set(open_call.programme.areas.filter(code=area))
        draft.budget_lines.all().delete()
        draft.budget_lines.create(category="personnel", description="Lön", amount=amount)
        made[code] = services.submit(draft.pk, by=user).application
    start_draft(open_call, make_member("d@sthlm.test", "0180"))  # a draft never shows
    return made


def rows(response) -> list[str]:
    return [row.municipality_code for row in response.context["page"]]


@pytest.mark.django_db
def test_the_work_list_shows_received_applications_with_totals(client, officer, received):
    client.force_login(officer)
    response = client.get("/handlaggning/")
    assert sorted(rows(response)) == ["0180", "1280", "2584"]
    assert response.context["totals"].count == 3
    assert response.context["totals"].requested == Decimal(740_000)
    assert "740\u202f000\u00a0kr" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("national_area=north", ["2584"]),
        ("skr_group=A", ["0180", "1280"]),
        ("skr_group=A1", ["0180", "1280"]),
        ("q=Malmö", ["1280"]),
        ("q=851-0001", None),
        ("screening=passed", ["0180", "1280", "2584"]),
        ("status=withdrawn", []),
    ],
)
def test_filters_narrow_the_list(client, officer, received, query, expected):
    client.force_login(officer)
    response = client.get(f"/handlaggning/?{query}")
    if expected is None:  # the first case number, whichever application got it
        assert len(rows(response)) == 1
    else:
        assert sorted(rows(response)) == expected
    assert response.context["totals"].count == len(rows(response))


@pytest.mark.django_db
def test_the_list_opens_on_open_cases_and_shows_every_received_one_on_request(client, officer, received):
    from bidra.applications.models import Application

    Application.objects.filter(pk=received["2584"].pk).update(status="refused")
    client.force_login(officer)
    opening = client.get("/handlaggning/")
    assert sorted(rows(opening)) == ["0180", "1280"]
    assert opening.context["totals"].count == 2
    assert '<option value="open" selected>Pågående ärenden</option>' in opening.content.decode()
    assert sorted(rows(client.get("/handlaggning/?page=1"))) == ["0180", "1280"]  # paging keeps the default
    everything = client.get("/handlaggning/?status=")
    assert sorted(rows(everything)) == ["0180", "1280", "2584"]
    assert everything.context["totals"].requested == Decimal(740_000)
    assert rows(client.get("/handlaggning/?status=refused")) == ["2584"]
    assert rows(client.get("/handlaggning/?status=open&national_area=north")) == []


@pytest.mark.django_db
def test_a_search_that_finds_no_open_case_offers_to_search_every_received_application(client, officer, received):
    from bidra.applications.models import Application

    Application.objects.filter(pk=received["2584"].pk).update(status="refused")
    client.force_login(officer)
    found_nothing = client.get("/handlaggning/", {"q": "Kiruna", "status": "open", "sort": "received"})
    assert rows(found_nothing) == []
    page = found_nothing.content.decode()
    link = re.search(r'<a href="\?([^"]+)">Sök bland alla inkomna ansökningar', page)
    assert link is not None
    assert rows(client.get("/handlaggning/?" + unescape(link.group(1)))) == ["2584"]
    assert "Sök bland alla inkomna" not in client.get("/handlaggning/", {"q": "Stockholm"}).content.decode()
    assert "Sök bland alla inkomna" not in client.get("/handlaggning/", {"q": "Kiruna", "status": ""}).content.decode()


@pytest.mark.django_db
def test_every_value_in_a_row_is_escaped(client, officer, received):
    from bidra.applications.models import Application

    Application.objects.filter(pk=received["0180"].pk).update(
        title="<script>alert(1)</script>", administration='"Kultur" & <fritid>'
    )
    client.force_login(officer)
    page = client.get("/handlaggning/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;Kultur&quot; &amp; &lt;fritid&gt;" in page
    assert f'<a href="/handlaggning/arenden/{received["0180"].pk}/">{received["0180"].case_number}</a>' in page


@pytest.mark.django_db
def test_free_text_finds_any_part_of_case_number_municipality_administration_or_title(client, officer, received):
    from bidra.applications.models import Application

    Application.objects.filter(pk=received["2584"].pk).update(administration="Kultur- och fritidsförvaltningen")
    Application.objects.filter(pk=received["1280"].pk).update(title="Brobyggare i skolan")
    Application.objects.filter(pk=received["0180"].pk).update(title="Läxhjälp")
    number = received["0180"].case_number
    client.force_login(officer)
    for text, expected in [
        ("fritidsförv", ["2584"]),  # administration only
        ("BROBYGG", ["1280"]),  # title only, whatever the case
        ("stockholm", ["0180"]),  # municipality only
        (number[-7:], ["0180"]),  # the end of a case number
        ("ingen sådan insats", []),
    ]:
        response = client.get("/handlaggning/", {"q": text})
        assert sorted(rows(response)) == expected, text
        assert response.context["totals"].count == len(expected)
    assert sorted(rows(client.get("/handlaggning/", {"q": "i", "national_area": "north"}))) == ["2584"]


@pytest.mark.django_db
def test_filter_by_area_and_county(client, officer, received, programme):
    client.force_login(officer)
    area = programme.areas.get(code="halsa")
    assert rows(client.get(f"/handlaggning/?area={area.pk}")) == ["2584"]
    county = received["1280"].municipality.county
    assert rows(client.get(f"/handlaggning/?county={county.pk}")) == ["1280"]


@pytest.mark.django_db
def test_sorting_by_amount(client, officer, received):
    client.force_login(officer)
    assert rows(client.get("/handlaggning/?sort=amount&direction=asc")) == ["2584", "1280", "0180"]
    assert rows(client.get("/handlaggning/?sort=amount&direction=desc")) == ["0180", "1280", "2584"]


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_rows(client, officer, received):
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        client.get("/handlaggning/")
    assert len(queries) <= 12


@pytest.mark.django_db
def test_the_case_page_shows_received_version_screening_and_history(client, officer, received):
    application = received["0180"]
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/handlaggning/arenden/{application.pk}/")
    page = response.content.decode()
    assert application.case_number in page
    assert "Budgetraderna summerar till" in page
    assert "Ansökan som den kom in" in page
    assert "Skicka in" in page  # the submit event, labelled
    assert len(queries) <= 15


@pytest.mark.django_db
def test_an_officer_records_the_manual_statutory_duty_check(client, officer, analyst, received):
    application = received["0180"]
    client.force_login(analyst)
    url = f"/handlaggning/arenden/{application.pk}/kontroll/not_statutory_duty/"
    assert client.post(url, {"passed": "yes", "note": "x"}).status_code == 404
    client.force_login(officer)
    response = client.post(url, {"passed": "yes", "note": "Insatsen går utöver skollagens krav."})
    assert response.status_code == 302
    check = application.screening_checks.get(code="not_statutory_duty")
    assert (check.outcome, check.checked_by) == ("passed", officer)
    assert (
        "Insatsen går utöver skollagens krav."
        in client.get(f"/handlaggning/arenden/{application.pk}/").content.decode()
    )


@pytest.mark.django_db
def test_overdue_reports_are_flagged_in_the_work_list(client, open_call):
    (decision,), officer = signed_grant(open_call)
    client.force_login(officer)
    assert "Redovisning försenad" not in client.get("/handlaggning/?status=").content.decode()
    Decision.objects.filter(pk=decision.pk).update(report_due_date=timezone.localdate() - timedelta(days=1))
    page = client.get("/handlaggning/?status=").content.decode()
    assert page.count("Redovisning försenad") == 1
    assert "Redovisning försenad" not in client.get("/handlaggning/").content.decode()  # granted: not an open case


@pytest.mark.django_db
def test_filter_values_that_do_not_exist_are_said_and_the_list_shows_open_cases(client, officer, received):
    client.force_login(officer)
    response = client.get("/handlaggning/", {"status": "avgjord", "call": "999999", "page": "999"})
    assert response.status_code == 200
    assert sorted(rows(response)) == ["0180", "1280", "2584"]  # open cases, as when the list opens
    page = response.content.decode()
    assert 'id="id_status_error"' in page and 'id="id_call_error"' in page
    assert response.context["page"].number == 1  # the last page there is
