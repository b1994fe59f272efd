"""The follow-up report's content, shared by the HTML page, the PDF and the management command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import charts
from .figures import FollowupFigures, GroupFigures, compute


@dataclass(frozen=True)
class Chart:
    id: str
    heading: str
    svg: SafeString
    groups: list[GroupFigures]  # the data table shown next to the chart
    note: str = ""


def group_chart(id: str, heading: str, desc: str, groups: list[GroupFigures], note: str = "") -> Chart:
    rows = [(g.label, g.granted) for g in groups]
    return Chart(id, heading, mark_safe(charts.bar_chart(heading, desc, rows)), groups, note)  # noqa: S308 - escaped  # nosec B308, B703


def draw_charts(figures: FollowupFigures) -> dict[str, object]:
    year, last = figures.year, figures.year - 1
    money = [c for c in figures.comparison if c.is_money and c.this_year is not None and c.last_year is not None]
    comparison_title = _("Nyckeltal %(year)s jämfört med %(last)s") % {"year": year, "last": last}
    comparison_svg = charts.grouped_bar_chart(
        comparison_title,
        _("Sökt, beviljat, utbetalt och återkrävt belopp år %(year)s och år %(last)s, i kronor.")
        % {"year": year, "last": last},
        [str(c.label) for c in money],
        [(str(year), [int(c.this_year or 0) for c in money]), (str(last), [int(c.last_year or 0) for c in money])],
    )
    desc = _("Beviljat belopp år %(year)s per %(what)s, i kronor.")
    return {
        "comparison_chart": mark_safe(comparison_svg),  # noqa: S308 - every label is escaped  # nosec B308, B703
        "charts": [
            group_chart(
                "landsdel",
                _("Beviljat per landsdel"),
                desc % {"year": year, "what": _("landsdel")},
                figures.by_national_area,
            ),
            group_chart("lan", _("Beviljat per län"), desc % {"year": year, "what": _("län")}, figures.by_county),
            group_chart(
                "skr-huvudgrupp",
                _("Beviljat per SKR-huvudgrupp"),
                desc % {"year": year, "what": _("SKR-huvudgrupp")},
                figures.by_skr_main_group,
            ),
            group_chart(
                "skr-grupp",
                _("Beviljat per SKR-kommungrupp"),
                desc % {"year": year, "what": _("SKR-kommungrupp")},
                figures.by_skr_group,
            ),
            group_chart(
                "omrade",
                _("Beviljat per område"),
                desc % {"year": year, "what": _("område")},
                figures.by_area,
                note=_(
                    "En ansökan kan ange flera områden. Hela beloppet räknas under varje område som ansökan "
                    "anger, så summan över områdena kan bli större än totalen."
                ),
            ),
        ],
    }


def build(programme, year: int, step: Callable[[str], None] | None = None) -> dict[str, object]:
    """Compute the figures and draw the charts; ``step`` is told when each part starts (progress bars)."""
    if step:
        step(_("Beräknar nyckeltal"))
    figures = compute(programme, year)
    if step:
        step(_("Ritar diagram"))
    return {"figures": figures, "programme": programme, "year": year, **draw_charts(figures)}
