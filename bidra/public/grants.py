"""What the public pages show about grants: the register's filters, totals and call budgets.

Everything starts from ``bidra.decisions.published.published_grants()``, the one query for
what is public, so the register, the map and the project pages always agree with open data.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django import forms
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm
from bidra.decisions.models import Decision, DecisionBatch
from bidra.decisions.published import published_grants
from bidra.municipalities.models import County, NationalArea, skr_group_choices
from bidra.programmes.models import Area, Call, Programme
from bidra.programmes.rules import call_accepts

from .search import search_grants

PAGE_SIZE = 25


# --- Grants -----------------------------------------------------------------------------------
def public_grants(programme: Programme | None = None) -> QuerySet[Decision]:
    grants = published_grants()
    if programme is not None:
        grants = grants.filter(application__call__programme=programme)
    return grants


def grant_years(grants: QuerySet[Decision]) -> list[int]:
    """The years (in Stockholm time) in which the given grants were decided, newest first."""
    moments = grants.order_by().datetimes("batch__signed_at", "year", order="DESC")
    return [moment.year for moment in moments]


def in_years(grants: QuerySet[Decision], years: list[int]) -> QuerySet[Decision]:
    """Grants decided in any of ``years`` (the decision year in Stockholm time); all when empty."""
    if not years:
        return grants
    return grants.filter(batch__signed_at__year__in=years)


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal


def totals(grants: QuerySet[Decision]) -> Totals:
    figures = Decision.objects.filter(pk__in=grants.values("pk")).aggregate(count=Count("id"), amount=Sum("amount"))
    return Totals(figures["count"], figures["amount"] or Decimal(0))


# --- The register's filters ---------------------------------------------------------------------
class RegisterFilter(BidraForm):
    is_filter = True  # every field is optional; the template does not mark them
    q = forms.CharField(
        label=_("Sök"),
        required=False,
        max_length=200,
        help_text=_("Ord i insatsens namn eller sammanfattning, kommunens namn eller förvaltningen."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    year = forms.TypedChoiceField(label=_("Beslutsår"), required=False, coerce=int, empty_value=None)
    area = forms.ModelChoiceField(Area.objects.none(), label=_("Område"), required=False, empty_label=_("Alla"))
    county = forms.ModelChoiceField(County.objects.all(), label=_("Län"), required=False, empty_label=_("Alla"))
    national_area = forms.ChoiceField(label=_("Landsdel"), required=False)
    skr_group = forms.ChoiceField(label=_("SKR-kommungrupp"), required=False)

    def __init__(self, *args, programme: Programme, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Alla"))]
        self.fields["year"].choices = every + [(str(year), str(year)) for year in years]
        self.fields["area"].queryset = programme.areas.all()
        self.fields["national_area"].choices = every + list(NationalArea.choices)
        self.fields["skr_group"].choices = every + skr_group_choices()

    def filters(self) -> dict:
        """The valid filters only: one mistyped value does not throw away the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def apply_filters(grants: QuerySet[Decision], data: dict) -> QuerySet[Decision]:
    if data.get("year"):
        grants = in_years(grants, [data["year"]])
    if data.get("area"):
        grants = grants.filter(application__areas=data["area"])
    if data.get("county"):
        grants = grants.filter(application__municipality__county=data["county"])
    if data.get("national_area"):
        grants = grants.filter(application__municipality__national_area=data["national_area"])
    group = data.get("skr_group")
    if group:
        field = "skr_main_group" if len(group) == 1 else "skr_group_code"
        grants = grants.filter(**{f"application__municipality__{field}": group})
    text = (data.get("q") or "").strip()
    if text:
        grants = search_grants(grants, text)
    return grants


# --- Calls and their money ----------------------------------------------------------------------
def granted_in(call: Call) -> Decimal:
    """Money granted in the call's signed decisions (refusals grant nothing)."""
    total = Decision.objects.filter(batch__call=call, batch__state=DecisionBatch.State.SIGNED).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal(0)


@dataclass(frozen=True)
class CallFigures:
    call: Call
    granted: Decimal
    remaining: Decimal
    is_open: bool
    is_coming: bool


def call_figures(call: Call, moment: datetime) -> CallFigures:
    granted = granted_in(call)
    return CallFigures(
        call=call,
        granted=granted,
        remaining=max(call.budget - granted, Decimal(0)),
        is_open=call_accepts(call, moment),
        is_coming=call.opens_at > moment,
    )


def calls_of(programme: Programme, moment: datetime) -> tuple[list[CallFigures], list[CallFigures]]:
    """(open and coming calls, soonest deadline first; earlier calls, newest first)."""
    current: list[CallFigures] = []
    earlier: list[CallFigures] = []
    for call in programme.calls.order_by("closes_at"):
        figures = call_figures(call, moment)
        (current if figures.is_open or figures.is_coming else earlier).append(figures)
    earlier.reverse()
    return current, earlier
