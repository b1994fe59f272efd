"""The officers' work list: filters, search, sorting and totals over received applications."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Count, Q, QuerySet, Sum
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from bidra.applications.models import Application, ScreeningOutcome
from bidra.applications.workflow import OPEN_CASE, Status
from bidra.core.forms import ModelChoiceField
from bidra.municipalities.models import County, NationalArea, skr_group_choices
from bidra.programmes.models import Area, Call

SORTS = {
    "received": ("submitted_at", _("Inkom")),
    "municipality": ("municipality__name", _("Kommun")),
    "title": ("title", _("Insats")),
    "amount": ("requested_amount", _("Sökt belopp")),
    "case": ("case__number", _("Diarienummer")),
}
PAGE_SIZE = 60
OPEN = "open"  # the status filter's value for every open case, what the list shows unless asked otherwise


class WorklistFilter(forms.Form):
    is_filter = True  # every field is optional; the template does not mark them
    q = forms.CharField(label=_("Sök"), required=False, help_text=_("Diarienummer, kommun, förvaltning eller insats."))
    call = ModelChoiceField(
        Call.objects.only("title", "title_en"), label=_("Utlysning"), required=False, empty_label=_("Alla")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    area = ModelChoiceField(Area.objects.none(), label=_("Område"), required=False, empty_label=_("Alla"))
    county = ModelChoiceField(County.objects.all(), label=_("Län"), required=False, empty_label=_("Alla"))
    national_area = forms.ChoiceField(label=_("Landsdel"), required=False)
    skr_group = forms.ChoiceField(label=_("SKR-kommungrupp"), required=False)
    screening = forms.ChoiceField(label=_("Automatisk granskning"), required=False)
    sort = forms.ChoiceField(choices=[(k, v[1]) for k, v in SORTS.items()], required=False, label=_("Sortera på"))
    direction = forms.ChoiceField(
        choices=[("desc", _("Fallande")), ("asc", _("Stigande"))], required=False, label=_("Ordning")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Alla"))]
        received = [(code, label) for code, label in Status.choices if code != Status.DRAFT]
        self.fields["status"].choices = [*every, (OPEN, _("Pågående ärenden")), *received]
        # Every area, also those no longer open for applications: older applications name them.
        self.fields["area"].queryset = Area.objects.order_by("programme_id", "position", "name").only("name", "name_en")
        self.fields["national_area"].choices = every + list(NationalArea.choices)
        self.fields["skr_group"].choices = every + skr_group_choices()
        self.fields["screening"].choices = [
            *every,
            (ScreeningOutcome.PASSED, ScreeningOutcome.PASSED.label),
            (ScreeningOutcome.FAILED, ScreeningOutcome.FAILED.label),
        ]

    def area_names(self) -> dict[int, str]:
        """Every area's name in the active language, in the programmes' order (read once with the choices)."""
        return {area.pk: str(area) for area in self.fields["area"].queryset}


@dataclass
class Totals:
    count: int
    requested: Decimal


def with_defaults(query: QueryDict) -> QueryDict:
    """The filters asked for, with open cases only unless a status (or "all", the empty one) was chosen.

    Officers work on open cases; decided ones of earlier years are one choice away. Counting and
    summing every application ever received grows with the register (16 ms at 94 000 on PostgreSQL,
    bench/worklist.py's "all received"), open cases stay about as many as one round brings.
    """
    if "status" in query:
        return query
    defaults = query.copy()
    defaults["status"] = OPEN
    return defaults


def received_applications() -> QuerySet[Application]:
    return Application.objects.exclude(status=Status.DRAFT)


def apply_filters(queryset: QuerySet[Application], data: dict) -> QuerySet[Application]:
    if data.get("call"):
        queryset = queryset.filter(call=data["call"])
    status = data.get("status")
    if status == OPEN:
        queryset = queryset.filter(status__in=OPEN_CASE)
    elif status:
        queryset = queryset.filter(status=status)
    if data.get("area"):
        queryset = queryset.filter(areas=data["area"])
    if data.get("county"):
        queryset = queryset.filter(municipality__county=data["county"])
    if data.get("national_area"):
        queryset = queryset.filter(municipality__national_area=data["national_area"])
    group = data.get("skr_group")
    if group:
        field = "municipality__skr_main_group" if len(group) == 1 else "municipality__skr_group_code"
        queryset = queryset.filter(**{field: group})
    if data.get("screening"):
        queryset = queryset.filter(screening_outcome=data["screening"])
    text = (data.get("q") or "").strip()
    if text:
        # The ids of the applications that match, as a union of one query per table, each answered
        # from its trigram index (migration 0005). An OR of three subqueries made PostgreSQL test
        # every application of the list against each (100 000 applications: 110 ms for one case).
        ids = Application.objects.order_by().values("pk")
        by_case = ids.filter(case__number__icontains=text)
        by_municipality = ids.filter(municipality__name__icontains=text)
        by_text = ids.filter(Q(administration__icontains=text) | Q(title__icontains=text))
        queryset = queryset.filter(pk__in=by_case.union(by_municipality, by_text))
    return queryset


def ordered(queryset: QuerySet[Application], data: dict) -> QuerySet[Application]:
    field = SORTS.get(data.get("sort") or "received", SORTS["received"])[0]
    prefix = "" if data.get("direction") == "asc" else "-"
    if field == "submitted_at":
        # Every received application has a time. Saying so lets PostgreSQL skip the drafts' empty
        # times at the newest end of the index: 6 000 drafts among 100 000 applications took the
        # page from under 1 ms to 51 ms.
        queryset = queryset.filter(submitted_at__isnull=False)
    return queryset.order_by(f"{prefix}{field}", "-id")


def everywhere(query: QueryDict, data: dict, found: Totals) -> str:
    """The query string of the same search among every received application, offered when a search
    found no open case (a decided one is what the officer is likely after); "" otherwise."""
    if found.count or not data.get("q") or data.get("status") != OPEN:
        return ""
    wider = query.copy()
    wider["status"] = ""
    return wider.urlencode()


def totals(queryset: QuerySet[Application]) -> Totals:
    # COUNT(*), not COUNT(id): PostgreSQL answers it from the (status, requested_amount) index alone.
    figures = queryset.order_by().aggregate(count=Count("*"), requested=Sum("requested_amount"))
    return Totals(figures["count"], figures["requested"] or Decimal(0))
