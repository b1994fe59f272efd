"""Hand-built, accessible SVG bar charts (no JavaScript, no library), rendered on the server.

Each function returns an SVG document fragment as a string: ``role="img"`` with ``<title>`` and
``<desc>`` referenced by ``aria-labelledby``; every label is escaped. Pages show a data table with
the same figures next to each chart, so the chart is never the only way to read them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from html import escape

BAR_COLOURS = ("#1f4e79", "#c55a11")  # dark blue, dark orange: both ≥ 4.5:1 against white
TEXT = "#1a1a1a"
GRID = "#d0d0d0"
FONT = "DejaVu Sans, Arial, sans-serif"
LABEL_CHARS = 42
_ids = itertools.count(1)


def format_number(value: int | float, unit: str = "kr") -> str:
    """Swedish grouping with a (non-breaking) space: 1 250 000 kr."""
    text = f"{round(value):,}".replace(",", "\u00a0")
    return f"{text}\u00a0{unit}" if unit else text


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _label_width(labels: Sequence[str]) -> int:
    longest = max((len(_short(label)) for label in labels), default=10)
    return min(300, max(90, int(longest * 6.6) + 12))


def _open(width: int, height: int, title: str, desc: str, prefix: str) -> list[str]:
    n = next(_ids)
    title_id, desc_id = f"{prefix}-title-{n}", f"{prefix}-desc-{n}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{title_id} {desc_id}" class="chart" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]


def _nice_max(value: float) -> float:
    """A round axis maximum ≥ value (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _axis(parts: list[str], left: int, top: int, plot_width: int, plot_height: int, maximum: float, unit: str):
    ticks = max(2, min(4, plot_width // 100))  # fewer grid lines on a narrow plot, so tick labels never overlap
    for i in range(ticks + 1):
        x = left + plot_width * i / ticks
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_height}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_height + 14}" text-anchor="middle" fill="{TEXT}" font-size="10">'
            f"{escape(format_number(maximum * i / ticks, unit))}</text>"
        )


def bar_chart(title: str, desc: str, rows: Sequence[tuple[str, int]], *, unit: str = "kr", width: int = 680) -> str:
    """A horizontal bar chart: one bar per (label, value), value written at the bar's end."""
    label_width = _label_width([label for label, _ in rows])
    bar, gap, top = 18, 8, 8
    plot_height = max(1, len(rows)) * (bar + gap)
    height = top + plot_height + 26
    left = label_width
    plot_width = width - left - 110
    maximum = _nice_max(max((value for _, value in rows), default=0))
    parts = _open(width, height, title, desc, "bar")
    _axis(parts, left, top, plot_width, plot_height, maximum, unit)
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar + gap) + gap / 2
        length = plot_width * value / maximum if maximum else 0
        text = format_number(value, unit)
        parts.append("<g>")
        parts.append(f"<title>{escape(label)}: {escape(text)}</title>")
        parts.append(
            f'<text x="{left - 6}" y="{y + bar * 0.72:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(_short(label))}</text>"
        )
        parts.append(f'<rect x="{left}" y="{y:.1f}" width="{length:.1f}" height="{bar}" fill="{BAR_COLOURS[0]}"/>')
        parts.append(f'<text x="{left + length + 4:.1f}" y="{y + bar * 0.72:.1f}" fill="{TEXT}">{escape(text)}</text>')
        parts.append("</g>")
    if not rows:
        parts.append(f'<text x="{left}" y="{top + 14}" fill="{TEXT}">–</text>')
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    unit: str = "kr",
    width: int = 680,
) -> str:
    """Horizontal grouped bars: for each category one bar per series (e.g. this year and last year)."""
    label_width = _label_width(categories)
    bar, inner, gap, top = 14, 2, 12, 28  # the legend sits above the plot
    per_group = len(series) * (bar + inner) + gap
    plot_height = max(1, len(categories)) * per_group
    height = top + plot_height + 26
    left = label_width
    plot_width = width - left - 110
    values = [v for _, vals in series for v in vals]
    maximum = _nice_max(max(values, default=0))
    parts = _open(width, height, title, desc, "grouped")
    for s, (name, _vals) in enumerate(series):  # legend
        x = left + s * 150
        colour = BAR_COLOURS[s % len(BAR_COLOURS)]
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{4 + 10}" fill="{TEXT}">{escape(name)}</text>')
    _axis(parts, left, top, plot_width, plot_height, maximum, unit)
    for c, category in enumerate(categories):
        y0 = top + c * per_group + gap / 2
        parts.append("<g>")
        parts.append(
            f'<text x="{left - 6}" y="{y0 + len(series) * (bar + inner) / 2 + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(_short(category))}</text>'
        )
        for s, (name, vals) in enumerate(series):
            value = vals[c]
            y = y0 + s * (bar + inner)
            length = plot_width * value / maximum if maximum else 0
            text = format_number(value, unit)
            colour = BAR_COLOURS[s % len(BAR_COLOURS)]
            parts.append(
                f'<rect x="{left}" y="{y:.1f}" width="{length:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{escape(category)}, {escape(name)}: {escape(text)}</title></rect>"
            )
            parts.append(
                f'<text x="{left + length + 4:.1f}" y="{y + bar * 0.8:.1f}" fill="{TEXT}" font-size="10">'
                f"{escape(text)}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
