"""E-ID log-in end to end: Bidra's OIDC client against a real provider run locally.

The provider is panva's oidc-provider (tests/oidc/provider.mjs, installed by ``make oidc-deps``),
configured like a Swedish e-ID broker. A ``requests`` session plays the browser: it starts at
Bidra's e-ID button, fills the provider's log-in and consent forms and follows the redirects back
to Bidra's live test server, where the authorization code is exchanged for real signed tokens.
"""

import json
import shutil
import socket
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection

from bidra.accounts import eid, oidc
from bidra.accounts.models import ElectronicIdentity, Membership, StaffRole, User
from bidra.audit.models import Event

from .helpers import PASSWORD

PROVIDER_DIR = Path(__file__).parent / "oidc"
PERSON_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
CLIENT_ID, CLIENT_SECRET = "bidra-test", "a-client-secret-for-the-tests"
# Test persons: login name at the provider -> claims it releases.
PEOPLE = {
    "new-person": {PERSON_CLAIM: "197309069393", "given_name": "Nora", "family_name": "Nyström"},
    "known-person": {PERSON_CLAIM: "198112289874", "given_name": "Anna", "family_name": "Andersson"},
    "officer": {PERSON_CLAIM: "196408233234", "given_name": "Hanna", "family_name": "Holm"},
    "linker": {PERSON_CLAIM: "199001012389", "given_name": "Sara", "family_name": "Svensson"},
    "no-number": {"given_name": "Utan", "family_name": "Nummer"},
}
CALLBACK = "/konto/e-legitimation/klar/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    """Starts the OIDC provider for this module and waits for its discovery document."""
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The test OIDC provider is not installed: run `make oidc-deps` (needs node and npm).")
    port = _free_port()
    config = tmp_path_factory.mktemp("oidc") / "provider.json"
    config.write_text(
        json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [f"{live_server.url}{CALLBACK}"],
                "people": PEOPLE,
            }
        )
    )
    process = subprocess.Popen(  # noqa: S603 - node running our own script
        [node, "provider.mjs", str(port), str(config)],
        cwd=PROVIDER_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"The OIDC provider did not start: {process.stdout.read().decode() if process.stdout else ''}")
        time.sleep(0.1)
    yield issuer
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def eid_on(provider, settings, reference_data):
    settings.OIDC_ISSUER = provider
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.PERSONAL_NUMBER_PEPPER = "a-pepper-for-the-tests"
    oidc._discovery_cache.clear()
    return provider


class _Forms(HTMLParser):
    """The forms of a page: action and the inputs' names and values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""


def forms_of(response: requests.Response) -> list[dict]:
    parser = _Forms()
    parser.feed(response.text)
    return parser.forms


def form_with(page: requests.Response, field_or_action: str) -> dict:
    return next(form for form in forms_of(page) if field_or_action in (*form["fields"], form["action"]))


def submit(browser: requests.Session, page: requests.Response, having: str, **values) -> requests.Response:
    """Submits the page's form that has the field (or action) ``having``, with ``values`` filled in."""
    form = form_with(page, having)
    return browser.post(urljoin(page.url, form["action"]), data={**form["fields"], **values}, timeout=10)


def at_provider_login(browser: requests.Session, base: str) -> requests.Response:
    page = browser.get(f"{base}/konto/e-legitimation/", timeout=10)
    assert page.url.startswith("http://127.0.0.1:"), page.url  # at the provider
    assert forms_of(page)[0]["fields"].get("prompt") == "login"
    return page


def through_provider(browser: requests.Session, page: requests.Response, login: str) -> requests.Response:
    """Logs in at the provider's form and gives consent; returns the redirect back to Bidra (not followed)."""
    response = submit(browser, page, having="login", login=login, password="any")
    if forms_of(response) and forms_of(response)[0]["fields"].get("prompt") == "consent":
        form = forms_of(response)[0]
        response = browser.post(urljoin(response.url, form["action"]), data=form["fields"], allow_redirects=False)
    while not response.headers.get("Location", "").startswith(("http://localhost", "/konto")):
        assert response.is_redirect, response.text[:500]
        response = browser.get(urljoin(response.url, response.headers["Location"]), allow_redirects=False)
    return response


def log_in_with_eid(base: str, login: str, browser: requests.Session | None = None) -> requests.Response:
    browser = browser or requests.Session()
    redirect = through_provider(browser, at_provider_login(browser, base), login)
    response = browser.get(redirect.headers["Location"], timeout=10)
    response.browser = browser  # type: ignore[attr-defined]
    return response


def log_in_with_password(base: str, email: str) -> requests.Session:
    """The ordinary log-in form, as an invited municipal user (no second factor) fills it."""
    browser = requests.Session()
    form = browser.get(f"{base}/konto/logga-in/", timeout=10)
    page = submit(browser, form, having="username", username=email, password=PASSWORD)
    assert page.url == f"{base}/", page.url
    return browser


def session_of(browser: requests.Session) -> SessionStore:
    return SessionStore(session_key=browser.cookies.get(django_settings.SESSION_COOKIE_NAME))


def signed_in_user_id(browser: requests.Session):
    return session_of(browser).load().get("_auth_user_id")


def test_unknown_person_gets_an_account_without_any_municipality(eid_on, live_server, submitted):
    page = log_in_with_eid(live_server.url, "new-person")

    assert page.status_code == 200
    assert page.url == f"{live_server.url}/konto/"
    assert "Du är inte kopplad till någon kommun ännu" in page.text
    user = User.objects.get(electronic_identity__isnull=False)
    assert user.full_name == "Nora Nyström"
    assert str(user.pk) == signed_in_user_id(page.browser)
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists() and not StaffRole.objects.filter(user=user).exists()
    # Signed in, and sees nothing of any municipality.
    mine = page.browser.get(f"{live_server.url}/ansokningar/", timeout=10)
    assert mine.url == f"{live_server.url}/ansokningar/" and mine.status_code == 200
    assert submitted.title not in mine.text
    assert page.browser.get(f"{live_server.url}/ansokningar/{submitted.pk}/", timeout=10).status_code == 404
    created = Event.objects.get(action="accounts.eid_account_created")
    assert created.actor == user and created.data == {"issuer": eid_on}
    assert Event.objects.get(action="account.login", actor=user).data["method"] == "eid"
    # The next log-in finds the same account.
    again = log_in_with_eid(live_server.url, "new-person")
    assert signed_in_user_id(again.browser) == str(user.pk)
    assert User.objects.count() == 2  # the person and the applicant behind `submitted`


def test_known_person_lands_in_their_account_with_their_memberships(eid_on, live_server, submitted, stockholm_user):
    ElectronicIdentity.objects.create(
        user=stockholm_user,
        personal_number_hash=eid.personal_number_hash(PEOPLE["known-person"][PERSON_CLAIM]),
        issuer=eid_on,
    )

    page = log_in_with_eid(live_server.url, "known-person")

    assert page.status_code == 200 and page.url == f"{live_server.url}/"
    assert signed_in_user_id(page.browser) == str(stockholm_user.pk)
    session = session_of(page.browser).load()
    assert session["bidra_auth_method"] == "eid"  # strong authentication: no second factor asked
    case = page.browser.get(f"{live_server.url}/ansokningar/{submitted.pk}/", timeout=10)
    assert case.status_code == 200 and submitted.title in case.text
    assert ElectronicIdentity.objects.get(user=stockholm_user).last_used_at is not None


def test_staff_signed_in_with_eid_are_not_asked_for_a_second_factor(eid_on, live_server, officer):
    ElectronicIdentity.objects.create(
        user=officer, personal_number_hash=eid.personal_number_hash(PEOPLE["officer"][PERSON_CLAIM]), issuer=eid_on
    )
    page = log_in_with_eid(live_server.url, "officer")
    worklist = page.browser.get(f"{live_server.url}/handlaggning/", timeout=10)
    assert worklist.status_code == 200 and worklist.url == f"{live_server.url}/handlaggning/"


def _all_stored_text() -> str:
    """Every row of every table, and every session decoded, as one string."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            chunks.extend(repr(row) for row in cursor.fetchall())
    chunks.extend(repr(session.get_decoded()) for session in Session.objects.all())
    return "\n".join(chunks)


def test_after_logging_out_the_next_eid_log_in_asks_the_provider_again(eid_on, live_server):
    page = log_in_with_eid(live_server.url, "new-person")
    browser = page.browser
    home = browser.get(f"{live_server.url}/", timeout=10)
    browser.post(f"{live_server.url}/konto/logga-ut/", data=form_with(home, "/konto/logga-ut/")["fields"], timeout=10)
    assert signed_in_user_id(browser) is None

    # The provider still has its own session in this browser, yet shows its log-in form again.
    again = at_provider_login(browser, live_server.url)
    assert form_with(again, "login")["fields"]["prompt"] == "login"


def test_the_personal_number_is_stored_and_shown_nowhere(eid_on, live_server, stockholm_user):
    pages = [log_in_with_eid(live_server.url, "new-person")]
    pages.append(pages[0].browser.get(f"{live_server.url}/konto/", timeout=10))
    pages.append(pages[0].browser.get(f"{live_server.url}/", timeout=10))
    number = PEOPLE["new-person"][PERSON_CLAIM]
    forms = {number, f"{number[:8]}-{number[8:]}", number[2:], f"{number[2:8]}-{number[8:]}"}

    stored = _all_stored_text()
    assert eid.personal_number_hash(number) in stored  # the scan does see the identity row
    assert not [form for form in forms if form in stored]
    assert not [form for page in pages for form in forms if form in page.text]
    assert not [form for form in forms if form in repr(list(Event.objects.values()))]


def test_a_tampered_state_is_refused(eid_on, live_server):
    browser = requests.Session()
    redirect = through_provider(browser, at_provider_login(browser, live_server.url), "new-person")
    url = urlsplit(redirect.headers["Location"])
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    query["state"] = "x" + query["state"][1:]

    page = browser.get(f"{live_server.url}{url.path}?{urlencode(query)}", timeout=10)

    assert page.status_code == 400
    assert "Inloggningen kunde inte kopplas till din webbläsare" in page.text
    assert signed_in_user_id(browser) is None
    assert not ElectronicIdentity.objects.exists()


def test_a_wrong_nonce_is_refused(eid_on, live_server):
    browser = requests.Session()
    redirect = through_provider(browser, at_provider_login(browser, live_server.url), "new-person")
    session = session_of(browser)
    states = session["oidc_states"]
    for state in states.values():
        state["nonce"] = "not-the-nonce-in-the-id-token"
    session["oidc_states"] = states
    session.save()

    page = browser.get(redirect.headers["Location"], timeout=10)

    assert page.status_code == 400
    assert "Svaret från e-legitimationstjänsten kunde inte kontrolleras" in page.text
    assert signed_in_user_id(browser) is None
    assert not ElectronicIdentity.objects.exists()


def test_an_id_token_from_another_issuer_is_refused(eid_on, live_server, settings):
    """Bidra trusts one issuer: the provider's real tokens name itself, not the configured issuer."""
    document = requests.get(f"{eid_on}/.well-known/openid-configuration", timeout=10).json()
    settings.OIDC_ISSUER = "https://another-broker.example"
    oidc._discovery_cache[settings.OIDC_ISSUER] = (time.monotonic(), document)

    page = log_in_with_eid(live_server.url, "new-person")

    assert page.status_code == 400
    assert "Svaret från e-legitimationstjänsten kunde inte kontrolleras" in page.text
    assert signed_in_user_id(page.browser) is None
    assert not ElectronicIdentity.objects.exists()


def test_a_callback_is_used_once(eid_on, live_server):
    page = log_in_with_eid(live_server.url, "new-person")
    first_callback = page.history[0].url if page.history else None
    replay = requests.Session().get(first_callback, timeout=10) if first_callback else None
    assert replay is not None and replay.status_code == 400
    assert ElectronicIdentity.objects.count() == 1


def test_cancelling_at_the_provider_says_so(eid_on, live_server):
    browser = requests.Session()
    page = at_provider_login(browser, live_server.url)
    abort = urljoin(page.url, urlsplit(page.url).path.rstrip("/") + "/abort")

    result = browser.get(abort, timeout=10)

    assert result.status_code == 400 and "Inloggningen med e-legitimation avbröts" in result.text
    assert signed_in_user_id(browser) is None


def test_a_log_in_without_a_personal_number_is_refused(eid_on, live_server):
    page = log_in_with_eid(live_server.url, "no-number")
    assert page.status_code == 400 and "inget giltigt personnummer" in page.text
    assert signed_in_user_id(page.browser) is None
    assert not User.objects.filter(electronic_identity__isnull=False).exists()


def test_a_signed_in_user_links_their_eid_and_an_empty_eid_account_is_closed(eid_on, live_server, stockholm_user):
    empty = log_in_with_eid(live_server.url, "linker")  # first tried e-ID before being invited
    empty_account = User.objects.get(pk=signed_in_user_id(empty.browser))

    browser = log_in_with_password(live_server.url, stockholm_user.email)
    account = browser.get(f"{live_server.url}/konto/", timeout=10)
    assert "Koppla e-legitimation" in account.text
    page = submit(browser, account, having="/konto/e-legitimation/koppla/")
    redirect = through_provider(browser, page, "linker")
    linked = browser.get(redirect.headers["Location"], timeout=10)

    assert linked.url == f"{live_server.url}/konto/"
    assert "Din e-legitimation är kopplad till ditt konto" in linked.text
    assert ElectronicIdentity.objects.get().user == stockholm_user
    empty_account.refresh_from_db()
    assert not empty_account.is_active
    assert Event.objects.filter(action="accounts.eid_linked", actor=stockholm_user).exists()
    # From now on the e-ID logs in the invited account.
    again = log_in_with_eid(live_server.url, "linker")
    assert signed_in_user_id(again.browser) == str(stockholm_user.pk)


def test_cancelling_a_link_keeps_the_user_signed_in(eid_on, live_server, stockholm_user):
    browser = log_in_with_password(live_server.url, stockholm_user.email)
    account = browser.get(f"{live_server.url}/konto/", timeout=10)
    page = submit(browser, account, having="/konto/e-legitimation/koppla/")
    abort = urljoin(page.url, urlsplit(page.url).path.rstrip("/") + "/abort")

    result = browser.get(abort, timeout=10)

    assert result.status_code == 400 and "Inloggningen med e-legitimation avbröts" in result.text
    assert signed_in_user_id(browser) == str(stockholm_user.pk)
    assert not ElectronicIdentity.objects.exists()
    assert "bidra_eid_link" not in session_of(browser).load()


def test_linking_refuses_an_eid_held_by_an_account_with_memberships(eid_on, live_server, stockholm_user, malmo_user):
    ElectronicIdentity.objects.create(
        user=malmo_user, personal_number_hash=eid.personal_number_hash(PEOPLE["linker"][PERSON_CLAIM]), issuer=eid_on
    )
    browser = log_in_with_password(live_server.url, stockholm_user.email)
    account = browser.get(f"{live_server.url}/konto/", timeout=10)
    page = submit(browser, account, having="/konto/e-legitimation/koppla/")
    redirect = through_provider(browser, page, "linker")

    refused = browser.get(redirect.headers["Location"], timeout=10)

    assert refused.status_code == 400 and "redan kopplad till ett annat konto" in refused.text
    assert ElectronicIdentity.objects.get().user == malmo_user


@pytest.mark.django_db
def test_eid_is_off_when_unconfigured(client, settings):
    settings.OIDC_ISSUER = ""
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get("/konto/e-legitimation/").status_code == 404
    assert client.get(f"{CALLBACK}?code=x&state=y").status_code == 404
    assert "e-legitimation" not in client.get("/konto/logga-in/").content.decode()


@pytest.mark.django_db
def test_the_button_shows_when_configured(client, settings):
    settings.OIDC_ISSUER = "https://broker.example"
    settings.OIDC_RP_CLIENT_ID = "bidra"
    page = client.get("/konto/logga-in/?next=/ansokningar/").content.decode()
    assert "Logga in med e-legitimation" in page
    assert 'href="/konto/e-legitimation/?next=/ansokningar/"' in page
