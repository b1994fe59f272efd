"""A map of Sweden's municipalities shaded by money granted, drawn on the server as SVG.

The boundaries (WGS84 longitude/latitude, ``bidra/municipalities/data/municipalities.geojson``)
are projected once with a simple equirectangular projection centred on 62° N, which keeps
Sweden's shape recognisable without a projection library: x = (lon − lon0)·cos 62°,
y = lat0 − lat. Coordinates are rounded to whole SVG units (about a kilometre) and the path
strings are cached for the life of the process, since the geometry never changes.

Classification: the granted amounts are split into at most five classes with about as many
municipalities in each (quantiles); the largest amount is always in the darkest class. Nothing
granted is a separate light grey. The legend states each class's lowest and highest amount.
"""

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, QuerySet, Sum
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bidra.core.money import format_kronor
from bidra.decisions.models import Decision
from bidra.municipalities.models import Municipality

GEOJSON = Path(__file__).resolve().parent.parent / "municipalities" / "data" / "municipalities.geojson"
REFERENCE_LATITUDE = 62.0
UNITS_PER_DEGREE = 100  # one unit ≈ 1.1 km north-south
MARGIN = 4  # SVG units around the country

# Light to dark (viridis, reversed): even steps in lightness, readable with the common forms of
# colour blindness; the two darkest differ by a contrast ratio of about 2:1.
PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_GRANT = "#e4e4e4"
BORDER = "#ffffff"
# The inset enlarges the county where municipalities are smallest on the map.
INSET_COUNTY = "01"


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    county_code: str
    d: str  # the SVG path
    bounds: tuple[int, int, int, int]  # min x, min y, max x, max y


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    shapes: tuple[Shape, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    def view_box_around(self, county_code: str, margin: int = 3) -> str:
        boxes = [shape.bounds for shape in self.shapes if shape.county_code == county_code]
        min_x = min(box[0] for box in boxes) - margin
        min_y = min(box[1] for box in boxes) - margin
        max_x = max(box[2] for box in boxes) + margin
        max_y = max(box[3] for box in boxes) + margin
        return f"{min_x} {min_y} {max_x - min_x} {max_y - min_y}"


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unexpected geometry type {geometry['type']}")


def _ring_path(points: list[tuple[int, int]]) -> str:
    """An absolute move, then relative lines (short numbers), closed."""
    first_x, first_y = points[0]
    steps = []
    previous_x, previous_y = first_x, first_y
    for x, y in points[1:]:
        steps.append(f"{x - previous_x} {y - previous_y}")
        previous_x, previous_y = x, y
    return f"M{first_x} {first_y}l{' '.join(steps)}z" if steps else f"M{first_x} {first_y}z"


@functools.lru_cache(maxsize=1)
def geometry() -> Geometry:
    """Every municipality's outline as an SVG path, projected and rounded (computed once)."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    longitudes, latitudes = [], []
    for feature in features:
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                for lon, lat in ring:
                    longitudes.append(lon)
                    latitudes.append(lat)
    squeeze = math.cos(math.radians(REFERENCE_LATITUDE))
    lon0, lat0 = min(longitudes), max(latitudes)

    def project(lon: float, lat: float) -> tuple[int, int]:
        x = (lon - lon0) * squeeze * UNITS_PER_DEGREE + MARGIN
        y = (lat0 - lat) * UNITS_PER_DEGREE + MARGIN
        return round(x), round(y)

    shapes = []
    for feature in features:
        properties = feature["properties"]
        parts: list[str] = []
        xs: list[int] = []
        ys: list[int] = []
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                points: list[tuple[int, int]] = []
                for lon, lat in ring:
                    point = project(lon, lat)
                    if not points or point != points[-1]:
                        points.append(point)
                if len(points) > 1 and points[0] == points[-1]:
                    points.pop()  # "z" closes the ring
                if len(set(points)) < 3 and parts:
                    continue  # an islet smaller than a unit; the municipality keeps its other parts
                parts.append(_ring_path(points))
                xs.extend(x for x, _ in points)
                ys.extend(y for _, y in points)
        shapes.append(
            Shape(
                code=properties["id"],
                name=properties["kom_namn"],
                county_code=properties["id"][:2],
                d="".join(parts),
                bounds=(min(xs), min(ys), max(xs), max(ys)),
            )
        )
    width = round((max(longitudes) - lon0) * squeeze * UNITS_PER_DEGREE) + 2 * MARGIN
    height = round((lat0 - min(latitudes)) * UNITS_PER_DEGREE) + 2 * MARGIN
    return Geometry(width=width, height=height, shapes=tuple(sorted(shapes, key=lambda shape: shape.code)))


# --- Money per municipality ---------------------------------------------------------------------
@dataclass(frozen=True)
class MunicipalityTotal:
    code: str
    name: str
    county: str
    amount: Decimal
    count: int


def totals_by_municipality(grants: QuerySet[Decision]) -> dict[str, MunicipalityTotal]:
    """Money granted and number of grants per municipality code, for the municipalities with grants."""
    rows = (
        Decision.objects.filter(pk__in=grants.values("pk"))
        .values(
            "application__municipality__code",
            "application__municipality__name",
            "application__municipality__county__name",
        )
        .annotate(amount=Sum("amount"), count=Count("id"))
        .order_by()
    )
    return {
        row["application__municipality__code"]: MunicipalityTotal(
            code=row["application__municipality__code"],
            name=row["application__municipality__name"],
            county=row["application__municipality__county__name"],
            amount=row["amount"],
            count=row["count"],
        )
        for row in rows
    }


# --- Classes ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One class of the legend: the amounts from ``lower`` to ``upper`` (inclusive) in ``colour``."""

    colour: str
    lower: Decimal
    upper: Decimal
    count: int  # municipalities in the class


def classify(amounts: Iterable[Decimal], palette: tuple[str, ...] = PALETTE) -> list[Step]:
    """Quantile classes over the positive amounts; at most one class per palette colour.

    With fewer distinct amounts than colours there are fewer classes; they are spread over the
    palette so that the largest amount always gets the darkest colour.
    """
    values = sorted(Decimal(amount) for amount in amounts if amount and amount > 0)
    if not values:
        return []
    wanted = min(len(palette), len(set(values)))
    uppers: list[Decimal] = []
    for index in range(1, wanted + 1):
        upper = values[math.ceil(index * len(values) / wanted) - 1]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    if len(uppers) == 1:
        colours = [palette[-1]]
    else:
        last = len(palette) - 1
        colours = [palette[round(index * last / (len(uppers) - 1))] for index in range(len(uppers))]
    steps = []
    below = Decimal(0)
    for colour, upper in zip(colours, uppers, strict=True):
        members = [value for value in values if below < value <= upper]
        steps.append(Step(colour=colour, lower=members[0], upper=upper, count=len(members)))
        below = upper
    return steps


def step_for(amount: Decimal | None, steps: list[Step]) -> Step | None:
    if not amount or amount <= 0:
        return None
    for step in steps:
        if amount <= step.upper:
            return step
    return steps[-1] if steps else None


# --- Drawing ------------------------------------------------------------------------------------
def _label(name: str, total: MunicipalityTotal | None) -> str:
    if total is None:
        return _("%(name)s: inget beviljat") % {"name": name}
    grants = ngettext("%(count)s bidrag", "%(count)s bidrag", total.count) % {"count": total.count}
    return f"{name}: {format_kronor(total.amount)} ({grants})"


def _paths(totals: dict[str, MunicipalityTotal], steps: list[Step], names: dict[str, str]) -> str:
    parts = []
    for shape in geometry().shapes:
        total = totals.get(shape.code)
        step = step_for(total.amount if total else None, steps)
        fill = step.colour if step else NO_GRANT
        label = escape(_label(names.get(shape.code, shape.name), total))
        parts.append(f'<path id="m{shape.code}" d="{shape.d}" fill="{fill}"><title>{label}</title></path>')
    return "".join(parts)


def render_svg(
    totals: dict[str, MunicipalityTotal], steps: list[Step], *, title: str, description: str, names: dict[str, str]
) -> SafeString:
    """The map as inline SVG: one path per municipality with its name and amount as a tooltip."""
    shape = geometry()
    return mark_safe(  # noqa: S308 - every text that goes in is escaped above or here  # nosec B308, B703
        f'<svg class="map-svg" xmlns="http://www.w3.org/2000/svg" viewBox="{shape.view_box}" '
        f'width="{shape.width}" height="{shape.height}" role="img" '
        f'aria-labelledby="map-title map-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(description)}</desc>'
        f'<g stroke="{BORDER}" stroke-width="0.6" stroke-linejoin="round">'
        f"{_paths(totals, steps, names)}</g></svg>"
    )


def render_inset(*, title: str) -> SafeString:
    """An enlargement of one county, reusing the main map's paths (``<use>``): no extra geometry."""
    shape = geometry()
    uses = "".join(f'<use href="#m{s.code}"/>' for s in shape.shapes if s.county_code == INSET_COUNTY)
    return mark_safe(  # noqa: S308 - the title is escaped; the rest is generated here  # nosec B308, B703
        f'<svg class="map-inset" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{shape.view_box_around(INSET_COUNTY)}" role="img" aria-label="{escape(title)}">'
        f'<g stroke="{BORDER}" stroke-width="0.25" stroke-linejoin="round">{uses}</g></svg>'
    )


@dataclass(frozen=True)
class MapData:
    totals: list[MunicipalityTotal]  # municipalities with grants, largest amount first
    steps: list[Step]
    svg: SafeString
    inset: SafeString
    amount: Decimal
    count: int
    without_grants: int  # municipalities with nothing granted


def map_data(grants: QuerySet[Decision], *, title: str, description: str) -> MapData:
    totals = totals_by_municipality(grants)
    steps = classify(total.amount for total in totals.values())
    names = dict(Municipality.objects.values_list("code", "name"))
    ordered = sorted(totals.values(), key=lambda total: (-total.amount, total.name))
    return MapData(
        totals=ordered,
        steps=steps,
        svg=render_svg(totals, steps, title=title, description=description, names=names),
        inset=render_inset(title=_("Förstoring av Stockholms län")),
        amount=sum((total.amount for total in ordered), Decimal(0)),
        count=sum(total.count for total in ordered),
        without_grants=len(geometry().shapes) - len(ordered),
    )
