"""The work list's rows: read as plain values (no model instances) and written in Python.

Sixty rows of eight cells through Django's templates took about half of the page's server time
(bench/worklist.py: some 20 ms of 37 ms a page at 10 000 applications), most of it resolving
variables and translating the same status labels once per row. This writes the same markup with
``core.markup.rows_html`` (every value escaped) and translates each label once a page.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bidra.applications.models import Application, ScreeningOutcome
from bidra.applications.workflow import WITH_GRANT, Status
from bidra.core import markup
from bidra.core.money import format_kronor
from bidra.core.stockholm import local
from bidra.reports.selectors import overdue_application_ids


@dataclass(frozen=True)
class Row:
    """One application as the work list shows it, read without building model instances."""

    pk: int
    case_number: str
    submitted_at: datetime | None
    municipality: str
    municipality_code: str
    administration: str
    title: str
    areas: tuple[str, ...]
    status: str
    screening_outcome: str
    requested_amount: Decimal
    report_overdue: bool


# Row's columns, as listed() names them; areas come from page_rows' own query.
COLUMNS = {
    "pk": "pk",
    "case_number": "case__number",
    "submitted_at": "submitted_at",
    "municipality": "municipality__name",
    "municipality_code": "municipality__code",
    "administration": "administration",
    "title": "title",
    "status": "status",
    "screening_outcome": "screening_outcome",
    "requested_amount": "requested_amount",
}


def listed(queryset: QuerySet[Application]) -> QuerySet:
    """The columns a page of rows needs, as dictionaries (what a Paginator pages through)."""
    return queryset.values(*COLUMNS.values())


def page_rows(values: list[dict], today: date, area_names: dict[int, str]) -> list[Row]:
    """Rows for one page of ``listed`` dictionaries: their areas (one query; ``area_names`` gives the
    names and their order) and, for grants, whether the report is overdue on ``today`` (one more
    query, only when the page has grants)."""
    order = {pk: index for index, pk in enumerate(area_names)}
    chosen: dict[int, list[int]] = {value["pk"]: [] for value in values}
    links = Application.areas.through.objects.filter(application_id__in=list(chosen))
    for application_id, area_id in links.values_list("application_id", "area_id"):
        chosen[application_id].append(area_id)
    grants = [value["pk"] for value in values if value["status"] in WITH_GRANT]
    overdue = overdue_application_ids(today, among=grants) if grants else set()

    def names(pk: int) -> list[str]:
        return [area_names[area] for area in sorted(chosen[pk], key=order.__getitem__)]

    return [_row(value, names(value["pk"]), value["pk"] in overdue) for value in values]


def _row(value: dict, areas: list[str], report_overdue: bool) -> Row:
    fields = {field: value[column] for field, column in COLUMNS.items()}
    fields["case_number"] = fields["case_number"] or ""  # as Application.case_number
    return Row(**fields, areas=tuple(areas), report_overdue=report_overdue)


ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}<br><span class="muted">{}</span></td><td>{}</td>'
    '<td>{}</td><td><span class="tag tag--{}">{}</span>{}</td><td><span class="tag tag--{}">{}</span></td>'
    '<td class="num">{}</td></tr>'
)


def received_at(row: Row) -> str:
    """When the application came in, in Stockholm time, as the work list shows it: 2024-03-15 14.05."""
    if row.submitted_at is None:
        return ""
    return local(row.submitted_at).strftime("%Y-%m-%d %H.%M")


def case_paths() -> Callable[[int], str]:
    """The case page's path for an application id, with one reverse() a page instead of one a row."""
    placeholder = 9_876_543_210  # no such digits elsewhere in the path
    pattern = reverse("casework:case", args=[placeholder])
    return lambda pk: pattern.replace(str(placeholder), str(int(pk)))


def table_rows(rows: Iterable[Row]) -> SafeString:
    """One ``<tr>`` per row."""
    case_path = case_paths()
    statuses = {code: str(label) for code, label in Status.choices}
    outcomes = {code: str(label) for code, label in ScreeningOutcome.choices}
    late = format_html('<br><span class="tag tag--failed">{}</span>', _("Redovisning försenad"))
    return markup.rows_html(
        ROW,
        (
            (
                case_path(row.pk),
                row.case_number,
                received_at(row),
                row.municipality,
                row.administration,
                row.title,
                ", ".join(row.areas),
                row.status,
                statuses.get(row.status, row.status),
                late if row.report_overdue else "",
                row.screening_outcome,
                outcomes.get(row.screening_outcome, row.screening_outcome),
                format_kronor(row.requested_amount),
            )
            for row in rows
        ),
        separator="\n",
    )
