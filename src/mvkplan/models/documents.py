"""Document kinds. The ``kind`` key picks the model; every kind shares the metadata."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from mvkplan.models.common import (
    PARTS,
    Adoption,
    Commitment,
    Footnote,
    Id,
    LinkRef,
    Markdown,
    Model,
    PartialDate,
    Period,
    Reference,
    Section,
    Sic,
    Source,
    TableHeadings,
    TargetGroups,
    Text,
    new_list,
)
from mvkplan.models.consultation import ConsultationFields
from mvkplan.models.followup import FollowUpFields
from mvkplan.models.items import Area, CatalogEntry, FrameworkItem, IndicatorList, Publication
from mvkplan.project.parallel import before_forking


class DocumentBase(Model):
    """Metadata every document carries."""

    id: Id
    """Document id; must equal the file name without '.yaml'."""
    title: Text
    """Title as published."""
    subtitle: Text | None = None
    """Subtitle as published."""
    short_title: Text | None = None
    """Short name for lists and links."""
    county: Id | None = None
    """County id from the shipped county catalog, e.g. 'kalmar' (code 08)."""
    organisations: list[Text] = Field(default_factory=new_list)
    """Organisations behind the document."""
    period: Period | None = None
    """Years the document applies to."""
    status: Literal["draft", "adopted", "superseded"] = "adopted"
    """draft, adopted or superseded."""
    supersedes: Id | None = None
    """Id of the document this one replaces."""
    annex_of: Id | None = None
    """Id of the document this one is an annex to."""
    annex_label: Text | None = None
    """The annex label as printed, e.g. 'Bilaga 3'."""
    adoption: Adoption | None = None
    """Dateline and signatories."""
    updated: PartialDate | None = None
    """Date the source was last updated, when it says so."""
    source: Source | None = None
    """The published original this file transcribes."""
    example: bool = False
    """True for documents that only illustrate the tool and describe no real plan."""
    sections: list[Section] = Field(default_factory=new_list)
    """Narrative sections in reading order."""
    footnotes: list[Footnote] = Field(default_factory=new_list)
    """Numbered footnotes referred to from the narrative."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Framework items the document as a whole serves."""
    sic: list[Sic] = Field(default_factory=new_list)
    """Known errors of the source, kept as printed: marked [sic] with the correction in a
    note in the normal render, unmarked in ``--plain``. Each must be printed in the text."""

    @model_validator(mode="after")
    def _sic_is_printed(self) -> DocumentBase:
        if self.sic:
            # The objects themselves, not model_dump(): dumping copied the whole document
            # into dicts first. This check was two fifths of validating a corpus.
            fields = [value for name, value in self.__dict__.items() if name != "sic"]
            joined = " ".join(_strings(fields)).casefold()
            spaced: str | None = None
            for entry in self.sic:
                printed = " ".join(entry.printed.casefold().split())
                # Found with the text's own spacing, it is in the text with its spaces made
                # single too (its words hold no space, and each space between them is one):
                # the text is respaced only for an entry not found so.
                if printed in joined:
                    continue
                spaced = spaced if spaced is not None else " ".join(joined.split())
                if printed not in spaced:
                    raise ValueError(f"sic: {entry.printed!r} is not in the document's text")
        return self


def _strings(data: object) -> list[str]:
    """Every string in model data, in order: in dumped data, or in the models themselves (a
    model's fields in their order, as ``model_dump`` gives them)."""
    # A stack, not recursion: this runs over every value of every document that has `sic`,
    # and a call per value cost a tenth of a cold run.
    found: list[str] = []
    stack = [data]
    pop, push, keep = stack.pop, stack.extend, found.append
    while stack:
        value = pop()
        if isinstance(value, str):
            keep(value)
        elif isinstance(value, dict):
            push(reversed(value.values()))
        elif isinstance(value, list):
            push(reversed(value))
        elif isinstance(value, BaseModel):
            push(reversed(value.__dict__.values()))
    return found


class PlanBase(DocumentBase):
    """What plans and strategies share: vision, target groups, references, actors, areas."""

    vision: Text | None = None
    """The vision, e.g. 'Ett Kalmar län fritt från våld'."""
    purpose: Markdown | None = None
    """The purpose ('syfte')."""
    target_groups: TargetGroups | None = None
    """Target groups and the forms of violence covered."""
    references: list[Reference] = Field(default_factory=new_list)
    """Conventions, regulations and agreements the plan names."""
    basis: list[Reference] = Field(default_factory=new_list)
    """Material the plan is based on ('underlag')."""
    commitments: list[Commitment] = Field(default_factory=new_list)
    """Actors' commitments ('… bidrar genom att')."""
    areas: list[Area] = Field(default_factory=new_list)
    """Areas with their goals, activities or focus-area rows."""
    table_headings: TableHeadings | None = None
    """Column headings as this document prints them."""
    closing_sections: list[Section] = Field(default_factory=new_list)
    """Narrative printed after the areas (appendices, back cover)."""
    layout: list[Text] = Field(default_factory=new_list)
    """The order in which the source prints the plan's top-level parts: section ids (of
    'sections' and 'closing_sections'), area ids, and the names vision, purpose,
    target-groups, references, basis, commitments, areas, indicator-lists, regional-goals,
    adoption. With a layout the tool invents no headings: a part listed here is printed
    without one (give it a section with the source's heading and place it there with
    '[[name]]' instead). Parts left out follow in the default order."""

    appendix: list[Text] = Field(default_factory=new_list)
    """Parts the source does not print as such, e.g. a references list it only names in its
    prose, or goals it words in a section of its own: kept for links and lint, and shown in
    the appendix of the tool's additions instead of the body. Names as in 'layout'."""

    @model_validator(mode="after")
    def _known_layout(self) -> PlanBase:
        known = set(PARTS) | {s.id for s in self.sections + self.closing_sections}
        known |= {a.id for a in self.areas}
        seen: set[str] = set()
        for name in self.appendix:
            if name not in PARTS or name in ("areas", "adoption"):
                raise ValueError(f"appendix names '{name}'; use references, basis, purpose, "
                                 "target-groups, commitments, indicator-lists or regional-goals")
        for name in self.layout:
            if name not in known:
                raise ValueError(f"layout names '{name}', which is neither a section, an area "
                                 f"nor one of {', '.join(PARTS)}")
            if name in seen:
                raise ValueError(f"layout names '{name}' twice")
            seen.add(name)
        return self


class RegionalPlan(PlanBase):
    """A county's regional action plan (regional handlingsplan) under the national strategy."""

    kind: Literal["regional-plan"]
    """Document kind."""


class Strategy(PlanBase):
    """A regional strategy with focus areas and indicator lists (e.g. a gender-equality strategy)."""

    kind: Literal["strategy"]
    """Document kind."""
    indicator_lists: list[IndicatorList] = Field(default_factory=new_list)
    """Indicator lists per goal, e.g. SCB's gender-equality indicators."""
    regional_goals: list[FrameworkItem] = Field(default_factory=new_list)
    """Goals the strategy adds itself, e.g. a regional sub-goal 7; linkable like framework items."""


class ActivityPlan(PlanBase):
    """A yearly activity plan (verksamhetsplan) with activities per area."""

    kind: Literal["activity-plan"]
    """Document kind."""
    year: int | None = None
    """The year the activities are planned for."""


class LocalPlan(PlanBase):
    """A municipality's or organisation's plan, its goals linked to the county's."""

    kind: Literal["local-plan"]
    """Document kind."""
    municipality: Id | None = None
    """Municipality id from the municipality catalog, e.g. 'kalmar-kommun'."""


class Framework(DocumentBase):
    """Goals others link to: the national strategy, the gender-equality sub-goals, Agenda 2030."""

    kind: Literal["framework"]
    """Document kind."""
    item_label: Text | None = None
    """How items are named in running text, e.g. 'Delmål' or 'Mål'."""
    items: list[FrameworkItem] = Field(min_length=1)
    """The goals and targets."""


class CountyProfile(DocumentBase):
    """A county board's page on its MVK work: introduction and publications."""

    kind: Literal["county-profile"]
    """Document kind."""
    intro: Markdown | None = None
    """Text under the page heading, before the first sub-heading."""
    publications: list[Publication] = Field(default_factory=new_list)
    """Publications in the order the page lists them."""
    references: list[Reference] = Field(default_factory=new_list)
    """Regulations and other documents the page names (e.g. förordning 2021:995)."""
    references_printed: bool = True
    """False where the page prints no list of them (they are kept for links and lint): the
    list is then the tool's, shown in the normal render and left out of ``--plain``."""


class Catalog(DocumentBase):
    """A list of known things: counties, municipalities, methods, regulations, sources."""

    kind: Literal["catalog"]
    """Document kind."""
    entry_label: Text | None = None
    """How one entry is named in messages, e.g. 'method'."""
    extends: Id | None = None
    """Id of a shipped catalog this one adds entries to (e.g. 'methods')."""
    entries: list[CatalogEntry] = Field(min_length=1)
    """The entries."""


class FollowUp(DocumentBase, FollowUpFields):
    """A plan's yearly follow-up (uppföljning): values, activity status, assessments."""

    kind: Literal["follow-up"]
    """Document kind."""


class Consultation(DocumentBase, ConsultationFields):
    """A consultation (remiss) of a draft plan: the bodies asked, their responses, the decisions."""

    kind: Literal["consultation"]
    """Document kind."""


DOCUMENT_MODELS: dict[str, type[DocumentBase]] = {
    "regional-plan": RegionalPlan,
    "strategy": Strategy,
    "activity-plan": ActivityPlan,
    "local-plan": LocalPlan,
    "framework": Framework,
    "county-profile": CountyProfile,
    "catalog": Catalog,
    "follow-up": FollowUp,
    "consultation": Consultation,
}

AnyDocument = Annotated[
    RegionalPlan | Strategy | ActivityPlan | LocalPlan | Framework | CountyProfile | Catalog
    | FollowUp | Consultation,
    Field(discriminator="kind"),
]


def build_validators() -> None:
    """Build every document kind's validator now instead of at its first use.

    Run before the process forks workers (:func:`mvkplan.project.parallel.before_forking`):
    the loading, lint and render workers are forked, and a worker inherits what its parent
    built, where each would otherwise build every kind it meets again (the parent often has
    validated nothing yet when it forks).
    """
    for model in DOCUMENT_MODELS.values():
        if not model.__pydantic_complete__:
            model.model_rebuild()


before_forking(build_validators)
