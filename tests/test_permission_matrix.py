"""Every URL of Bidra, requested by every kind of user, gives the expected status.

A new view without a row in ROUTES makes ``test_every_route_has_a_row`` fail, so no view can
be added without deciding who may reach it. Statuses: 200 shown, 302 redirect (log-in for
anonymous visitors), 404 refused without revealing that the object exists. Every row points at
an object of the ``world`` (tests/permission_world.py builds its later stages), so a 404 is a
refusal, never a missing row. tests/test_permission_matrix_post.py checks the writes: POST_ALLOWED
says who may act on each POST-only route.
"""

import importlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from bidra.accounts.models import AgencyRole
from bidra.allocation import services as allocation
from bidra.applications import services
from bidra.assessment import services as assessment
from bidra.decisions import services as decisions

from .decision_helpers import assessed_call
from .helpers import PDF_BYTES, fill_complete, make_member, make_staff, start_draft
from .permission_world import api_objects, grant_objects, network_objects

ROLES = ["anonymous", "owner", "other_municipality", *[role.value for role in AgencyRole]]
LOGIN = 302
STAFF = {role.value: 200 for role in AgencyRole}

# name -> (path builder, expected status per role). Unlisted roles fall back to "default".
ROUTES = {
    "home": (lambda o: "/", {"default": 200}),
    "healthz": (lambda o: "/healthz", {"default": 200}),
    "livez": (lambda o: "/livez", {"default": 200}),
    "accounts:login": (lambda o: "/konto/logga-in/", {"anonymous": 200, "default": 302}),
    "accounts:colleagues": (
        lambda o: "/konto/kollegor/",
        {"anonymous": LOGIN, "owner": 200, "administrator": 200, "default": 404},
    ),
    "audit:notifications": (lambda o: "/aviseringar/", {"anonymous": LOGIN, "default": 200}),
    "applications:mine": (lambda o: "/ansokningar/", {"anonymous": LOGIN, "default": 200}),
    "applications:detail": (
        lambda o: f"/ansokningar/{o['submitted'].pk}/",
        {"anonymous": LOGIN, "owner": 200, "other_municipality": 404, **STAFF},
    ),
    "applications:step": (
        lambda o: f"/ansokningar/{o['draft'].pk}/steg/insatsen/",
        {"anonymous": LOGIN, "owner": 200, "default": 404},
    ),
    "applications:check": (
        lambda o: f"/ansokningar/{o['draft'].pk}/granska/",
        {"anonymous": LOGIN, "owner": 200, "default": 404},
    ),
    "applications:receipt": (
        lambda o: f"/ansokningar/{o['submitted'].pk}/kvitto/",
        {"anonymous": LOGIN, "owner": 200, "other_municipality": 404, **STAFF},
    ),
    "applications:withdraw": (
        lambda o: f"/ansokningar/{o['submitted'].pk}/aterkalla/",
        {"anonymous": LOGIN, "owner": 200, "default": 404},
    ),
    "applications:attachment": (
        lambda o: f"/ansokningar/{o['draft'].pk}/bilagor/{o['attachment'].pk}/",
        {"anonymous": LOGIN, "owner": 200, "default": 404},
    ),
    "casework:worklist": (
        lambda o: "/handlaggning/",
        {"anonymous": LOGIN, "owner": 404, "other_municipality": 404, **STAFF},
    ),
    "casework:case": (
        lambda o: f"/handlaggning/arenden/{o['submitted'].pk}/",
        {"anonymous": LOGIN, "owner": 404, "other_municipality": 404, **STAFF},
    ),
    "assessment:assess": (
        lambda o: f"/handlaggning/arenden/{o['in_assessment'].pk}/bedomning/",
        {"anonymous": LOGIN, "case_officer": 200, "decision_maker": 200, "default": 404},
    ),
    "assessment:answer": (
        lambda o: f"/ansokningar/{o['in_assessment'].pk}/begaran/{o['request'].pk}/",
        {"anonymous": LOGIN, "owner": 200, "other_municipality": 404, **STAFF},
    ),
    "allocation:calls": (lambda o: "/handlaggning/fordelning/", {"anonymous": LOGIN, **STAFF, "default": 404}),
    "allocation:proposal": (
        lambda o: f"/handlaggning/fordelning/{o['call'].slug}/",
        {"anonymous": LOGIN, **STAFF, "default": 404},
    ),
    "decisions:batches": (lambda o: "/handlaggning/beslut/", {"anonymous": LOGIN, **STAFF, "default": 404}),
    "decisions:batch": (
        lambda o: f"/handlaggning/beslut/{o['batch'].pk}/",
        {"anonymous": LOGIN, **STAFF, "default": 404},
    ),
    "decisions:edit": (
        lambda o: f"/handlaggning/beslut/{o['batch'].pk}/{o['decision'].pk}/",
        {"anonymous": LOGIN, "case_officer": 200, "default": 404},
    ),
    "decisions:preview": (
        lambda o: f"/handlaggning/beslut/{o['batch'].pk}/{o['decision'].pk}/forhandsgranska.pdf",
        {"anonymous": LOGIN, **STAFF, "default": 404},
    ),
    "payments:overview": (
        lambda o: "/ekonomi/",
        {
            "anonymous": LOGIN,
            "finance": 200,
            "case_officer": 200,
            "decision_maker": 200,
            "administrator": 200,
            "default": 404,
        },
    ),
    "payments:export": (lambda o: "/ekonomi/export.csv", {"anonymous": LOGIN, "finance": 200, "default": 404}),
    "diarium:document_file": (
        lambda o: f"/handlingar/filer/{o['document_file'].pk}/",
        {"anonymous": LOGIN, "owner": 200, "other_municipality": 404, **STAFF},
    ),
}
# POST-only routes: GET is refused (405) for everyone who may reach the view at all.
POST_ONLY = {
    "applications:start": lambda o: f"/ansokningar/ny/{o['call'].slug}/",
    "applications:submit": lambda o: f"/ansokningar/{o['draft'].pk}/skicka-in/",
    "applications:remove_attachment": lambda o: f"/ansokningar/{o['draft'].pk}/bilagor/{o['attachment'].pk}/ta-bort/",
    "casework:record_check": lambda o: f"/handlaggning/arenden/{o['submitted'].pk}/kontroll/not_statutory_duty/",
    "audit:mark_read": lambda o: "/aviseringar/markera-lasta/",
    "accounts:logout": lambda o: "/konto/logga-ut/",
    "assessment:take": lambda o: f"/handlaggning/arenden/{o['submitted'].pk}/ta/",
    "assessment:declare": lambda o: f"/handlaggning/arenden/{o['submitted'].pk}/jav/",
    "assessment:ask": lambda o: f"/handlaggning/arenden/{o['submitted'].pk}/begaran/",
    "assessment:close": lambda o: f"/handlaggning/arenden/{o['in_assessment'].pk}/begaran/{o['request'].pk}/avsluta/",
    "assessment:finish": lambda o: f"/handlaggning/arenden/{o['submitted'].pk}/bedomning-klar/",
    "allocation:run": lambda o: f"/handlaggning/fordelning/{o['call'].slug}/berakna/",
    "allocation:adjust": lambda o: f"/handlaggning/fordelning/{o['call'].slug}/v1/justera/",
    "allocation:carry": lambda o: f"/handlaggning/fordelning/{o['call'].slug}/v1/overfor/",
    "decisions:from_proposal": lambda o: f"/handlaggning/beslut/fran-forslag/{o['proposal'].pk}/",
    "decisions:sign": lambda o: f"/handlaggning/beslut/{o['batch'].pk}/signera/",
    "payments:act": lambda o: f"/ekonomi/{o['payment_order'].pk}/approve/",
    "payments:bankgiro": lambda o: f"/ekonomi/{o['payment_order'].pk}/bankgiro/",
}
LOGGED_IN = frozenset(ROLES) - {"anonymous"}
# POST-only route -> the roles that may act there (bidra/permissions.py); every other role must be
# refused, and tests/test_permission_matrix_post.py checks it. A POST-only route without a row fails.
# A page of ROUTES whose form fewer roles may send than may see the page has a row too.
POST_ALLOWED = {
    "assessment:answer": {"owner"},  # staff read the request; only the applicant replies (applications.reply)
    "applications:start": {"owner", "other_municipality"},  # applications.start, for a municipality of their own
    "applications:submit": {"owner"},  # applications.submit
    "applications:remove_attachment": {"owner"},  # applications.edit
    "casework:record_check": {"case_officer"},  # applications.record_check
    "audit:mark_read": LOGGED_IN,  # their own notifications
    "accounts:logout": set(ROLES),  # logging out an anonymous visitor changes nothing
    "assessment:take": {"case_officer"},  # assessment.assign
    "assessment:declare": {"case_officer", "decision_maker"},  # assessment.declare
    "assessment:ask": {"case_officer"},  # assessment.ask_applicant
    "assessment:close": {"case_officer"},  # assessment.ask_applicant
    "assessment:finish": {"case_officer"},  # assessment.finish
    "allocation:run": {"case_officer"},  # allocation.propose
    "allocation:adjust": {"case_officer"},  # allocation.propose
    "allocation:carry": {"case_officer"},  # allocation.propose
    "decisions:from_proposal": {"case_officer"},  # decisions.draft
    "decisions:sign": {"decision_maker"},  # decisions.sign
    "payments:act": {"finance"},  # payments.approve
    "payments:bankgiro": {"finance"},  # payments.approve
}
TOKEN_ROUTES = {"accounts:activate"}


def _more_routes() -> None:
    """Route tables kept beside the apps' own tests: tests/permission_routes_<app>.py with ROUTES,
    POST_ONLY and POST_ALLOWED."""
    for path in sorted(Path(__file__).parent.glob("permission_routes_*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        ROUTES.update(getattr(module, "ROUTES", {}))
        POST_ONLY.update(getattr(module, "POST_ONLY", {}))
        POST_ALLOWED.update(getattr(module, "POST_ALLOWED", {}))


_more_routes()


def expected_status(expected: dict, role: str) -> int:
    """The status a row of ROUTES expects for a role (its own entry, else the row's default)."""
    return expected.get(role, expected.get("default"))


def first_viewer(expected: dict) -> str | None:
    """The first role that a row of ROUTES lets see the page, if any."""
    return next((role for role in ROLES if expected_status(expected, role) == 200), None)


def named_url_patterns() -> Iterator[tuple[str, URLPattern]]:
    """Every named URL pattern of the project, with its full name (namespace:name)."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}", pattern

    yield from walk(get_resolver().url_patterns)


def route_names() -> set[str]:
    names = {name for name, _pattern in named_url_patterns()}
    return {name for name in names if not name.startswith("admin:") and name != "set_language"}


def test_every_route_has_a_row():
    assert route_names() - set(ROUTES) - set(POST_ONLY) - TOKEN_ROUTES == set()


@pytest.fixture
def world(open_call, reference_data):
    owner = make_member("owner@stockholm.test", "0180", is_admin=True)
    other = make_member("other@malmo.test", "1280")
    users = {"anonymous": None, "owner": owner, "other_municipality": other}
    for role in AgencyRole:
        users[role.value] = make_staff(f"{role.value}@lst.test", role)
    draft = fill_complete(start_draft(open_call, owner))
    attachment = services.add_attachment(
        draft, upload=io.BytesIO(PDF_BYTES), name="p.pdf", size=len(PDF_BYTES), by=owner
    )
    to_submit = fill_complete(start_draft(open_call, owner))
    services.add_attachment(to_submit, upload=io.BytesIO(PDF_BYTES), name="q.pdf", size=len(PDF_BYTES), by=owner)
    submitted = services.submit(to_submit.pk, by=owner).application
    in_assessment = services.submit(fill_complete(start_draft(open_call, owner)).pk, by=owner).application
    assessment.take_case(in_assessment, by=users["case_officer"])
    for role in ("case_officer", "decision_maker"):
        assessment.declare_conflict(in_assessment, by=users[role], has_conflict=False)
    request = assessment.ask_applicant(
        in_assessment, by=users["case_officer"], kind="completion", message="Budget?", reply_by=timezone.localdate()
    )
    _assessed, presenter = assessed_call(open_call, [("0581", 100_000, 3)])
    proposal = allocation.run_proposal(open_call, by=presenter, choices=allocation.RulesInput())
    batch = decisions.draft_from_proposal(proposal, by=presenter)
    objects = {
        "proposal": proposal,
        "batch": batch,
        "decision": batch.decisions.get(),
        "in_assessment": in_assessment,
        "request": request,
        "call": open_call,
        "draft": draft,
        "attachment": attachment,
        "submitted": submitted,
        "document_file": submitted.received_document.files.get(),
        **grant_objects(open_call.programme, users),
        **api_objects(users),
        **network_objects(users),
    }
    return users, objects


@pytest.mark.django_db
def test_every_route_for_every_role(client, world):
    users, objects = world
    failures = []
    for name, (build, expected) in ROUTES.items():
        path = build(objects)
        for role in ROLES:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            status = client.get(path).status_code
            want = expected_status(expected, role)
            if status != want:
                failures.append(f"{name} as {role}: {status}, expected {want}")
    assert failures == []


@pytest.mark.django_db
def test_post_only_routes_refuse_get(client, world):
    users, objects = world
    client.force_login(users["owner"])
    for name, build in POST_ONLY.items():
        assert client.get(build(objects)).status_code in (404, 405), name
