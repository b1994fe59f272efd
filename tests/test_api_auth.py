"""Personal API tokens: the token page, bearer authentication, staff-only endpoints and the rate limit."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from bidra.allocation import services as allocation
from bidra.api import tokens
from bidra.api.models import ApiToken
from bidra.audit.models import Event

from .decision_helpers import assessed_call
from .helpers import BidraClient, fill_complete, start_draft

API = "/api/v1"
TOKEN_PATTERN = re.compile(r"bidra_[0-9a-f]{10}_[A-Za-z0-9_-]{43}")


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    settings.API_ANON_RATE = "10000/m"
    cache.clear()
    yield
    cache.clear()


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def token_for(user, **kwargs) -> str:
    return tokens.create_token(user=user, name="Test", **kwargs).secret


@pytest.mark.django_db
def test_the_token_page_needs_a_log_in(client, stockholm_user):
    response = client.get("/api/nycklar/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert client.post("/api/nycklar/ny/", {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()
    client.force_login(stockholm_user)
    response = client.get("/api/nycklar/")
    assert response.status_code == 200
    assert "Du har inga nycklar." in response.content.decode()
    assert client.get("/api/nycklar/ny/").status_code == 405


@pytest.mark.django_db
def test_creating_a_token_shows_the_secret_once_and_stores_only_its_hash(client, officer):
    client.force_login(officer)
    response = client.post("/api/nycklar/ny/", {"name": "Rapportverktyget", "validity": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    secrets_shown = TOKEN_PATTERN.findall(page)
    assert len(secrets_shown) == 1
    secret = secrets_shown[0]
    token = ApiToken.objects.get()
    assert token.user == officer and token.name == "Rapportverktyget"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"bidra_{token.prefix}_")
    random_part = secret.removeprefix(f"bidra_{token.prefix}_")
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert len(random_part) == 43 and not any(random_part in value for value in stored)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    # Shown once: the list shows the prefix only.
    again = client.get("/api/nycklar/").content.decode()
    assert secret not in again and f"bidra_{token.prefix}" in again and "Rapportverktyget" in again
    event = Event.objects.get(action="api.token_created")
    assert event.actor == officer and event.data["prefix"] == token.prefix
    assert secret not in str(event.data) and secret not in str(event.after)
    # And it works.
    assert client.get(f"{API}/me", **bearer(secret)).json()["email"] == officer.email


@pytest.mark.django_db
def test_a_token_needs_a_name_and_the_forms_need_csrf(officer):
    client = BidraClient(enforce_csrf_checks=True)  # staff session verified by a real second factor
    client.force_login(officer)
    assert client.post("/api/nycklar/ny/", {"name": "Utan CSRF"}).status_code == 403
    token = tokens.create_token(user=officer, name="Ska vara kvar").token
    assert client.post(f"/api/nycklar/{token.pk}/aterkalla/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    page = client.get("/api/nycklar/")
    csrf = page.cookies["csrftoken"].value
    response = client.post("/api/nycklar/ny/", {"name": "  ", "csrfmiddlewaretoken": csrf})
    assert response.status_code == 400
    assert "Det finns fel som behöver rättas" in response.content.decode()
    assert ApiToken.objects.count() == 1


@pytest.mark.django_db
def test_bearer_authentication_and_me(client, officer, stockholm_user):
    response = client.get(f"{API}/me", **bearer(token_for(officer)))
    assert response.status_code == 200
    me = response.json()
    assert me["email"] == officer.email and me["is_agency_staff"] is True
    assert me["roles"] == [{"code": "case_officer", "name": "Handläggare"}]
    assert me["municipalities"] == [] and me["token"]["name"] == "Test"
    member = client.get(f"{API}/me", **bearer(token_for(stockholm_user))).json()
    assert member["roles"] == [] and member["is_agency_staff"] is False
    assert member["municipalities"] == [{"code": "0180", "name": "Stockholm", "is_admin": True}]
    assert ApiToken.objects.filter(user=officer).get().last_used_at is not None


@pytest.mark.django_db
def test_missing_wrong_revoked_and_expired_tokens_are_refused(client, officer):
    assert client.get(f"{API}/me").status_code == 401
    assert client.get(f"{API}/cases", HTTP_AUTHORIZATION="Basic abc").status_code == 401
    wrong = client.get(f"{API}/cases", **bearer("bidra_0000000000_" + "x" * 43))
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")
    assert wrong.json() == {"detail": "Unauthorized: a valid bearer token is needed."}

    secret = token_for(officer)
    assert client.get(f"{API}/cases", **bearer(secret)).status_code == 200
    client.force_login(officer)
    token = ApiToken.objects.get()
    response = client.post(f"/api/nycklar/{token.pk}/aterkalla/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Event.objects.filter(action="api.token_revoked", actor=officer).count() == 1
    assert client.post(f"/api/nycklar/{token.pk}/aterkalla/").status_code == 302  # twice: no second event
    assert Event.objects.filter(action="api.token_revoked").count() == 1
    assert client.get(f"{API}/cases", **bearer(secret)).status_code == 401

    expired = token_for(officer, expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"{API}/me", **bearer(expired)).status_code == 401
    later = token_for(officer, expires_at=timezone.now() + timedelta(days=1))
    assert client.get(f"{API}/me", **bearer(later)).status_code == 200
    officer.is_active = False
    officer.save()
    assert client.get(f"{API}/me", **bearer(later)).status_code == 401


@pytest.mark.django_db
def test_only_the_owner_revokes_a_token(client, officer, analyst):
    token = tokens.create_token(user=officer, name="Hannas rapportnyckel").token
    client.force_login(analyst)
    assert client.post(f"/api/nycklar/{token.pk}/aterkalla/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Hannas rapportnyckel" not in client.get("/api/nycklar/").content.decode()


@pytest.mark.django_db
def test_a_logged_in_session_is_not_an_api_credential(client, officer):
    client.force_login(officer)
    assert client.get(f"{API}/cases").status_code == 401
    assert client.get(f"{API}/grants").status_code == 200  # public endpoints need nothing


@pytest.mark.django_db
def test_a_municipality_users_token_is_refused_on_staff_endpoints(client, stockholm_user, submitted, open_call):
    secret = token_for(stockholm_user)
    for path in (
        "/cases",
        f"/cases/{submitted.pk}",  # even their own application: this is the agency's view
        f"/cases/{submitted.pk}/assessments",
        f"/calls/{open_call.slug}/proposals",
        "/cases/999999",
    ):
        response = client.get(f"{API}{path}", **bearer(secret))
        assert response.status_code == 403, path
        assert response.json() == {"detail": "Forbidden"}


@pytest.mark.django_db
def test_a_staff_token_lists_received_cases_never_drafts(
    client, officer, analyst, stockholm_user, submitted, open_call
):
    draft = fill_complete(start_draft(open_call, stockholm_user))
    for user in (officer, analyst):
        secret = token_for(user)
        response = client.get(f"{API}/cases", **bearer(secret))
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1
        case = body["items"][0]
        assert case["id"] == submitted.pk and case["case_number"] == submitted.case_number
        assert case["status"] == "submitted" and case["requested_amount"] == 400_000
        assert client.get(f"{API}/cases/{draft.pk}", **bearer(secret)).status_code == 404
        assert client.get(f"{API}/cases/{draft.pk}/assessments", **bearer(secret)).status_code == 404
        assert client.get(f"{API}/cases/{draft.pk + 1000}", **bearer(secret)).status_code == 404


@pytest.mark.django_db
def test_case_filters(client, officer, submitted, open_call):
    secret = token_for(officer)

    def ids(**params):
        response = client.get(f"{API}/cases", params, **bearer(secret))
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["items"]]

    assert ids(call=open_call.slug) == [submitted.pk]
    assert ids(call="annan") == []
    assert ids(status="submitted") == [submitted.pk]
    assert ids(status="assessed") == []
    assert ids(national_area="east") == [submitted.pk]
    assert ids(national_area="north") == []
    assert ids(q=submitted.case_number) == [submitted.pk]
    assert ids(q="BROBYGGARE") == [submitted.pk]
    assert ids(q="inget sådant") == []
    assert client.get(f"{API}/cases", {"status": "draft"}, **bearer(secret)).status_code == 422


@pytest.mark.django_db
def test_a_case_as_received_with_its_checks(client, officer, submitted):
    response = client.get(f"{API}/cases/{submitted.pk}", **bearer(token_for(officer)))
    assert response.status_code == 200
    case = response.json()
    assert case["received_document"] == submitted.received_document.reference
    assert case["received"]["title"] == "Brobyggare i skolan"
    assert case["received"]["requested_amount"] == "400000"  # the frozen version keeps its own format
    assert {c["code"] for c in case["screening_checks"]} >= {"applicant_eligible", "amount_within_budget"}


@pytest.mark.django_db
def test_assessments_and_proposals_of_a_call(client, open_call):
    applications, officer = assessed_call(open_call)
    allocation.run_proposal(open_call, by=officer, choices=allocation.RulesInput(require_each_national_area=False))
    secret = token_for(officer)
    response = client.get(f"{API}/cases/{applications[0].pk}/assessments", **bearer(secret))
    assert response.status_code == 200
    [assessment] = response.json()
    assert assessment["completed"] is True and assessment["assessor"] == officer.get_full_name()
    assert assessment["scores"]["syfte"] == 4 and isinstance(assessment["weighted_score"], float)
    response = client.get(f"{API}/calls/{open_call.slug}/proposals", **bearer(secret))
    assert response.status_code == 200
    [proposal] = response.json()["items"]
    assert proposal["version"] == 1 and proposal["kind"] == "optimised"
    assert set(proposal["amounts"]) == {str(a.pk) for a in applications}
    assert all(isinstance(v, int) for v in proposal["amounts"].values())
    assert isinstance(proposal["summary"]["money_used"], int) and proposal["budget"] == 8_650_000
    assert client.get(f"{API}/calls/finns-inte/proposals", **bearer(secret)).status_code == 404


@pytest.mark.django_db
def test_the_public_rate_limit_answers_429(client, settings, officer):
    settings.API_ANON_RATE = "3/m"
    cache.clear()
    for _ in range(3):
        assert client.get(f"{API}/programmes").status_code == 200
    response = client.get(f"{API}/municipalities")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json() == {"detail": "Too many requests: try again later."}
    other = client.get(f"{API}/programmes", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200  # counted per address
    spoofed = client.get(f"{API}/programmes", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert spoofed.status_code == 429  # X-Forwarded-For is not trusted unless NINJA_NUM_PROXIES says so
    assert client.get(f"{API}/me", **bearer(token_for(officer))).status_code == 200  # tokens: not this limit
    client.force_login(officer)
    assert client.get(f"{API}/programmes").status_code == 200  # nor a logged-in person
    client.logout()
    assert client.get(f"{API}/programmes").status_code == 429
    cache.clear()
    assert client.get(f"{API}/programmes").status_code == 200


@pytest.mark.django_db
def test_the_rate_limit_trusts_the_configured_proxy(client, settings):
    settings.API_ANON_RATE = "1/m"
    settings.NINJA_NUM_PROXIES = 1
    cache.clear()
    assert client.get(f"{API}/programmes", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
    assert client.get(f"{API}/programmes", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert client.get(f"{API}/programmes", HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200


@pytest.mark.django_db
def test_only_the_whole_token_authenticates(officer):
    new = tokens.create_token(user=officer, name="Hel")
    assert tokens.authenticate(new.secret) == new.token
    assert tokens.authenticate(f"  {new.secret} ") == new.token
    assert tokens.authenticate(f"bidra_{new.token.prefix}_") is None
    assert tokens.authenticate(new.secret[:-1]) is None
    assert tokens.authenticate(new.token.secret_hash) is None
    assert tokens.authenticate("bidra_\x00") is None
