"""Real-browser fixtures: Debian's Chromium driven by Playwright (no browser download), axe-core from npm."""

import os
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..helpers import current_code

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the tests are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run make test (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


def new_page(browser, base_url: str):
    """A fresh browser window with its own cookies, on the live server; close its ``context`` after use."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = base_url  # type: ignore[attr-defined]
    return page


@pytest.fixture
def page(browser, live_server):
    page = new_page(browser, live_server.url)
    yield page
    page.context.close()


@pytest.fixture
def windows(browser, live_server):
    """Opens more windows, one per person of a journey (each person logs in once, as in real life)."""
    opened = []

    def open_window():
        opened.append(new_page(browser, live_server.url))
        return opened[-1]

    yield open_window
    for window in opened:
        window.context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.1 A and AA) on the current page; return readable violations."""
    if not AXE.exists():
        pytest.fail(f"axe-core missing at {AXE}: run make test (it runs npm ci in tests/browser)")
    # Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused by the
    # Content-Security-Policy, which stays enforced for the pages under test.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def login(page, email: str, password: str) -> None:
    """Log in through the real pages; staff also give the code from their app, as a person would.

    A member of staff with an app types its current code (computed from the device's key); one
    without an app enrols on the page, reading the key shown there, and continues past the backup codes.
    """
    page.goto(f"{page.base}/konto/logga-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button.button")
    page.wait_for_load_state()
    if "/konto/tvastegsverifiering/aktivera/" in page.url:
        secret = page.inner_text("code.secret").replace(" ", "")
        key = b32decode(secret + "=" * (-len(secret) % 8))
        page.fill("#id_code", f"{totp(key):06d}")
        page.click("main button.button")
        page.wait_for_load_state()
        page.click("main a.button")  # past the backup codes, on to where the person was going
        page.wait_for_load_state()
    elif "/konto/tvastegsverifiering/" in page.url:
        device = TOTPDevice.objects.get(user__email=email.lower(), confirmed=True)
        page.fill("#id_code", current_code(device))
        page.click("main button.button")
        page.wait_for_load_state()
