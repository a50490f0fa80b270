"""A plan and year → who may answer and what each respondent is asked, in plan order.

Questions are the plan's indicators that say what they measure (a ``type``), the
indicators a follow-up adds under the plan's goals (the survey's own questions), and the
plan's untyped indicators whose source is the county board's own survey (a source marked
``survey: true`` in the indicator-source catalog, e.g. 'Länsstyrelsens årliga kartläggning'):
the plans say that survey follows the goal up but not what it asks, so each municipality
is asked to describe its work with the goal in free text, until a follow-up writes the
survey's own questions (then those are the survey). The follow-up of the year is used when it adds questions;
otherwise the latest earlier follow-up's added indicators are carried forward, and the
import copies them into the new year. Indicators with a Kolada id are not asked:
``mvkplan kolada`` fills them in. Activities (of activity and local plans) are asked of the
county board or organisation that runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mvkplan.cycle.recording.questions import STATUS_LABELS, Question
from mvkplan.index.followups import (
    ActivityRef,
    IndicatorRef,
    answered_in_survey,
    follow_ups_by_plan,
    goals_of,
    indicators_for,
    plan_activities,
    plan_indicators,
    survey_sources,
)
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import Catalog, FollowUp, PlanBase
from mvkplan.models.followup import FollowUpIndicator, Value
from mvkplan.models.items import Indicator

SEXES = ("women", "men", "total")


@dataclass(frozen=True)
class RespondentInfo:
    """Someone who may answer: key (as values name them), name, type and the follow-up field."""

    key: str
    name: str
    type: str
    """municipality, region, authority or organisation."""
    field: str
    """How the follow-up's respondents list names them: 'municipality', 'county' or 'id'."""


@dataclass
class SurveyPlan:
    """What a survey for one plan and year asks, and where its questions come from."""

    plan: LoadedDocument
    year: int
    follow_up: LoadedDocument | None
    """The follow-up of ``year``, when it exists."""
    carried: LoadedDocument | None
    """The earlier follow-up whose added indicators are carried forward (when ``follow_up`` is
    None or adds none, as one ``survey export`` created)."""
    previous: LoadedDocument | None
    """The follow-up of the year before, for last year's answers."""
    indicators: dict[str, IndicatorRef]
    activities: dict[str, ActivityRef]
    respondents: dict[str, RespondentInfo]
    survey_sources: dict[str, str] = field(default_factory=dict)
    """Indicator sources that are the county board's own survey: id → name."""

    @property
    def model(self) -> PlanBase:
        """The plan."""
        assert isinstance(self.plan.model, PlanBase)
        return self.plan.model

    def added_indicator(self, key: str) -> FollowUpIndicator | None:
        """The follow-up indicator definition behind ``key``, when a follow-up adds it."""
        ref = self.indicators.get(key)
        if ref is None or not ref.added or not isinstance(ref.spec, FollowUpIndicator):
            return None
        return ref.spec

    def from_survey(self, ref: IndicatorRef) -> bool:
        """True for a plan indicator with no type whose source is the county board's survey,
        asked as free text; not when a follow-up writes the survey's own questions (then those
        are the survey)."""
        return (answered_in_survey(ref, self.survey_sources)
                and not any(other.added for other in self.indicators.values()))

    def reported_by(self, ref: IndicatorRef) -> tuple[str, ...]:
        """Who answers ``ref``: its ``reported_by``; for a survey indicator that names nobody,
        the municipalities (the survey is theirs to answer); else nobody (one county value)."""
        if ref.spec.reported_by:
            return tuple(ref.spec.reported_by)
        return ("municipality",) if self.from_survey(ref) else ()

    def asked(self, ref: IndicatorRef, respondent: RespondentInfo) -> bool:
        """Whether ``respondent``'s workbook asks ``ref``."""
        spec = ref.spec
        if spec.kolada or (spec.type is None and not ref.added and not self.from_survey(ref)):
            return False
        reported = self.reported_by(ref)
        if reported:
            return respondent.type in reported
        return respondent.field == "county"  # one value for the county: the county board answers

    def questions(self, respondent: RespondentInfo) -> tuple[Question, ...]:
        """The rows of ``respondent``'s workbook, in plan order."""
        rows: list[Question] = []
        for key, ref in self.indicators.items():
            if self.asked(ref, respondent):
                rows.extend(self._indicator_rows(key, ref, respondent))
        if respondent.type != "municipality":
            for activity_id, activity in self.activities.items():
                rows.append(Question(
                    f"activity:{activity_id}", _area_title(activity.area), "Aktivitet", activity.activity.title,
                    "status", tuple(STATUS_LABELS.values()), previous=self._previous_status(activity_id),
                    choice_keys=tuple(STATUS_LABELS)))
        return tuple(rows)

    def _indicator_rows(self, key: str, ref: IndicatorRef, respondent: RespondentInfo) -> list[Question]:
        spec = ref.spec
        value_type = spec.type or "text"
        sexes: tuple[str | None, ...] = SEXES if spec.per_sex else (None,)
        who = respondent.key if self.reported_by(ref) else None
        text = self._survey_question(ref) if self.from_survey(ref) else ref.title
        return [
            Question(key, _area_title(ref.area), ref.goal.title, text, value_type,
                     tuple(spec.choices), spec.unit, sex,
                     self._previous_value(key, who, sex))
            for sex in sexes
        ]

    def _survey_question(self, ref: IndicatorRef) -> str:
        """The plan's words for the survey (or the source's name) and what to write."""
        assert isinstance(ref.spec, Indicator) and ref.spec.source is not None
        named = ref.spec.text or self.survey_sources[ref.spec.source]
        return f"{named}: beskriv verksamhetens arbete med målet under {self.year}."

    def _previous_value(self, key: str, respondent: str | None, sex: str | None) -> object:
        if self.previous is None:
            return None
        assert isinstance(self.previous.model, FollowUp)
        for value in self.previous.model.values:
            if _same(value, key, respondent, sex, self.previous.model.year):
                return value.value
        return None

    def _previous_status(self, activity: str) -> object:
        if self.previous is None:
            return None
        assert isinstance(self.previous.model, FollowUp)
        for status in self.previous.model.activities:
            if status.activity == activity:
                return status.status
        return None


def _same(value: Value, key: str, respondent: str | None, sex: str | None, year: int) -> bool:
    return (value.indicator == key and value.respondent == respondent and value.sex == sex
            and (value.year is None or value.year == year))


def _area_title(area: object) -> str:
    return str(getattr(area, "title", None) or getattr(area, "number", None) or getattr(area, "id", ""))


def survey_plan(index: LinkIndex, plan_id: str, year: int) -> SurveyPlan | None:
    """The survey of ``plan_id`` for ``year``; None when ``plan_id`` is not a plan."""
    plan = index.documents.get(plan_id)
    if plan is None or not isinstance(plan.model, PlanBase):
        return None
    follow_ups = [f for f in follow_ups_by_plan(index).get(plan_id, []) if isinstance(f.model, FollowUp)]
    real = [f for f in follow_ups if not f.example or plan.example]
    this_year = next((f for f in real if _year(f) == year), None)
    earlier = [f for f in real if _year(f) < year]
    # A follow-up of the year that adds no questions (e.g. one 'survey export' made to record
    # who was asked) still carries the earlier year's questions forward.
    carried = None if _adds_questions(this_year) else (earlier[-1] if earlier else None)
    source = this_year if carried is None else carried
    if source is not None:
        assert isinstance(source.model, FollowUp)
        indicators = in_plan_order(plan.model, indicators_for(plan.model, source.model))
    else:
        indicators = plan_indicators(plan.model)
    previous = next((f for f in real if _year(f) == year - 1), None)
    return SurveyPlan(plan, year, this_year, carried, previous, indicators,
                      plan_activities(plan.model), respondents_for(index, plan.model, real),
                      survey_sources(index))

def in_plan_order(plan: PlanBase, indicators: dict[str, IndicatorRef]) -> dict[str, IndicatorRef]:
    """``indicators`` in the plan's order: by area and goal, a goal's own indicators first, then
    those a follow-up adds under it (in the follow-up's order), as the README promises; the
    follow-up's ``indicators:`` list is the order its author typed them, not the plan's."""
    goal_order = {goal_id: n for n, goal_id in enumerate(goals_of(plan))}
    ranked = sorted(enumerate(indicators.items()),
                    key=lambda item: (goal_order.get(item[1][1].goal.id, len(goal_order)), item[1][1].added, item[0]))
    return {key: ref for _, (key, ref) in ranked}


def _adds_questions(loaded: LoadedDocument | None) -> bool:
    return loaded is not None and isinstance(loaded.model, FollowUp) and bool(loaded.model.indicators)


def _year(loaded: LoadedDocument) -> int:
    assert isinstance(loaded.model, FollowUp)
    return loaded.model.year


def respondents_for(index: LinkIndex, plan: PlanBase, follow_ups: list[LoadedDocument]) -> dict[str, RespondentInfo]:
    """The municipalities of the plan's county, the county, and organisations earlier follow-ups name."""
    found: dict[str, RespondentInfo] = {}
    if plan.county:
        for entry in _catalog(index, "municipalities"):
            if entry.county == plan.county:
                found[entry.id] = RespondentInfo(entry.id, entry.name, "municipality", "municipality")
        for entry in _catalog(index, "counties"):
            if entry.id == plan.county:
                found[entry.id] = RespondentInfo(entry.id, f"Länsstyrelsen i {entry.name}", "region", "county")
    for loaded in follow_ups:
        assert isinstance(loaded.model, FollowUp)
        for respondent in loaded.model.respondents:
            if respondent.id and respondent.id not in found:
                found[respondent.id] = RespondentInfo(respondent.id, respondent.name or respondent.id,
                                                      respondent.respondent_type, "id")
    return found


def _catalog(index: LinkIndex, catalog_id: str) -> list:  # type: ignore[type-arg]
    loaded = index.documents.get(catalog_id)
    entries = list(loaded.model.entries) if loaded and isinstance(loaded.model, Catalog) else []
    for other in index.documents.values():
        if isinstance(other.model, Catalog) and other.model.extends == catalog_id:
            entries.extend(other.model.entries)
    return entries
