"""The report's view: every number formatted the Swedish way, every label in Swedish.

Templates (``html/report.html``, ``md/report.md``) only print these values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from mvkplan.followup.charts import Bar, bar_chart
from mvkplan.followup.report import (
    AreaReport,
    GoalReport,
    IndicatorReport,
    Report,
    RespondentInfo,
)
from mvkplan.followup.rollup import NUMERIC, IndicatorRollup, Observation
from mvkplan.followup.values import format_number, format_reading, read_value
from mvkplan.models.items import IndicatorSpec
from mvkplan.recording.values import origin_summary
from mvkplan.render.links import Urls
from mvkplan.render.markdown import Writer

_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
SEX_LABELS = {"women": "Kvinnor", "men": "Män", "total": "Totalt"}
STATUS_LABELS = {"planned": "Planerad", "ongoing": "Pågår", "done": "Genomförd",
                 "postponed": "Uppskjuten", "cancelled": "Inställd"}
JUDGEMENT_LABELS = {"green": "Grön", "yellow": "Gul", "red": "Röd"}
JUDGEMENT_TEXT = {"green": "på väg mot målet", "yellow": "delvis på väg mot målet",
                  "red": "inte på väg mot målet"}
TYPE_LABELS = {"number": "tal", "percent": "procent", "count": "antal", "yes-no": "ja/nej",
               "choice": "svarsalternativ", "text": "text"}
RESPONDENT_PLURAL = {"municipality": "kommuner", "region": "regioner",
                     "authority": "myndigheter", "organisation": "organisationer"}


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


@dataclass
class IndicatorView:
    """One indicator as the report shows it."""

    anchor: str
    title: str
    facts: list[tuple[str, str]]
    national: list[tuple[str, str | None]]
    table: TableView | None
    rollup: list[str]
    chart: Markup | None
    chart_table: TableView | None
    comments: list[tuple[str, str]]


@dataclass
class GoalView:
    """A goal with its indicators and assessment."""

    anchor: str
    title: Markup | str
    planned: list[str]
    indicators: list[IndicatorView]
    assessment: Markup | str | None
    judgement: str | None
    judgement_class: str


@dataclass
class AreaView:
    """An area: summary, goals, activity status."""

    anchor: str
    title: str
    summary: str | None
    goals: list[GoalView]
    activities: list[tuple[Markup | str, str, str, str, str]]
    """(title, status label, status class, date, comment)."""
    activity_summary: str | None
    assessment: Markup | str | None
    judgement: str | None
    judgement_class: str


@dataclass
class ReportView:
    """The whole report."""

    title: str
    plan_title: str
    plan_href: str | None
    county: str | None
    year: int
    notices: list[str]
    facts: list[tuple[str, str]]
    respondents: str | None
    summary: list[tuple[str, str]]
    areas: list[AreaView]
    by_link: TableView | None
    national: list[tuple[str, str, str | None, list[str]]]
    toc: list[tuple[str, str]] = field(default_factory=list)


def change_text(change: float, spec: IndicatorSpec) -> str:
    """'+6,1 procentenheter', '−12', '±0'."""
    if round(change, 1) == 0:
        return "±0"
    sign = "+" if change > 0 else "\u2212"
    number = format_number(abs(change))
    if spec.type == "percent" or spec.type in ("yes-no", "choice"):
        return f"{sign}{number} procentenheter"
    return f"{sign}{number}"


def headline_text(value: float, spec: IndicatorSpec) -> str:
    """A headline figure: '52,3 %' for shares, '1 234' for counts."""
    if spec.type in ("percent", "yes-no", "choice"):
        return f"{format_number(value)}\u00a0%"
    return format_number(value)


def headline_label(spec: IndicatorSpec) -> str:
    """What the headline figure is."""
    if spec.type == "count":
        return "summa"
    if spec.type == "yes-no":
        return "andel ja"
    if spec.type == "choice":
        return "andel som svarar målets alternativ"
    return "medelvärde"


def build_view(report: Report, urls: Urls, writer: Writer) -> ReportView:
    """Format the report for the templates."""
    plan = report.plan_model
    follow_up = report.model
    county = urls.index.item(f"counties/{plan.county}") if plan.county else None
    notices = []
    if report.examples:
        notices.append("Exempel – uppföljningen visar påhittade värden och beskriver ingen "
                       "verklig uppföljning.")
    if follow_up.status == "draft":
        notices.append("Utkast – uppföljningen är inte fastställd.")
    facts = [("Plan", plan.title + (f" – {plan.subtitle}" if plan.subtitle else "")),
             ("Uppföljningsår", str(report.year)),
             ("Jämförs med", ", ".join(str(y) for y in report.years[:-1]) or "–")]
    if follow_up.organisations:
        facts.insert(0, ("Utgivare", " · ".join(follow_up.organisations)))
    areas = [_area(a, report, writer, urls) for a in report.areas]
    view = ReportView(
        title=follow_up.title, plan_title=plan.title, plan_href=urls.document(plan.id),
        county=county.title if county else None, year=report.year, notices=notices,
        facts=facts, respondents=_respondent_line(report.respondents),
        summary=[(a.title, a.summary) for a in areas if a.summary]
        + [(a.title, a.activity_summary) for a in areas if a.activity_summary],
        areas=areas, by_link=_by_link(report, urls), national=_national(report, urls))
    view.toc = [("mvk-sammanfattning", "Sammanfattning")] + [(a.anchor, a.title) for a in areas]
    if view.by_link:
        view.toc.append(("mvk-per-mal", "Aktiviteter per mål"))
    if view.national:
        view.toc.append(("mvk-nationella", "Nationella indikatorer"))
    return view


def _respondent_line(respondents: list[RespondentInfo]) -> str | None:
    if not respondents:
        return None
    counts: dict[str, int] = {}
    for r in respondents:
        counts[r.type] = counts.get(r.type, 0) + 1
    parts = [f"{n} {RESPONDENT_PLURAL[t] if n != 1 else t.replace('municipality', 'kommun')}"
             for t, n in counts.items()]
    return "Svarande: " + ", ".join(parts) + "."


def _area(area: AreaReport, report: Report, writer: Writer, urls: Urls) -> AreaView:
    summary = None
    if area.summary:
        s = area.summary
        parts = [f"{s.goals} mål", f"{s.with_values} av {s.indicators} indikatorer med värden"]
        if s.judged:
            parts.append(f"{s.meeting_target} av {s.judged} svar når målet")
        if s.judgements:
            parts.append(", ".join(f"{JUDGEMENT_LABELS[k].lower()}: {v}"
                                   for k, v in sorted(s.judgements.items(), key=_judgement_order)))
        summary = "; ".join(parts) + "."
    activity_summary = None
    if area.activity_count:
        c = area.activity_count
        activity_summary = (f"{c.done} av {c.total} aktiviteter genomförda; "
                            + ", ".join(f"{STATUS_LABELS[k].lower()}: {v}"
                                        for k, v in _status_order(c.counts)) + ".")
    return AreaView(
        anchor=area.id, title=area.title, summary=summary,
        goals=[_goal(g, report, writer, urls) for g in area.goals],
        activities=[(writer.inline(_FOOTNOTE.sub("", a.title)), STATUS_LABELS[a.status], a.status,
                     a.date or "", a.comment or "") for a in area.activities],
        activity_summary=activity_summary,
        assessment=writer.block(area.assessment) if area.assessment else None,
        judgement=_judgement(area.judgement), judgement_class=area.judgement or "")


def _judgement_order(item: tuple[str, int]) -> int:
    return list(JUDGEMENT_LABELS).index(item[0])


def _status_order(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(k, counts[k]) for k in STATUS_LABELS if counts.get(k)]


def _judgement(judgement: str | None) -> str | None:
    return f"{JUDGEMENT_LABELS[judgement]} – {JUDGEMENT_TEXT[judgement]}" if judgement else None


def _goal(goal: GoalReport, report: Report, writer: Writer, urls: Urls) -> GoalView:
    planned = [f"{title}" + (f" ({frequency})" if frequency else "")
               + ("" if has else " – inga värden i uppföljningen")
               for title, frequency, has in goal.planned]
    return GoalView(
        anchor=goal.id, title=writer.inline(_FOOTNOTE.sub("", goal.title)), planned=planned,
        indicators=[_indicator(i, report, urls) for i in goal.indicators],
        assessment=writer.block(goal.assessment) if goal.assessment else None,
        judgement=_judgement(goal.judgement), judgement_class=goal.judgement or "")


def _indicator(indicator: IndicatorReport, report: Report, urls: Urls) -> IndicatorView:
    spec = indicator.spec
    facts = []
    if spec.type:
        facts.append(("Typ", TYPE_LABELS[spec.type] + (
            f" ({', '.join(spec.choices)})" if spec.choices else "")))
    if spec.unit:
        facts.append(("Enhet", spec.unit))
    if spec.kolada:
        facts.append(("Kolada", spec.kolada))
    if spec.baseline:
        facts.append(("Utgångsvärde", f"{_written(spec.baseline.value, spec)} ({spec.baseline.year})"))
    if spec.target:
        facts.append(("Mål", _target_text(spec)))
    if indicator.source or indicator.frequency:
        written = None if indicator.added else indicator.title
        facts.append(("Enligt planen", ", ".join(x for x in (written, indicator.frequency) if x)))
    origins = origin_summary([o.source for obs in indicator.observations.values() for o in obs])
    if origins:
        facts.append(("Värdenas källa", origins))  # survey, Kolada or typed by hand (mvkplan.recording)
    national = [(f"{n.number} {n.title}", urls.ref(n.ref)) for n in indicator.national]
    anchor = indicator.key  # the item id, so that links to the indicator land here
    return IndicatorView(
        anchor=anchor, title=indicator.title, facts=facts, national=national,
        table=_value_table(indicator, report), rollup=_rollup_lines(indicator.rollup, spec, report),
        chart=_chart(anchor, indicator), chart_table=_chart_table(indicator),
        comments=[(_name(report, o.respondent) + f" {y}", o.comment)
                  for y, obs in indicator.observations.items() for o in obs if o.comment])


def _written(text: str, spec: IndicatorSpec) -> str:
    reading = read_value(text, spec)
    return text if not isinstance(reading, (float, bool, str)) else format_reading(reading, spec)


def _target_text(spec: IndicatorSpec) -> str:
    target = spec.target
    assert target is not None
    words = {"increase": "ökning", "decrease": "minskning", "all": "alla"}
    parts = []
    if target.value is not None:
        parts.append(_written(target.value, spec))
    if target.direction:
        parts.append(words[target.direction])
    text = ", ".join(parts)
    return f"{text} senast {target.year}" if target.year else text


def _name(report: Report, key: str | None) -> str:
    if key is None:
        return "Länet"
    for r in report.respondents:
        if r.key == key:
            return r.name
    return key


def _value_table(indicator: IndicatorReport, report: Report) -> TableView | None:
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
        rows.append((_name(report, key), cells))
    caption = f"{indicator.title}: värden per svarande och år"
    return TableView(caption, head, flat, rows)


def _row_change(found: dict[tuple[int, str | None], Observation], years: list[int],
                spec: IndicatorSpec) -> str:
    def total(year: int) -> float | None:
        obs = found.get((year, "total")) or found.get((year, None))
        return obs.reading if obs and isinstance(obs.reading, float) else None

    now, before = total(years[-1]), total(years[-2])
    return change_text(now - before, spec) if now is not None and before is not None else "–"


def _rollup_lines(rollup: IndicatorRollup, spec: IndicatorSpec, report: Report) -> list[str]:
    lines = []
    if rollup.expected:
        lines.append(f"Svar från {rollup.answered} av {rollup.expected} förväntade svarande.")
    elif rollup.answered:
        lines.append(f"Värden från {rollup.answered} svarande.")
    if rollup.distribution:
        lines.append("Svar: " + ", ".join(f"{label} {count}" for label, count in rollup.distribution) + ".")
    if rollup.mean is not None and rollup.answered > 1:
        unit = "\u00a0%" if spec.type == "percent" else ""
        lines.append(f"Medelvärde {format_number(rollup.mean)}{unit}, median "
                     f"{format_number(rollup.median or 0)}{unit}, lägst "
                     f"{format_number(rollup.minimum or 0)}{unit}, högst "
                     f"{format_number(rollup.maximum or 0)}{unit}.")
    if rollup.total is not None:
        lines.append(f"Summa: {format_number(rollup.total)}.")
    if rollup.meeting_target is not None and rollup.judged:
        lines.append(f"{rollup.meeting_target} av {rollup.judged} når målet ({_target_text(spec)}).")
    if rollup.headline is not None and rollup.change is not None:
        lines.append(f"Förändring från {rollup.previous_year} ({headline_label(spec)}): "
                     f"{change_text(rollup.change, spec)}.")
    if rollup.change_from_baseline is not None:
        lines.append(f"Förändring från utgångsvärdet {rollup.baseline_year}: "
                     f"{change_text(rollup.change_from_baseline, spec)}.")
    return lines


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


def _chart(anchor: str, indicator: IndicatorReport) -> Markup | None:
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


def _chart_table(indicator: IndicatorReport) -> TableView | None:
    bars = _chart_points(indicator)
    if not any(not b.baseline for b in bars):
        return None
    label = headline_label(indicator.spec).capitalize()
    return TableView(f"{indicator.title}: {label.lower()} per år", [[HeadCell("År"), HeadCell(label)]],
                     ["År", label], [(b.label, [b.shown]) for b in bars])


def _by_link(report: Report, urls: Urls) -> TableView | None:
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


def _national(report: Report, urls: Urls) -> list[tuple[str, str, str | None, list[str]]]:
    found: dict[str, tuple[str, str, str | None, list[str]]] = {}
    for area in report.areas:
        for goal in area.goals:
            for indicator in goal.indicators:
                for n in indicator.national:
                    entry = found.setdefault(n.ref, (n.number, n.title, urls.ref(n.ref), []))
                    entry[3].append(indicator.title)
    return [found[k] for k in sorted(found, key=_ref_order)]


def _ref_order(ref: str) -> tuple[int, ...]:
    tail = ref.rsplit("/", 1)[-1]
    return tuple(int(p) if p.isdigit() else 0 for p in tail.split("."))
