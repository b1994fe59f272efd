"""The yearly follow-up figures of a grant programme, computed with grouped aggregate queries.

Conventions (also shown on the report):

- **Year** is the year, in Stockholm time, in which the decision batch was signed. A grant is a signed
  decision with an amount above 0 kr.
- **Applied for** is the requested amount of every received application (one with ``submitted_at``,
  whatever became of it) of the year's calls: the programme's calls with at least one batch signed
  in the year.
- **Paid** is the amount of the grants' payment orders with status *paid*; **reclaimed** is the sum
  of reclaims (återkrav) with status *claimed* or *paid back*.
- **Per area**: an application may name several areas; its full amount is counted under *each* area
  it names (no splitting), so the per-area sums can add up to more than the total. Applications that
  name no area are counted under "Inget område angivet".
- **First-time municipalities**: granted this year and never granted by the programme in an earlier year.
- **Roma women and children**: grants whose application's target groups include "women" or
  "children_youth".

Money is whole kronor (int).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet, Sum, TextField
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import gettext as _

from bidra.applications.models import Application
from bidra.decisions.models import Decision, DecisionBatch
from bidra.municipalities.models import Municipality, NationalArea, SkrMainGroup
from bidra.network.models import Meeting, NetworkMember
from bidra.payments.models import PaymentOrder
from bidra.payments.workflow import PaymentStatus
from bidra.programmes.models import Call, Programme
from bidra.reports.models import Reclaim, Report

STOCKHOLM = ZoneInfo("Europe/Stockholm")
RECLAIMED_STATUSES = ("claimed", "paid_back")
REPORTED_STATUSES = ("submitted", "approved")
NO_AREA = "__none__"


# --- Results --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupFigures:
    """Money for one group (an area, a county, a national area, an SKR group)."""

    key: str
    label: str
    applications: int = 0
    applied: int = 0
    grants: int = 0
    granted: int = 0
    paid: int = 0
    reclaimed: int = 0


@dataclass(frozen=True)
class KeyFigures:
    applications: int
    applied: int
    grants: int
    granted: int
    paid: int
    reclaimed: int | None  # None: the reports app is not available
    municipalities: int
    first_time_municipalities: int
    women_children_grants: int
    women_children_granted: int
    reports_received: int | None
    reports_approved: int | None

    @property
    def women_children_share_of_grants(self) -> Decimal | None:
        return percent(self.women_children_grants, self.grants)

    @property
    def women_children_share_of_money(self) -> Decimal | None:
        return percent(self.women_children_granted, self.granted)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    this_year: int | Decimal | None
    last_year: int | Decimal | None
    is_money: bool = False
    is_percent: bool = False

    @property
    def change(self) -> int | Decimal | None:
        if self.this_year is None or self.last_year is None:
            return None
        return self.this_year - self.last_year

    @property
    def change_percent(self) -> Decimal | None:
        """Relative change in per cent; None when last year was 0 (or for figures that are already shares)."""
        if self.is_percent or self.change is None or not self.last_year:
            return None
        return percent(self.change, self.last_year)


@dataclass(frozen=True)
class ResultText:
    case_number: str
    municipality: str
    title: str
    results: str


@dataclass(frozen=True)
class GrantRow:
    case_number: str
    municipality: str
    county: str
    title: str
    areas: list[str]
    granted: int
    paid: int
    reclaimed: int | None
    report_status: str  # label; "" when there is no report
    women_children: bool


@dataclass
class FollowupFigures:
    programme: Programme
    year: int
    totals: KeyFigures
    previous: KeyFigures
    by_area: list[GroupFigures]
    by_county: list[GroupFigures]
    by_national_area: list[GroupFigures]
    by_skr_main_group: list[GroupFigures]
    by_skr_group: list[GroupFigures]
    first_time_municipalities: list[str]
    approved_results: list[ResultText]
    grants: list[GrantRow]
    comparison: list[Change] = field(default_factory=list)
    network: NetworkFigures | None = None


# --- Helpers ---------------------------------------------------------------------------------------
def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def kr(value: Decimal | int | None) -> int:
    return int(value or 0)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=STOCKHOLM), datetime(year + 1, 1, 1, tzinfo=STOCKHOLM)


def grants_of(programme: Programme, year: int) -> QuerySet[Decision]:
    start, end = year_bounds(year)
    return Decision.objects.filter(
        batch__call__programme=programme,
        batch__state=DecisionBatch.State.SIGNED,
        batch__signed_at__gte=start,
        batch__signed_at__lt=end,
        amount__gt=0,
    )


def calls_of(programme: Programme, year: int) -> QuerySet[Call]:
    start, end = year_bounds(year)
    return Call.objects.filter(
        programme=programme,
        decision_batches__state=DecisionBatch.State.SIGNED,
        decision_batches__signed_at__gte=start,
        decision_batches__signed_at__lt=end,
    ).distinct()


def received_of(programme: Programme, year: int) -> QuerySet[Application]:
    return Application.objects.filter(call__in=calls_of(programme, year), submitted_at__isnull=False)


def women_children_q(prefix: str = "") -> Q:
    """Target groups stored as a JSON list; matched on its text (portable: SQLite has no JSON contains)."""
    return Q(**{f"{prefix}tg_text__contains": '"women"'}) | Q(**{f"{prefix}tg_text__contains": '"children_youth"'})


def years_with_decisions() -> list[tuple[int, int]]:
    """(programme id, year) pairs with at least one signed grant, newest first."""
    rows = (
        Decision.objects.filter(batch__state=DecisionBatch.State.SIGNED, amount__gt=0)
        .annotate(year=ExtractYear("batch__signed_at", tzinfo=STOCKHOLM))
        .values_list("batch__call__programme_id", "year")
        .distinct()
    )
    return sorted(set(rows), key=lambda pair: (pair[0], -pair[1]))


# --- Key figures ---------------------------------------------------------------------------------
def key_figures(programme: Programme, year: int) -> KeyFigures:
    grants = grants_of(programme, year)
    received = received_of(programme, year).aggregate(n=Count("id"), s=Sum("requested_amount"))
    granted = grants.annotate(tg_text=Cast("application__target_groups", TextField())).aggregate(
        n=Count("id"),
        s=Sum("amount"),
        municipalities=Count("application__municipality", distinct=True),
        wc_n=Count("id", filter=women_children_q()),
        wc_s=Sum("amount", filter=women_children_q()),
    )
    paid = PaymentOrder.objects.filter(decision__in=grants, status=PaymentStatus.PAID).aggregate(s=Sum("amount"))
    reclaimed = kr(
        Reclaim.objects.filter(decision__in=grants, status__in=RECLAIMED_STATUSES).aggregate(s=Sum("amount"))["s"]
    )
    reports = Report.objects.filter(decision__in=grants).aggregate(
        received=Count("id", filter=Q(status__in=REPORTED_STATUSES)),
        approved=Count("id", filter=Q(status="approved")),
    )
    reports_received, reports_approved = reports["received"], reports["approved"]
    return KeyFigures(
        applications=received["n"],
        applied=kr(received["s"]),
        grants=granted["n"],
        granted=kr(granted["s"]),
        paid=kr(paid["s"]),
        reclaimed=reclaimed,
        municipalities=granted["municipalities"],
        first_time_municipalities=first_time_municipalities(programme, year).count(),
        women_children_grants=granted["wc_n"],
        women_children_granted=kr(granted["wc_s"]),
        reports_received=reports_received,
        reports_approved=reports_approved,
    )


def first_time_municipalities(programme: Programme, year: int) -> QuerySet[Municipality]:
    start, _end = year_bounds(year)
    earlier = Decision.objects.filter(
        batch__call__programme=programme,
        batch__state=DecisionBatch.State.SIGNED,
        batch__signed_at__lt=start,
        amount__gt=0,
    )
    return (
        Municipality.objects.filter(pk__in=grants_of(programme, year).values("application__municipality"))
        .exclude(pk__in=earlier.values("application__municipality"))
        .order_by("name")
    )


def comparison(this: KeyFigures, last: KeyFigures) -> list[Change]:
    return [
        Change("applications", _("Inkomna ansökningar"), this.applications, last.applications),
        Change("applied", _("Sökt belopp"), this.applied, last.applied, is_money=True),
        Change("grants", _("Beviljade ansökningar"), this.grants, last.grants),
        Change("granted", _("Beviljat belopp"), this.granted, last.granted, is_money=True),
        Change("paid", _("Utbetalt"), this.paid, last.paid, is_money=True),
        Change("reclaimed", _("Återkrävt"), this.reclaimed, last.reclaimed, is_money=True),
        Change("municipalities", _("Kommuner med bidrag"), this.municipalities, last.municipalities),
        Change(
            "first_time",
            _("Kommuner med bidrag för första gången"),
            this.first_time_municipalities,
            last.first_time_municipalities,
        ),
        Change(
            "women_children_share",
            _("Andel av beviljat belopp till insatser för romska kvinnor och barn (%)"),
            this.women_children_share_of_money,
            last.women_children_share_of_money,
            is_percent=True,
        ),
        Change("reports_received", _("Inkomna redovisningar"), this.reports_received, last.reports_received),
    ]


# --- Breakdowns ------------------------------------------------------------------------------------
# dimension -> path from Municipality; the label path and fixed labels for choice fields.
DIMENSIONS = {
    "county": ("municipality__county__code", "municipality__county__name"),
    "national_area": ("municipality__national_area", None),
    "skr_main_group": ("municipality__skr_main_group", None),
    "skr_group": ("municipality__skr_group_code", "municipality__skr_group_name"),
    "area": ("areas__code", "areas__name"),
}
CHOICE_LABELS = {"national_area": dict(NationalArea.choices), "skr_main_group": dict(SkrMainGroup.choices)}


def _grouped(queryset: QuerySet, prefix: str, dimension: str, **aggregates) -> dict[str, dict]:
    key_path, label_path = DIMENSIONS[dimension]
    key_field = prefix + key_path
    fields = [key_field] + ([prefix + label_path] if label_path else [])
    rows = queryset.values(*fields).annotate(**aggregates).order_by()
    result: dict[str, dict] = {}
    for row in rows:
        key = row[key_field] if row[key_field] is not None else NO_AREA
        label = row[prefix + label_path] if label_path else CHOICE_LABELS[dimension].get(key, key)
        result[key] = {**row, "label": label if key != NO_AREA else _("Inget område angivet")}
    return result


def breakdown(programme: Programme, year: int, dimension: str) -> list[GroupFigures]:
    """Money per group of ``dimension``: four grouped queries (applied, granted, paid, reclaimed)."""
    grants = grants_of(programme, year)
    applied = _grouped(received_of(programme, year), "", dimension, n=Count("id"), s=Sum("requested_amount"))
    granted = _grouped(grants, "application__", dimension, n=Count("id"), s=Sum("amount"))
    paid = _grouped(
        PaymentOrder.objects.filter(decision__in=grants, status=PaymentStatus.PAID),
        "decision__application__",
        dimension,
        s=Sum("amount"),
    )
    reclaimed = _grouped(
        Reclaim.objects.filter(decision__in=grants, status__in=RECLAIMED_STATUSES),
        "decision__application__",
        dimension,
        s=Sum("amount"),
    )
    keys = {**applied, **granted}
    groups = [
        GroupFigures(
            key=key,
            label=str(keys[key]["label"]),
            applications=applied.get(key, {}).get("n", 0),
            applied=kr(applied.get(key, {}).get("s")),
            grants=granted.get(key, {}).get("n", 0),
            granted=kr(granted.get(key, {}).get("s")),
            paid=kr(paid.get(key, {}).get("s")),
            reclaimed=kr(reclaimed.get(key, {}).get("s")),
        )
        for key in keys
    ]
    return sorted(groups, key=lambda g: (-g.granted, -g.applied, g.label))


# --- Reports and the grant table -------------------------------------------------------------------
def approved_results(programme: Programme, year: int) -> list[ResultText]:
    reports = (
        Report.objects.filter(decision__in=grants_of(programme, year), status="approved")
        .select_related("decision__application__municipality", "decision__application__case")
        .order_by("decision__application__municipality__name", "decision__application__case__number")
    )
    return [
        ResultText(
            case_number=r.decision.application.case_number,
            municipality=r.decision.application.municipality.name,
            title=r.decision.application.title,
            results=r.results,
        )
        for r in reports
    ]


def grant_rows(programme: Programme, year: int) -> list[GrantRow]:
    grants = (
        grants_of(programme, year)
        .select_related("application__municipality__county", "application__case", "payment")
        .prefetch_related("application__areas")
        .order_by("application__case__number", "id")
    )
    reclaimed = {
        row["decision"]: kr(row["s"])
        for row in Reclaim.objects.filter(decision__in=grants_of(programme, year), status__in=RECLAIMED_STATUSES)
        .values("decision")
        .annotate(s=Sum("amount"))
        .order_by()
    }
    report_labels = dict(Report._meta.get_field("status").choices or [])
    statuses = {
        decision_id: str(report_labels.get(status, status))
        for decision_id, status in Report.objects.filter(decision__in=grants_of(programme, year)).values_list(
            "decision", "status"
        )
    }
    rows = []
    for decision in grants:
        application = decision.application
        payment = getattr(decision, "payment", None)
        rows.append(
            GrantRow(
                case_number=application.case_number,
                municipality=application.municipality.name,
                county=application.municipality.county.name,
                title=application.title,
                areas=[str(area) for area in application.areas.all()],
                granted=kr(decision.amount),
                paid=kr(payment.amount) if payment is not None and payment.status == PaymentStatus.PAID else 0,
                reclaimed=reclaimed.get(decision.pk, 0),
                report_status=statuses.get(decision.pk, ""),
                women_children=application.involves_women_and_children,
            )
        )
    return rows


def compute(programme: Programme, year: int) -> FollowupFigures:
    totals = key_figures(programme, year)
    previous = key_figures(programme, year - 1)
    return FollowupFigures(
        programme=programme,
        year=year,
        totals=totals,
        previous=previous,
        by_area=breakdown(programme, year, "area"),
        by_county=breakdown(programme, year, "county"),
        by_national_area=breakdown(programme, year, "national_area"),
        by_skr_main_group=breakdown(programme, year, "skr_main_group"),
        by_skr_group=breakdown(programme, year, "skr_group"),
        first_time_municipalities=list(first_time_municipalities(programme, year).values_list("name", flat=True)),
        approved_results=approved_results(programme, year),
        grants=grant_rows(programme, year),
        comparison=comparison(totals, previous),
        network=network_figures(year),
    )


@dataclass(frozen=True)
class MeetingRow:
    date: date
    kind: str
    topic: str
    participants: int


@dataclass(frozen=True)
class NetworkFigures:
    """The municipal network and its activity in the year."""

    members: int
    new_members: int
    meetings: list[MeetingRow]
    municipalities_in_meetings: int


def network_figures(year: int) -> NetworkFigures:
    meetings = Meeting.objects.filter(date__year=year).annotate(n=Count("municipalities")).order_by("date")
    return NetworkFigures(
        members=NetworkMember.objects.count(),
        new_members=NetworkMember.objects.filter(member_since__year=year).count(),
        meetings=[MeetingRow(m.date, m.get_kind_display(), m.topic, m.n) for m in meetings],
        municipalities_in_meetings=Municipality.objects.filter(network_meetings__date__year=year).distinct().count(),
    )


def total(groups: Iterable[GroupFigures], attribute: str) -> int:
    return sum(getattr(g, attribute) for g in groups)
