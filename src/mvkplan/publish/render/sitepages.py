"""The site's pages about the site: open data (``oppna-data.html``, ``data/``, ``dcat.jsonld``),
the accessibility statement (``tillganglighet.html``) and search (``sok.html``, ``sok.js``).

What they say about the publisher comes from ``[tool.mvkplan.site]`` (:class:`SiteOptions`);
what is not configured is said to be missing, never made up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from jinja2 import Environment

from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.titles import document_title
from mvkplan.project.config import SiteSettings
from mvkplan.project.look import Look
from mvkplan.publish.opendata import Publisher, Table, catalog_jsonld, downloads
from mvkplan.publish.render.document import page_frame, render_page
from mvkplan.publish.render.environment import shipped_templates
from mvkplan.publish.render.links import Urls, marked
from mvkplan.publish.render.search import SEARCH_PAGE, search_available
from mvkplan.publish.render.views import LinkView

DATA_PAGE = "oppna-data.html"
CATALOG_FILE = "dcat.jsonld"
STATEMENT_PAGE = "tillganglighet.html"
SEARCH_SCRIPT = "sok.js"
SUPERVISOR = LinkView("Myndigheten för digital förvaltning (Digg)", "https://www.digg.se/tdosanmalan")
"""The supervisory authority of lag (2018:1937), and where a reader reports to it."""

KNOWN_SHORTCOMINGS = (
    "Sökfunktionen kräver JavaScript. Utan JavaScript når du alla dokument via startsidan "
    "och länens sidor.",
    "PDF-versionerna klarar den automatiska kontrollen av PDF/UA och WCAG (veraPDF) men har "
    "inte granskats manuellt med skärmläsare.",
    "Dokumenten återges med de antagna texternas egen struktur; där källan sätter fet text i "
    "stället för rubriker kan rubrikstrukturen vara ofullständig.",
)
"""Shortcomings known when this version was released (keep in step with the fixes)."""

HOME = "Alla handlingsplaner"
"""The breadcrumbs' first link. Not "Start", a text Lighthouse's link-text audit fails, nor the
navigation's "Startsida": one name should not stand for two links in two places."""


@dataclass(frozen=True)
class SiteOptions:
    """What a build knows about the site beyond the documents: its publisher (for the open
    data and the accessibility statement) and whether it gets a search index."""

    publisher: Publisher = Publisher(None, None, None, SiteSettings().license)
    reviewed: str | None = None
    """Date of the latest accessibility review (YYYY-MM-DD)."""
    search: bool = False
    look: Look = Look()
    """The county's look (``[tool.mvkplan.look]``) of the PDFs ``build --pdf`` makes."""

    @classmethod
    def from_settings(cls, settings: SiteSettings, *, search: bool, look: Look | None = None) -> SiteOptions:
        """The options of ``[tool.mvkplan.site]``, with or without search, in ``look``."""
        return cls(Publisher(settings.publisher, settings.publisher_url,
                             settings.accessibility_contact, settings.license),
                   settings.accessibility_reviewed.isoformat() if settings.accessibility_reviewed else None,
                   search, look or Look())

    def missing(self) -> list[str]:
        """The ``[tool.mvkplan.site]`` keys the accessibility statement and the data catalog
        need and the configuration leaves out."""
        given = {"publisher": self.publisher.name, "accessibility-contact": self.publisher.contact,
                 "accessibility-reviewed": self.reviewed}
        return [key for key, value in given.items() if not value]

    def digest(self) -> str:
        """Everything here, as text: part of every page's digest (pages show the footer and
        navigation these decide)."""
        look = self.look
        logo = hashlib.sha256(look.logo.data).hexdigest() + str(look.logo.alt) if look.logo else None
        template = (hashlib.sha256(look.reference_docx.read_bytes()).hexdigest()
                    if look.reference_docx and look.reference_docx.is_file() else None)
        return json.dumps([self.publisher.name, self.publisher.homepage, self.publisher.contact,
                           self.publisher.license, self.reviewed, self.search,
                           logo, sorted(look.colors.items()), sorted(look.fonts.items()), template])


def site_options(settings: SiteSettings, look: Look | None = None) -> SiteOptions:
    """The options of ``[tool.mvkplan.site]``, with search where Pagefind is installed, and the
    county's look for the PDFs."""
    return SiteOptions.from_settings(settings, search=search_available(), look=look)


@dataclass(frozen=True)
class DataEntry:
    """A document's line on the open data page: its page and its two files."""

    document: LinkView
    kind: str
    csv: LinkView
    json: LinkView
    rows: int


@dataclass(frozen=True)
class DataView:
    """The open data page."""

    entries: list[DataEntry]
    catalog: LinkView
    license: str


@dataclass(frozen=True)
class StatementView:
    """The accessibility statement (tillgänglighetsredogörelse)."""

    publisher: str | None
    contact: LinkView | None
    reviewed: str | None
    shortcomings: tuple[str, ...]
    supervisor: LinkView


def data_files(index: LinkIndex, tables: list[Table], options: SiteOptions) -> dict[str, bytes]:
    """Every data file of the site, path → bytes (CSV and JSON per document, the catalog)."""
    return {path: make() for path, make in data_makers(index, tables, options).items()}


def data_makers(index: LinkIndex, tables: list[Table],
                options: SiteOptions) -> dict[str, Callable[[], bytes]]:
    """Every data file of the site, path → what makes its bytes: a build makes only those
    it writes anew (serialising every document's data on each build took a tenth of a
    build that found nothing changed)."""
    found: dict[str, Callable[[], bytes]] = {}
    for table in tables:
        csv_path, json_path = downloads(table.document)
        found[csv_path] = table.csv_bytes
        found[json_path] = table.json_bytes
    found[CATALOG_FILE] = partial(catalog_jsonld, index, tables, options.publisher)
    return found


def download_links(document_id: str, root: str) -> tuple[LinkView, LinkView]:
    """The links from a document's page to its data."""
    csv_path, json_path = downloads(document_id)
    return (LinkView("Öppna data (CSV)", root + csv_path),
            LinkView("Öppna data (JSON)", root + json_path))


def data_page(env: Environment, index: LinkIndex, tables: list[Table], nav: list[tuple[LinkView, bool]],
              options: SiteOptions) -> str:
    """``oppna-data.html``: every dataset with its files, and the catalog."""
    urls = Urls(index, None, site=True)
    entries = []
    for table in tables:
        csv_link, json_link = download_links(table.document, "")
        title = marked(index, table.document, document_title(index, table.document))
        entries.append(DataEntry(LinkView(title, urls.document(table.document)),
                                 "Uppföljning" if table.kind == "follow-up" else "Plan",
                                 LinkView("CSV", csv_link.href), LinkView("JSON", json_link.href),
                                 len(table.rows)))
    view = DataView(entries, LinkView("Datakatalog (DCAT-AP-SE, JSON-LD)", CATALOG_FILE),
                    options.publisher.license)
    frame = page_frame(env, "Öppna data", "html/site/open-data.html", "", nav,
                       [LinkView(HOME, "index.html"), LinkView("Öppna data")])
    return render_page(env, replace(frame, site=view))


def statement_page(env: Environment, nav: list[tuple[LinkView, bool]], options: SiteOptions) -> str:
    """``tillganglighet.html``: the accessibility statement lag (2018:1937) requires."""
    contact = options.publisher.contact
    link = None
    if contact:
        href = options.publisher.contact_href or contact
        shown = contact[len("mailto:"):] if contact.lower().startswith("mailto:") else contact
        link = LinkView(shown, href)
    view = StatementView(options.publisher.name, link, options.reviewed, KNOWN_SHORTCOMINGS,
                         SUPERVISOR)
    frame = page_frame(env, "Tillgänglighetsredogörelse", "html/site/accessibility.html", "", nav,
                       [LinkView(HOME, "index.html"), LinkView("Tillgänglighetsredogörelse")])
    return render_page(env, replace(frame, site=view))


def search_page(env: Environment, nav: list[tuple[LinkView, bool]]) -> str:
    """``sok.html``: a search form that works with the site's own script and nothing else."""
    frame = page_frame(env, "Sök", "html/site/search.html", "", nav,
                       [LinkView(HOME, "index.html"), LinkView("Sök")])
    # Only this page runs a script: its own file, and WebAssembly for Pagefind's index,
    # which it fetches from the site itself. The form sends the query to this page.
    csp = frame.csp.replace("form-action 'none'", "form-action 'self'")
    csp += "; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'"
    return render_page(env, replace(frame, csp=csp))


def search_script() -> bytes:
    """``sok.js``, the search page's script, as shipped beside the templates."""
    return (shipped_templates() / "html" / "site" / SEARCH_SCRIPT).read_bytes()


__all__ = ["CATALOG_FILE", "DATA_PAGE", "SEARCH_PAGE", "SEARCH_SCRIPT", "STATEMENT_PAGE",
           "SiteOptions", "data_files", "data_makers", "data_page", "download_links", "search_page",
           "search_script", "site_options", "statement_page"]
