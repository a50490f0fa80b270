"""``mvkplan build``: the whole static site, rendered in memory, then written.

Layout (relative links only, nothing loaded from elsewhere)::

    index.html              start page: counties, frameworks, catalogs
    lan/<county>.html       a county: the county board's page and every document
    dokument/<id>.html      one page per document, frameworks and catalogs included
    dokument/<id>.pdf       with ``pdf=True``: the PDF of each of the repository's documents
    nytt/<id>.html          what is new in a document compared with the one it supersedes
    tackning.html           coverage: plans × framework goals
    data/<id>.csv, .json    open data of each plan and follow-up; dcat.jsonld, their catalog
    oppna-data.html         the open data, listed; tillganglighet.html, the accessibility statement
    sok.html, sok.js        search, when Pagefind is installed (its index: pagefind/)

Every page is rendered before anything is written, so a failure leaves the output folder
as it was; the new site is then swapped in as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from jinja2 import Environment

from mvkplan.index.cards import card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.titles import document_title
from mvkplan.models import Consultation, FollowUp
from mvkplan.project.look import Look
from mvkplan.publish.diff.page import diff_heading
from mvkplan.publish.opendata import Table, data_tables, downloads
from mvkplan.publish.render.context import document_view
from mvkplan.publish.render.document import (
    RenderError,
    document_page,
    page_frame,
    render_page,
    writer_for,
)
from mvkplan.publish.render.environment import make_environment, use_look
from mvkplan.publish.render.links import Urls, marked
from mvkplan.publish.render.paths import UnsafePathError, safe_name
from mvkplan.publish.render.publish import publish_site
from mvkplan.publish.render.rendering import PARALLEL_PAGES, Progress, SitePage, render_site
from mvkplan.publish.render.sitepages import (
    CATALOG_FILE,
    DATA_PAGE,
    HOME,
    SEARCH_PAGE,
    SEARCH_SCRIPT,
    STATEMENT_PAGE,
    SiteOptions,
    data_makers,
    data_page,
    download_links,
    search_page,
    search_script,
    statement_page,
)
from mvkplan.publish.render.siteviews import county_ids, county_name, county_view, coverage_view, index_view
from mvkplan.publish.render.views import LinkView


def site_pages(
    index: LinkIndex,
    *,
    templates: Path | None = None,
    updated: Callable[[str], str | None] = lambda _id: None,
    errors: Mapping[str, Sequence[str]] | None = None,
    plain: bool = False,
    pdf: bool = False,
    compiled: Path | None = None,
    env: Environment | None = None,
    options: SiteOptions | None = None,
) -> list[SitePage]:
    """Every page of the site, not yet rendered (so that callers can show progress).

    ``errors`` (document id → errors it is published with anyway) become a banner on its page.
    With ``plain`` the documents' pages leave out the tool's additions. With ``pdf``, every
    document of the repository (not the shipped frameworks and catalogs; a follow-up's PDF is
    its annual report) also gets its PDF beside its page, linked from it. ``compiled``
    keeps compiled templates between runs (see :func:`make_environment`); ``env``, one
    made for ``templates`` and kept between builds, is used instead of a new one.
    ``options`` (publisher, search) add the open data, the accessibility statement and,
    with ``search``, the search page; every page's footer links the first two.
    """
    env = env or make_environment("html", templates, compiled=compiled)
    options = options or SiteOptions()
    use_look(env, options.look)  # the county's colours and fonts in every page's stylesheet
    search = options.search
    for document_id in index.documents:
        safe_name(document_id)  # refuse before rendering anything
    heavy = max(1, len(index.documents) // 16)
    pages = [SitePage("index.html", lambda: _index(env, index, search), heavy)]
    profiles = _profiles(index)
    for county in county_ids(index):
        safe_name(county)
        pages.append(SitePage(f"lan/{county}.html",
                              _bind(_county, env, index, county, profiles.get(county), updated,
                                    plain, search), heavy))
    pages.append(SitePage("tackning.html", lambda: _coverage(env, index, search), heavy))
    left_out = {gap.document for gap in follow_ups_left_out(index)}
    tables = [table for table in data_tables(index) if table.document not in left_out]
    pages += _about_pages(env, index, tables, options)
    with_data = {table.document for table in tables}
    for document_id, loaded in sorted(index.documents.items()):
        card = card_of(loaded)  # (the page's model is made where the page is rendered)
        group = _group(index, document_id)
        if card.kind == "county-profile" and card.county:
            continue  # shown as the county's page
        if document_id in left_out:
            continue  # no report without its plan (a forced build; the caller says so)
        related = list(download_links(document_id, "../")) if document_id in with_data else []
        with_pdf = pdf and not loaded.shipped
        if with_pdf:
            related.append(LinkView("Ladda ner som PDF", f"{document_id}.pdf"))
            pages.append(SitePage(f"dokument/{document_id}.pdf",
                                  _bind(_pdf, index, document_id, templates, updated,
                                        (errors or {}).get(document_id, ()), plain, options.look),
                                  group=group))
        previous = card.supersedes
        if previous and previous in index.documents:
            related.append(LinkView(diff_heading(card_of(index.documents[previous])),  # type: ignore[arg-type]
                                    f"../nytt/{document_id}.html"))
            pages.append(SitePage(f"nytt/{document_id}.html",
                                  _bind(_diff, env, index, previous, document_id, search),
                                  group=group))
        pages.append(SitePage(f"dokument/{document_id}.html",
                              _bind(_document, env, index, document_id, updated,
                                    (errors or {}).get(document_id, ()), plain, tuple(related),
                                    search),
                              heavy if card.kind in _LISTS_USES else 1, group))
    return pages


def _group(index: LinkIndex, document_id: str) -> str:
    """The group of a document's pages (:attr:`SitePage.group`): a follow-up's is its plan's
    (its report reads the plan), every other document's its own id."""
    card = card_of(index.documents[document_id])
    return card.plan or document_id if card.kind == "follow-up" else document_id


def _about_pages(env: Environment, index: LinkIndex, tables: list[Table],
                 options: SiteOptions) -> list[SitePage]:
    """The open data (files, their page, the catalog), the accessibility statement and search."""
    nav = _nav("", None, options.search)
    groups = {path: _group(index, table.document)
              for table in tables for path in downloads(table.document)}
    pages = [SitePage(path, make, group=groups.get(path, ""))
             for path, make in sorted(data_makers(index, tables, options).items())]
    pages.append(SitePage(DATA_PAGE, _bind(data_page, env, index, tables, nav, options)))
    pages.append(SitePage(STATEMENT_PAGE, _bind(statement_page, env, nav, options)))
    if options.search:
        pages.append(SitePage(SEARCH_PAGE, _bind(search_page, env, _nav("", SEARCH_PAGE, True))))
        pages.append(SitePage(SEARCH_SCRIPT, search_script))
    return pages


def published_index(index: LinkIndex, published: Collection[str]) -> LinkIndex:
    """The index of the documents a build publishes (see :func:`mvkplan.checks.gate.select_documents`).

    Every page, list, back-link and link of the site is worked out from the index it is
    given, so building from this one leaves no page, list entry or ``href`` for a document
    that is not published: a reference to one reads as text, as any reference that does
    not resolve on the site. The index is only made again when something is left out, from
    what ``index`` holds of each document (:meth:`LinkIndex.summary`), not from its model.
    """
    if all(document_id in published for document_id in index.documents):
        return index
    made = LinkIndex()
    for document_id, loaded in index.documents.items():
        if document_id in published:
            made.add(loaded, index.summary(document_id))
    return made


@dataclass(frozen=True)
class FollowUpWithoutPlan:
    """A follow-up whose page (its annual report) the site leaves out, and why."""

    document: str
    plan: str
    loaded: bool
    """Whether a document with the plan's id was loaded at all (then it is not a plan)."""


def follow_ups_left_out(index: LinkIndex) -> list[FollowUpWithoutPlan]:
    """The follow-ups whose plan is not in ``index`` as a plan: their report cannot be made.

    Only a forced build gets here (the plan failed to load, or its id names another kind
    of document); the site is published without their pages rather than not at all."""
    gaps = []
    for document_id, loaded in sorted(index.documents.items()):
        card = card_of(loaded)
        if card.kind == "follow-up":
            plan_id = cast(str, card.plan)
            plan = index.documents.get(plan_id)
            if plan is None or not card_of(plan).is_plan:
                gaps.append(FollowUpWithoutPlan(document_id, plan_id, plan is not None))
    return gaps


# Pages of these list every document that links to them (a catalog's "mentioned in").
_LISTS_USES = frozenset({"catalog", "framework", "strategy"})


def write_site(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Put the rendered pages in place as ``out``, whole (see :mod:`mvkplan.publish.render.publish`);
    paths that would leave it are refused first, pages of removed documents disappear."""
    return publish_site(out, files)


def build_site(index: LinkIndex, out: Path, *, templates: Path | None = None,
               updated: Callable[[str], str | None] = lambda _id: None,
               progress: Progress | None = None,
               errors: Mapping[str, Sequence[str]] | None = None,
               options: SiteOptions | None = None) -> list[Path]:
    """Render the whole site and write it to ``out``."""
    pages = site_pages(index, templates=templates, updated=updated, errors=errors, options=options)
    return write_site(out, render_site(pages, progress))


# -- pages ---------------------------------------------------------------------------------


def _bind(function: Callable[..., str | bytes], *args: object) -> Callable[[], str | bytes]:
    return lambda: function(*args)


def _nav(root: str, current: str | None, search: bool = False) -> list[tuple[LinkView, bool]]:
    items = [("Startsida", "index.html"), ("Täckning", "tackning.html"),
             ("Metoder", "dokument/methods.html"), ("Mål och ramverk", "index.html#mvk-ramverk")]
    if search:
        items.append(("Sök", SEARCH_PAGE))
    return [(LinkView(text, root + path), path == current) for text, path in items]


def _index(env: Environment, index: LinkIndex, search: bool = False) -> str:
    urls = Urls(index, None, site=True)
    frame = page_frame(env, "Handlingsplaner mot mäns våld mot kvinnor", "html/site/index.html",
                       "", _nav("", "index.html", search), [])
    return render_page(env, replace(frame, site=index_view(index, urls)))


def _county(env: Environment, index: LinkIndex, county: str, profile_id: str | None,
            updated: Callable[[str], str | None], plain: bool = False, search: bool = False) -> str:
    urls = Urls(index, profile_id, site=True, root="../")
    profile = None
    if profile_id:
        model = index.documents[profile_id].model
        writer = writer_for("html", [note.id for note in model.footnotes])
        profile = document_view(model, urls, writer, updated(profile_id), plain=plain)
    name = county_name(index, county)[0]
    view = county_view(index, county, urls, profile)
    frame = page_frame(env, name, "html/site/county.html", "../", _nav("../", None, search),
                       [LinkView(HOME, "../index.html"), LinkView(name)])
    return render_page(env, replace(frame, site=view))


def _coverage(env: Environment, index: LinkIndex, search: bool = False) -> str:
    urls = Urls(index, None, site=True)
    frame = page_frame(env, "Täckning: planernas koppling till nationella mål",
                       "html/site/coverage.html", "", _nav("", "tackning.html", search),
                       [LinkView(HOME, "index.html"), LinkView("Täckning")])
    return render_page(env, replace(frame, site=coverage_view(index, urls)))


def _document(env: Environment, index: LinkIndex, document_id: str,
              updated: Callable[[str], str | None], errors: Sequence[str] = (),
              plain: bool = False, related: tuple[LinkView, ...] = (), search: bool = False) -> str:
    urls = Urls(index, document_id, site=True, root="../")
    model = index.documents[document_id].model
    crumbs = [LinkView(HOME, "../index.html")]
    if model.county:
        crumbs.append(LinkView(county_name(index, model.county)[0], urls.county(model.county)))
    elif index.documents[document_id].shipped:
        crumbs.append(LinkView("Mål och ramverk", "../index.html#mvk-ramverk"))
    # A draft's page says so where the reader stands, even where it is a report (follow-ups).
    crumbs.append(LinkView(marked(index, document_id, model.short_title or model.title)))
    current = "dokument/methods.html" if document_id == "methods" else None
    if isinstance(model, FollowUp):
        return _follow_up(env, index, model, urls, _nav("../", None, search), crumbs, related)
    if isinstance(model, Consultation):
        from mvkplan.publish.consultation.render import render_consultation

        return render_consultation(index, document_id, "html", env, urls,
                                   nav=_nav("../", None, search), breadcrumbs=crumbs)
    page = document_page(env, index, document_id, urls, updated(document_id),
                         nav=_nav("../", current, search), breadcrumbs=crumbs, errors=errors, plain=plain)
    return render_page(env, replace(page, related=related))


def _pdf(index: LinkIndex, document_id: str, templates: Path | None,
         updated: Callable[[str], str | None], errors: Sequence[str], plain: bool,
         look: Look | None = None) -> bytes:
    from mvkplan.publish.exports.pdf import render_pdf

    return render_pdf(index, document_id, templates=templates, updated=updated(document_id),
                      errors=errors, plain=plain, look=look)


def _diff(env: Environment, index: LinkIndex, old_id: str, new_id: str, search: bool = False) -> str:
    from mvkplan.publish.diff.page import render_diff_page
    from mvkplan.views.consultation import change_labels
    from mvkplan.views.diff import diff_in_index

    old, new = index.documents[old_id].model, index.documents[new_id].model
    urls = Urls(index, None, site=True, root="../")
    old_link = LinkView(marked(index, old_id, document_title(index, old_id)), urls.document(old_id))
    new_link = LinkView(marked(index, new_id, document_title(index, new_id)), urls.document(new_id))
    result = diff_in_index(index, old, new, old_label=old_link.text, new_label=new_link.text,
                           behind=change_labels(index, old_id, new_id))
    crumbs = [LinkView(HOME, "../index.html")]
    if new.county:
        crumbs.append(LinkView(county_name(index, new.county)[0], urls.county(new.county)))
    crumbs += [LinkView(new.short_title or new.title, urls.document(new_id)),
               LinkView(diff_heading(old))]
    return render_diff_page(env, result, old, old_link=old_link, new_link=new_link, root="../",
                            nav=_nav("../", None, search), breadcrumbs=crumbs)


def _follow_up(env: Environment, index: LinkIndex, model: FollowUp, urls: Urls,
               nav: list[tuple[LinkView, bool]], crumbs: list[LinkView],
               related: tuple[LinkView, ...] = ()) -> str:
    """A follow-up's page is its annual report."""
    from mvkplan.publish.report.render import render_report
    from mvkplan.views.report.build import ReportError, build_report

    try:
        report = build_report(index, model.plan, model.year)
    except ReportError as exc:
        raise RenderError(f"follow-up '{model.id}': {exc}") from None
    return render_report(report, "html", env=env, urls=urls, nav=nav, breadcrumbs=crumbs,
                         related=related)


def _profiles(index: LinkIndex) -> dict[str, str]:
    """County → id of its county-profile document (the first, by id)."""
    found: dict[str, str] = {}
    for document_id, loaded in sorted(index.documents.items()):
        card = card_of(loaded)
        if card.kind == "county-profile" and card.county:
            found.setdefault(card.county, document_id)
    return found


def page_paths(pages: list[SitePage]) -> Iterator[str]:
    """The paths of the pages, for listings and tests."""
    return (page.path for page in pages)


__all__ = ["CATALOG_FILE", "PARALLEL_PAGES", "FollowUpWithoutPlan", "Progress", "SiteOptions", "SitePage",
           "UnsafePathError", "build_site",
           "follow_ups_left_out", "published_index", "render_site", "site_pages", "write_site"]
