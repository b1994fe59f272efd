"""The public API: programmes, calls, published grants, municipalities and statistics."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.applications import services as applications
from bidra.decisions import services as decisions
from bidra.decisions.models import Decision
from bidra.decisions.published import published_grants
from bidra.programmes.models import Call

from .decision_helpers import assessed_call
from .helpers import fill_complete, make_member, make_staff, start_draft

API = "/api/v1"
CONTACT_EMAIL = "anna@stockholm.test"  # the contact person fill_complete writes into every application
CONTACT_NAME = "Anna Andersson"


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    settings.API_ANON_RATE = "10000/m"
    cache.clear()
    yield
    cache.clear()


def publish_round(call: Call):
    """Three applications assessed, allocated within 600 000 kr and signed: some granted, published."""
    _applications, officer = assessed_call(call)
    call.budget = Decimal(600_000)
    call.save()
    proposal = allocation.run_proposal(
        call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    batch = decisions.draft_from_proposal(proposal, by=officer)
    signer = make_staff("signer@lst.test", AgencyRole.DECISION_MAKER)
    return decisions.sign_batch(batch, by=signer), proposal


@pytest.fixture
def published(open_call):
    batch, _proposal = publish_round(open_call)
    return batch


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response, response.json() if response["Content-Type"].startswith("application/json") else None


def is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@pytest.mark.django_db
def test_programmes_list_and_detail(client, programme):
    response, body = get(client, "/programmes")
    assert response.status_code == 200
    assert body["count"] == 1
    assert body["items"][0]["slug"] == programme.slug
    _response, detail = get(client, f"/programmes/{programme.slug}")
    assert {a["code"] for a in detail["areas"]} >= {"utbildning", "bostad"}
    assert all(isinstance(c["weight"], float) for c in detail["criteria"])
    assert get(client, "/programmes/finns-inte")[0].status_code == 404


@pytest.mark.django_db
def test_calls_filter_by_programme_and_whether_they_are_open(client, open_call):
    now = timezone.now()
    closed = Call.objects.create(
        programme=open_call.programme,
        title="Stängd omgång",
        slug="stangd",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        budget=Decimal(1_000_000),
        period_start_earliest=open_call.period_start_earliest,
        period_end_latest=open_call.period_end_latest,
        report_due_date=open_call.report_due_date,
    )

    def slugs(**params):
        response, body = get(client, "/calls", **params)
        assert response.status_code == 200, body
        return {c["slug"] for c in body["items"]}

    assert slugs() == {open_call.slug, closed.slug}
    assert slugs(open="true") == {open_call.slug}
    assert slugs(open="false") == {closed.slug}
    assert slugs(open_at=(now - timedelta(days=45)).isoformat()) == {closed.slug}
    assert slugs(open_at="2000-01-01T12:00") == set()  # no offset: Stockholm time
    assert slugs(programme=open_call.programme.slug) == {open_call.slug, closed.slug}
    assert slugs(programme="annat-program") == set()
    assert get(client, "/calls", open_at="0001-01-01T00:00:00+01:00")[0].status_code == 422
    _response, body = get(client, "/calls", open="true")
    call = body["items"][0]
    assert call["is_open"] is True and is_integer(call["budget"]) and call["budget"] == 8_650_000


@pytest.mark.django_db
def test_a_call_shows_its_budget_what_signed_decisions_granted_and_what_remains(client, open_call, published):
    response, body = get(client, f"/calls/{open_call.slug}")
    assert response.status_code == 200
    granted = sum(d.amount for d in Decision.objects.filter(batch=published))
    assert 0 < granted <= 600_000
    assert (body["budget"], body["granted"], body["remaining"]) == (600_000, int(granted), int(600_000 - granted))
    assert all(is_integer(body[key]) for key in ("budget", "granted", "remaining"))
    assert '"granted": "' not in response.content.decode()
    assert get(client, "/calls/finns-inte")[0].status_code == 404


@pytest.mark.django_db
def test_a_draft_batch_grants_nothing_yet(client, open_call):
    _applications, officer = assessed_call(open_call)
    proposal = allocation.run_proposal(
        open_call, by=officer, choices=allocation.RulesInput(require_each_national_area=False)
    )
    decisions.draft_from_proposal(proposal, by=officer)
    _response, body = get(client, f"/calls/{open_call.slug}")
    assert body["granted"] == 0 and body["remaining"] == body["budget"]
    assert get(client, "/grants")[1]["count"] == 0


@pytest.mark.django_db
def test_grants_are_the_published_ones_with_amounts_in_whole_kronor(client, published):
    response, body = get(client, "/grants")
    assert response.status_code == 200
    expected = list(published_grants())
    assert body["count"] == len(expected) >= 2
    assert [g["case_number"] for g in body["items"]] == [d.application.case_number for d in expected]
    first = body["items"][0]
    decision = expected[0]
    assert first["amount"] == int(decision.amount) and is_integer(first["amount"])
    assert first["municipality"] == {
        "code": decision.application.municipality.code,
        "name": decision.application.municipality.name,
    }
    assert first["decided_on"] == timezone.localdate(published.signed_at).isoformat()
    assert first["programme"]["slug"] == "romsk-inkludering"
    assert {a["code"] for a in first["areas"]} == {"utbildning", "social-omsorg-trygghet"}
    assert first["period"]["start"] and first["administration"] == "Socialförvaltningen"
    response, detail = get(client, f"/grants/{decision.application.case_number}")
    assert response.status_code == 200 and detail == first
    assert get(client, "/grants/851-9999-1999")[0].status_code == 404
    withheld = expected[-1]
    Decision.objects.filter(pk=withheld.pk).update(published=False)  # as a refusal is: never published
    assert get(client, f"/grants/{withheld.application.case_number}")[0].status_code == 404
    assert withheld.application.case_number not in {g["case_number"] for g in get(client, "/grants")[1]["items"]}


@pytest.mark.django_db
def test_grant_filters(client, published):
    every = {d.application.case_number: d for d in published_grants()}
    year = timezone.localdate(published.signed_at).year

    def numbers(**params):
        response, body = get(client, "/grants", **params)
        assert response.status_code == 200, body
        return {g["case_number"] for g in body["items"]}

    def expected(predicate):
        return {number for number, d in every.items() if predicate(d.application.municipality)}

    assert numbers(year=year) == set(every)
    assert numbers(year=year - 1) == set()
    assert numbers(area="utbildning") == set(every)
    assert numbers(area="bostad") == set()
    assert numbers(county="01") == expected(lambda m: m.county.code == "01")
    assert numbers(national_area="south") == expected(lambda m: m.national_area == "south")
    assert numbers(skr_group="A") == expected(lambda m: m.skr_main_group == "A")
    assert numbers(skr_group="A1") == expected(lambda m: m.skr_group_code == "A1")
    assert numbers(municipality="0180") == expected(lambda m: m.code == "0180")
    assert numbers(q="BROBYGGARE i SKOLAN") == set(every)  # the title, whatever the case
    assert numbers(q="romska ELEVER") == set(every)  # the summary
    some = next(iter(every.values())).application.municipality
    assert numbers(q=some.name.upper()) == expected(lambda m: m.name == some.name)
    assert numbers(q="ingenting sådant") == set()
    for bad in ({"year": "tjugo"}, {"national_area": "west"}, {"skr_group": "D"}, {"municipality": "12"}):
        assert get(client, "/grants", **bad)[0].status_code == 422, bad


@pytest.mark.django_db
def test_pagination_with_limit_offset_and_a_maximum(client, reference_data):
    _response, body = get(client, "/municipalities", limit=10)
    assert body["count"] == 290 and len(body["items"]) == 10
    _response, rest = get(client, "/municipalities", limit=10, offset=285)
    assert len(rest["items"]) == 5
    _response, default = get(client, "/municipalities")
    assert len(default["items"]) == 50
    _response, everything = get(client, "/municipalities", limit=500)
    assert len(everything["items"]) == 290
    codes = [m["code"] for m in everything["items"]]
    assert codes == sorted(codes)
    for bad in ({"limit": 501}, {"limit": 0}, {"offset": -1}, {"offset": 10**30}):
        assert get(client, "/municipalities", **bad)[0].status_code == 422, bad


@pytest.mark.django_db
def test_municipality_filters_and_detail(client, reference_data):
    def codes(**params):
        return {m["code"] for m in get(client, "/municipalities", limit=500, **params)[1]["items"]}

    assert len(codes(county="01")) == 26
    assert codes(skr_group="A1") == {"0180", "1480", "1280"}
    assert "2584" in codes(national_area="north") and "0180" not in codes(national_area="north")
    assert codes(skr_group="A") >= codes(skr_group="A1")
    response, stockholm = get(client, "/municipalities/0180")
    assert response.status_code == 200
    assert stockholm["name"] == "Stockholm" and stockholm["county"] == {"code": "01", "name": "Stockholms län"}
    assert stockholm["national_area"] == {"code": "east", "name": "Östra Sverige"}
    assert get(client, "/municipalities/9999")[0].status_code == 404
    assert get(client, "/municipalities/abc")[0].status_code == 422


@pytest.mark.django_db
def test_statistics_per_year(client, published):
    grants = list(published_grants())
    year = timezone.localdate(published.signed_at).year
    response, years = get(client, "/statistics/years")
    assert response.status_code == 200
    assert [y["year"] for y in years] == [year]
    figures = years[0]
    assert figures["grants"] == len(grants)
    assert figures["total_granted"] == int(sum(d.amount for d in grants)) and is_integer(figures["total_granted"])
    assert figures["municipalities"] == len({d.application.municipality_id for d in grants})
    assert [a["code"] for a in figures["per_national_area"]] == ["east", "south", "north"]
    assert sum(a["grants"] for a in figures["per_national_area"]) == len(grants)
    assert sum(a["amount"] for a in figures["per_national_area"]) == figures["total_granted"]
    education = next(a for a in figures["per_area"] if a["code"] == "utbildning")
    assert education["grants"] == len(grants) and education["amount"] == figures["total_granted"]
    assert get(client, f"/statistics/years/{year}")[1] == figures
    assert get(client, f"/statistics/years/{year - 1}")[0].status_code == 404
    assert get(client, "/statistics/years/123")[0].status_code == 422


@pytest.mark.django_db
def test_no_personal_data_in_any_public_response(client, open_call, published):
    # A draft and a received application with the same contact person must not leak either.
    owner = make_member("owner@stockholm.test", "0180")
    applications.submit(fill_complete(start_draft(open_call, owner)).pk, by=owner)
    grant = published_grants().first()
    paths = [
        "/programmes",
        f"/programmes/{open_call.programme.slug}",
        "/calls",
        f"/calls/{open_call.slug}",
        "/grants",
        f"/grants/{grant.application.case_number}",
        "/municipalities",
        "/municipalities/0180",
        "/statistics/years",
        f"/statistics/years/{timezone.localdate(published.signed_at).year}",
    ]
    for path in paths:
        response = client.get(f"{API}{path}")
        assert response.status_code == 200, path
        text = response.content.decode()
        data = json.dumps(response.json(), ensure_ascii=False)
        for personal in (CONTACT_EMAIL, CONTACT_NAME, "@lst.test", ".test", "contact"):
            assert personal not in text and personal not in data, (path, personal)


@pytest.mark.django_db
def test_openapi_document_and_interactive_docs(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Bidra API" and document["info"]["version"] == "1"
    grants = document["paths"]["/api/v1/grants"]["get"]
    assert {"200", "422", "429"} <= set(grants["responses"])
    assert "Retry-After" in grants["responses"]["429"]["headers"]
    cases = document["paths"]["/api/v1/cases"]["get"]
    assert {"200", "401", "403", "422"} <= set(cases["responses"])
    assert cases["security"] == [{"TokenAuth": []}]
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    amount = document["components"]["schemas"]["GrantOut"]["properties"]["amount"]
    assert amount["type"] == "integer"
    assert client.get(f"{API}/docs").status_code == 200
