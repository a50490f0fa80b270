"""The follow-up (uppföljning): one per plan and year, kept apart from the adopted plan.

A follow-up refers to its plan's items: values to indicators ('<goal>/<indicator>'),
statuses to activities, assessments to goals. Everything it adds up is computed by
:mod:`mvkplan.views.report.rollup`, never typed here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from mvkplan.models.common import Id, Markdown, Model, PartialDate, Text, new_list
from mvkplan.models.items import IndicatorSpec, RespondentType

Sex = Literal["women", "men", "total"]
"""Per-sex values: 'women' (kvinnor), 'men' (män), 'total' (totalt)."""
ActivityState = Literal["planned", "ongoing", "done", "postponed", "cancelled"]
"""Activity status: planerad, pågår, genomförd, uppskjuten, inställd."""
Judgement = Literal["green", "yellow", "red"]
"""Traffic-light judgement: grön (on track), gul (partly), röd (not on track)."""


class Respondent(Model):
    """Who answered: a municipality or county from the catalogs, or a named organisation."""

    municipality: Id | None = None
    """Municipality id from the municipality catalog, e.g. 'kalmar-kommun'."""
    county: Id | None = None
    """County id from the county catalog, for a county-wide respondent."""
    id: Id | None = None
    """Id of an organisation that is in no catalog (required for organisations)."""
    name: Text | None = None
    """Name of the organisation, e.g. 'Region Kalmar län'."""
    type: RespondentType | None = None
    """municipality, region, authority or organisation (default: from the field used)."""

    @model_validator(mode="after")
    def _one_identity(self) -> Respondent:
        given = [f for f in ("municipality", "county", "id") if getattr(self, f) is not None]
        if len(given) != 1:
            raise ValueError("a respondent needs exactly one of 'municipality', 'county' or 'id'")
        if self.id is not None and self.name is None:
            raise ValueError("an organisation respondent ('id') needs a 'name'")
        return self

    @property
    def key(self) -> str:
        """The id values use to name this respondent."""
        return self.municipality or self.county or self.id or ""

    @property
    def respondent_type(self) -> RespondentType:
        """The declared type, else the one the identity field implies."""
        if self.type:
            return self.type
        if self.municipality:
            return "municipality"
        return "region" if self.county else "organisation"


class FollowUpIndicator(IndicatorSpec):
    """An indicator the follow-up measures under a plan goal, e.g. a survey question that
    makes the plan's 'Länsstyrelsens kartläggning' measurable. Values refer to it as
    '<goal>/<id>', like the plan's own indicators."""

    id: Id
    """Id within the goal; must not repeat an id of the plan's indicators of that goal."""
    goal: Id
    """Id of the plan goal it follows up."""
    indicator: Id | None = None
    """Id of the plan indicator it makes measurable (e.g. 'lansstyrelsens-arliga-kartlaggning')."""
    title: Text
    """The question or indicator as asked, e.g. 'Arbetar kommunen med MVP i skolan?'."""


class Value(Model):
    """One value of an indicator for one respondent (and sex) and year."""

    indicator: Text
    """'<goal>/<indicator>': an indicator of the plan or of this follow-up."""
    respondent: Id | None = None
    """Respondent key (municipality, county or organisation id); leave out for one county value."""
    sex: Sex | None = None
    """'women', 'men' or 'total', for indicators reported per sex."""
    year: int | None = None
    """Year the value is for (default: the follow-up's year)."""
    value: Text
    """The value as the indicator's type requires: '42', '12,5', 'ja'/'nej', a choice, text."""
    comment: Markdown | None = None
    """The respondent's or coordinator's comment."""
    source: Text | None = None
    """Where the value comes from, e.g. 'Kolada N00945' or 'Enkät 2025'."""


class ActivityStatus(Model):
    """The status of one activity of the plan at this follow-up."""

    activity: Id
    """Id of the activity in the plan."""
    status: ActivityState
    """planned, ongoing, done, postponed or cancelled."""
    date: PartialDate | None = None
    """When it was done (or changed status), as precise as known."""
    comment: Markdown | None = None
    """What was done, or why not."""


class Assessment(Model):
    """The coordinator's own assessment of one goal (or area)."""

    goal: Id
    """Id of the plan goal (or area) assessed."""
    text: Markdown
    """The assessment."""
    judgement: Judgement | None = None
    """Optional traffic light: green, yellow or red."""


class FollowUpFields(Model):
    """Fields of a follow-up beyond the shared document metadata (mixed into the kind)."""

    plan: Id
    """Id of the plan followed up, e.g. 'kalmar-2024'."""
    year: int
    """The year followed up."""
    deadline: PartialDate | None = None
    """When the follow-up should be final ('adopted'); lint warns about a draft after it."""
    respondents: list[Respondent] = Field(default_factory=new_list)
    """Who answered, in the order the report lists them."""
    asked: list[Id] = Field(default_factory=new_list)
    """Who was sent a workbook (ids of respondents), recorded by `survey export`."""
    indicators: list[FollowUpIndicator] = Field(default_factory=new_list)
    """Indicators the follow-up adds under the plan's goals (e.g. the survey's questions)."""
    values: list[Value] = Field(default_factory=new_list)
    """Values per indicator × respondent (× sex)."""
    activities: list[ActivityStatus] = Field(default_factory=new_list)
    """Status of the plan's activities."""
    assessments: list[Assessment] = Field(default_factory=new_list)
    """The coordinator's assessment per goal."""
