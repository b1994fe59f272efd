"""The Bidra API, version 1: public open data and, with a personal token, the agency's casework."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled

from . import public, staff

DESCRIPTION = """
Grants administered with Bidra: *statsbidrag till kommuner för att främja romsk inkludering*
(SFS 2022:259), distributed by Länsstyrelsen i Stockholms län.

**Public endpoints** (programmes, calls, published grants, municipalities, statistics) need no
authentication and are rate limited per client address (HTTP 429 with `Retry-After` when exceeded).
They never contain personal data.

**Agency staff endpoints** need a personal API token: create one at `/api/nycklar/` when logged in
and send it as `Authorization: Bearer <token>`. A token acts with exactly its owner's permissions;
a revoked or expired token gives 401, a token of someone who is not agency staff gives 403.

Conventions: money is an **integer number of whole Swedish kronor**; dates are ISO 8601; moments are
ISO 8601 with the Europe/Stockholm offset. Lists are paginated with `limit` and `offset` and return
`{"items": [...], "count": <total>}`. Names of places and areas are in Swedish (with `name_en` where
the data has an English name).
"""


class BidraAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        return operation.view_func.__name__


api = BidraAPI(
    title="Bidra API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api-v1",
)
api.add_router("", public.router)
api.add_router("", staff.router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = api.create_response(request, {"detail": "Unauthorized: a valid bearer token is needed."}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="bidra"'
    return response


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Too many requests: try again later."}, status=429)
