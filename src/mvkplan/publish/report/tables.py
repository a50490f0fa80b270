"""The report's tables and charts: values by respondent and year, headline per year, activities
per linked goal. Each chart comes with a table of the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from mvkplan.models.items import IndicatorSpec
from mvkplan.models.values import format_reading, read_value
from mvkplan.publish.render.links import Urls
from mvkplan.publish.report.charts import Bar, bar_chart
from mvkplan.publish.report.formatting import (
    SEX_LABELS,
    STATUS_LABELS,
    change_text,
    headline_label,
    headline_text,
    respondent_name,
)
from mvkplan.views.report.build import IndicatorReport, Report
from mvkplan.views.report.rollup import NUMERIC, Observation


@dataclass(frozen=True)


class HeadCell:
    """A header cell: text, how many columns or rows it spans, what it heads."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    scope: str = "col"


@dataclass


class TableView:
    """A table of values: one or two header rows, a first column of row headers."""

    caption: str
    head: list[list[HeadCell]]
    flat_head: list[str]
    """One header row for Markdown ('2024 kvinnor' …)."""
    rows: list[tuple[str, list[str]]]


def value_table(indicator: IndicatorReport, report: Report) -> TableView | None:
    """Values by respondent (rows) and year (× sex) with the change from the year before."""
    if not indicator.observations:
        return None
    spec = indicator.spec
    years = list(indicator.observations)
    sexes = ["women", "men", "total"] if spec.per_sex else [None]
    keys: list[str | None] = []
    expected = [r.key for r in report.respondents if spec.reported_by and r.type in spec.reported_by]
    given = [o.respondent for obs in indicator.observations.values() for o in obs]
    for key in [*expected, *given]:
        if key not in keys:
            keys.append(key)
    change = spec.type in NUMERIC and len(years) > 1
    head: list[list[HeadCell]]
    if spec.per_sex:
        head = [[HeadCell("Svarande", rowspan=2)]
                + [HeadCell(str(y), colspan=3, scope="colgroup") for y in years]
                + ([HeadCell(f"Förändring från {years[-2]}", rowspan=2)] if change else []),
                [HeadCell(SEX_LABELS[s]) for _ in years for s in sexes if s]]
        flat = ["Svarande"] + [f"{y} {SEX_LABELS[s].lower()}" for y in years for s in sexes if s]
    else:
        head = [[HeadCell("Svarande")] + [HeadCell(str(y)) for y in years]
                + ([HeadCell(f"Förändring från {years[-2]}")] if change else [])]
        flat = ["Svarande"] + [str(y) for y in years]
    if change:
        flat.append(f"Förändring från {years[-2]}")
    rows = []
    for key in keys:
        cells = []
        found = {(y, o.sex): o for y, obs in indicator.observations.items()
                 for o in obs if o.respondent == key}
        for y in years:
            for s in sexes:
                obs = found.get((y, s)) or (found.get((y, None)) if s == "total" else None)
                cells.append(format_reading(obs.reading, spec) if obs else "–")
        if change:
            cells.append(_row_change(found, years, spec))
        rows.append((respondent_name(report, key), cells))
    caption = f"{indicator.title}: värden per svarande och år"
    return TableView(caption, head, flat, rows)


def _row_change(found: dict[tuple[int, str | None], Observation], years: list[int],
                spec: IndicatorSpec) -> str:
    def total(year: int) -> float | None:
        obs = found.get((year, "total")) or found.get((year, None))
        return obs.reading if obs and isinstance(obs.reading, float) else None

    now, before = total(years[-1]), total(years[-2])
    return change_text(now - before, spec) if now is not None and before is not None else "–"


def _chart_points(indicator: IndicatorReport) -> list[Bar]:
    spec = indicator.spec
    bars = []
    if spec.baseline:
        reading = read_value(spec.baseline.value, spec)
        if isinstance(reading, float) and spec.type != "count":
            bars.append(Bar(f"Utg. {spec.baseline.year}", reading, headline_text(reading, spec), True))
    for year, value in indicator.history:
        if value is not None:
            bars.append(Bar(str(year), value, headline_text(value, spec)))
    return bars


def chart(anchor: str, indicator: IndicatorReport) -> Markup | None:
    """A bar chart of the headline per year (and the baseline), with the target as a line."""
    bars = [b for b in _chart_points(indicator) if not b.baseline]
    if not bars:
        return None
    all_bars = _chart_points(indicator)
    spec = indicator.spec
    target = None
    if spec.target and spec.target.value is not None and spec.type in ("number", "percent"):
        reading = read_value(spec.target.value, spec)
        target = reading if isinstance(reading, float) else None
    label = headline_label(spec)
    description = f"Stapeldiagram, {label} per år: " + "; ".join(
        f"{b.label}: {b.shown}" for b in all_bars) + (
        f". Mål: {headline_text(target, spec)}." if target is not None else ".")
    return bar_chart(f"diagram-{anchor.replace('/', '-')}", f"{indicator.title} ({label})", description, all_bars,
                     target, f"Mål {headline_text(target, spec)}" if target is not None else None)


def chart_table(indicator: IndicatorReport) -> TableView | None:
    """The chart's numbers as a table."""
    bars = _chart_points(indicator)
    if not any(not b.baseline for b in bars):
        return None
    label = headline_label(indicator.spec).capitalize()
    return TableView(f"{indicator.title}: {label.lower()} per år", [[HeadCell("År"), HeadCell(label)]],
                     ["År", label], [(b.label, [b.shown]) for b in bars])


def by_link_table(report: Report, urls: Urls) -> TableView | None:
    """Activities by status per linked goal (delmål)."""
    if not report.by_link:
        return None
    head = [[HeadCell("Mål")] + [HeadCell(STATUS_LABELS[s]) for s in STATUS_LABELS]
            + [HeadCell("Totalt")]]
    rows = []
    for count in report.by_link:
        item = urls.index.item(count.key)
        name = item.title if item else count.key
        rows.append((name, [str(count.counts.get(s, 0)) for s in STATUS_LABELS] + [str(count.total)]))
    flat = [c.text for c in head[0]]
    return TableView("Aktiviteter per mål och status", head, flat, rows)
