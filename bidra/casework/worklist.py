"""The officers' work list: filters, search, sorting and totals over received applications."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from bidra.applications.models import Application, ScreeningOutcome
from bidra.applications.workflow import Status
from bidra.diarium.models import Case
from bidra.municipalities.models import County, Municipality, NationalArea, SkrMainGroup
from bidra.programmes.models import Area, Call

SORTS = {
    "received": ("submitted_at", _("Inkom")),
    "municipality": ("municipality__name", _("Kommun")),
    "title": ("title", _("Insats")),
    "amount": ("requested_amount", _("Sökt belopp")),
    "case": ("case__number", _("Diarienummer")),
}
PAGE_SIZE = 60


class WorklistFilter(forms.Form):
    is_filter = True  # every field is optional; the template does not mark them
    q = forms.CharField(label=_("Sök"), required=False, help_text=_("Diarienummer, kommun, förvaltning eller insats."))
    call = forms.ModelChoiceField(Call.objects.all(), label=_("Utlysning"), required=False, empty_label=_("Alla"))
    status = forms.ChoiceField(label=_("Status"), required=False)
    area = forms.ModelChoiceField(Area.objects.none(), label=_("Område"), required=False, empty_label=_("Alla"))
    county = forms.ModelChoiceField(County.objects.all(), label=_("Län"), required=False, empty_label=_("Alla"))
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
        self.fields["status"].choices = every + received
        self.fields["area"].queryset = Area.objects.select_related("programme").filter(is_active=True)
        self.fields["national_area"].choices = every + list(NationalArea.choices)
        skr_codes = [(f"{m}{n}", f"{m}{n}") for m in "ABC" for n in range(1, 10)]
        self.fields["skr_group"].choices = every + [(m.value, m.label) for m in SkrMainGroup] + skr_codes
        self.fields["screening"].choices = [
            *every,
            (ScreeningOutcome.PASSED, ScreeningOutcome.PASSED.label),
            (ScreeningOutcome.FAILED, ScreeningOutcome.FAILED.label),
        ]


@dataclass
class Totals:
    count: int
    requested: Decimal


def received_applications() -> QuerySet[Application]:
    return Application.objects.exclude(status=Status.DRAFT)


def apply_filters(queryset: QuerySet[Application], data: dict) -> QuerySet[Application]:
    if data.get("call"):
        queryset = queryset.filter(call=data["call"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
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
        # One subquery per table, so that PostgreSQL can answer each from its trigram indexes
        # (migration 0005); an OR across joined tables would compare the text on every row.
        own_text = Q(administration__icontains=text) | Q(title__icontains=text)
        queryset = queryset.filter(
            Q(case__in=Case.objects.filter(number__icontains=text).values("pk"))
            | Q(municipality__in=Municipality.objects.filter(name__icontains=text).values("pk"))
            | Q(pk__in=Application.objects.filter(own_text).values("pk"))
        )
    return queryset


def ordered(queryset: QuerySet[Application], data: dict) -> QuerySet[Application]:
    field = SORTS.get(data.get("sort") or "received", SORTS["received"])[0]
    prefix = "" if data.get("direction") == "asc" else "-"
    return queryset.order_by(f"{prefix}{field}", "-id")


def totals(queryset: QuerySet[Application]) -> Totals:
    figures = queryset.order_by().aggregate(count=Count("id"), requested=Sum("requested_amount"))
    return Totals(figures["count"], figures["requested"] or Decimal(0))
