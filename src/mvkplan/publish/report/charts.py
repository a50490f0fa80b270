"""Static bar charts as inline SVG: no script, a title and a description for screen readers,
colours from the stylesheet (classes, no inline styles, so the page's CSP holds).

A chart has a labelled value axis with ticks, one group of bars per year (women and men side
by side where values are per sex), how many respondents each year covers under its label, and
the target as a dashed line. Text and axes are drawn in ``currentColor`` so that forced colours
(Windows high contrast) keep them visible; the stylesheet's report block says so too. The
same numbers are always printed in a table beside the chart."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from mvkplan.models.values import format_number

WIDTH = 360
HEIGHT = 230
TOP = 34
BOTTOM = 44
LEFT = 48
RIGHT = 10
TICKS = 4


@dataclass(frozen=True)
class Bar:
    """One bar: its series ('total', 'women', 'men' or 'baseline'), value and value as printed."""

    series: str
    value: float
    shown: str


@dataclass(frozen=True)
class Group:
    """The bars of one year (or the baseline) with the label and the note under them."""

    label: str
    note: str
    bars: list[Bar]


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: the groups, the value axis's title, the target line and the legend."""

    chart_id: str
    title: str
    description: str
    axis_title: str
    groups: list[Group]
    target: float | None = None
    target_label: str | None = None
    legend: tuple[tuple[str, str], ...] = ()
    """(series, label) for series that need one, e.g. ('women', 'Kvinnor')."""
    percent: bool = False
    """Values are shares: the axis ends at 100 at least."""


def nice_top(largest: float, percent: bool) -> float:
    """The axis's end: 100 for shares up to 100, else a round number at or above ``largest``."""
    if percent and largest <= 100:
        return 100.0
    if largest <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(largest / TICKS))
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor * TICKS >= largest:
            return float(step * factor * TICKS)
    return float(step * 10 * TICKS)  # pragma: no cover - the loop always returns


def bar_chart(spec: ChartSpec) -> Markup:
    """The chart as an ``<svg>`` element."""
    values = [b.value for g in spec.groups for b in g.bars]
    top = nice_top(max([*values, spec.target or 0.0, 0.0]), spec.percent)
    plot_height = HEIGHT - TOP - BOTTOM
    base = HEIGHT - BOTTOM

    def y_of(value: float) -> float:
        return base - max(0.0, value) / top * plot_height

    i = spec.chart_id
    parts = [
        Markup('<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
               'width="{w}" height="{h}" role="img" aria-labelledby="{i}-title {i}-desc">')
        .format(w=WIDTH, h=HEIGHT, i=i),
        Markup('<title id="{}-title">{}</title>').format(i, spec.title),
        Markup('<desc id="{}-desc">{}</desc>').format(i, spec.description),
        Markup('<defs><pattern id="{}-hatch" class="chart-hatch" width="6" height="6" '
               'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
               '<rect class="chart-men-fill" width="6" height="6"/>'
               '<line class="chart-hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>')
        .format(i),
        Markup('<text class="chart-axis-title" x="{}" y="14">{}</text>').format(4, spec.axis_title),
    ]
    for n in range(TICKS + 1):
        value = top * n / TICKS
        y = y_of(value)
        parts.append(Markup('<line class="chart-grid" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>')
                     .format(LEFT, y, WIDTH - RIGHT, y))
        parts.append(Markup('<text class="chart-tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>')
                     .format(LEFT - 6, y + 4, format_number(value)))
    parts.append(Markup('<line class="chart-axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>'
                        '<line class="chart-axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/>')
                 .format(l=LEFT, t=TOP, b=base, r=WIDTH - RIGHT))
    slot = (WIDTH - LEFT - RIGHT) / max(len(spec.groups), 1)
    for n, group in enumerate(spec.groups):
        width = min(40.0, slot * 0.7 / max(len(group.bars), 1))
        start = LEFT + slot * n + (slot - width * len(group.bars)) / 2
        for m, bar in enumerate(group.bars):
            x = start + width * m
            parts.append(_bar(i, bar, x, y_of(bar.value), width, base))
            parts.append(Markup('<text class="chart-value" x="{:.1f}" y="{:.1f}" '
                                'text-anchor="middle">{}</text>')
                         .format(x + width / 2, y_of(bar.value) - 4, bar.shown))
        middle = LEFT + slot * n + slot / 2
        parts.append(Markup('<text class="chart-label" x="{:.1f}" y="{}" text-anchor="middle">{}</text>')
                     .format(middle, base + 16, group.label))
        if group.note:
            parts.append(Markup('<text class="chart-note" x="{:.1f}" y="{}" text-anchor="middle">{}'
                                '</text>').format(middle, base + 31, group.note))
    if spec.target is not None:
        y = y_of(spec.target)
        parts.append(Markup('<line class="chart-target" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>')
                     .format(LEFT, y, WIDTH - RIGHT, y))
        if spec.target_label:
            parts.append(Markup('<text class="chart-target-label" x="{}" y="{:.1f}" '
                                'text-anchor="end">{}</text>')
                         .format(WIDTH - RIGHT, y - 4, spec.target_label))
    parts.extend(_legend(i, spec.legend))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _bar(chart_id: str, bar: Bar, x: float, y: float, width: float, base: float) -> Markup:
    """A bar; men's are hatched so that women and men differ in more than colour."""
    fill = Markup(' fill="url(#{}-hatch)"').format(chart_id) if bar.series == "men" else Markup("")
    return Markup('<rect class="chart-bar chart-{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" '
                  'height="{:.1f}"{}/>').format(bar.series, x, y, width, base - y, fill)


def _legend(chart_id: str, legend: tuple[tuple[str, str], ...]) -> list[Markup]:
    parts = []
    x = float(WIDTH - RIGHT - 90 * len(legend))
    for series, label in legend:
        parts.append(_bar(chart_id, Bar(series, 0, ""), x, 6, 10, 16))
        parts.append(Markup('<text class="chart-legend" x="{:.1f}" y="15">{}</text>')
                     .format(x + 14, label))
        x += 90
    return parts
