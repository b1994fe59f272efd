"""In Chromium, the pages load under the Content Security Policy without a single violation.

The HTML tests (tests/test_csp.py) look for inline code in the markup; this one catches what only
a browser sees: a script that injects a style or an inline handler, a stylesheet or image from
another origin, a blocked form target. A violation shows up as a `securitypolicyviolation` event
(recorded by a script Playwright adds before the page's own) and as a console error.
"""

import pytest

from bidra.accounts.models import AgencyRole, User

from ..helpers import BidraClient, make_staff
from ..test_permission_matrix import ROUTES, world  # noqa: F401 - world is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

# (route name, role): a public page, the map (server-drawn SVG), the e-service, the case page,
# the follow-up report (SVG charts and its own stylesheet).
PAGES = [
    ("home", "anonymous"),
    ("public:map", "anonymous"),
    ("accounts:login", "anonymous"),
    ("applications:step", "owner"),
    ("applications:check", "owner"),
    ("casework:case", "case_officer"),
    ("followup:report", "analyst"),
]


@pytest.fixture
def strict_page(browser, live_server):
    """A page that keeps to the policy (no bypass_csp) and records every violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.base = live_server.url  # type: ignore[attr-defined]
    page.console = console  # type: ignore[attr-defined]
    yield page
    context.close()


def log_in_as(page, user: User | None) -> None:
    page.context.clear_cookies()
    if user is not None:
        client = BidraClient()  # staff sessions verified by a real second factor
        client.force_login(user)
        page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base}])


def violations_on(page, path: str) -> list[str]:
    page.console.clear()
    response = page.goto(f"{page.base}{path}", wait_until="networkidle")
    assert response is not None and response.status == 200, path
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), path
    recorded = page.evaluate("window.__cspViolations")
    refused = [text for text in page.console if "Content Security Policy" in text]
    return [f"{path}: {item}" for item in [*recorded, *refused]]


def test_pages_load_without_csp_violations(strict_page, world):  # noqa: F811
    users, objects = world
    problems = []
    for name, role in PAGES:
        log_in_as(strict_page, users[role])
        problems += violations_on(strict_page, ROUTES[name][0](objects))
    assert problems == []


def test_the_api_docs_run_under_the_policy(strict_page, db):
    assert violations_on(strict_page, "/api/v1/docs") == []
    strict_page.wait_for_selector(".swagger-ui .info .title")  # the init script ran and drew the docs


def test_the_admin_runs_under_the_policy(strict_page, programme):
    admin = User.objects.create_superuser("admin@lst.test", "admin-password-1234")
    log_in_as(strict_page, admin)
    problems = []
    for path in ("/admin/", "/admin/programmes/call/add/", f"/admin/programmes/programme/{programme.pk}/change/"):
        problems += violations_on(strict_page, path)
    assert problems == []


def test_a_violation_would_be_seen(strict_page, db):
    """The recorder works: an inline style injected after load is blocked and reported."""
    violations_on(strict_page, "/")
    strict_page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    strict_page.wait_for_function("window.__cspViolations.length > 0")
    assert "style-src" in strict_page.evaluate("window.__cspViolations")[0]


def test_the_second_factor_enrolment_runs_under_the_policy(strict_page, db):
    """The QR code is inline SVG; the page must draw it without any inline style."""
    officer = make_staff("ny@lst.test", AgencyRole.CASE_OFFICER)
    officer.totpdevice_set.all().delete()
    client = BidraClient()
    client.force_login(officer, second_factor=False)
    strict_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": strict_page.base}]
    )
    assert violations_on(strict_page, "/konto/tvastegsverifiering/aktivera/") == []
    assert strict_page.locator("svg").first.is_visible()
