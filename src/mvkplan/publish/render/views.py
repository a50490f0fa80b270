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
class MetaRow:
    """A labelled line of links: a fact of the header ('Period') or an addition ('Metoder')."""

    label: str
    values: list[LinkView]


@dataclass(frozen=True)
class AsideEntry:
    """The tool's additions for one goal, activity, row or section: links, back-links,
    glosses, quoted framework texts and editorial notes. Printed apart from the source's
    words (a "Kopplingar" box), and left out altogether with ``--plain``."""

    anchor: str | None
    """The item the entry belongs to (a link back to it), None for the enclosing part."""
    label: Text | None
    rows: list[MetaRow] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    quotes: list[QuoteBlock] = field(default_factory=list)


@dataclass
class Block:
    """One part of the body in the source's order: a section, an area, the target groups …

    ``heading`` is None when the source prints the part under a heading of its own (the
    enclosing section's) or none at all; sub-headings are printed at ``level + 1``.
    """

    kind: str
    level: int
    anchor: str | None
    heading: Text | None
    content: object


@dataclass(frozen=True)
class BodyPart:
    """A piece of a section body: rendered text, or a part placed by ``[[name]]``."""

    text: Text | None = None
    block: Block | None = None


@dataclass
class SectionView:
    """A narrative section with its sub-sections and the framework texts it lists.

    ``body`` holds the rendered text; a body with ``[[references]]`` or ``[[basis]]``
    placeholders is rendered as ``parts`` instead (and ``body`` is None).
    """

    anchor: str
    title: Text | None
    """The heading; None where it is the tool's and the render is ``--plain``."""
    level: int
    body: Text | None
    parts: list[BodyPart] = field(default_factory=list)
    aside: list[AsideEntry] = field(default_factory=list)
    sections: list[SectionView] = field(default_factory=list)
    title_added: bool = False
    """True when the source prints no heading here: the title is the tool's."""


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
    examples_lead: str | None
    examples_written: str | None
    """The examples as printed (in the goal cell's parenthesis, or as the examples cell)."""
    indicators: list[IndicatorView]
    frequencies: list[str]
    indicators_written: str | None = None
    """The follow-up cell as printed; shown instead of the indicators when given."""


@dataclass
class ActivityView:
    """A row of an activity table."""

    anchor: str
    title: Text
    items: list[Text]
    target_group: Text | None
    outcome: Text | None
    links: list[LinkView]


@dataclass
class RowView:
    """A row of a focus-area table."""

    anchor: str
    problem: Text
    measures: list[Text]
    contributors: list[str]
    outcomes: list[Text]
    links: list[LinkView]


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
    level: int
    intro: Text | None
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
    aside: list[AsideEntry]


@dataclass
class ReferenceView:
    """A convention, regulation or report the document names."""

    anchor: str | None
    title: Text
    details: str | None
    link: LinkView | None
    note: str | None
    correction: str | None = None
    """What a wrongly printed title should have said; the title is marked [sic]."""
    written: str | None = None
    """The entry as printed, instead of title, details and note."""


@dataclass(frozen=True)
class TargetGroupsView:
    """Target groups and the definition as printed; the catalog's forms of violence are
    the tool's addition (``aside``)."""

    heading: str
    intro: Text | None
    definition: list[Text]
    groups: list[tuple[str | None, str | None, Text | None]]
    outro: Text | None
    aside: list[AsideEntry]


@dataclass(frozen=True)
class IndicatorListView:
    """A named list of indicators for one goal."""

    anchor: str
    title: str
    indicators: list[str]
    aside: list[AsideEntry]


@dataclass
class FrameworkItemView:
    """A framework goal or target with its text, sub-items and what links to it."""

    anchor: str
    heading: Text
    level: int
    text: Text | None
    aside: list[AsideEntry]
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
    headings: dict[str, str]
    body: list[Block] = field(default_factory=list)
    """The source's content in the source's order."""
    framework_items: list[FrameworkItemView] = field(default_factory=list)
    entry_columns: list[Column] = field(default_factory=list)
    entries: list[EntryView] = field(default_factory=list)
    intro: Text | None = None
    publications: list[PublicationView] = field(default_factory=list)
    references: list[ReferenceView] = field(default_factory=list)
    footnotes: list[FootnoteView] = field(default_factory=list)
    quotes: list[QuoteBlock] = field(default_factory=list)
    """Framework texts the document as a whole links to (an addition, in the appendix)."""
    appendix: list[Block] = field(default_factory=list)
    """Parts the source does not print as such (its ``appendix``), shown among the additions."""
    sic: list[tuple[str, str]] = field(default_factory=list)
    """Known errors of the source (printed, correction): marked [sic], corrected in a note."""
    linked_from: list[LinkView] = field(default_factory=list)
    updated: str | None = None
    """The source's own 'last updated' date."""
    file_date: str | None = None
    """When the file last changed in the repository (an addition, labelled as the file's)."""
    source: list[LinkView] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    plain: bool = False
    """True when the tool's additions are left out (``--plain``)."""


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
    related: tuple[LinkView, ...] = ()
    """Links the site adds above a document: its PDF, what is new since the plan it replaces."""
    errors: tuple[str, ...] = ()
    """Errors the document was published with anyway (``--force``): shown in a banner."""
