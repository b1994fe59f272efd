"""Public endpoints: programmes, calls, published grants, municipalities and statistics.

No authentication; anonymous visitors are rate limited per address. Nothing here names a
person: a grant shows what was granted to which municipality, never the contact person.
"""

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from ninja import Path, Query, Router
from ninja.pagination import paginate

from bidra.applications.models import Application
from bidra.core.stockholm import STOCKHOLM, at, local_date
from bidra.decisions.models import Decision, DecisionBatch
from bidra.decisions.published import published_grants
from bidra.municipalities.models import Municipality, NationalArea
from bidra.programmes.models import Area, Call, Programme
from bidra.programmes.rules import call_accepts

from .pagination import Pagination, RenderedPages
from .responses import described, responses
from .schemas import (
    SLUG,
    CallDetailOut,
    CallFilters,
    CallOut,
    GrantFilters,
    GrantOut,
    MunicipalityFilters,
    MunicipalityOut,
    ProgrammeDetailOut,
    ProgrammeOut,
    YearStatisticsOut,
)
from .security import PublicRateThrottle

router = Router(throttle=PublicRateThrottle())

LIST_ERRORS = (422, 429)
DETAIL_ERRORS = (404, 422, 429)


def _swedish(label: Any) -> str:
    with translation.override("sv"):
        return str(label)


def national_area(code: str) -> dict:
    return {"code": code, "name": _swedish(NationalArea(code).label) if code in NationalArea.values else code}


def local_moment(value: datetime) -> datetime:
    """A stored (UTC) moment in Stockholm time, so that JSON shows the offset people read."""
    return timezone.localtime(value, STOCKHOLM)


def _area(area: Area) -> dict:
    return {"code": area.code, "name": area.name, "name_en": area.name_en}


# --- Programmes -------------------------------------------------------------------------------
def _programme(programme: Programme) -> dict:
    return {
        "slug": programme.slug,
        "name": programme.name,
        "name_en": programme.name_en,
        "agency_name": programme.agency_name,
        "legal_basis": programme.legal_basis,
        "legal_basis_title": programme.legal_basis_title,
        "purpose": programme.purpose,
        "purpose_en": programme.purpose_en,
        "eligible_applicant_type": programme.eligible_applicant_type,
        "decisions_appealable": programme.decisions_appealable,
        "max_period_months": programme.max_period_months,
    }


@router.get(
    "/programmes",
    response=responses(list[ProgrammeOut], *LIST_ERRORS),
    openapi_extra=described(*LIST_ERRORS),
    tags=["Programmes and calls"],
    summary="List grant programmes",
)
@paginate(Pagination)
def list_programmes(request: HttpRequest) -> list[dict]:
    """The grant programmes Bidra administers, by name."""
    return [_programme(p) for p in Programme.objects.order_by("name", "pk")]


@router.get(
    "/programmes/{slug}",
    response=responses(ProgrammeDetailOut, *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    tags=["Programmes and calls"],
    summary="One grant programme with its areas and criteria",
)
def get_programme(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=50)) -> dict:
    """A programme with the areas an application may name and the criteria applications are assessed by."""
    programme = Programme.objects.prefetch_related("areas", "criteria").filter(slug=slug).first()
    if programme is None:
        raise Http404
    return {
        **_programme(programme),
        "not_fundable": programme.not_fundable,
        "not_fundable_en": programme.not_fundable_en,
        "areas": [_area(a) for a in programme.areas.all() if a.is_active],
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "name_en": c.name_en,
                "description": c.description,
                "kind": c.kind,
                "weight": float(c.weight),
            }
            for c in programme.criteria.all()
        ],
    }


# --- Calls ------------------------------------------------------------------------------------
def _call(call: Call, now: datetime) -> dict:
    return {
        "slug": call.slug,
        "title": call.title,
        "title_en": call.title_en,
        "programme": {"slug": call.programme.slug, "name": call.programme.name},
        "opens_at": local_moment(call.opens_at),
        "closes_at": local_moment(call.closes_at),
        "is_open": call_accepts(call, now),
        "budget": int(call.budget),
        "period_start_earliest": call.period_start_earliest,
        "period_end_latest": call.period_end_latest,
        "report_due_date": call.report_due_date,
        "follow_up_of": call.follow_up_of.slug if call.follow_up_of else None,
    }


@router.get(
    "/calls",
    response=responses(list[CallOut], *LIST_ERRORS),
    openapi_extra=described(*LIST_ERRORS),
    tags=["Programmes and calls"],
    summary="List calls for applications",
)
@paginate(Pagination)
def list_calls(request: HttpRequest, filters: Query[CallFilters]) -> list[dict]:
    """Calls, the latest closing first. Filter by programme, or by whether they accept applications."""
    now = timezone.now()
    calls = Call.objects.select_related("programme", "follow_up_of").order_by("-closes_at", "pk")
    if filters.programme:
        calls = calls.filter(programme__slug=filters.programme)
    rows = list(calls)
    if filters.open_at is not None:
        moment = filters.open_at
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=STOCKHOLM)
        rows = [c for c in rows if call_accepts(c, moment)]
    if filters.open is not None:
        rows = [c for c in rows if call_accepts(c, now) == filters.open]
    return [_call(c, now) for c in rows]


def granted_in(call: Call) -> Decimal:
    """What signed decisions have granted in the call."""
    total = Decision.objects.filter(application__call=call, batch__state=DecisionBatch.State.SIGNED).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal(0)


@router.get(
    "/calls/{slug}",
    response=responses(CallDetailOut, *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    tags=["Programmes and calls"],
    summary="One call, with what has been granted and what remains",
)
def get_call(request: HttpRequest, slug: str = Path(..., pattern=SLUG, max_length=50)) -> dict:
    """A call with its budget, the sum granted by signed decisions so far and the remainder."""
    call = Call.objects.select_related("programme", "follow_up_of").filter(slug=slug).first()
    if call is None:
        raise Http404
    granted = granted_in(call)
    return {
        **_call(call, timezone.now()),
        "description": call.description,
        "description_en": call.description_en,
        "granted": int(granted),
        "remaining": int(call.budget - granted),
    }


# --- Grants -----------------------------------------------------------------------------------
def _grant(decision: Decision) -> dict:
    application = decision.application
    municipality = application.municipality
    call = application.call
    return {
        "case_number": application.case_number,
        "title": application.title,
        "summary": application.summary,
        "municipality": {"code": municipality.code, "name": municipality.name},
        "county": {"code": municipality.county.code, "name": municipality.county.name},
        "national_area": national_area(municipality.national_area),
        "administration": application.administration,
        "areas": [_area(a) for a in application.areas.all()],
        "amount": int(decision.amount),
        "outcome": decision.outcome,
        "period": {"start": application.period_start, "end": application.period_end},
        "decided_on": local_date(decision.batch.signed_at),
        "programme": {"slug": call.programme.slug, "name": call.programme.name},
        "call": {"slug": call.slug, "title": call.title},
    }


def _by_municipality(queryset: QuerySet, filters: MunicipalityFilters, prefix: str = "") -> QuerySet:
    if filters.county:
        queryset = queryset.filter(**{f"{prefix}county__code": filters.county})
    if filters.national_area:
        queryset = queryset.filter(**{f"{prefix}national_area": filters.national_area})
    group = filters.skr_group
    if group:
        field = "skr_main_group" if len(group) == 1 else "skr_group_code"
        queryset = queryset.filter(**{f"{prefix}{field}": group})
    return queryset


def decided_in(grants: QuerySet[Decision], year: int) -> QuerySet[Decision]:
    """Decisions signed in ``year``, Stockholm time (a range, so that an index on the moment serves)."""
    return grants.filter(batch__signed_at__gte=at(year, 1, 1), batch__signed_at__lt=at(year + 1, 1, 1))


def filtered_grants(filters: GrantFilters) -> QuerySet[Decision]:
    grants = _by_municipality(published_grants(), filters, prefix="application__municipality__")
    if filters.year is not None:
        grants = decided_in(grants, filters.year)
    if filters.area:
        grants = grants.filter(application__areas__code=filters.area)
    if filters.municipality:
        grants = grants.filter(application__municipality__code=filters.municipality)
    text = (filters.q or "").strip()
    if text:
        grants = grants.filter(
            Q(application__title__icontains=text)
            | Q(application__summary__icontains=text)
            | Q(application__municipality__name__icontains=text)
        )
    return grants


@router.get(
    "/grants",
    response=responses(list[GrantOut], *LIST_ERRORS),
    openapi_extra=described(*LIST_ERRORS),
    tags=["Grants"],
    summary="List published grants",
)
@paginate(Pagination)
def list_grants(request: HttpRequest, filters: Query[GrantFilters]) -> RenderedPages:
    """Grants from signed decisions, the latest decision first: the same grants as the public register and
    the open data files."""
    return RenderedPages(filtered_grants(filters), _grant, prefetch=("application__areas",))


@router.get(
    "/grants/{case_number}",
    response=responses(GrantOut, *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    tags=["Grants"],
    summary="One published grant",
)
def get_grant(
    request: HttpRequest,
    case_number: str = Path(..., pattern=r"^[0-9A-Za-z-]+$", max_length=30, description="e.g. `851-0042-2024`"),
) -> dict:
    """A published grant by its case number; a decision that is not published is not found."""
    decision = published_grants().prefetch_related("application__areas").filter(application__case__number=case_number)
    found = decision.first()
    if found is None:
        raise Http404
    return _grant(found)


# --- Municipalities ---------------------------------------------------------------------------
def _municipality(m: Municipality) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "county": {"code": m.county.code, "name": m.county.name},
        "population": m.population,
        "population_year": m.population_year,
        "skr_group_code": m.skr_group_code,
        "skr_group_name": m.skr_group_name,
        "skr_main_group": m.skr_main_group,
        "national_area": national_area(m.national_area),
        "nuts2": m.nuts2,
    }


@router.get(
    "/municipalities",
    response=responses(list[MunicipalityOut], *LIST_ERRORS),
    openapi_extra=described(*LIST_ERRORS),
    tags=["Municipalities"],
    summary="List municipalities",
)
@paginate(Pagination)
def list_municipalities(request: HttpRequest, filters: Query[MunicipalityFilters]) -> list[dict]:
    """Sweden's 290 municipalities by code, with county, national area and SKR group."""
    rows = _by_municipality(Municipality.objects.select_related("county").order_by("code"), filters)
    return [_municipality(m) for m in rows]


@router.get(
    "/municipalities/{code}",
    response=responses(MunicipalityOut, *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    tags=["Municipalities"],
    summary="One municipality",
)
def get_municipality(
    request: HttpRequest, code: str = Path(..., pattern=r"^[0-9]{4}$", description="Municipality code, e.g. `0180`.")
) -> dict:
    municipality = Municipality.objects.select_related("county").filter(code=code).first()
    if municipality is None:
        raise Http404
    return _municipality(municipality)


# --- Statistics -------------------------------------------------------------------------------
def year_statistics(year: int | None = None) -> list[dict]:
    """Published grants per year of decision (Stockholm time)."""
    grants = published_grants().order_by()
    if year is not None:
        grants = decided_in(grants, year)
    rows = list(
        grants.values_list(
            "application_id",
            "amount",
            "batch__signed_at",
            "application__municipality_id",
            "application__municipality__national_area",
        )
    )
    areas_of: dict[int, list[Area]] = defaultdict(list)
    through = Application.areas.through
    links = through.objects.filter(application_id__in=[r[0] for r in rows]).select_related("area")
    for link in links.order_by("area__position", "area__code"):
        areas_of[link.application_id].append(link.area)

    years: dict[int, dict] = {}
    for application_id, amount, signed_at, municipality_id, area_code in rows:
        stats = years.setdefault(
            local_date(signed_at).year,
            {"grants": 0, "total": Decimal(0), "municipalities": set(), "national": {}, "areas": {}},
        )
        stats["grants"] += 1
        stats["total"] += amount
        stats["municipalities"].add(municipality_id)
        national = stats["national"].setdefault(area_code, [0, Decimal(0)])
        national[0] += 1
        national[1] += amount
        for area in areas_of[application_id]:
            entry = stats["areas"].setdefault(area.code, [area.name, 0, Decimal(0)])
            entry[1] += 1
            entry[2] += amount

    result = []
    for number in sorted(years):
        stats = years[number]
        result.append(
            {
                "year": number,
                "grants": stats["grants"],
                "total_granted": int(stats["total"]),
                "municipalities": len(stats["municipalities"]),
                "per_national_area": [
                    {
                        **national_area(code),
                        "grants": stats["national"].get(code, [0, 0])[0],
                        "amount": int(stats["national"].get(code, [0, 0])[1]),
                    }
                    for code in NationalArea.values
                ],
                "per_area": [
                    {"code": code, "name": name, "grants": count, "amount": int(total)}
                    for code, (name, count, total) in stats["areas"].items()
                ],
            }
        )
    return result


@router.get(
    "/statistics/years",
    response=responses(list[YearStatisticsOut], 429),
    openapi_extra=described(429),
    tags=["Statistics"],
    summary="Published grants per year",
)
def list_statistics_years(request: HttpRequest) -> list[dict]:
    """For every year with published grants: the number of grants, the sum granted, the number of
    municipalities, and the grants per national area and per area. Not paginated: one row per year."""
    return year_statistics()


@router.get(
    "/statistics/years/{year}",
    response=responses(YearStatisticsOut, *DETAIL_ERRORS),
    openapi_extra=described(*DETAIL_ERRORS),
    tags=["Statistics"],
    summary="Published grants of one year",
)
def get_statistics_year(request: HttpRequest, year: int = Path(..., ge=1900, le=2999)) -> dict:
    """The figures of one year; 404 when the year has no published grants."""
    found = year_statistics(year)
    if not found:
        raise Http404
    return found[0]
