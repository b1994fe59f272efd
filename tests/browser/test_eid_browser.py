"""E-ID log-in in Chromium against the local OIDC provider, with axe-core on Bidra's e-ID pages."""

import pytest

from bidra.accounts.models import ElectronicIdentity

from ..test_oidc_login import eid_on, provider  # noqa: F401 - fixtures
from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_logging_in_with_eid_in_a_browser(page, eid_on):  # noqa: F811
    page.goto(f"{page.base}/konto/logga-in/")
    problems = axe_violations(page)
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    # The provider's own (development) forms: log-in, then consent.
    page.fill("input[name=login]", "new-person")
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.click("button[type=submit]")
    page.wait_for_url(f"{page.base}/konto/")

    assert page.get_by_role("heading", name="Mitt konto").is_visible()
    assert page.get_by_text("Du är inte kopplad till någon kommun ännu.").is_visible()
    assert ElectronicIdentity.objects.count() == 1
    problems += axe_violations(page)
    # A callback that no log-in in this browser started: the refusal page.
    page.goto(f"{page.base}/konto/e-legitimation/klar/?code=forged&state=forged")
    assert page.get_by_role("alert").is_visible()
    problems += axe_violations(page)
    assert problems == []
