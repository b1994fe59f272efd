"""Limit/offset pagination with bounds that the OpenAPI document states."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class RenderedPages:
    """A queryset that the paginator counts and slices, rendered to dicts one page at a time.

    ``keep`` drops objects from a page (an object-level rule); the count is the queryset's.
    """

    def __init__(
        self,
        queryset: QuerySet,
        render: Callable[[Any], dict],
        keep: Callable[[Any], bool] | None = None,
        prefetch: tuple[str, ...] = (),
    ):
        self.queryset = queryset
        self.render = render
        self.keep = keep
        self.prefetch = prefetch

    def all(self) -> QuerySet:
        return self.queryset

    def __getitem__(self, index: slice) -> list[dict]:
        page = self.queryset[index]
        if self.prefetch:
            page = page.prefetch_related(*self.prefetch)
        return [self.render(obj) for obj in page if self.keep is None or self.keep(obj)]
