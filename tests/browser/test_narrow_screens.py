"""At 320 px width (WCAG 1.4.10 reflow) and 200 % zoom the pages fit without scrolling sideways."""

from pathlib import Path

import pytest

from ..helpers import PASSWORD
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (wide tables scroll inside their own box)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [320, 640])  # 640 px is 1280 px at 200 % zoom
def test_the_e_service_reflows(browser, live_server, complete_draft, stockholm_user, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.base = live_server.url
    login(page, stockholm_user.email, PASSWORD)
    SCREENSHOTS.mkdir(exist_ok=True)
    for path in [
        "/",
        "/ansokningar/",
        f"/ansokningar/{complete_draft.pk}/steg/budget/",
        f"/ansokningar/{complete_draft.pk}/granska/",
    ]:
        page.goto(f"{page.base}{path}")
        assert overflow(page) <= 0, f"{path} overflows at {width}px by {overflow(page)}px"
        page.screenshot(path=str(SCREENSHOTS / f"reflow-{width}-{path.strip('/').replace('/', '-') or 'home'}.png"))
    context.close()
