"""The 360Giving exports as streams: constant memory however many grants are published.

Rows come from ``published_grants()`` as ``values()`` (one query with its joins, read with
``.iterator(chunk_size=…)``, a server-side cursor on PostgreSQL); the areas of each chunk of rows
come in one more query. So an export makes a fixed number of queries plus one per chunk, never
one per grant, and holds at most one chunk of rows at a time. The generators yield text pieces of
roughly ``PIECE_SIZE`` characters for ``StreamingHttpResponse``.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db.models import Count, F, Max, Min, QuerySet

from bidra.applications.models import Application
from bidra.decisions.models import Decision
from bidra.decisions.published import published_grants
from bidra.programmes.models import Area

from . import giving

CHUNK_SIZE = 2000
PIECE_SIZE = 64 * 1024

GRANT_FIELDS = (
    giving.ROW_AMOUNT,
    giving.ROW_SIGNED_AT,
    giving.ROW_APPLICATION,
    giving.ROW_TITLE,
    giving.ROW_SUMMARY,
    giving.ROW_PERIOD_START,
    giving.ROW_PERIOD_END,
    giving.ROW_CASE_NUMBER,
    giving.ROW_MUNICIPALITY_CODE,
    giving.ROW_MUNICIPALITY_NAME,
    giving.ROW_MUNICIPALITY_ORGANISATION_NUMBER,
    giving.ROW_PROGRAMME_SLUG,
    giving.ROW_PROGRAMME_NAME,
    giving.ROW_AGENCY_NAME,
    giving.ROW_AGENCY_ORGANISATION_NUMBER,
    giving.ROW_AGENCY_UNIT,
)


def grant_rows(queryset: QuerySet[Decision] | None = None, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    """The published grants' rows, each with its list of (area code, area name) under ``"areas"``."""
    rows = (published_grants() if queryset is None else queryset).values(*GRANT_FIELDS)
    chunk: list[dict] = []
    for row in rows.iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _with_areas(chunk)
            chunk = []
    if chunk:
        yield from _with_areas(chunk)


def _with_areas(chunk: list[dict]) -> Iterator[dict]:
    """Attach the areas to a chunk of rows with one query (the programme's own areas, in its order)."""
    areas: dict[int, list[tuple[str, str]]] = defaultdict(list)
    links = (
        Application.areas.through.objects.filter(application_id__in=[row[giving.ROW_APPLICATION] for row in chunk])
        .filter(area__programme_id=F("application__call__programme_id"))
        .order_by("application_id", "area__position", "area__name")
        .values_list("application_id", "area__code", "area__name")
    )
    for application_id, code, name in links:
        areas[application_id].append((code, name))
    for row in chunk:
        row["areas"] = areas.get(row[giving.ROW_APPLICATION], [])
        yield row


def grants(*, prefix: str, queryset: QuerySet[Decision] | None = None, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    for row in grant_rows(queryset, chunk_size=chunk_size):
        yield giving.grant_from_row(row, row["areas"], prefix=prefix)


def summary(queryset: QuerySet[Decision] | None = None) -> dict[str, Any]:
    """Count, first and last signing of the published grants (one query)."""
    qs = published_grants() if queryset is None else queryset
    return qs.order_by().aggregate(
        count=Count("id"), first_signed=Min("batch__signed_at"), last_signed=Max("batch__signed_at")
    )


def classification_slots() -> int:
    """Columns groups for classifications in the CSV: the largest area list of any programme (at least 1)."""
    largest = (
        Area.objects.order_by()
        .values("programme_id")
        .annotate(areas=Count("id"))
        .order_by("-areas")
        .values_list("areas", flat=True)
        .first()
    )
    return max(largest or 0, 1)


def _pieces(parts: Iterable[str], size: int = PIECE_SIZE) -> Iterator[str]:
    """Join small strings into pieces of about ``size`` characters (fewer, larger writes)."""
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def json_package(metadata: Mapping[str, Any], grants: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A 360Giving package: the metadata fields, then ``"grants": [...]`` written one grant at a time."""

    def parts() -> Iterator[str]:
        head = json.dumps(dict(metadata), ensure_ascii=False, indent=None)
        yield head[:-1] + (", " if metadata else "") + '"grants": ['
        separator = "\n"
        for grant in grants:
            yield separator + json.dumps(grant, ensure_ascii=False, separators=(",", ":"))
            separator = ",\n"
        yield "\n]}\n"

    return _pieces(parts())


class _Line:
    """A write-only file for csv.writer that hands back what it was given."""

    def write(self, value: str) -> str:
        return value


def csv_rows(grants: Iterable[Mapping[str, Any]], classification_slots: int) -> Iterator[str]:
    """The flat form: the header row, then one row per grant (RFC 4180: commas, CRLF, UTF-8)."""
    writer = csv.writer(_Line(), lineterminator="\r\n")

    def parts() -> Iterator[str]:
        yield writer.writerow(giving.flat_header(classification_slots))
        for grant in grants:
            yield writer.writerow(giving.flat_row(grant, classification_slots))

    return _pieces(parts())
