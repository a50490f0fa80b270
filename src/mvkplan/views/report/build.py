"""The annual report's content: the plan's structure with the follow-ups' values and roll-up.

:func:`build_report` gathers everything from the index (pure: no I/O, no formatting);
:mod:`mvkplan.publish.report.render` turns it into HTML or Markdown and :func:`report_data` into
JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from mvkplan.index.followups import (
    answered_in_survey,
    follow_ups_by_plan,
    indicators_for,
    plan_of,
    survey_sources,
)
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import FollowUp, PlanBase
from mvkplan.models.followup import Respondent
from mvkplan.models.items import Indicator, IndicatorSpec, RespondentType
from mvkplan.views.report.rollup import (
    ActivityCount,
    AreaSummary,
    IndicatorRollup,
    Observation,
    YearFigure,
    activity_counts,
    area_summaries,
    expected_respondents,
    indicator_rollup,
    observations,
    year_figure,
)


class ReportError(Exception):
    """No report can be made: unknown plan, not a plan, or no follow-up for the year."""


@dataclass(frozen=True)
class RespondentInfo:
    """A respondent with the name the catalogs give it."""

    key: str
    name: str
    type: str


@dataclass(frozen=True)
class NationalLink:
    """A national (framework) indicator an indicator corresponds to."""

    ref: str
    number: str
    title: str


@dataclass
class IndicatorReport:
    """One indicator: definition, every value by respondent and year, the roll-up."""

    key: str
    title: str
    spec: IndicatorSpec
    added: bool
    source: str | None
    frequency: str | None
    national: list[NationalLink]
    observations: dict[int, list[Observation]]
    """Year → values of that year, from every follow-up up to the report's year."""
    rollup: IndicatorRollup
    history: list[YearFigure]
    """The headline (and women's and men's) per year with whom it covers, for the chart."""


@dataclass
class GoalReport:
    """A goal with its indicators and the coordinator's assessment."""

    id: str
    title: str
    indicators: list[IndicatorReport]
    """Indicators with values, or that the follow-up added; the rest are only in ``planned``."""
    planned: list[tuple[str, str | None, bool]]
    """The plan's own indicators as written: (text, frequency, has values)."""
    assessment: str | None = None
    judgement: str | None = None


@dataclass
class ActivityReport:
    """An activity with its status in the report's year."""

    id: str
    title: str
    status: str
    date: str | None
    comment: str | None
    links: list[str]


@dataclass
class AreaReport:
    """An area with its goals, activities and summary."""

    id: str
    title: str
    goals: list[GoalReport]
    activities: list[ActivityReport]
    summary: AreaSummary | None
    activity_count: ActivityCount | None
    assessment: str | None = None
    judgement: str | None = None


@dataclass
class Report:
    """Everything the annual report shows, in the plan's order."""

    index: LinkIndex
    plan: LoadedDocument
    follow_up: LoadedDocument
    year: int
    years: list[int]
    respondents: list[RespondentInfo]
    areas: list[AreaReport]
    by_link: list[ActivityCount] = field(default_factory=list)
    examples: bool = False
    """True when any follow-up read is an example."""
    not_answering: list[RespondentInfo] = field(default_factory=list)
    """Those sent a workbook (``asked:``) who are not among the respondents."""

    @property
    def model(self) -> FollowUp:
        """The follow-up of the report's year."""
        assert isinstance(self.follow_up.model, FollowUp)
        return self.follow_up.model

    @property
    def plan_model(self) -> PlanBase:
        """The plan followed up."""
        assert isinstance(self.plan.model, PlanBase)
        return self.plan.model


def latest_follow_up(index: LinkIndex, plan_id: str) -> LoadedDocument | None:
    """The plan's follow-up with the latest year, if any."""
    documents = follow_ups_by_plan(index).get(plan_id, [])
    return documents[-1] if documents else None


def build_report(index: LinkIndex, plan_id: str, year: int) -> Report:
    """The report on ``plan_id`` for ``year`` from its follow-ups up to that year."""
    loaded = index.documents.get(plan_id)
    if loaded is None:
        raise ReportError(f"unknown plan '{plan_id}'")
    if isinstance(loaded.model, FollowUp):
        loaded = index.documents.get(loaded.model.plan) or loaded
    plan = loaded.model
    if not isinstance(plan, PlanBase):
        raise ReportError(f"'{plan_id}' is not a plan")
    documents = [d for d in _follow_ups(index, plan, year) if _model(d).year <= year
                 and plan_of(index, _model(d)) is not None]
    current = [d for d in documents if _model(d).year == year]
    if not current:
        years = ", ".join(str(_model(d).year) for d in follow_ups_by_plan(index).get(plan.id, []))
        raise ReportError(f"plan '{plan.id}' has no follow-up for {year}"
                          + (f" (follow-ups: {years})" if years else ""))
    follow_up = _model(current[0])
    earlier = [_model(d) for d in documents if _model(d).year < year]
    previous = earlier[-1] if earlier else None
    refs = indicators_for(plan, follow_up)
    all_follow_ups = [*earlier, follow_up]
    rollups: dict[str, IndicatorRollup] = {}
    indicator_reports: dict[str, IndicatorReport] = {}
    sources = survey_sources(index)
    kind_of = _kind_of(index, earlier)
    for key, ref in refs.items():
        if answered_in_survey(ref, sources):  # free-text answers: never added up as numbers
            ref = replace(ref, spec=ref.spec.model_copy(update={"type": "text"}))
            refs[key] = ref
        rollup = indicator_rollup(ref, follow_up, previous,
                                  expected_respondents(follow_up, ref.spec, kind_of))
        rollups[key] = rollup
        by_year = _by_year(ref, all_follow_ups)
        history = [year_figure(y, obs, ref.spec) for y, obs in by_year.items()]
        plain = ref.spec if isinstance(ref.spec, Indicator) else None
        indicator_reports[key] = IndicatorReport(
            key, _title(index, ref.title, plain), ref.spec, ref.added,
            plain.source if plain else None, plain.frequency if plain else None,
            _national(index, ref.spec), by_year, rollup, history)
    assessments = {a.goal: a for a in follow_up.assessments}
    statuses = {s.activity: s for s in follow_up.activities}
    by_area, by_link = activity_counts(plan, follow_up)
    counts = {c.key: c for c in by_area}
    summaries = {s.area: s for s in area_summaries(plan, rollups, follow_up, refs)}
    areas = []
    for area in plan.areas:
        goals = [GoalReport(goal.id, goal.title,
                            [r for k, r in indicator_reports.items()
                             if refs[k].goal is goal and (r.added or r.observations)],
                            [(r.title, r.frequency, _followed(k, indicator_reports, refs))
                             for k, r in indicator_reports.items()
                             if refs[k].goal is goal and not r.added],
                            getattr(assessments.get(goal.id), "text", None),
                            getattr(assessments.get(goal.id), "judgement", None))
                 for goal in area.goals]
        activities = [ActivityReport(a.id, a.title, *_status(statuses.get(a.id)), list(a.links))
                      for a in area.activities]
        if not goals and not activities:
            continue
        areas.append(AreaReport(area.id, area.title or area.id, goals, activities,
                                summaries.get(area.id), counts.get(area.id),
                                getattr(assessments.get(area.id), "text", None),
                                getattr(assessments.get(area.id), "judgement", None)))
    return Report(index, loaded, current[0], year, [f.year for f in all_follow_ups],
                  [_respondent(index, r) for r in follow_up.respondents], areas, by_link,
                  any(f.example for f in all_follow_ups),
                  [_asked(index, key) for key in dict.fromkeys(follow_up.asked)
                   if key not in {r.key for r in follow_up.respondents}])


def _title(index: LinkIndex, title: str, plain: Indicator | None) -> str:
    """The indicator as written, else its source's name in the catalog (not the source id)."""
    if plain is None or plain.text or not plain.source:
        return title
    entry = index.item(f"indicator-sources/{plain.source}")
    return entry.title if entry is not None else title


def _follow_ups(index: LinkIndex, plan: PlanBase, year: int) -> list[LoadedDocument]:
    """The follow-ups a report reads: of a real plan with a real follow-up of ``year``, only
    the real ones (examples never leak into them); otherwise all, as today (an example report
    is marked as such)."""
    documents = follow_ups_by_plan(index).get(plan.id, [])
    if plan.example:
        return documents
    real = [d for d in documents if not _model(d).example]
    if any(_model(d).year == year for d in real):
        return real
    return [d for d in documents if _model(d).example]


def _followed(key: str, reports: dict[str, IndicatorReport], refs: dict[str, Any]) -> bool:
    """Whether a plan indicator has values, itself or through the indicators measuring it."""
    goal, _, own = key.partition("/")
    return bool(reports[key].observations) or any(
        r.observations for k, r in reports.items()
        if r.added and k.startswith(goal + "/") and getattr(refs[k].spec, "indicator", None) == own)


def _model(loaded: LoadedDocument) -> FollowUp:
    assert isinstance(loaded.model, FollowUp)
    return loaded.model


def _by_year(ref: Any, follow_ups: list[FollowUp]) -> dict[int, list[Observation]]:
    """Values per year; a later follow-up's value for the same year, respondent and sex wins."""
    chosen: dict[tuple[int, str | None, str | None], Observation] = {}
    for follow_up in follow_ups:
        for obs in observations(follow_up, ref):
            chosen[(obs.year, obs.respondent, obs.sex)] = obs
    years: dict[int, list[Observation]] = {}
    for (year, _, _), obs in chosen.items():
        years.setdefault(year, []).append(obs)
    return dict(sorted(years.items()))


def _status(status: Any) -> tuple[str, str | None, str | None]:
    if status is None:
        return "planned", None, None
    return status.status, status.date, status.comment


def _national(index: LinkIndex, spec: IndicatorSpec) -> list[NationalLink]:
    found = []
    for ref in spec.links:
        item = index.item(ref)
        if item is not None:
            number = getattr(item.obj, "number", None) or item.id
            found.append(NationalLink(ref, str(number), item.title))
    return found


def _respondent(index: LinkIndex, respondent: Respondent) -> RespondentInfo:
    name = respondent.name
    if name is None and respondent.municipality:
        item = index.item(f"municipalities/{respondent.municipality}")
        name = item.title if item else respondent.municipality
    if name is None and respondent.county:
        item = index.item(f"counties/{respondent.county}")
        name = item.title if item else respondent.county
    return RespondentInfo(respondent.key, name or respondent.key, respondent.respondent_type)


def _kind_of(index: LinkIndex, earlier: list[FollowUp]) -> Callable[[str], RespondentType | None]:
    """The type of someone sent a workbook who has not answered this year: as an earlier
    follow-up recorded it, else from the catalogs (a municipality; a county, as a respondent's
    ``county`` field implies), else unknown (None)."""
    known = {r.key: r.respondent_type for f in earlier for r in f.respondents}

    def kind(key: str) -> RespondentType | None:
        if key in known:
            return known[key]
        if index.item(f"municipalities/{key}") is not None:
            return "municipality"
        return "region" if index.item(f"counties/{key}") is not None else None

    return kind


def _asked(index: LinkIndex, key: str) -> RespondentInfo:
    """Someone sent a workbook who never answered: named from the catalogs by id alone."""
    for catalog, kind in (("municipalities", "municipality"), ("counties", "region")):
        item = index.item(f"{catalog}/{key}")
        if item is not None:
            return RespondentInfo(key, item.title, kind)
    return RespondentInfo(key, key, "organisation")


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data for ``--format json`` (numbers as numbers, keys in English)."""
    def indicator(r: IndicatorReport) -> dict[str, Any]:
        return {
            "key": r.key, "reference": f"{report.plan.id}/{r.key}", "title": r.title,
            "type": r.spec.type, "unit": r.spec.unit, "added_by_follow_up": r.added,
            "source": r.source, "national": [asdict(n) for n in r.national],
            "values": {str(y): [{"respondent": o.respondent, "sex": o.sex,
                                 "value": o.reading, "written": o.text,
                                 "comment": o.comment, "source": o.source} for o in obs]
                       for y, obs in r.observations.items()},
            "rollup": {**asdict(r.rollup), "change": r.rollup.change,  # among both_years
                       "change_from_baseline": r.rollup.change_from_baseline},
            "history": [asdict(h) for h in r.history],
        }

    return {
        "plan": report.plan.id, "follow_up": report.follow_up.id, "year": report.year,
        "years": report.years, "example": report.examples, "status": report.model.status,
        "respondents": [asdict(r) for r in report.respondents],
        "asked": list(report.model.asked),
        "areas": [{
            "id": a.id, "title": a.title,
            "summary": asdict(a.summary) if a.summary else None,
            "assessment": a.assessment, "judgement": a.judgement,
            "goals": [{"id": g.id, "title": g.title, "assessment": g.assessment,
                       "judgement": g.judgement,
                       "indicators": [indicator(i) for i in g.indicators]} for g in a.goals],
            "activities": [asdict(x) for x in a.activities],
            "activity_counts": asdict(a.activity_count) if a.activity_count else None,
        } for a in report.areas],
        "activities_by_link": [asdict(c) for c in report.by_link],
    }
