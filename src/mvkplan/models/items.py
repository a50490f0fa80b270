"""The items a document holds: areas, goals, indicators, activities, focus-area rows.

Every item with an ``id`` can be linked to as ``<document-id>/<item-id>``;
ids are unique within their document.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from mvkplan.models.common import Commitment, Id, LinkRef, Markdown, Model, Ref, Text, new_list

ValueType = Literal["number", "percent", "count", "yes-no", "choice", "text"]
"""What kind of value an indicator takes."""
RespondentType = Literal["municipality", "region", "authority", "organisation"]
"""Who may report a value: a municipality, a region, an authority or another organisation."""
KoladaId = Annotated[
    str,
    StringConstraints(pattern=r"^[NU]\d{5}$"),
    Field(description="A Kolada key figure id: 'N' or 'U' and five digits, e.g. 'N00945'."),
]


class Baseline(Model):
    """The value an indicator starts from."""

    year: int
    """Year of the baseline value."""
    value: Text
    """The value, written as the indicator's type requires (e.g. '42', '12,5', 'ja')."""
    note: Text | None = None
    """Remark, e.g. where the baseline comes from."""


class Target(Model):
    """What an indicator should reach: a value, or a direction, by a year."""

    year: int | None = None
    """Year by which the target should be met."""
    value: Text | None = None
    """Target value, written as the indicator's type requires."""
    direction: Literal["increase", "decrease", "all"] | None = None
    """'increase', 'decrease', or 'all' (every respondent should answer yes / reach it)."""
    note: Text | None = None
    """The target as the source words it."""

    @model_validator(mode="after")
    def _value_or_direction(self) -> Target:
        if self.value is None and self.direction is None:
            raise ValueError("a target needs a value or a direction")
        return self


class IndicatorSpec(Model):
    """What makes an indicator measurable: type, unit, Kolada id, baseline and target."""

    type: ValueType | None = None
    """Value type: number, percent, count, yes-no, choice or text."""
    unit: Text | None = None
    """Unit as written, e.g. 'antal anmälningar per 100 000 invånare'."""
    choices: list[Text] = Field(default_factory=new_list)
    """The answers a 'choice' indicator allows, in the order they are shown."""
    kolada: KoladaId | None = None
    """Kolada key figure id ('N' or 'U' and five digits), where the statistic is in Kolada."""
    baseline: Baseline | None = None
    """Starting value (year and value)."""
    target: Target | None = None
    """Target value or direction, and the year it should be reached."""
    reported_by: list[RespondentType] = Field(default_factory=new_list)
    """Who reports a value (municipality, region, authority, organisation); empty: one value."""
    per_sex: bool = False
    """Values are given for women and men (kvinnor/män) and in total, where the statistic is."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """National indicators this indicator corresponds to, e.g. 'nationella-indikatorer/1.1'."""

    @model_validator(mode="after")
    def _choices_for_choice(self) -> IndicatorSpec:
        if self.type == "choice" and not self.choices:
            raise ValueError("an indicator of type 'choice' needs 'choices'")
        if self.choices and self.type != "choice":
            raise ValueError("'choices' are only for indicators of type 'choice'")
        return self


class Indicator(IndicatorSpec):
    """How a goal is followed up: a source, its qualifier and how often, and what is measured.

    An indicator is referred to as '<document>/<goal>/<indicator>', where <indicator> is its
    ``id``, else its ``source``, else its position in the goal (1, 2 …).
    """

    id: Id | None = None
    """Stable id within the goal, for follow-ups; by default the source id."""
    source: Id | None = None
    """Id in the indicator-source catalog, e.g. 'lansstyrelsens-arliga-kartlaggning'."""
    text: Text | None = None
    """The indicator as the source writes it, when it says more than the catalog name."""
    qualifier: Literal["extern", "intern"] | None = None
    """'extern' or 'intern', as Kronoberg qualifies its sources."""
    frequency: Text | None = None
    """How often it is followed up, as written: 'Årsvis', 'årlig'."""


def indicator_id(indicator: Indicator, position: int) -> str:
    """The id an indicator is referred to by within its goal (``position`` counts from 1)."""
    return indicator.id or indicator.source or str(position)


class Goal(Model):
    """A goal (målsättning, delmål) with its examples, methods and follow-up."""

    id: Id
    """Stable id, e.g. 'likvardig-kunskap'."""
    title: Markdown
    """The goal as the source words it."""
    description: Markdown | None = None
    """Further text under the goal, e.g. a parenthesis printed under the title."""
    examples: list[Markdown] = Field(default_factory=new_list)
    """Examples of activities ('t.ex.', 'Exempel på lokala aktiviteter')."""
    examples_lead: Text | None = None
    """Words printed before the examples where they stand in parentheses in the goal cell,
    e.g. 't.ex.' in '(t.ex. nätverksmöten, …)'; leave out when the parenthesis has none."""
    examples_written: Text | None = None
    """The examples exactly as printed, where the examples joined would read otherwise: the
    parenthesis in the goal cell (without the brackets), e.g. 'konferenser, föreläsningar och
    utbildningar utöver grundkurser', or the cell of the examples column, printed as one
    running text. Each example's text must be in it."""
    methods: list[Id] = Field(default_factory=new_list)
    """Methods named in the goal, ids from the methods catalog (e.g. 'mvp', 'vip')."""
    indicators: list[Indicator] = Field(default_factory=new_list)
    """Indicators and follow-up."""
    indicators_written: Text | None = None
    """The follow-up cell exactly as printed, where the indicators listed would read
    otherwise, e.g. 'Länsstyrelsens årliga kartläggning samt uppföljning av verksamhetsplan'
    (one phrase, not two bullets). Each indicator's ``text`` must be in it."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Framework items or other plans' goals this goal serves."""
    note: Markdown | None = None
    """Editorial remark (e.g. on a typo kept from the source)."""

    @model_validator(mode="after")
    def _written_holds_items(self) -> Goal:
        # The printed wording is what is shown; the items feed links, survey questions and
        # follow-up. Each item must be words the cell prints, or the two tell different stories.
        pairs = [("examples_written", self.examples_written, self.examples),
                 ("indicators_written", self.indicators_written,
                  [i.text for i in self.indicators if i.text])]
        for name, written, items in pairs:
            if written is None:
                continue
            for item in items:
                if comparable(item) not in comparable(written):
                    raise ValueError(f"{name} does not contain the item {item!r}: write the "
                                     "cell as printed, with each item's words in it")
        return self


def comparable(text: str) -> str:
    """Text as compared for containment: Markdown emphasis and line breaks ignored."""
    return " ".join(text.replace("*", "").replace("_", " ").split())


class Activity(Model):
    """An activity of a yearly plan, with target group, outcome and linked goals."""

    id: Id
    """Stable id."""
    title: Markdown
    """The activity as written ('Aktivitet')."""
    target_group: Markdown | None = None
    """Who it is for ('Målgrupp')."""
    outcome: Markdown | None = None
    """Expected outcome ('Utfall')."""
    items: list[Markdown] = Field(default_factory=new_list)
    """Sub-items listed under the activity."""
    responsible: Text | None = None
    """Responsible actor."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Goals this activity serves, e.g. 'jonkoping-strategi-2020/delmal-1'."""
    links_written: Text | None = None
    """The link cell exactly as printed, e.g. 'Delmål 3-4, 5', when it differs from the rendering."""


class FocusRow(Model):
    """A row of a focus-area table: a problem, measures, contributors and sub-goals."""

    id: Id
    """Stable id."""
    problem: Markdown
    """'Problemområde' as written."""
    measures: list[Markdown] = Field(min_length=1)
    """'Förslag på insats': one entry per measure."""
    contributors: list[Text] = Field(default_factory=new_list)
    """'Du som kan bidra är': one entry per contributor."""
    outcomes: list[Markdown] = Field(default_factory=new_list)
    """Expected outcomes, where the row states them."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Sub-goals ('Delmål') the row serves, e.g. 'jamstalldhetsmal/2'."""


class IndicatorList(Model):
    """A list of named indicators for one framework goal (e.g. SCB's per sub-goal)."""

    id: Id
    """Stable id."""
    title: Text
    """Heading as printed, e.g. 'Mål 3 Jämställd utbildning'."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """The goal the indicators measure."""
    indicators: list[Text] = Field(min_length=1)
    """The indicators, as printed."""


class Area(Model):
    """A målområde, fokusområde or område, linked to framework goals."""

    id: Id
    """Stable id, e.g. 'forebygga'."""
    title: Text | None = None
    """Heading; when left out, the title of the first linked framework goal is shown."""
    number: Text | None = None
    """Number as printed, e.g. '1' in 'Fokusområde 1'."""
    heading: Text | None = None
    """The heading exactly as printed, e.g. 'Fokusområde 1: Ekonomisk jämställdhet …',
    when it is more than the title (default: 'number. title', or the title)."""
    intro: Markdown | None = None
    """Text under the heading."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Framework goals the area stands under, e.g. 'nationell-strategi/1'."""
    goals: list[Goal] = Field(default_factory=new_list)
    """Goals (målsättningar, delmål) in the area."""
    activities: list[Activity] = Field(default_factory=new_list)
    """Activities in the area (yearly plans)."""
    rows: list[FocusRow] = Field(default_factory=new_list)
    """Focus-area rows (strategies)."""
    commitments: list[Commitment] = Field(default_factory=new_list)
    """Actors' commitments within this area ('Länsstyrelsen bidrar genom att')."""
    outro: Markdown | None = None
    """Text after the tables."""


class FrameworkItem(Model):
    """A goal or target of a framework (a national goal, a sub-goal, an Agenda 2030 target)."""

    id: Id
    """Id used in links, e.g. '1', '5.2', 'delmal-3'."""
    number: Text | None = None
    """Number as displayed, e.g. '5.2'."""
    title: Text
    """Short title, e.g. 'Jämställd hälsa'."""
    text: Markdown | None = None
    """Full text of the goal as officially worded."""
    items: list[FrameworkItem] = Field(default_factory=new_list)
    """Sub-items, e.g. the targets under an Agenda 2030 goal."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Goals elsewhere this item mirrors, e.g. 'nationell-strategi/2' for a regional delmål."""
    area: Text | None = None
    """For an indicator: the indicator area ('indikatorområde') the source groups it under."""
    data_source: Text | None = None
    """For an indicator: where its data come from, as the source names it, e.g. 'NTU-lokal'."""
    responsible: Text | None = None
    """For an indicator: the authority responsible for it or its data source, e.g. 'Brå'."""
    core: bool = False
    """True for an indicator with core status ('kärnstatus', 'kärnindikator')."""
    development: bool = False
    """True for a development indicator ('utvecklingsindikator'): it has no data source yet."""


class Publication(Model):
    """A publication listed on a county's page."""

    title: Text
    """Title as listed."""
    description: Markdown | None = None
    """Blurb as listed."""
    document: Ref | None = None
    """Id of the document in the repository, where it exists."""
    url: Text | None = None
    """Link to the full text."""
    link_text: Text | None = None
    """The full-text link as printed, e.g. 'Fulltext (öppnas i nytt fönster)'."""
    note: Text | None = None
    """The tool's remark, e.g. on a differing title; left out of ``--plain``."""


class CatalogEntry(Model):
    """One entry of a catalog: a county, municipality, method, regulation or source."""

    id: Id
    """Id used in documents."""
    name: Text
    """Name, e.g. 'Mentorer i våldsprevention'."""
    short: Text | None = None
    """Abbreviation, e.g. 'MVP'."""
    code: Text | None = None
    """Official code, e.g. county code '08' (always text: 08 is not a number)."""
    county: Id | None = None
    """County id, for municipalities."""
    description: Markdown | None = None
    """What it is."""
    aliases: list[Text] = Field(default_factory=new_list)
    """Other names the sources use."""
    url: Text | None = None
    """Where to read more."""
    issued: Text | None = None
    """Date of issue or entry into force, 'YYYY-MM-DD' or 'YYYY'."""
    superseded_by: Id | None = None
    """Id of the entry that replaces this one."""
    superseded: Text | None = None
    """Date from which the successor applies."""
    survey: bool = False
    """For an indicator source: true when it is the county board's own yearly survey of the
    municipalities (e.g. 'Länsstyrelsens årliga kartläggning'); plan indicators from such a
    source are asked in `mvkplan survey export` even when they state no type."""
