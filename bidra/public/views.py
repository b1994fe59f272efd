"""Public pages: the grant programmes, the register of granted projects, the map, the public
case register (diarium), the accessibility statement and the privacy notice.

No log-in, read only. What is public about a grant comes from ``published_grants()``; the
diarium shows registered cases and their document list, never the documents' contents.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bidra.applications.models import TargetGroup
from bidra.diarium.models import Case, Document
from bidra.municipalities.models import Municipality
from bidra.programmes.models import Area, Criterion, Programme
from bidra.reports.models import Report

from . import grants as public
from .forms import DiariumFilter, MapFilter
from .map import map_data

DIARIUM_PAGE_SIZE = 50
# When the accessibility statement was written and last reviewed; change it when it is revised.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 23)
ACCESSIBILITY_ASSESSMENT_DATE = date(2026, 11, 23)
PRIVACY_NOTICE_DATE = date(2026, 11, 23)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@dataclass(frozen=True)
class Agency:
    name: str
    unit: str
    address: str  # on one line


def _agency_of(programme: Programme) -> Agency:
    lines = [line.strip() for line in programme.agency_address.splitlines() if line.strip()]
    return Agency(name=programme.agency_name, unit=programme.agency_unit, address=", ".join(lines))


def _agencies() -> list[Agency]:
    """The granting agencies named in the programmes, each once, for naming whom to contact."""
    seen, found = set(), []
    for programme in Programme.objects.order_by("agency_name", "pk"):
        if programme.agency_name not in seen:
            seen.add(programme.agency_name)
            found.append(_agency_of(programme))
    return found


# --- Programmes -------------------------------------------------------------------------------
def programmes(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = []
    for programme in Programme.objects.all():
        current, _earlier = public.calls_of(programme, now)
        rows.append((programme, current))
    return render(request, "public/programmes.html", {"rows": rows})


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    current, earlier = public.calls_of(programme, timezone.now())
    criteria = list(programme.criteria.all())
    grants = public.public_grants(programme)
    return render(
        request,
        "public/programme.html",
        {
            "programme": programme,
            "areas": programme.areas.filter(is_active=True),
            "scored": [c for c in criteria if c.kind == Criterion.Kind.SCORED],
            "considered": [c for c in criteria if c.kind == Criterion.Kind.ALLOCATION],
            "checked": [c for c in criteria if c.kind == Criterion.Kind.MANUAL_CHECK],
            "current_calls": current,
            "earlier_calls": earlier,
            "totals": public.totals(grants),
            "years": public.grant_years(grants),
        },
    )


# --- The register of granted projects -----------------------------------------------------------
def register(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    grants = public.public_grants(programme)
    form = public.RegisterFilter(request.GET or None, programme=programme, years=public.grant_years(grants))
    chosen = form.filters()
    selected = public.apply_filters(grants, chosen)
    figures = public.totals(selected)
    paginator = Paginator(
        selected.select_related("application__municipality").prefetch_related(
            Prefetch("application__areas", queryset=Area.objects.order_by("position"))
        ),
        public.PAGE_SIZE,
    )
    paginator.count = figures.count  # counted with the sum already
    page = paginator.get_page(request.GET.get("page"))
    the_map = map_data(
        selected,
        title=_("Karta: beviljade belopp per kommun i urvalet"),
        description=_(
            "Kommunerna är färgade efter hur mycket de har beviljats i urvalet; ljusgrå betyder inget beviljat. "
            "Tabellen med bidragen på sidan innehåller samma uppgifter."
        ),
    )
    return render(
        request,
        "public/register.html",
        {
            "programme": programme,
            "form": form,
            "filtered": bool(chosen),
            "page": page,
            "totals": figures,
            "query": _query_without_page(request),
            "map": the_map,
            "map_year": chosen.get("year"),
        },
    )


def grant(request: HttpRequest, case_number: str) -> HttpResponse:
    decision = (
        public.public_grants()
        .select_related("application__call", "application__municipality__county")
        .prefetch_related(
            Prefetch("application__areas", queryset=Area.objects.order_by("position")), "application__co_actors"
        )
        .filter(application__case__number=case_number)
        .first()
    )
    if decision is None:
        raise Http404
    application = decision.application
    target_groups = [TargetGroup(code).label for code in application.target_groups if code in TargetGroup.values]
    return render(
        request,
        "public/grant.html",
        {
            "decision": decision,
            "application": application,
            "programme": application.call.programme,
            "target_groups": target_groups,
            # The grantee's report is published once the agency has approved it.
            "public_report": approved_public_report(decision),
        },
    )


def approved_public_report(decision) -> dict | None:
    report = Report.objects.filter(decision=decision, status="approved").first()
    if report is None or not report.public_summary.strip():
        return None
    return {"summary": report.public_summary, "approved_at": report.approved_at}


# --- The map ------------------------------------------------------------------------------------
def map_page(request: HttpRequest) -> HttpResponse:
    every = public.public_grants()
    form = MapFilter(request.GET or None, years=public.grant_years(every))
    chosen = form.filters()
    programme = chosen.get("programme")
    years = sorted(chosen.get("year") or [])
    grants = public.in_years(public.public_grants(programme), years)
    period = ", ".join(str(year) for year in years) if years else _("alla år")
    the_map = map_data(
        grants,
        title=_("Karta: beviljade belopp per kommun, %(period)s") % {"period": period},
        description=_(
            "Sveriges 290 kommuner, färgade efter hur mycket de har beviljats; ljusgrå betyder inget beviljat. "
            "Tabellen under kartan innehåller samma uppgifter."
        ),
    )
    return render(
        request,
        "public/map.html",
        {"form": form, "map": the_map, "period": period, "programme": programme},
    )


# --- The public case register (diarium) ----------------------------------------------------------
def diarium(request: HttpRequest) -> HttpResponse:
    years = list(Case.objects.order_by("-year").values_list("year", flat=True).distinct())
    form = DiariumFilter(request.GET or None, years=years)
    chosen = form.filters()
    cases = Case.objects.order_by("-year", "-serial")
    if chosen.get("number"):
        cases = cases.filter(number__icontains=chosen["number"].strip())
    if chosen.get("year"):
        cases = cases.filter(year=chosen["year"])
    if chosen.get("municipality"):
        cases = cases.filter(parties=chosen["municipality"])
    paginator = Paginator(
        cases.prefetch_related(Prefetch("parties", queryset=Municipality.objects.order_by("name"))),
        DIARIUM_PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "public/diarium.html",
        {
            "form": form,
            "page": page,
            "count": paginator.count,
            "query": _query_without_page(request),
            "agencies": _agencies(),
        },
    )


def case(request: HttpRequest, number: str) -> HttpResponse:
    found = get_object_or_404(
        Case.objects.select_related("programme").prefetch_related(
            Prefetch("parties", queryset=Municipality.objects.order_by("name"))
        ),
        number=number,
    )
    # Only what the register says about each document: never its contents (snapshot) or files.
    documents = Document.objects.filter(case=found).select_related("counterparty").defer("snapshot").order_by("serial")
    agency = _agency_of(found.programme) if found.programme else next(iter(_agencies()), None)
    granted = public.public_grants().filter(application__case=found).exists()
    return render(
        request,
        "public/case.html",
        {"case": found, "documents": documents, "agency": agency, "granted": granted},
    )


# --- Statements ---------------------------------------------------------------------------------
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/accessibility.html",
        {
            "contact_email": getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@example.se"),
            "agencies": _agencies(),
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "assessment_date": ACCESSIBILITY_ASSESSMENT_DATE,
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/privacy.html",
        {"agencies": _agencies(), "notice_date": PRIVACY_NOTICE_DATE},
    )
