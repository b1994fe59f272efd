"""Which municipalities the grant and the network have reached, and which not at all."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from bidra.applications.models import Application
from bidra.municipalities.models import Municipality
from bidra.public.map import BORDER, geometry, render_inset

APPLIED, REACHED, NEITHER = "applied", "reached", "neither"
COLOURS = {APPLIED: "#21918c", REACHED: "#fde725", NEITHER: "#e4e4e4"}


def labels() -> dict[str, str]:
    return {
        APPLIED: _("Har sökt bidrag"),
        REACHED: _("Nådd genom nätverket, har inte sökt"),
        NEITHER: _("Varken sökt eller nådd"),
    }


def status_by_code() -> dict[str, str]:
    """Municipality code -> applied / reached / neither, over every call and meeting."""
    applied = set(Application.objects.exclude(status="draft").values_list("municipality__code", flat=True).distinct())
    reached = set(Municipality.objects.filter(network_member__isnull=False).values_list("code", flat=True))
    reached |= set(Municipality.objects.filter(network_meetings__isnull=False).values_list("code", flat=True))
    return {
        code: APPLIED if code in applied else REACHED if code in reached else NEITHER
        for code in Municipality.objects.values_list("code", flat=True)
    }


def never_reached(municipalities: QuerySet[Municipality], statuses: dict[str, str]) -> list[Municipality]:
    return [m for m in municipalities.select_related("county") if statuses.get(m.code) == NEITHER]


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str
    count: int


def render_map(statuses: dict[str, str], shown: set[str], *, title: str, description: str) -> SafeString:
    """The public map's geometry shaded by outreach; municipalities outside the filter are faded."""
    names = dict(Municipality.objects.values_list("code", "name"))
    text = labels()
    parts = []
    for shape in geometry().shapes:
        status = statuses.get(shape.code, NEITHER)
        opacity = "" if shape.code in shown else ' fill-opacity="0.25"'
        label = escape(f"{names.get(shape.code, shape.name)}: {text[status]}")
        parts.append(
            f'<path id="m{shape.code}" d="{shape.d}" fill="{COLOURS[status]}"{opacity}><title>{label}</title></path>'
        )
    shape = geometry()
    return mark_safe(  # noqa: S308 - every text that goes in is escaped  # nosec B308, B703
        f'<svg class="map-svg" xmlns="http://www.w3.org/2000/svg" viewBox="{shape.view_box}" '
        f'width="{shape.width}" height="{shape.height}" role="img" aria-labelledby="map-title map-desc" '
        f'preserveAspectRatio="xMidYMid meet"><title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
        f'<g stroke="{BORDER}" stroke-width="0.6" stroke-linejoin="round">{"".join(parts)}</g></svg>'
    )


def legend(statuses: dict[str, str], shown: set[str]) -> list[LegendItem]:
    text = labels()
    return [
        LegendItem(COLOURS[key], text[key], sum(1 for code in shown if statuses.get(code) == key))
        for key in (APPLIED, REACHED, NEITHER)
    ]


def inset() -> SafeString:
    return render_inset(title=_("Förstoring av Stockholms län"))
