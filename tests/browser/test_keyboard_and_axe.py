"""The application journey by keyboard alone, and a check that the accessibility harness can fail."""

import pytest

from bidra.applications.models import Application

from ..helpers import PASSWORD
from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has focus (no mouse, no programmatic focus)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_the_harness_reports_a_missing_label(page):
    page.set_content(
        '<html lang="sv"><head><title>t</title></head><body><main><input type="text"></main></body></html>'
    )
    assert any("label" in violation for violation in axe_violations(page))


def test_applying_with_the_keyboard_only(page, complete_draft, stockholm_user):
    page.goto(f"{page.base}/konto/logga-in/")
    type_into(page, "#id_username", stockholm_user.email)
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{page.base}/")
    page.goto(f"{page.base}/ansokningar/{complete_draft.pk}/steg/insatsen/")
    tab_to(page, "#id_title")
    page.keyboard.press("Control+A")
    page.keyboard.type("Brobyggare i skolan – tangentbord")
    tab_to(page, "button[value=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/steg/omraden/")
    # Checkboxes toggle with the space bar.
    tab_to(page, "input[name=target_groups][value=elderly]")
    page.keyboard.press("Space")
    tab_to(page, "button[value=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/steg/forankring/")
    page.goto(f"{page.base}/ansokningar/{complete_draft.pk}/granska/")
    tab_to(page, "form[action$='/skicka-in/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kvitto/")
    application = Application.objects.get(pk=complete_draft.pk)
    assert application.status == "submitted"
    assert application.title == "Brobyggare i skolan – tangentbord"
    assert "elderly" in application.target_groups
    assert axe_violations(page) == []
