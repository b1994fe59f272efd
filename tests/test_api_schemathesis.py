"""Property-based tests of the whole API against its own OpenAPI document (schemathesis, in-process WSGI).

Every operation gets generated requests (random parameters, then the parameters of real
objects), the staff operations with a valid staff token; every response must be no server
error, have a documented status code and content type, and match the documented schema.
"""

import time

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bidra.accounts.models import AgencyRole
from bidra.api import tokens
from bidra.decisions.published import published_grants

from .helpers import make_staff
from .test_api_public import publish_round

EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def run_operation(
    operation, headers: dict, path_parameters: dict | None, examples: int, mode=GenerationMode.POSITIVE, checks=CHECKS
) -> list[int]:
    statuses: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case):
        response = case.call(headers=headers)
        statuses.append(response.status_code)
        case.validate_response(response, checks=checks, headers=headers)

    exercise()
    return statuses


@pytest.fixture
def wsgi_app():
    """Django's real WSGI handler, without closing the connection around each request.

    The handler closes database connections it finds in a transaction when a request starts
    and finishes; the test's data lives in exactly such a transaction. Django's own test
    client disconnects the same handler for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_conforms_to_the_openapi_document(settings, wsgi_app, open_call):
    settings.API_ANON_RATE = "1000000/m"
    cache.clear()
    batch, _proposal = publish_round(open_call)
    applications = [d.application for d in batch.decisions.all()]
    staff = make_staff("api-staff@lst.test", AgencyRole.CASE_OFFICER)
    secret = tokens.create_token(user=staff, name="schemathesis").secret
    grant = published_grants().first()
    known = {  # (first part of the path, parameter) -> a real object's
        ("programmes", "slug"): open_call.programme.slug,
        ("calls", "slug"): open_call.slug,
        ("grants", "case_number"): grant.application.case_number,
        ("municipalities", "code"): grant.application.municipality.code,
        ("statistics", "year"): timezone.localdate(batch.signed_at).year,
        ("cases", "id"): applications[0].pk,
    }

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    started = time.monotonic()
    examples, ok = 0, {}
    for result in schema.get_all_operations():
        operation = result.ok()
        staff_only = bool(operation.definition.raw.get("security"))
        headers = {"Authorization": f"Bearer {secret}"} if staff_only else {}
        statuses = run_operation(operation, headers, None, EXAMPLES)
        names = [p.name for p in operation.path_parameters]
        if names:  # and with the ids of real objects, so that the 200 responses are generated too
            fixed = {name: known[(operation.path.split("/")[3], name)] for name in names}
            statuses += run_operation(operation, headers, fixed, EXAMPLES)
        ok[operation.label] = 200 in statuses
        examples += len(statuses)
        if names or list(operation.query):  # invalid parameters: a documented refusal, never a server error
            negative = [not_a_server_error, status_code_conformance]
            examples += len(run_operation(operation, headers, None, EXAMPLES, GenerationMode.NEGATIVE, negative))
    print(f"\nschemathesis: {len(ok)} operations, {examples} examples, {time.monotonic() - started:.1f} s")
    assert len(ok) == 15
    assert [label for label, answered in ok.items() if not answered] == []  # each answered 200 at least once
