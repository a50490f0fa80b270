"""Views of the site's own pages: the start page, county pages and the coverage matrix."""

from __future__ import annotations

from dataclasses import dataclass, field

from mvkplan.index.cards import DocumentCard, card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_links
from mvkplan.index.titles import document_title
from mvkplan.messages.words import KIND_LABELS, STATUS_LABELS
from mvkplan.models import DocumentBase, Framework
from mvkplan.publish.render.context import (
    DocumentView,
    format_period,
    kind_of,
    latest_report,
)
from mvkplan.publish.render.links import DRAFT_MARK, Urls, marked
from mvkplan.publish.render.national import NationalTable, national_table
from mvkplan.publish.render.views import LinkView
from mvkplan.views.coverage import Column as CoverageColumn
from mvkplan.views.coverage import Coverage, coverage_matrix


@dataclass(frozen=True)
class DocumentEntry:
    """A document in a list: title, what it is, its period and status."""

    link: LinkView
    kind: str
    period: str | None
    status: str | None
    """'Ersatt', 'UTKAST' or 'Exempel' when the reader should know; None when in force."""
    status_class: str
    subtitle: str | None


@dataclass(frozen=True)
class CountyEntry:
    """A county with the documents the repository holds for it."""

    name: str
    link: LinkView
    code: str | None
    documents: list[DocumentEntry]


@dataclass(frozen=True)
class IndexView:
    """The start page."""

    counties: list[CountyEntry]
    frameworks: list[DocumentEntry]
    catalogs: list[DocumentEntry]
    coverage: str
    documents: int
    national: NationalTable | None = None
    """The counties side by side, when there are two or more."""


@dataclass
class CountyView:
    """A county's page: the county board's introduction and publications, then every document."""

    name: str
    code: str | None
    profile: DocumentView | None
    groups: list[tuple[str, list[DocumentEntry]]]
    coverage: str
    reports: list[tuple[LinkView, LinkView]] = field(default_factory=list)
    """Each plan with follow-ups and its latest report."""


@dataclass(frozen=True)
class MatrixCell:
    """One cell: how many goals, activities or rows serve the item."""

    count: int
    whole: bool
    """The document links to the item as a whole, without a goal of its own doing so."""


@dataclass(frozen=True)
class MatrixRow:
    """A document's row of a coverage table."""

    document: LinkView
    county: str
    cells: list[MatrixCell]


@dataclass(frozen=True)
class MatrixTable:
    """The coverage of one framework: documents × its goals."""

    anchor: str
    framework: LinkView
    columns: list[tuple[str, str, str | None]]
    """Number shown as heading, full title, URL of the item."""
    rows: list[MatrixRow]


@dataclass
class CoverageView:
    """The coverage page: one table per framework."""

    tables: list[MatrixTable] = field(default_factory=list)
    national: NationalTable | None = None
    """The counties side by side, when there are two or more."""


def document_entry(model: DocumentBase | DocumentCard, urls: Urls) -> DocumentEntry:
    """A document as a line of a list."""
    successor = urls.index.successor_of(model.id)
    if model.status == "superseded" or successor:
        status, cls = STATUS_LABELS["superseded"], "superseded"
    elif model.status == "draft":
        status, cls = DRAFT_MARK, "draft"
    else:
        status, cls = None, ""
    if model.example:
        status, cls = ("Exempel" if status is None else f"{status}, exempel"), "example"
    return DocumentEntry(
        LinkView(model.title, urls.document(model.id)),
        KIND_LABELS.get(kind_of(model), kind_of(model)),
        format_period(model.period, note=False), status, cls, model.subtitle,
    )


def repository_documents(index: LinkIndex) -> list[DocumentCard]:
    """The cards of the repository's own documents (not the shipped ones), sorted by id: what
    lists read of them (a streaming build has let their models go)."""
    return [card_of(loaded) for _, loaded in sorted(index.documents.items()) if not loaded.shipped]


def county_ids(index: LinkIndex) -> list[str]:
    """Counties the repository has documents for, in catalog order."""
    wanted = {m.county for m in repository_documents(index) if m.county}
    order = [item_id for item_id in index.item_ids("counties")]
    return [c for c in order if c in wanted] + sorted(wanted - set(order))


def county_name(index: LinkIndex, county: str) -> tuple[str, str | None]:
    """The county's name and code from the catalog."""
    item = index.item(f"counties/{county}")
    if item is None:
        return county, None
    return item.title, item.obj.code


def index_view(index: LinkIndex, urls: Urls) -> IndexView:
    """The start page: counties with their documents, frameworks, catalogs."""
    documents = repository_documents(index)
    counties = []
    for county in county_ids(index):
        name, code = county_name(index, county)
        entries = [document_entry(m, urls) for m in _in_reading_order(documents, county)
                   if kind_of(m) != "county-profile" and not m.example]
        counties.append(CountyEntry(name, LinkView(name, urls.county(county)), code, entries))
    every = [card_of(loaded) for _, loaded in sorted(index.documents.items())]
    frameworks = [document_entry(m, urls) for m in every
                  if m.kind == "framework" and not m.county]
    catalogs = [document_entry(m, urls) for m in every
                if m.kind == "catalog" and m.id != "counties" and not m.extends]
    return IndexView(counties, frameworks, catalogs, urls.page("tackning.html"), len(documents),
                     national_table(index, urls))


GROUPS = (
    ("Regionala handlingsplaner och strategier", ("regional-plan", "strategy")),
    ("Verksamhetsplaner", ("activity-plan",)),
    ("Lokala handlingsplaner", ("local-plan",)),
    ("Regionala mål och ramverk", ("framework",)),
    ("Kataloger", ("catalog",)),
    ("Uppföljningar", ("follow-up",)),
)


def county_view(index: LinkIndex, county: str, urls: Urls,
                profile: DocumentView | None) -> CountyView:
    """A county page: profile (if the repository has one) and documents grouped by kind."""
    name, code = county_name(index, county)
    documents = _in_reading_order(repository_documents(index), county)
    groups = []
    for heading, kinds in GROUPS:
        entries = [document_entry(m, urls) for m in documents
                   if kind_of(m) in kinds and not m.example]
        if entries:
            groups.append((heading, entries))
    # Examples describe no real plan: they are listed apart, under a heading that says so.
    examples = [document_entry(m, urls) for m in documents if m.example]
    if examples:
        groups.append((EXAMPLES_HEADING, examples))
    reports = [(LinkView(marked(index, m.id, m.title), urls.document(m.id)), latest)
               for m in documents if (latest := latest_report(urls, m.id)) is not None]
    return CountyView(name, code, profile, groups, urls.page("tackning.html"), reports)


EXAMPLES_HEADING = "Exempel – påhittade dokument som visar verktyget, inga verkliga planer"
KIND_ORDER = ("regional-plan", "strategy", "activity-plan", "framework", "local-plan",
              "county-profile", "catalog", "follow-up")


def _in_reading_order(documents: list[DocumentCard], county: str) -> list[DocumentCard]:
    """Documents in force before superseded ones; regional before local; newest first."""
    mine = [m for m in documents if m.county == county]

    def key(model: DocumentCard) -> tuple[int, int, int, int, str]:
        year = (model.period.end or model.period.start or 0) if model.period else 0
        kind = kind_of(model)
        rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
        return (1 if model.status == "superseded" else 0, int(model.example), rank, -year,
                model.id)

    return sorted(mine, key=key)


def coverage_view(index: LinkIndex, urls: Urls) -> CoverageView:
    """One table per framework; rows are the plans, columns the framework's goals. The
    national indicators follow, with only the indicators some plan or follow-up follows."""
    matrix = per_links(_every_framework, index)
    view = CoverageView(national=national_table(index, urls))
    by_framework: dict[str, list[CoverageColumn]] = {}
    for column in matrix.columns:
        by_framework.setdefault(column.framework, []).append(column)
    # Examples come last, each row labelled: they describe no real plan.
    rows = _Rows(matrix, sorted(matrix.documents, key=lambda d: (
        index.documents[d].example,
        county_name(index, card_of(index.documents[d]).county or "")[0], d)))
    for framework, columns in by_framework.items():
        table = _matrix_table(index, urls, rows, framework, columns)
        if table:
            view.tables.append(table)
    if isinstance(index.document(NATIONAL_INDICATORS), Framework):
        national, followed = per_links(_national_indicators, index)
        rows = _Rows(national, sorted(national.documents, key=lambda d: (
            index.documents[d].example,
            county_name(index, card_of(index.documents[d]).county or "")[0], d)))
        table = _matrix_table(index, urls, rows, NATIONAL_INDICATORS, followed)
        if table:
            view.tables.append(table)
    return view


NATIONAL_INDICATORS = "nationella-indikatorer"


class _Rows:
    """A matrix's documents in the order its tables show them, and which of them serve
    each item: a table looks up only the documents that serve one of its items.

    (Looking up every document in every framework's table made the coverage page grow with
    documents × frameworks: a corpus of many groups has a framework in each group.)"""

    def __init__(self, matrix: Coverage, order: list[str]) -> None:
        self.matrix = matrix
        self.position = {document: number for number, document in enumerate(order)}
        self.serving: dict[str, set[str]] = {}
        for document, column in (*matrix.cells, *matrix.document_level):
            self.serving.setdefault(column, set()).add(document)

    def covered(self, columns: list[CoverageColumn]) -> list[tuple[str, list[MatrixCell]]]:
        """The documents with a cell to show under ``columns``, in order, and their cells."""
        serving: set[str] = set()
        for column in columns:
            serving |= self.serving.get(column.key, set())
        matrix = self.matrix
        return [(document, [MatrixCell(matrix.count(document, c.key),
                                       (document, c.key) in matrix.document_level)
                            for c in columns])
                for document in sorted(serving & self.position.keys(),
                                       key=self.position.__getitem__)]


def _every_framework(index: LinkIndex) -> Coverage:
    return coverage_matrix(index, examples=True)


def _national_indicators(index: LinkIndex) -> tuple[Coverage, list[CoverageColumn]]:
    """The matrix of the national indicators, and the indicators some document follows."""
    national = coverage_matrix(index, frameworks=[NATIONAL_INDICATORS], examples=True)
    followed = [c for c in national.columns
                if any(national.count(d, c.key) for d in national.documents)]
    return national, followed


def _matrix_table(index: LinkIndex, urls: Urls, rows_of: _Rows, framework: str,
                  columns: list[CoverageColumn]) -> MatrixTable | None:
    model = index.document(framework)
    label = model.item_label if isinstance(model, Framework) else None
    heads = [(c.item, f"{label} {c.item}: {c.title}" if label else c.title,
              urls.document(framework, c.item)) for c in columns]
    rows = []
    for document, cells in rows_of.covered(columns):
        county = card_of(index.documents[document]).county
        title = marked(index, document, document_title(index, document))
        if index.documents[document].example:
            title = f"{title} (exempel, ingen verklig plan)"
        rows.append(MatrixRow(LinkView(title, urls.document(document)),
                              county_name(index, county)[0] if county else "", cells))
    if not rows:
        return None
    return MatrixTable(f"mvk-{framework}",
                       LinkView(document_title(index, framework), urls.document(framework)),
                       heads, rows)
