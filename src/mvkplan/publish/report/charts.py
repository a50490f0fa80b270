"""Small static bar charts as inline SVG: no script, a title and a description for screen
readers, colours from the stylesheet (classes, no inline styles, so the page's CSP holds).
The same numbers are always printed in a table beside the chart."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 320
HEIGHT = 170
TOP = 22
BOTTOM = 26
LEFT = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its label under the axis, its value and the value as printed."""

    label: str
    value: float
    shown: str
    baseline: bool = False


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar],
              target: float | None = None, target_label: str | None = None) -> Markup:
    """An SVG bar chart; bars scale to the largest value (or the target, or 100 for shares)."""
    top = max([b.value for b in bars] + ([target] if target is not None else []) + [0.0])
    scale_max = top if top > 0 else 1.0
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * LEFT) / max(len(bars), 1)
    width = min(56.0, slot * 0.6)
    parts = [
        Markup('<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
               'width="{w}" height="{h}" role="img" aria-labelledby="{i}-title {i}-desc">')
        .format(w=WIDTH, h=HEIGHT, i=chart_id),
        Markup('<title id="{}-title">{}</title>').format(chart_id, title),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, description),
        Markup('<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(
            LEFT, HEIGHT - BOTTOM, WIDTH - LEFT, HEIGHT - BOTTOM),
    ]
    for n, bar in enumerate(bars):
        height = max(0.0, bar.value) / scale_max * plot
        x = LEFT + slot * n + (slot - width) / 2
        y = HEIGHT - BOTTOM - height
        cls = "chart-bar chart-baseline" if bar.baseline else "chart-bar"
        parts.append(Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>')
                     .format(cls, x, y, width, height))
        parts.append(Markup('<text class="chart-value" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>')
                     .format(x + width / 2, y - 5, bar.shown))
        parts.append(Markup('<text class="chart-label" x="{:.1f}" y="{}" text-anchor="middle">{}</text>')
                     .format(x + width / 2, HEIGHT - BOTTOM + 17, bar.label))
    if target is not None:
        y = HEIGHT - BOTTOM - max(0.0, target) / scale_max * plot
        parts.append(Markup('<line class="chart-target" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>')
                     .format(LEFT, y, WIDTH - LEFT, y))
        if target_label:
            parts.append(Markup('<text class="chart-target-label" x="{}" y="{:.1f}" '
                                'text-anchor="end">{}</text>').format(WIDTH - LEFT, y - 4,
                                                                       escape(target_label)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
