"""Every write of Bidra is refused to every kind of user who may not make it, and a refusal changes nothing.

The rows are those of tests/test_permission_matrix.py, so a new route is covered here without a
row of its own:

* whoever is refused a page (GET: log-in for anonymous visitors, 401 or 404 for others) is refused
  a POST to it too;
* every POST-only route names in POST_ALLOWED the roles that may act there; everybody else is
  refused, and a POST-only route without a POST_ALLOWED row fails the test;
* a page whose form fewer roles may send than may see the page (a registrar sees what is due for
  weeding, only an administrator weeds) names them in POST_ALLOWED too, and the others are refused.

A refusal is the log-in page for an anonymous visitor, or 401, 403, 404 or 405 for anybody, and
the event log does not grow: a refused POST that still recorded something did something. The
POSTs are empty (the test client does not enforce CSRF), so an allowed role would at most meet a
form error; only the refused roles are asked here.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from bidra.audit.models import Event

from .test_permission_matrix import POST_ALLOWED, POST_ONLY, ROLES, ROUTES, expected_status, world  # noqa: F401 - the fixture

REFUSED = {401, 403, 404, 405}


def refused_on_get(expected: dict, role: str) -> bool:
    """The matrix refuses this role the page: the log-in for anonymous visitors, 401 or 404 otherwise."""
    status = expected_status(expected, role)
    return status in (401, 404) or (role == "anonymous" and status == 302)


def refusals() -> list[tuple[str, str]]:
    """(route, role) for every POST the matrix expects to be refused."""
    rows = []
    for name, (_build, expected) in ROUTES.items():
        form = POST_ALLOWED.get(name, ROLES)  # a page's form is for whoever may see the page, unless narrowed
        rows += [(name, role) for role in ROLES if refused_on_get(expected, role) or role not in form]
    for name in POST_ONLY:
        # A route without a row is reported by its own test; meanwhile nobody may act there.
        rows += [(name, role) for role in ROLES if role not in POST_ALLOWED.get(name, ())]
    return rows


def path_of(name: str, objects: dict) -> str:
    build = ROUTES[name][0] if name in ROUTES else POST_ONLY[name]
    return build(objects)


def looks_refused(role: str, response) -> bool:
    if response.status_code in REFUSED:
        return True
    to_login = response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    return role == "anonymous" and to_login


def describe(response) -> str:
    if response.status_code in (301, 302, 303):
        return f"{response.status_code} to {response['Location']}"
    return str(response.status_code)


def test_every_post_only_route_names_who_may_act():
    assert set(POST_ONLY) - set(POST_ALLOWED) == set()


def test_post_allowed_names_only_known_routes_and_roles():
    assert set(POST_ALLOWED) - set(POST_ONLY) - set(ROUTES) == set()
    assert {name: roles - set(ROLES) for name, roles in POST_ALLOWED.items() if roles - set(ROLES)} == {}


@pytest.mark.django_db
def test_every_refused_post_is_refused_and_changes_nothing(client, world):  # noqa: F811 - the fixture
    users, objects = world
    failures = []
    for name, role in refusals():
        path = path_of(name, objects)
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        events = Event.objects.count()
        response = client.post(path)
        if not looks_refused(role, response):
            failures.append(f"{name} as {role}: {describe(response)}, expected a refusal")
        if Event.objects.count() != events:
            failures.append(f"{name} as {role}: the event log grew by {Event.objects.count() - events}")
    assert failures == []
