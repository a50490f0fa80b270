"""The report's view: every number formatted the Swedish way, every label in Swedish.

Templates (``html/report.html``, ``md/report.md``) only print these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from mvkplan.models.items import IndicatorSpec
from mvkplan.models.value_text import origin_summary
from mvkplan.models.values import format_number
from mvkplan.publish.render.links import Urls, marked
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.report.formatting import (
    _FOOTNOTE,
    JUDGEMENT_LABELS,
    JUDGEMENT_TEXT,
    RESPONDENT_PLURAL,
    RESPONDENT_SINGULAR,
    STATUS_LABELS,
    TYPE_LABELS,
    change_text,
    headline_label,
    labelled,
    respondent_name,
    target_text,
    written,
)
from mvkplan.publish.report.tables import TableView, by_link_table, chart, chart_table, value_table
from mvkplan.views.report.build import (
    AreaReport,
    GoalReport,
    IndicatorReport,
    Report,
    RespondentInfo,
)
from mvkplan.views.report.rollup import IndicatorRollup


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
    summary: list[tuple[str, str, str]]
    """(area title, summary line, the title as a label before the line)."""
    areas: list[AreaView]
    by_link: TableView | None
    national: list[tuple[str, str, str | None, list[str]]]
    toc: list[tuple[str, str]] = field(default_factory=list)


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
    facts = [("Plan", marked(report.index, plan.id, plan.title) + (f" – {plan.subtitle}" if plan.subtitle else "")),
             ("Uppföljningsår", str(report.year)),
             ("Jämförs med", ", ".join(str(y) for y in report.years[:-1]) or "–")]
    if follow_up.organisations:
        facts.insert(0, ("Utgivare", " · ".join(follow_up.organisations)))
    areas = [_area(a, report, writer, urls) for a in report.areas]
    view = ReportView(
        title=follow_up.title, plan_title=marked(report.index, plan.id, plan.title), plan_href=urls.document(plan.id),
        county=county.title if county else None, year=report.year, notices=notices,
        facts=facts, respondents=_respondents(report),
        summary=[(a.title, a.summary, labelled(a.title)) for a in areas if a.summary]
        + [(a.title, a.activity_summary, labelled(a.title)) for a in areas if a.activity_summary],
        areas=areas, by_link=by_link_table(report, urls), national=_national(report, urls))
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
    parts = [f"{n} {RESPONDENT_PLURAL[t] if n != 1 else RESPONDENT_SINGULAR[t]}"
             for t, n in counts.items()]
    return "Svarande: " + ", ".join(parts) + "."


def _respondents(report: Report) -> str | None:
    """Who answered, and of how many sent a workbook when that was recorded."""
    line = _respondent_line(report.respondents)
    asked = report.model.asked
    if line and asked:
        answered = sum(1 for r in report.respondents if r.key in asked)
        line = line.removesuffix(".") + f" (svar från {answered} av {len(set(asked))} tillfrågade)."
    return line


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
    # Each indicator says for itself whether it has values: 'A · B – inga värden' read as if
    # neither had (issue 24.7).
    planned = [f"{title} (" + "; ".join(
                   x for x in (frequency, "följs upp nedan" if has else "inga värden i uppföljningen") if x)
               + ")" for title, frequency, has in goal.planned]
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
        facts.append(("Utgångsvärde", f"{written(spec.baseline.value, spec)} ({spec.baseline.year})"))
    if spec.target:
        facts.append(("Mål", target_text(spec)))
    if indicator.source or indicator.frequency:
        own = None if indicator.added else indicator.title
        facts.append(("Enligt planen", ", ".join(x for x in (own, indicator.frequency) if x)))
    origins = origin_summary([o.source for obs in indicator.observations.values() for o in obs])
    if origins:
        facts.append(("Värdenas källa", origins))  # survey, Kolada or typed by hand (mvkplan.cycle.recording)
    national = [(f"{n.number} {n.title}", urls.ref(n.ref)) for n in indicator.national]
    anchor = indicator.key  # the item id, so that links to the indicator land here
    return IndicatorView(
        anchor=anchor, title=indicator.title, facts=facts, national=national,
        table=value_table(indicator, report), rollup=_rollup_lines(indicator.rollup, spec, report),
        chart=chart(anchor, indicator), chart_table=chart_table(indicator),
        comments=[(respondent_name(report, o.respondent) + f" {y}", o.comment)
                  for y, obs in indicator.observations.items() for o in obs if o.comment])


def _names(report: Report, keys: list[str | None]) -> str:
    """'Kalmar kommun, Borgholm kommun', or only how many when they are many."""
    return ", ".join(respondent_name(report, k) for k in keys) if len(keys) <= 4 else ""


def _covering(rollup: IndicatorRollup, report: Report) -> str:
    """Whom a year's sum or mean covers: 'länets värde', 'de 2 som svarat: A, B', and who was
    expected and gave no value."""
    if rollup.covered == [None]:
        return "länets värde"
    names = _names(report, rollup.covered)
    text = f"de {len(rollup.covered)} som svarat" + (f": {names}" if names else "")
    if rollup.missing:
        missing = _names(report, list(rollup.missing))
        text += f"; utan värde: {missing}" if missing else f"; {len(rollup.missing)} utan värde"
    return text


def _rate(rollup: IndicatorRollup) -> str | None:
    """The response rate, over those sent a workbook when that was recorded."""
    if rollup.expected and rollup.over_asked:
        return f"Svar från {rollup.responded} av {rollup.expected} tillfrågade."
    if rollup.expected:
        return (f"Svar från {rollup.responded} av {rollup.expected} förväntade svarande (räknat "
                "över uppföljningens svarande: vilka som fick enkäten är inte registrerat).")
    if rollup.answered:
        return f"Värden från {rollup.answered} svarande."
    return None


def _change(rollup: IndicatorRollup, spec: IndicatorSpec) -> str | None:
    """The change from the previous follow-up among those who answered both years."""
    if rollup.previous_year is None or rollup.headline is None or rollup.previous is None:
        return None
    label = headline_label(spec)
    if rollup.change is None:
        return (f"Förändring från {rollup.previous_year} ({label}): kan inte beräknas, "
                "ingen har svarat båda åren.")
    if rollup.both_years == [None]:
        return f"Förändring från {rollup.previous_year} ({label}): {change_text(rollup.change, spec)}."
    return (f"Förändring från {rollup.previous_year} ({label}) bland de {len(rollup.both_years)} "
            f"som svarat båda åren: {change_text(rollup.change, spec)}.")


def _rollup_lines(rollup: IndicatorRollup, spec: IndicatorSpec, report: Report) -> list[str]:
    lines = [x for x in (_rate(rollup),) if x]
    if rollup.distribution:
        lines.append("Svar: " + ", ".join(f"{label} {count}" for label, count in rollup.distribution) + ".")
    who = _covering(rollup, report)
    if rollup.mean is not None and rollup.answered > 1:
        unit = "\u00a0%" if spec.type == "percent" else ""
        lines.append(f"Medelvärde {rollup.year}: {format_number(rollup.mean)}{unit}, median "
                     f"{format_number(rollup.median or 0)}{unit}, lägst "
                     f"{format_number(rollup.minimum or 0)}{unit}, högst "
                     f"{format_number(rollup.maximum or 0)}{unit} ({who}).")
    if rollup.total is not None:
        lines.append(f"Summa {rollup.year}: {format_number(rollup.total)} ({who}).")
    if rollup.meeting_target is not None and rollup.judged:
        lines.append(f"{rollup.meeting_target} av {rollup.judged} når målet ({target_text(spec)}).")
    lines.extend(x for x in (_change(rollup, spec),) if x)
    if rollup.change_from_baseline is not None:
        lines.append(f"Förändring från utgångsvärdet {rollup.baseline_year}: "
                     f"{change_text(rollup.change_from_baseline, spec)}.")
    return lines


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
