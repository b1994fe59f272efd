"""Every HTML page that the route table says someone may see, checked with axe-core in Chromium.

The pages come from the same table as the permission matrix, so a new view is crawled as soon
as it gets its row there; each page is visited as the first role that may see it.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError

from ..test_permission_matrix import ROUTES, first_viewer, world  # noqa: F401 - world is a fixture
from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_passes_axe_at_wcag_2_1_aa(page, client, world):  # noqa: F811
    users, objects = world
    checked, problems = 0, []
    for name, (build, expected) in sorted(ROUTES.items()):
        role = first_viewer(expected)
        if role is None:
            continue
        page.context.clear_cookies()
        if users[role] is not None:
            client.force_login(users[role])
            page.context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base}]
            )
        try:
            response = page.goto(f"{page.base}{build(objects)}")
        except PlaywrightError as error:  # a download (attachment, letter, export) is not a page
            assert "Download is starting" in str(error), error
            continue
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue  # PDFs, CSV, JSON and the API's own docs are not our HTML
        if name.startswith("api-v1:"):
            continue
        assert response.status == 200, name
        problems += [f"{name} as {role}: {problem}" for problem in axe_violations(page)]
        checked += 1
    assert checked >= 30
    assert problems == []
