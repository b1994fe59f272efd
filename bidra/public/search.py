"""Free-text search in the register of granted projects.

On PostgreSQL: full-text search with Swedish stemming ("skolor" finds "skola"), web-search
syntax ("brobyggare -skola", "\"romsk kultur\"", "läxhjälp or läsning") and ranking. On
other databases (SQLite in development): every word must appear, ignoring case, in the title,
the summary, the municipality's name or the administration. SQLite's own LIKE ignores case for
A–Z only, so the comparison is made in Python with ``str.casefold`` (å, ä, ö included); the
register holds hundreds of grants, not millions.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

from bidra.decisions.models import Decision

SEARCHED_FIELDS = (
    "application__title",
    "application__summary",
    "application__municipality__name",
    "application__administration",
)
CASE_NUMBER = re.compile(r"^\d{1,10}-\d{1,6}-\d{4}$")


def search_grants(queryset: QuerySet[Decision], text: str) -> QuerySet[Decision]:
    """The grants in ``queryset`` that match ``text``, best match first where the database ranks."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if CASE_NUMBER.match(text):
        return queryset.filter(application__case__number=text)
    if connection.vendor == "postgresql":
        return _full_text(queryset, text)
    return _every_word(queryset, text)


def _full_text(queryset: QuerySet[Decision], text: str) -> QuerySet[Decision]:
    vector = SearchVector(*SEARCHED_FIELDS, config="swedish")
    query = SearchQuery(text, config="swedish", search_type="websearch")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, query))
        .filter(search=query)
        .order_by("-rank", "-batch__signed_at", "application__case__number")
    )


def _every_word(queryset: QuerySet[Decision], text: str) -> QuerySet[Decision]:
    words = [word.casefold() for word in text.split()]
    matching = []
    for row in queryset.order_by().values_list("pk", *SEARCHED_FIELDS):
        haystack = "\n".join(value or "" for value in row[1:]).casefold()
        if all(word in haystack for word in words):
            matching.append(row[0])
    return queryset.filter(pk__in=matching)
