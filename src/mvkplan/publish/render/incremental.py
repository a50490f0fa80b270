"""Incremental builds: render again only the pages whose inputs changed.

A page's inputs are summed up in a digest: mvkplan itself (its fingerprint), the
templates, and the documents the page shows. A document's page shows the document, the
documents it links to (their titles and items) and the documents that link to it
(back-links, the successor that supersedes it); the start page, the county pages and the
coverage page show every document. (The pages of frameworks, strategies and catalogs follow links through other
documents, so they count as showing every document.) A "what is new" page shows the plan, the
one it supersedes, what either links to, and the catalogs. The digests of the last build are kept in the
project's cache folder, signed like every cache entry (:mod:`mvkplan.loading.keys`: a
record that another user or a clone brought is not believed); a page whose digest is
unchanged and whose file is still in the output folder is not rendered again. Without a
readable record, everything is rendered.

:func:`rebuild` is what ``mvkplan build`` and a watching server call after a change.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from mvkplan.index.cards import card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_links
from mvkplan.loading.cache import fingerprint
from mvkplan.loading.documents import held_at_most
from mvkplan.loading.keys import seal, unseal, usable
from mvkplan.project.writing import write_atomic
from mvkplan.publish.opendata.tables import DATA_FOLDER
from mvkplan.publish.render.environment import shipped_templates
from mvkplan.publish.render.paths import inside
from mvkplan.publish.render.places import load_store, prepare, save_store
from mvkplan.publish.render.publish import Publication, built_files
from mvkplan.publish.render.rendering import Progress, SitePage, render_into
from mvkplan.publish.render.search import SEARCH_FOLDER, index_site
from mvkplan.publish.render.site import SiteOptions, site_pages

_DOCUMENT_PAGE = "dokument/"
_DIFF_PAGE = "nytt/"
_DATA_FILE = f"{DATA_FOLDER}/"
MODELS_HELD = 256
"""Models made again while pages render that stay alive in a process (the last made): a
page reads its document's and a few others' (what it links to, its follow-ups), and the
pages listing every document (coverage, the counties side by side) read them in turn,
following links to others; a model is about three times its YAML (some 100 kB), so a few
hundred cost little and spare most of those pages' validations made again."""
_SHOWS_NO_DOCUMENT = frozenset({"sok.html", "sok.js", "tillganglighet.html"})
"""The search page, its script and the accessibility statement show no document (the
options they do show are part of every page's digest)."""
# Pages of frameworks, strategies and catalogs show coverage and uses that follow links
# through other documents: they depend on every document.
_SHOWS_CHAINS = frozenset({"framework", "strategy", "catalog"})


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the pages rendered anew and those carried over unchanged."""

    written: list[Path]
    """Files of the pages rendered in this build."""
    unchanged: list[str]
    pages: int
    digests: dict[str, str] = field(default_factory=dict)
    """Page path → digest of what it shows, for the next build (see ``previous``)."""


def rebuild(
    index: LinkIndex, out: Path, *, state: Path | None,
    templates: Path | None = None,
    updated: Callable[[str], str | None] = lambda _id: None,
    errors: Mapping[str, Sequence[str]] | None = None,
    plain: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
    compiled: Path | None = None,
    pages: list[SitePage] | None = None,
    previous: Mapping[str, str] | None = None,
    parallel: bool = True,
    places: Path | None = None,
    env: Environment | None = None,
    options: SiteOptions | None = None,
) -> BuildResult:
    """Build the site into ``out``, rendering only what changed since the build that wrote
    ``state`` (a JSON file; None renders everything and keeps no record). ``compiled`` keeps
    compiled templates between builds; ``pages`` are those :func:`site_pages` gave for the
    same options, if the caller already listed them. A caller that keeps the digests of its
    last build in memory (a watching server) gives them as ``previous`` instead of ``state``,
    and may keep the rendering of a few pages in its own process (``parallel=False``), where
    what earlier builds computed is still at hand; many pages (a template changed, a plan
    every other links to) are spread over worker processes all the same. ``places`` is
    the store of where documents' links stand in their files (see
    :mod:`mvkplan.publish.render.places`), read before and written after the build; ``env`` a
    Jinja environment for ``templates`` the caller keeps between builds. ``options`` say
    who publishes the site and whether it gets a search index (made anew from every page
    on each build, before the new site takes the old one's place)."""
    options = options or SiteOptions()
    if pages is None:
        pages = site_pages(index, templates=templates, updated=updated, errors=errors,
                           plain=plain, pdf=pdf, compiled=compiled, env=env, options=options)
    digests = page_digests(index, pages, templates, updated, plain=plain, pdf=pdf, errors=errors,
                           site=options.digest())
    if previous is None:
        previous = _read_state(state) if state is not None else {}
    folder = str(out)  # (os.path: a rebuild asks this of every page of the site)
    stale = [page for page in pages if previous.get(page.path) != digests[page.path]
             or not os.path.isfile(os.path.join(folder, page.path))]
    written = {page.path for page in stale}
    kept = [page.path for page in pages if page.path not in written]
    with Publication(out) as publication:
        folders: dict[Path, bool] = {}
        for page in stale:  # refuse a path that leaves the site before rendering anything
            inside(publication.out, page.path, folders)
        many = sum(page.weight for page in stale) > len(pages) // 2  # weighed as ordinary pages
        # A page makes the models it reads (a streaming build let them go) and no process
        # holds more than a few of them: each worker makes those of the pages it renders.
        with held_at_most(MODELS_HELD):
            if stale:
                if places is not None:
                    load_store(places)
                prepare(index, parallel=parallel or many)  # shared by the workers rendering pages
            render_into(stale, publication.stage, progress, parallel=parallel or many)
        if state is not None and stale:
            # Forget the pages about to change first: were the build stopped while they move
            # in, the next one renders them again whatever it finds in the folder.
            _write_state(state, {p: d for p, d in previous.items() if p not in written})
        # Unchanged pages stay as they are; the search index is made over all of them,
        # unless not one page changed, came or went since the build that made it.
        finish = index_site if options.search else None
        search = _search_kept(out, pages) if finish is not None and not stale else None
        if search is not None:
            kept, finish = kept + search, None
        rendered = publication.commit(written, kept, finish)
    if state is not None:
        _write_state(state, digests)
    if places is not None and stale:
        save_store(places, index)
    return BuildResult(rendered, kept, len(pages), digests)


def _search_kept(out: Path, pages: list[SitePage]) -> list[str] | None:
    """The search index the last build into ``out`` made, when the site's pages are those it
    indexed (same paths, none rendered anew) and its files are all there; else None."""
    built = built_files(out)
    search = sorted(path for path in built if path.startswith(f"{SEARCH_FOLDER}/"))
    folder = str(out)
    if not search or built.difference(search) != {page.path for page in pages} \
            or not all(os.path.isfile(os.path.join(folder, path)) for path in search):
        return None
    return search


def state_file(cache_folder: Path, out: Path) -> Path:
    """Where the record of the last build into ``out`` is kept."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return cache_folder / "build" / f"{name}.json"


def places_file(cache_folder: Path) -> Path:
    """Where the places of documents' links are kept between builds."""
    return cache_folder / "build" / "places.pickle"


def compiled_folder(cache_folder: Path) -> Path:
    """Where compiled templates are kept between builds."""
    return cache_folder / "templates"


def page_digests(
    index: LinkIndex, pages: list[SitePage], templates: Path | None,
    updated: Callable[[str], str | None], *, plain: bool = False, pdf: bool = False,
    errors: Mapping[str, Sequence[str]] | None = None, site: str = "",
) -> dict[str, str]:
    """Page path → digest of everything the page shows (a PDF counts as its document's page;
    the errors a document is published with, shown on its page, are part of that page's).

    Which documents a page shows follows from the links alone: it is worked out once per
    index, and kept while a watching server sees only texts change (see ``per_links``)."""
    # The shipped templates too: in a checkout they lie outside the package the fingerprint
    # covers, and an edited stylesheet was carried over stale into every page.
    shipped = templates_digest(shipped_templates())
    base = f"{fingerprint()}\0{shipped}\0{templates_digest(templates)}\0plain={plain}\0pdf={pdf}\0site={site}"
    own = {doc_id: f"{doc_id}:{loaded.digest}:{updated(doc_id) or ''}"
           for doc_id, loaded in index.documents.items()}
    everything = _digest(base, *sorted(own.values()))
    shown = per_links(_shown, index)
    digests: dict[str, str] = {}
    for page in pages:
        if page.path not in shown:
            shown[page.path] = _shown_by_page(index, page.path, shown)
        related = shown[page.path]
        if related is None:
            digests[page.path] = everything
        else:
            digests[page.path] = _digest(base, *(own.get(other, f"{other}:missing")
                                                 for other in related))
        document_id = _document_of(page.path)
        if document_id in index.documents and errors and errors.get(document_id):
            digests[page.path] = _digest(digests[page.path], *errors[document_id])
    return digests


def _shown(_index: LinkIndex) -> dict[str, list[str] | None]:
    return {}  # page path → the ids of the documents it shows (None: every document)


def _document_of(path: str) -> str | None:
    if not path.startswith(_DOCUMENT_PAGE):
        return None
    return path[len(_DOCUMENT_PAGE):].removesuffix(".html").removesuffix(".pdf")


def _shown_by_page(index: LinkIndex, path: str, shown: dict[str, list[str] | None]) -> list[str] | None:
    if path in _SHOWS_NO_DOCUMENT:
        return []
    if path.startswith(_DATA_FILE):  # a document's open data holds that document only
        return [path[len(_DATA_FILE):].rsplit(".", 1)[0]]
    if path.startswith(_DIFF_PAGE):
        return _shown_by_diff(index, path[len(_DIFF_PAGE):].removesuffix(".html"), shown)
    document_id = _document_of(path)
    loaded = index.documents.get(document_id) if document_id else None
    if document_id is None or loaded is None or card_of(loaded).kind in _SHOWS_CHAINS:
        return None
    return _shown_by(index, document_id)


def _shown_by(index: LinkIndex, document_id: str) -> list[str]:
    """The documents a plan's page shows: itself, what it links to (and what supersedes
    those), what links to it."""
    related = {document_id}
    targets = {link.target_document for link in index.links_from(document_id)}
    related.update(targets)
    related.update(s for t in targets if (s := index.successor_of(t)))
    related.update(link.document for link in index.backlinks_to_document(document_id))
    return sorted(related)


def _shown_by_diff(index: LinkIndex, new_id: str, shown: dict[str, list[str] | None]) -> list[str]:
    """The documents a 'what is new' page shows: the plan and the one it supersedes, what
    either links to (items are named by their documents' titles), and the catalogs (names
    of methods, indicator sources, regulations and counties)."""
    if _CATALOGS not in shown:
        shown[_CATALOGS] = [doc_id for doc_id, loaded in index.documents.items()
                            if card_of(loaded).kind == "catalog"]
    loaded = index.documents.get(new_id)
    previous = card_of(loaded).supersedes if loaded is not None else None
    related = {new_id, *(shown[_CATALOGS] or ())}
    for document_id in (new_id, previous):
        if document_id:
            related.add(document_id)
            key = f"{_LINKS_OF}{document_id}"  # many plans supersede one: its links once
            if key not in shown:
                shown[key] = sorted({link.target_document for link in index.links_from(document_id)})
            related.update(shown[key] or ())
    return sorted(related)


_CATALOGS, _LINKS_OF = "\0catalogs", "\0links-of:"


def templates_digest(folder: Path | None) -> str:
    """The names, sizes and modification times of the templates in ``folder``, digested."""
    if folder is None:
        return ""
    parts = [f"{p.relative_to(folder)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
             for p in sorted(folder.rglob("*")) if p.is_file()]
    return _digest(*parts)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _write_state(path: Path, digests: dict[str, str]) -> None:
    # (No key, or a folder git tracks: no record is kept, and none is read either.)
    record = seal(json.dumps(digests, sort_keys=True).encode(), _state_label(path))
    if record is not None and usable(path):
        write_atomic(path, record)


def _read_state(path: Path) -> dict[str, str]:
    if not usable(path):
        return {}
    try:
        payload = unseal(path.read_bytes(), _state_label(path))
        data = json.loads(payload) if payload is not None else None
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return {}
    return data


def _state_label(path: Path) -> str:
    """What a record is signed for: its own name, which names the output folder it describes."""
    return f"build/{path.name}"
