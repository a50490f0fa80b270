"""The report's tables and charts: values by respondent and year, headline per year, activities
per linked goal. Each chart comes with a table of the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from mvkplan.models.items import IndicatorSpec
from mvkplan.models.values import format_reading, read_value
from mvkplan.publish.render.links import Urls
from mvkplan.publish.report.charts import Bar, ChartSpec, Group, bar_chart
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
    """A header cell: text, how many columns or rows it spans, what it heads, its id."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    scope: str = "col"
    id: str = ""
    short: str = ""
    """What a phone shows ('K' for 'Kvinnor'), the full text staying for screen readers."""


@dataclass(frozen=True)
class Cell:
    """A data cell and the ids of the header cells that head it (two-row heads only)."""

    text: str
    headers: str = ""


@dataclass
class TableView:
    """A table of values: one or two header rows, a first column of row headers."""

    caption: str
    head: list[list[HeadCell]]
    flat_head: list[str]
    """One header row for Markdown ('2024 kvinnor' …)."""
    rows: list[tuple[str, list[str]]]
    anchor: str = ""
    """Prefix of the header cells' ids, unique on the page."""
    colgroups: list[int] = field(default_factory=list)
    """Column spans of the ``<colgroup>``s (two-row heads), first the row headers' column."""
    cells: list[tuple[str, list[Cell]]] = field(default_factory=list)
    """The rows with each cell's ``headers`` (two-row heads), else empty."""
    short: bool = True
    """Cells hold short values (numbers, ja/nej) that never wrap; free text wraps."""

    @property
    def scrolls(self) -> bool:
        """Whether the table may be wider than a 320 px screen: only then is it put in a scroll
        box, a keyboard stop with the site's focus ring (issue 26.6). With headings that wrap
        inside words (the stylesheet's phone rules), up to eight columns of short values fit,
        e.g. two years of women, men and total with the change; three years do not."""
        return len(self.flat_head) > 8


SHORT_SEX = {"women": "K", "men": "M", "total": "Tot."}


def _caption(what: str, title: str) -> str:
    """'Värden per svarande och år: Arbetar ni med MVP?' – the title last, so that its own
    full stop or question mark never meets a colon (issue 24.7)."""
    return f"{what}: {title}"


def value_table(indicator: IndicatorReport, report: Report) -> TableView | None:
    """Values by respondent (rows) and year (× sex) with the change from the year before.

    Rows are the respondents expected to answer (those sent a workbook, when recorded) and
    everyone who gave a value; one without a value shows '–'."""
    if not indicator.observations:
        return None
    spec = indicator.spec
    years = list(indicator.observations)
    sexes = ["women", "men", "total"] if spec.per_sex else [None]
    keys: list[str | None] = []
    expected = [r.key for r in report.respondents if spec.reported_by and r.type in spec.reported_by]
    given = [o.respondent for obs in indicator.observations.values() for o in obs]
    for key in [*expected, *indicator.rollup.missing, *given]:
        if key not in keys:
            keys.append(key)
    change = spec.type in NUMERIC and len(years) > 1
    # the unit goes in the head, so that cells stay short enough for a phone; a soft hyphen
    # lets a narrow column break it as "procent-/enheter"
    changed = (f"Förändring från {years[-2]}" + (" (procent\u00adenheter)" if spec.type == "percent" else "")
               if change else "")
    prefix = "t-" + indicator.key.replace("/", "-")
    head: list[list[HeadCell]]
    if spec.per_sex:
        head = [[HeadCell("Svarande", rowspan=2, id=f"{prefix}-r")]
                + [HeadCell(str(y), colspan=3, scope="colgroup", id=f"{prefix}-{y}") for y in years]
                + ([HeadCell(changed, rowspan=2, id=f"{prefix}-c",
                             short=f"Förändr. från {years[-2]}")] if change else []),
                [HeadCell(SEX_LABELS[s], id=f"{prefix}-{y}-{s}", short=SHORT_SEX[s])
                 for y in years for s in sexes if s]]
        flat = ["Svarande"] + [f"{y} {SEX_LABELS[s].lower()}" for y in years for s in sexes if s]
    else:
        head = [[HeadCell("Svarande")] + [HeadCell(str(y)) for y in years]
                + ([HeadCell(changed)] if change else [])]
        flat = ["Svarande"] + [str(y) for y in years]
    if change:
        flat.append(changed)
    rows = []
    cells: list[tuple[str, list[Cell]]] = []
    for n, key in enumerate(keys):
        row: list[str] = []
        headers: list[str] = []
        found = {(y, o.sex): o for y, obs in indicator.observations.items()
                 for o in obs if o.respondent == key}
        for y in years:
            for s in sexes:
                obs = found.get((y, s)) or (found.get((y, None)) if s == "total" else None)
                row.append(format_reading(obs.reading, spec) if obs else "–")
                headers.append(f"{prefix}-row{n} {prefix}-{y} {prefix}-{y}-{s}")
        if change:
            row.append(_row_change(found, years, spec))
            headers.append(f"{prefix}-row{n} {prefix}-c")
        rows.append((respondent_name(report, key), row))
        if spec.per_sex:
            cells.append((f"{prefix}-row{n}", [Cell(t, h) for t, h in zip(row, headers, strict=True)]))
    colgroups = [1, *[3 for _ in years], *([1] if change else [])] if spec.per_sex else []
    return TableView(_caption("Värden per svarande och år", indicator.title), head, flat, rows,
                     prefix, colgroups, cells, spec.type in (*NUMERIC, "yes-no"))


def _row_change(found: dict[tuple[int, str | None], Observation], years: list[int],
                spec: IndicatorSpec) -> str:
    def total(year: int) -> float | None:
        obs = found.get((year, "total")) or found.get((year, None))
        return obs.reading if obs and isinstance(obs.reading, float) else None

    now, before = total(years[-1]), total(years[-2])
    if now is None or before is None:
        return "–"
    return change_text(now - before, spec).removesuffix(" procentenheter")


def _answers(count: int) -> str:
    return f"{count} svar" if count != 1 else "1 svar"


def _groups(indicator: IndicatorReport) -> list[Group]:
    """The chart's bars: the baseline (not for counts: a sum over other respondents), then one
    group per year, women and men where the values are per sex, else the headline."""
    spec = indicator.spec
    groups = []
    if spec.baseline and spec.type != "count":
        reading = read_value(spec.baseline.value, spec)
        if isinstance(reading, float):
            groups.append(Group(f"Utg. {spec.baseline.year}", "",
                                [Bar("baseline", reading, headline_text(reading, spec))]))
    for figure in indicator.history:
        if spec.per_sex and (figure.women is not None or figure.men is not None):
            bars = [Bar(s, v, headline_text(v, spec))
                    for s, v in (("women", figure.women), ("men", figure.men)) if v is not None]
        elif figure.headline is not None:
            bars = [Bar("total", figure.headline, headline_text(figure.headline, spec))]
        else:
            continue
        groups.append(Group(str(figure.year), _answers(figure.respondents), bars))
    return groups


def _target(spec: IndicatorSpec) -> float | None:
    if spec.target and spec.target.value is not None and spec.type in ("number", "percent"):
        reading = read_value(spec.target.value, spec)
        return reading if isinstance(reading, float) else None
    return None


def chart(anchor: str, indicator: IndicatorReport) -> Markup | None:
    """A bar chart per year (and the baseline), women and men apart where values are per sex,
    with the respondents each year covers under it and the target as a line."""
    groups = _groups(indicator)
    if not any(g.note for g in groups):
        return None
    spec = indicator.spec
    target = _target(spec)
    label = headline_label(spec)
    per_sex = any(b.series in ("women", "men") for g in groups for b in g.bars)
    legend = (("women", "Kvinnor"), ("men", "Män")) if per_sex else ()
    unit = "%" if spec.type in ("percent", "yes-no", "choice") else (spec.unit or "")
    axis = label.capitalize() + (f" ({unit})" if unit else "")
    names = dict(legend)
    description = (f"Stapeldiagram, {label} per år" + (", kvinnor och män" if per_sex else "")
                   + ": " + "; ".join(
                       f"{g.label}: " + ", ".join(
                           (f"{names[b.series].lower()} " if b.series in names else "") + b.shown
                           for b in g.bars) + (f" ({g.note})" if g.note else "")
                       for g in groups)
                   + (f". Mål: {headline_text(target, spec)}." if target is not None else "."))
    return bar_chart(ChartSpec(
        f"diagram-{anchor.replace('/', '-')}", f"{indicator.title} ({label})", description, axis,
        groups, target, f"Mål {headline_text(target, spec)}" if target is not None else None,
        legend, spec.type in ("percent", "yes-no", "choice")))


def chart_table(indicator: IndicatorReport) -> TableView | None:
    """The chart's numbers as a table: per year the headline (and women's and men's) and how
    many respondents it covers."""
    groups = _groups(indicator)
    if not any(g.note for g in groups):
        return None
    spec = indicator.spec
    label = headline_label(spec).capitalize()
    per_sex = any(b.series in ("women", "men") for g in groups for b in g.bars)

    def shown(value: float | None) -> str:
        return headline_text(value, spec) if value is not None else "–"

    rows = [(g.label, [*(["–", "–"] if per_sex else []), g.bars[0].shown, "–"])
            for g in groups if not g.note]
    for f in indicator.history:
        if f.headline is None and f.women is None and f.men is None:
            continue
        rows.append((str(f.year), [*([shown(f.women), shown(f.men)] if per_sex else []),
                                   shown(f.headline), str(f.respondents)]))
    flat = ["År", *(["Kvinnor", "Män"] if per_sex else []), label, "Svar"]
    return TableView(_caption(f"Diagrammets värden ({label.lower()} per år)", indicator.title),
                     [[HeadCell(c) for c in flat]], flat, rows)


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
