"""Open data: the catalogue page, the DCAT catalogue as JSON-LD and the 360Giving exports.

Everything here is public (no log-in), and shows only what ``published_grants()`` returns.
"""

import json
from typing import TypeVar

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bidra.programmes.models import Area

from . import catalogue, giving, streams

Response = TypeVar("Response", HttpResponse, StreamingHttpResponse)


def _open(response: Response) -> Response:
    """Open data may be read by scripts on any site."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    prefix = catalogue.giving_prefix()
    vocabularies: dict[tuple[str, str], list[Area]] = {}
    for area in Area.objects.select_related("programme").order_by("programme__name", "programme_id", "position"):
        key = (giving.area_vocabulary(area.programme.slug, prefix), area.programme.title)
        vocabularies.setdefault(key, []).append(area)
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": catalogue.datasets(request),
            "prefix": prefix,
            "example_grant_id": giving.grant_identifier("851-0042-2024", prefix),
            "example_fallback_id": giving.municipality_identifier("", "0180", prefix),
            "geo_code_type": giving.GEO_CODE_TYPE,
            "vocabularies": [(vocabulary, title, areas) for (vocabulary, title), areas in vocabularies.items()],
        },
    )


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    body = json.dumps(catalogue.catalog_jsonld(request), ensure_ascii=False, indent=2)
    return _open(HttpResponse(body, content_type="application/ld+json; charset=utf-8"))


@require_safe
def giving_json(request: HttpRequest) -> StreamingHttpResponse:
    metadata = catalogue.package_metadata(request, streams.summary(), catalogue.publisher())
    grants = streams.grants(prefix=catalogue.giving_prefix())
    response = StreamingHttpResponse(
        streams.json_package(metadata, grants), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="360giving.json"'
    return _open(response)


@require_safe
def giving_csv(request: HttpRequest) -> StreamingHttpResponse:
    grants = streams.grants(prefix=catalogue.giving_prefix())
    response = StreamingHttpResponse(
        streams.csv_rows(grants, streams.classification_slots()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="360giving.csv"'
    return _open(response)
