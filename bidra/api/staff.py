"""Endpoints for agency staff, with a personal API token (``Authorization: Bearer <token>``).

The same rules as the user interface, from bidra/permissions.py: a token acts for its owner,
and only agency staff may read cases and proposals. A case that the owner may not see is
"not found", exactly like one that does not exist.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from bidra.accounts.identity import is_agency_staff, roles_of
from bidra.accounts.models import AgencyRole, Membership
from bidra.allocation.models import Proposal
from bidra.applications.models import Application
from bidra.applications.workflow import Status
from bidra.casework.worklist import apply_filters, received_applications
from bidra.permissions import get_permitted_or_404
from bidra.programmes.models import Call

from .pagination import Pagination, RenderedPages
from .public import local_moment, national_area
from .responses import described, responses
from .schemas import MAX_ID, SLUG, AssessmentOut, CaseDetailOut, CaseFilters, CaseOut, MeOut, ProposalOut
from .security import TokenAuth

router = Router(auth=TokenAuth(), tags=["Agency staff"])

LIST_ERRORS = (401, 403, 422)
DETAIL_ERRORS = (401, 403, 404, 422)


def _require(user: Any, permission: str) -> None:
    """Staff endpoints refuse everyone else outright with 403 (permissions.require answers 404, as
    pages do; an API client needs to tell "not allowed here" from "no such case"). Object rules
    then answer 404."""
    if not user.has_perm(permission):
        raise AuthorizationError


def _name(user: Any) -> str:
    return user.get_full_name() if user is not None else ""


@router.get(
    "/me",
    response=responses(MeOut, 401),
    openapi_extra=described(401),
    summary="Who the token belongs to",
)
def me(request: HttpRequest) -> dict:
    """The token's owner, their agency roles and the municipalities they may act for. Any valid token may
    call this, also one belonging to a municipality user."""
    user = request.auth  # type: ignore[attr-defined]
    token = request.api_token  # type: ignore[attr-defined]
    memberships = Membership.objects.active().filter(user=user).select_related("municipality")
    return {
        "email": user.email,
        "full_name": user.full_name,
        "is_agency_staff": is_agency_staff(user),
        "roles": [{"code": code, "name": str(AgencyRole(code).label)} for code in sorted(roles_of(user))],
        "municipalities": [
            {"code": m.municipality.code, "name": m.municipality.name, "is_admin": m.is_admin}
            for m in memberships.order_by("municipality__code")
        ],
        "token": {
            "name": token.name,
            "prefix": token.prefix,
            "created_at": local_moment(token.created_at),
            "expires_at": local_moment(token.expires_at) if token.expires_at else None,
        },
    }


def _case(application: Application) -> dict:
    municipality = application.municipality
    return {
        "id": application.pk,
        "case_number": application.case_number,
        "title": application.title,
        "status": application.status,
        "status_label": str(Status(application.status).label),
        "call": {"slug": application.call.slug, "title": application.call.title},
        "municipality": {"code": municipality.code, "name": municipality.name},
        "national_area": national_area(municipality.national_area),
        "administration": application.administration,
        "submitted_at": local_moment(application.submitted_at) if application.submitted_at else None,
        "requested_amount": None if application.requested_amount is None else int(application.requested_amount),
        "screening_outcome": application.screening_outcome,
    }


@router.get(
    "/cases",
    response=responses(list[CaseOut], *LIST_ERRORS),
    openapi_extra=described(*LIST_ERRORS),
    summary="List received applications",
)
@paginate(Pagination)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> RenderedPages:
    """Received applications (never drafts), the latest received first, as on the officers' work list."""
    user = request.auth  # type: ignore[attr-defined]
    _require(user, "casework.view_worklist")
    data = {"status": filters.status, "national_area": filters.national_area, "q": filters.q}
    cases = apply_filters(received_applications(), data)
    if filters.call:
        cases = cases.filter(call__slug=filters.call)
    cases = cases.select_related("municipality", "call", "case").order_by("-submitted_at", "-id")
    return RenderedPages(cases, _case, keep=lambda application: user.has_perm("casework.view_case", application))


def _permitted_case(request: HttpRequest, pk: int) -> Application:
    user = request.auth  # type: ignore[attr-defined]
    _require(user, "casework.view_worklist")
    queryset = received_applications().select_related(
        "municipality", "call__programme", "case", "received_document__case"
    )
    return get_permitted_or_404(user, "casework.view_case", queryset, pk=pk)  # type: ignore[return-value]


CASE_ID = Path(..., ge=1, le=MAX_ID, description="The application's id.")


@router.get(
    "/cases/{id}",
    response=responses(CaseDetailOut, *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    summary="One received application",
)
def get_case(request: HttpRequest, id: int = CASE_ID) -> dict:
    """The application as received (the frozen version registered on arrival), its status and the
    eligibility checks."""
    application = _permitted_case(request, id)
    document = application.received_document
    checks = application.screening_checks.select_related("checked_by").order_by("id")
    return {
        **_case(application),
        "received_document": document.reference if document else "",
        "received": document.snapshot if document else {},
        "screening_checks": [
            {
                "code": c.code,
                "outcome": c.outcome,
                "params": c.params,
                "note": c.note,
                "checked_at": local_moment(c.checked_at),
                "checked_by": _name(c.checked_by) if c.checked_by else None,
            }
            for c in checks
        ],
    }


@router.get(
    "/cases/{id}/assessments",
    response=responses(list[AssessmentOut], *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    summary="The assessments of one application",
)
def list_case_assessments(request: HttpRequest, id: int = CASE_ID) -> list[dict]:
    """Every assessor's assessment: scores per criterion code, weighted score, proposed amount."""
    application = _permitted_case(request, id)
    assessments = application.assessments.select_related("assessor").prefetch_related("scores__criterion")
    return [
        {
            "assessor": _name(a.assessor),
            "scores": {s.criterion.code: s.value for s in a.scores.all()},
            "weighted_score": float(a.weighted_score) if a.weighted_score is not None else None,
            "proposed_amount": int(a.proposed_amount) if a.proposed_amount is not None else None,
            "completed": a.completed_at is not None,
            "completed_at": local_moment(a.completed_at) if a.completed_at else None,
        }
        for a in assessments.order_by("created_at", "id")
    ]


def _summary(data: dict) -> dict | None:
    if not data:
        return None
    kronor = ("money_used", "money_left")
    return {key: int(value) if key in kronor else value for key, value in data.items()}


def _proposal(proposal: Proposal) -> dict:
    return {
        "version": proposal.version,
        "kind": proposal.kind,
        "based_on": proposal.based_on.version if proposal.based_on else None,
        "created_at": local_moment(proposal.created_at),
        "created_by": _name(proposal.created_by),
        "status": str(proposal.result.get("status", "")),
        "budget": int(proposal.rules.get("budget", 0)),
        "amounts": {cid: int(amount) for cid, amount in proposal.amounts.items()},
        "summary": _summary(proposal.result.get("summary") or {}),
        "note": proposal.note,
    }


@router.get(
    "/calls/{slug}/proposals",
    response=responses(list[ProposalOut], *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    summary="Allocation proposals of a call",
)
@paginate(Pagination)
def list_call_proposals(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=50)) -> list[dict]:
    """Every saved version of the call's allocation proposal, the latest first, with the amount per
    application id and the summary (money used and left, grants per national area, …)."""
    user = request.auth  # type: ignore[attr-defined]
    _require(user, "allocation.view")
    call = Call.objects.filter(slug=slug).first()
    if call is None:
        raise Http404
    proposals = Proposal.objects.filter(call=call).select_related("created_by", "based_on").order_by("-version")
    return [_proposal(p) for p in proposals]
