"""Follow-up (uppföljning) for the agency: a yearly report per programme, as a page and as a PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bidra.core.pdf import render_pdf
from bidra.permissions import require
from bidra.programmes.models import Programme

from . import report
from .figures import years_with_decisions

FIRST_YEAR, LAST_YEAR = 2000, 2100


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "followup.view")
    pairs = years_with_decisions()
    programmes = Programme.objects.filter(pk__in={pid for pid, _ in pairs}).order_by("name")
    listing = [(p, [year for pid, year in pairs if pid == p.pk]) for p in programmes]
    return render(request, "followup/index.html", {"listing": listing})


def _programme_and_year(request: HttpRequest, slug: str, year: int) -> Programme:
    require(request.user, "followup.view")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return get_object_or_404(Programme, slug=slug)


@login_required
def year_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    programme = _programme_and_year(request, slug, year)
    return render(request, "followup/report.html", report.build(programme, year))


@login_required
def year_report_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    programme = _programme_and_year(request, slug, year)
    pdf = render_pdf("followup/report_pdf.html", report.build(programme, year), language=request.LANGUAGE_CODE)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="uppfoljning-{programme.slug}-{year}.pdf"'
    return response
