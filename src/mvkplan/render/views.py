"""The typed context templates receive: plain values, already escaped or rendered.

Templates only print these and loop over them; every decision (which columns a table
has, how a link reads, where it points) is taken in Python when the views are built.
Text typed ``Text`` is either a plain ``str`` (escaped on output) or ``Markup`` made by a
writer from a Markdown field (already sanitised).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

Text = str | Markup


@dataclass(frozen=True)
class LinkView:
    """A link as the reader sees it; without ``href`` it is shown as text."""

    text: Text
    href: str | None = None
    hint: str | None = None
    """Full name shown beside an abbreviation, e.g. 'Mentorer i våldsprevention' for MVP."""


@dataclass(frozen=True)
class Column:
    """A table column: its key (which cell to print) and its heading as the document words it."""

    key: str
    heading: str


@dataclass(frozen=True)
class TocEntry:
    """An entry of the table of contents."""

    anchor: str
    text: Text


@dataclass(frozen=True)
class Quote:
    """A framework item quoted with its official text, e.g. '5.2 Avskaffa alla former …'."""

    number: str | None
    title: Text
    text: Text | None
    href: str | None


@dataclass(frozen=True)
class QuoteGroup:
    """Quoted items under one heading, e.g. 'Mål 5: Jämställdhet' with 5.1–5.3."""

    heading: Text | None
    href: str | None
    text: Text | None
    quotes: list[Quote]


@dataclass(frozen=True)
class QuoteBlock:
    """Everything quoted from one framework."""

    framework: Text
    href: str | None
    groups: list[QuoteGroup]


@dataclass(frozen=True)
class BodyPart:
    """A piece of a section body: rendered text, or a structured list placed by ``[[name]]``."""

    text: Text | None = None
    references: list[ReferenceView] | None = None


@dataclass
class SectionView:
    """A narrative section with its sub-sections and the framework texts it lists.

    ``body`` holds the rendered text; a body with ``[[references]]`` or ``[[basis]]``
    placeholders is rendered as ``parts`` instead (and ``body`` is None).
    """

    anchor: str
    title: Text
    level: int
    body: Text | None
    parts: list[BodyPart] = field(default_factory=list)
    quotes: list[QuoteBlock] = field(default_factory=list)
    sections: list[SectionView] = field(default_factory=list)
    backlinks: list[LinkView] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorView:
    """One follow-up source of a goal."""

    source: LinkView | None
    text: Text | None
    qualifier: str | None
    frequency: str | None


@dataclass
class GoalView:
    """A row of a goal table."""

    anchor: str
    title: Text
    description: Text | None
    examples: list[Text]
    methods: list[LinkView]
    indicators: list[IndicatorView]
    frequencies: list[str]
    links: list[LinkView]
    backlinks: list[LinkView]
    note: Text | None


@dataclass
class ActivityView:
    """A row of an activity table."""

    anchor: str
    title: Text
    items: list[Text]
    responsible: str | None
    target_group: Text | None
    outcome: Text | None
    links: list[LinkView]
    backlinks: list[LinkView]


@dataclass
class RowView:
    """A row of a focus-area table."""

    anchor: str
    problem: Text
    measures: list[Text]
    contributors: list[str]
    outcomes: list[Text]
    links: list[LinkView]
    backlinks: list[LinkView]


@dataclass(frozen=True)
class CommitmentView:
    """'Region Kalmar län bidrar genom att:' and its bullets."""

    heading: str
    items: list[Text]


@dataclass
class AreaView:
    """An area with whichever tables it has."""

    anchor: str
    heading: Text
    intro: Text | None
    links: list[LinkView]
    goal_columns: list[Column]
    examples_in_goal_cell: bool
    goals: list[GoalView]
    activity_columns: list[Column]
    activities: list[ActivityView]
    row_caption: str | None
    row_columns: list[Column]
    rows: list[RowView]
    commitments: list[CommitmentView]
    outro: Text | None
    backlinks: list[LinkView]


@dataclass(frozen=True)
class ReferenceView:
    """A convention, regulation or report the document names."""

    anchor: str | None
    title: Text
    details: str | None
    link: LinkView | None
    note: str | None


@dataclass(frozen=True)
class TargetGroupsView:
    """Target groups, definition and forms of violence."""

    heading: str
    intro: Text | None
    definition: list[Text]
    groups: list[tuple[str | None, str, Text | None]]
    violence_forms: list[LinkView]
    outro: Text | None


@dataclass(frozen=True)
class IndicatorListView:
    """A named list of indicators for one goal."""

    anchor: str
    title: str
    links: list[LinkView]
    indicators: list[str]


@dataclass
class FrameworkItemView:
    """A framework goal or target with its text, sub-items and what links to it."""

    anchor: str
    heading: Text
    level: int
    text: Text | None
    links: list[LinkView]
    backlinks: list[LinkView]
    items: list[FrameworkItemView] = field(default_factory=list)
    facts: list[tuple[str, Text]] = field(default_factory=list)
    """An indicator's area, data source, responsible authority and status, labelled in Swedish."""


@dataclass(frozen=True)
class EntryView:
    """A catalog entry as a table row: one cell per column key."""

    anchor: str
    cells: dict[str, Text | list[LinkView] | LinkView | None]


@dataclass(frozen=True)
class PublicationView:
    """A publication on a county's page."""

    title: LinkView
    description: Text | None
    fulltext: LinkView | None
    note: str | None


@dataclass(frozen=True)
class FootnoteView:
    """A numbered note with a link back to where it is cited."""

    anchor: str
    number: str
    text: Text
    link: LinkView | None
    backref: str | None


@dataclass(frozen=True)
class AdoptionView:
    """Statement, dateline and signatories."""

    statement: Text | None
    dateline: str | None
    signatories: list[tuple[str, str | None, str | None]]


@dataclass(frozen=True)
class MetaRow:
    """A line of the document's fact box ('Period', 'Utgivare' …)."""

    label: str
    values: list[LinkView]


@dataclass
class DocumentView:
    """Everything a document template prints, in reading order."""

    id: str
    kind: str
    kind_label: str
    title: Text
    subtitle: str | None
    organisations: list[str]
    vision: str | None
    notices: list[list[LinkView]]
    meta: list[MetaRow]
    sections: list[SectionView]
    headings: dict[str, str]
    purpose: Text | None = None
    target_groups: TargetGroupsView | None = None
    references: list[ReferenceView] = field(default_factory=list)
    basis: list[ReferenceView] = field(default_factory=list)
    quotes: list[QuoteBlock] = field(default_factory=list)
    commitments: list[CommitmentView] = field(default_factory=list)
    areas: list[AreaView] = field(default_factory=list)
    indicator_lists: list[IndicatorListView] = field(default_factory=list)
    framework_items: list[FrameworkItemView] = field(default_factory=list)
    regional_goals: list[FrameworkItemView] = field(default_factory=list)
    entry_columns: list[Column] = field(default_factory=list)
    entries: list[EntryView] = field(default_factory=list)
    intro: Text | None = None
    publications: list[PublicationView] = field(default_factory=list)
    closing_sections: list[SectionView] = field(default_factory=list)
    footnotes: list[FootnoteView] = field(default_factory=list)
    adoption: AdoptionView | None = None
    linked_from: list[LinkView] = field(default_factory=list)
    updated: str | None = None
    source: list[LinkView] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    """One output file: the shared page frame plus what the page shows."""

    title: str
    template: str
    css: Markup
    csp: str
    root: str
    """Relative prefix from this page to the site's root ('' or '../')."""
    nav: list[tuple[LinkView, bool]]
    """Site navigation (empty for a single rendered document): link, is-current."""
    breadcrumbs: list[LinkView]
    document: DocumentView | None = None
    site: object | None = None
    """A site page's own view (see ``site.py``)."""
    errors: tuple[str, ...] = ()
    """Errors the document was published with anyway (``--force``): shown in a banner."""
