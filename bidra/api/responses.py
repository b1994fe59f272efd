"""The error responses each endpoint declares, so that the OpenAPI document lists every status it can return."""

from typing import Any

from .schemas import Error, ValidationErrorOut

ERROR_SCHEMAS: dict[int, Any] = {
    401: Error,
    403: Error,
    404: Error,
    422: ValidationErrorOut,
    429: Error,
}
DESCRIPTIONS = {
    401: "No token, or the token is unknown, revoked or expired. Send `Authorization: Bearer <token>` with a "
    "personal token created at /api/nycklar/.",
    403: "The token's owner may not use this endpoint (agency staff only).",
    404: "Not found, or not visible to the token's owner (the two are indistinguishable).",
    422: "A parameter is invalid; `detail` says which and why.",
    429: "Too many requests from this address: wait `Retry-After` seconds.",
}
HEADERS = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "string"}}},
}


def responses(ok: Any, *errors: int) -> dict[int, Any]:
    return {200: ok, **{code: ERROR_SCHEMAS[code] for code in errors}}


def described(*errors: int) -> dict[str, Any]:
    """``openapi_extra`` that explains the errors and names their headers."""
    result: dict[int, Any] = {}
    for code in errors:
        entry: dict[str, Any] = {"description": DESCRIPTIONS[code]}
        if code in HEADERS:
            entry["headers"] = HEADERS[code]
        result[code] = entry
    return {"responses": result}
