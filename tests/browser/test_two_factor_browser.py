"""In Chromium: a member of staff enrols an app, gives codes and meets the lockout page; each page passes axe."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from ..helpers import PASSWORD, app_device, current_code
from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def password_step(page, email, password=PASSWORD):
    page.goto(f"{page.base}/konto/logga-in/?next=/handlaggning/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button.button")
    page.wait_for_load_state()


def test_first_log_in_enrols_the_app_and_shows_backup_codes(page, officer):
    password_step(page, officer.email)
    assert "/konto/tvastegsverifiering/aktivera/" in page.url
    assert page.locator("svg.qr-code title").count() == 1
    assert axe_violations(page) == []
    page.fill("#id_code", "000000")
    page.click("main button.button")
    assert page.locator(".error-summary").is_visible()
    assert axe_violations(page) == []
    app_device_pending = page.inner_text("code.secret").replace(" ", "")
    key = b32decode(app_device_pending + "=" * (-len(app_device_pending) % 8))
    page.wait_for_timeout(1100)  # the wrong code made the next try wait a second
    page.fill("#id_code", f"{totp(key):06d}")
    page.click("main button.button")
    page.wait_for_load_state()
    assert page.locator("ol.backup-codes li").count() == 10
    assert axe_violations(page) == []
    page.click("main a.button")
    assert page.url.endswith("/handlaggning/")


def test_a_returning_member_of_staff_gives_the_code(page, officer):
    device = app_device(officer)
    password_step(page, officer.email)
    assert page.url.endswith("/konto/tvastegsverifiering/?next=%2Fhandlaggning%2F")
    assert axe_violations(page) == []
    page.fill("#id_code", current_code(device))
    page.click("main button.button")
    page.wait_for_load_state()
    assert page.url.endswith("/handlaggning/")


def test_the_lockout_page_says_how_long_to_wait(page, stockholm_user):
    for _ in range(5):
        password_step(page, stockholm_user.email, "fel-losenord-999")
    assert page.locator("h1", has_text="Inloggningen är tillfälligt spärrad").is_visible()
    assert page.locator("[role=alert]", has_text="Vänta 5 minuter").is_visible()
    assert axe_violations(page) == []
