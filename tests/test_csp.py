"""Every HTML page works under the Content Security Policy: no inline script, no inline style.

The pages come from the permission matrix's route table (each visited as the first role that may
see it), plus the Django admin and the API docs, so a new view is checked as soon as it has its row.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from bidra.accounts.models import AgencyRole, User

from .helpers import app_device, make_staff
from .test_permission_matrix import ROUTES, first_viewer, world  # noqa: F401 - world is a fixture

# <script> types that browsers never execute: data blocks such as the API docs' settings.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects everything in a page that a policy without 'unsafe-inline' would block."""

    def __init__(self, nonce: str | None):
        super().__init__()
        self.nonce = nonce
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        has_nonce = self.nonce is not None and attributes.get("nonce") == self.nonce
        executable = (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES
        if tag == "script" and executable and not attributes.get("src") and not has_nonce:
            self.problems.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style" and not has_nonce:
            self.problems.append(f"<style> block at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f'style="{value}" on <{tag}> at line {self.getpos()[0]}')
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}> at line {self.getpos()[0]}")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}> at line {self.getpos()[0]}")


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def page_problems(response) -> list[str]:
    header = response.get("Content-Security-Policy")
    if header is None:
        return ["no Content-Security-Policy header"]
    policy = parse_policy(header)
    problems = []
    scripts = policy.get("script-src", policy.get("default-src", []))
    styles = policy.get("style-src", policy.get("default-src", []))
    for directive, sources in (("script-src", scripts), ("style-src", styles)):
        if not sources:
            problems.append(f"no {directive} (nor default-src)")
        for weak in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:"):
            if weak in sources:
                problems.append(f"{directive} allows {weak}")
    nonces = [source[len("'nonce-") : -1] for source in scripts if source.startswith("'nonce-")]
    parser = InlineCode(nonces[0] if nonces else None)
    parser.feed(response.content.decode())
    return problems + parser.problems


def test_the_policy_is_strict():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_the_checker_finds_inline_code():
    class Page:
        content = (
            b"<script>alert(1)</script><script nonce='abc'>ok()</script><p style='color:red' onclick='x()'>"
            b"<style>p{}</style><a href='javascript:x()'>x</a><script type='application/json'>{}</script>"
        )

        def get(self, name):
            return "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self' 'unsafe-inline'"

    problems = page_problems(Page())
    assert problems == [
        "style-src allows 'unsafe-inline'",
        "inline <script> at line 1",
        'style="color:red" on <p> at line 1',
        "event handler onclick on <p> at line 1",
        "<style> block at line 1",
        "javascript: URL on <a> at line 1",
    ]


@pytest.mark.django_db
def test_every_html_page_in_the_route_table_keeps_to_the_policy(client, world):  # noqa: F811
    users, objects = world
    checked, problems = 0, []
    for name, (build, expected) in sorted(ROUTES.items()):
        role = first_viewer(expected)
        if role is None:
            continue
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = client.get(build(objects))
        assert response.status_code == 200, name
        assert "Content-Security-Policy" in response, name  # on every response, HTML or not
        if "text/html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
            continue
        problems += [f"{name} as {role}: {problem}" for problem in page_problems(response)]
        checked += 1
    assert checked >= 30
    assert problems == []


@pytest.mark.django_db
def test_the_api_docs_keep_to_the_policy(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert page_problems(response) == []


@pytest.mark.django_db
def test_the_second_factor_pages_keep_to_the_policy(client):
    """Not in the route table as pages (a verified session is sent on): enrolment with its QR code
    as inline SVG, and the second step, as a member of staff who has only given the password."""
    officer = make_staff("ny@lst.test", AgencyRole.CASE_OFFICER)
    officer.totpdevice_set.all().delete()  # no app yet: enrolment shows the QR code
    client.force_login(officer, second_factor=False)
    enrol = client.get("/konto/tvastegsverifiering/aktivera/")
    assert enrol.status_code == 200
    assert "<svg" in enrol.content.decode()
    app_device(officer)  # enrolled: the next log-in asks for a code
    client.force_login(officer, second_factor=False)
    second_step = client.get("/konto/tvastegsverifiering/")
    assert second_step.status_code == 200
    assert page_problems(enrol) == []
    assert page_problems(second_step) == []


@pytest.mark.django_db
def test_the_admin_keeps_to_the_policy(client, reference_data, programme):
    admin = User.objects.create_superuser("admin@lst.test", "admin-password-1234")
    client.force_login(admin)
    pages = [
        "/admin/",
        "/admin/programmes/call/",
        "/admin/programmes/call/add/",
        f"/admin/programmes/programme/{programme.pk}/change/",
        "/admin/accounts/user/",
        "/admin/municipalities/municipality/?q=Stock",
    ]
    problems = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        problems += [f"{path}: {problem}" for problem in page_problems(response)]
    assert problems == []
