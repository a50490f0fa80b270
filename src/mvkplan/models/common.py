"""Building blocks shared by every document kind.

Field documentation is written as attribute docstrings: pydantic turns them into
the JSON Schema descriptions editors show on hover.
"""

from __future__ import annotations

import re
from datetime import date as calendar_date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError


def new_list() -> list[Any]:
    """A new empty list: the default of every list field.

    Not ``list`` itself: building a validator asks each default factory for its signature, and
    ``inspect.signature(list)`` parses the builtin's text signature, a third of building a
    document kind (a Python function's is read off its code; calling it costs about 10 ns more
    per missing list).
    """
    return []


Text = Annotated[str, StringConstraints(min_length=1)]
Markdown = Annotated[str, StringConstraints(min_length=1), Field(json_schema_extra={"format": "markdown"})]
Id = Annotated[str, StringConstraints(pattern=r"^[^\s/]+$")]
Ref = Annotated[
    str,
    Field(
        description="A link: '<document-id>/<item-id>' (e.g. 'nationell-strategi/1', "
        "'agenda2030/5.2') or a bare '<document-id>'.",
        examples=["nationell-strategi/1", "jamstalldhetsmal/6", "agenda2030/5.2"],
    ),
]

REVIEWED = re.compile(r"@([0-9a-f]{8})\Z")
"""The fingerprint a link may carry after its target: ``kronoberg-2018-reviderad/1@3f9a0c12``."""


def split_reviewed(written: str) -> tuple[str, str | None]:
    """A link as written, split into its target and the fingerprint of the target's wording
    when the link was last reviewed (None for a plain link, which is never suspect)."""
    found = REVIEWED.search(written)
    if found is None or found.start() == 0:
        return written, None
    return written[:found.start()], found.group(1)


def _target_only(written: str) -> str:
    return split_reviewed(written)[0]


LinkRef = Annotated[
    str,
    AfterValidator(_target_only),
    Field(
        description="A link: '<document-id>/<item-id>' or a bare '<document-id>', optionally "
        "followed by '@' and the fingerprint of the target's wording when the link was last "
        "reviewed ('kronoberg-2018-reviderad/1@3f9a0c12', written by 'mvkplan review').",
        examples=["nationell-strategi/1", "kronoberg-2018-reviderad/1@3f9a0c12"],
    ),
]
"""A link in a ``links`` list. The model keeps the target alone, so that everything reading
links sees what they point at; the review fingerprint is read beside it from the source
(:mod:`mvkplan.index.review`), as a suppression comment is."""


def _calendar_date(text: str) -> str:
    """Refuse 2024-13-01 and 2025-02-30: the parts that are given must exist in the calendar."""
    parts = [int(part) for part in text.split("-")]
    try:
        calendar_date(*parts, *([1] * (3 - len(parts))))
    except ValueError:
        raise PydanticCustomError("calendar_date", "'{text}' is not a date in the calendar",
                                  {"text": text}) from None
    return text


PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    AfterValidator(_calendar_date),
    Field(description="A date as precise as the source: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."),
]


class Model(BaseModel):
    """Strict base: unknown keys are errors. Attribute docstrings become the fields'
    descriptions in the JSON Schema (:mod:`mvkplan.models.schema` reads them there: pydantic's
    ``use_attribute_docstrings`` reads every model's source at import, a sixth of importing
    the models, on every run).

    A model's validator is built at its first use, not at import (``defer_build``): building
    all of them was about half of importing the models, and a run that validates one changed
    plan needs its kind (and the shipped frameworks' and catalogs').
    :func:`mvkplan.models.documents.build_validators` builds every kind before the process
    forks, so that workers inherit them instead of each building its own."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Model:
        # Every object keeps the set of field names its source wrote; objects of one kind
        # mostly write the same names, and a set per object was a fifth of a plan's memory.
        # Models are frozen, so a shared set is never changed (copies get their own).
        names = self.__pydantic_fields_set__
        key = frozenset(names)
        shared = _FIELDS_SETS.setdefault(key, names)
        if shared is not names:
            object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class Period(Model):
    """The years a document applies to. A source may state only an end year."""

    start: int | None = None
    """First year the document applies to; leave out when the source does not state it."""
    end: int | None = None
    """Last year the document applies to ('gäller till och med')."""
    note: Text | None = None
    """The period as the source words it, when that says more than two years."""

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start is None and self.end is None:
            raise ValueError("a period needs a start or an end year")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")
        return self


class Signatory(Model):
    """A person or organisation that signed or stands behind the document."""

    name: Text
    """Name of the person or organisation."""
    title: Text | None = None
    """Role or title, e.g. 'Landshövding i Kalmar län'."""
    unit: Text | None = None
    """Department or area, e.g. 'Samhällsavdelningen'."""


class Adoption(Model):
    """Where and when the document was signed or adopted, as the source states it."""

    place: Text | None = None
    """Place of signing, e.g. 'Kalmar'."""
    date: PartialDate | None = None
    """Date of signing or adoption."""
    written: Text | None = None
    """The dateline exactly as printed, e.g. 'Kalmar 1 januari 2024'."""
    signatories: list[Signatory] = Field(default_factory=new_list)
    """Who signed, in the source's order."""
    statement: Markdown | None = None
    """Text printed with the dateline, e.g. 'Denna regionala handlingsplan är framtagen av …'."""


class Footnote(Model):
    """A numbered source note; narrative text refers to it as [^id]."""

    id: Id
    """The footnote number as printed, e.g. '1'."""
    text: Markdown
    """The note's text."""
    url: Text | None = None
    """Where the cited source can be found."""


# A paragraph of its own in a section body, e.g. "[[references]]", places that part of the
# document there, under the section's heading, where the source prints it, instead of in a
# section of its own; "[[area:forebygga]]" places one area.
BODY_PLACEHOLDER = re.compile(r"^\[\[([a-z-]+(?::[^\s\]/]+)?)\]\]\s*$", re.MULTILINE)
BODY_LISTS = ("references", "basis")
PARTS = (
    "vision", "purpose", "target-groups", "references", "basis", "commitments", "areas",
    "indicator-lists", "regional-goals", "adoption",
)
"""The parts of a plan besides its sections, as ``layout`` and ``[[name]]`` name them."""


class Section(Model):
    """A narrative section in Markdown (förord, inledning, syfte, underlag …)."""

    id: Id
    """Stable id of the section, e.g. 'forord', 'inledning'."""
    title: Text
    """Heading as in the source."""
    title_printed: bool = True
    """False where the source prints no heading (e.g. a back cover): the title is then the
    tool's, shown in the normal render and left out of ``--plain``."""
    body: Markdown | None = None
    """Section text in Markdown; footnote markers as [^1]. A line of its own naming a part of
    the plan, e.g. '[[references]]', '[[commitments]]', '[[target-groups]]', '[[adoption]]',
    '[[indicator-lists]]', '[[indicator-list:<id>]]', '[[area:<id>]]' or '[[commitment:<n>]]'
    (the n-th of 'commitments', from 1), places that part there, as printed."""
    sections: list[Section] = Field(default_factory=new_list)
    """Sub-sections."""
    links: list[LinkRef] = Field(default_factory=new_list)
    """Framework items the section quotes or lists (e.g. the Agenda 2030 targets printed
    under it); their official texts are shown from the framework instead of being copied."""

    @model_validator(mode="after")
    def _known_placeholders(self) -> Section:
        body = self.body or ""
        for name in BODY_PLACEHOLDER.findall(body) if "[[" in body else ():
            if name not in PARTS and not name.startswith(("area:", "indicator-list:",
                                                          "commitment:")):
                known = ", ".join(f"[[{p}]]" for p in PARTS)
                raise ValueError(f"unknown placeholder [[{name}]]; use one of {known} "
                                 "or [[area:<id>]]")
        return self


class Commitment(Model):
    """What one actor commits to ('Region Kalmar län bidrar genom att: …')."""

    actor: Text
    """The organisation or group of actors."""
    heading: Text | None = None
    """The heading as printed, e.g. 'Region Kalmar län bidrar genom att:'."""
    items: list[Markdown] = Field(min_length=1)
    """The commitments, one per bullet."""


class Reference(Model):
    """A convention, regulation, strategy or report the document builds on."""

    id: Id | None = None
    """Optional id so that other items can point here."""
    type: Literal["convention", "regulation", "law", "strategy", "plan", "report", "other"]
    """What kind of reference this is."""
    title: Text
    """Title as the source gives it."""
    short: Text | None = None
    """Short name, e.g. 'Barnkonventionen'."""
    year: int | None = None
    """Year of adoption or publication."""
    regulation: Id | None = None
    """Id in the regulations catalog (e.g. 'sosfs-2014-4'), for lint's checks of successors."""
    document: Ref | None = None
    """Id of a document in the repository or a shipped framework."""
    url: Text | None = None
    """Where to read it."""
    note: Text | None = None
    """Remark as printed, e.g. 'under revidering'."""
    written: Text | None = None
    """The list entry exactly as printed, when it is not the title with its short name and
    year in parentheses, e.g. 'Socialstyrelsens föreskrifter SOSFS 2014:14 (under revidering)'."""
    correction: Text | None = None
    """What the printed title should have said, when it is wrong (e.g. 'SOSFS 2014:4' for a
    printed 'SOSFS 2014:14'). The title is printed as printed, marked [sic], with this in a
    note of the tool's."""


class Sic(Model):
    """A known error of the source, kept as printed (the adopted text is not corrected).

    The normal render marks each place it is printed '[sic]' and gives the correction in a
    note of the tool's; ``--plain`` prints the text as adopted, unmarked."""

    printed: Text
    """The words exactly as printed, e.g. 'riksbedömningsinstrument' (case is ignored when
    they are looked for: figure texts printed in capitals are written in sentence case)."""
    correction: Text
    """What the source means, e.g. 'riskbedömningsinstrument'."""


class TargetGroup(Model):
    """A target group of the plan."""

    id: Id | None = None
    """Optional id."""
    title: Text
    """Name of the group, e.g. 'Primär målgrupp'."""
    description: Markdown | None = None
    """Who belongs to it."""


class TargetGroups(Model):
    """The plan's target groups and the forms of violence it covers."""

    title: Text | None = None
    """Heading as printed, e.g. 'Målgrupp och begrepp'."""
    intro: Markdown | None = None
    """Text before the list, e.g. the national definition of 'mäns våld mot kvinnor'."""
    groups: list[TargetGroup] = Field(default_factory=new_list)
    """Named target groups."""
    violence_forms: list[Id] = Field(default_factory=new_list)
    """Forms of violence covered, ids from the violence-forms catalog (e.g. 'hedersrelaterat')."""
    definition: list[Markdown] = Field(default_factory=new_list)
    """The definition's bullets as printed."""
    outro: Markdown | None = None
    """Text after the list."""


class TableHeadings(Model):
    """Column headings as this document prints them; each county names columns differently."""

    goal: Text | None = None
    """Goal column, e.g. 'Målsättningar' or 'Delmål'."""
    examples: Text | None = None
    """Examples column, e.g. 'Exempel på lokala aktiviteter'."""
    indicators: Text | None = None
    """Follow-up column, e.g. 'Indikatorer/uppföljning' or 'Årlig uppföljning'."""
    frequency: Text | None = None
    """Frequency column, e.g. 'Frekvens'."""
    activity: Text | None = None
    """Activity column, e.g. 'Aktivitet'."""
    target_group: Text | None = None
    """Target group column, e.g. 'Målgrupp'."""
    outcome: Text | None = None
    """Outcome column, e.g. 'Utfall'."""
    links: Text | None = None
    """Linked goals column, e.g. 'Regionalt delmål' or 'Delmål'."""
    problem: Text | None = None
    """Problem column, e.g. 'Problemområde'."""
    measures: Text | None = None
    """Measures column, e.g. 'Förslag på insats'."""
    contributors: Text | None = None
    """Contributors column, e.g. 'Du som kan bidra är'."""
    rows_caption: Text | None = None
    """Caption printed above each focus-area table, e.g. 'Verksamheter anslutna till … kan
    bidra genom att:'."""


class Source(Model):
    """Where the text of this document was transcribed from."""

    title: Text
    """Title of the published original."""
    publisher: Text | None = None
    """Who published it."""
    url: Text | None = None
    """Address of the original."""
    note: Markdown | None = None
    """Remarks on the transcription."""
