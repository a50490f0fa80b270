"""Where links point and how they read: URLs between pages, link groups, back-links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urlsplit

from mvkplan.index.cards import card_of
from mvkplan.index.linkformat import group_links
from mvkplan.index.linkindex import Link, LinkIndex
from mvkplan.index.memo import per_index, per_links
from mvkplan.index.titles import document_titles
from mvkplan.publish.render.paths import UnsafePathError, safe_name
from mvkplan.publish.render.places import written_order
from mvkplan.publish.render.views import LinkView

EXTERNAL_SCHEMES = ("http", "https", "mailto")
DRAFT_MARK = "UTKAST"
"""How a draft is marked wherever it is shown: its page, lists, links and back-links."""
_MARKUP = re.compile(r"\[\^[^\]]*\]|[*_`]|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Urls:
    """URLs of documents and items as seen from the page being written.

    ``site`` lays pages out as ``mvkplan build`` does (documents in ``dokument/``,
    county pages in ``lan/``). A single document (``mvkplan render``) is published on
    its own, so it links only within itself: references to other documents are shown
    as text rather than as links to pages that may not exist beside it.
    """

    index: LinkIndex
    current: str | None
    ext: str = ".html"
    site: bool = False
    root: str = ""
    _known: dict[tuple[str, str | None], str | None] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False)
    """URLs already worked out (a page listing every document asks for each many times)."""

    def page(self, name: str) -> str:
        """A site page by its path from the site root, e.g. 'tackning.html'."""
        return self.root + name

    def document(self, document_id: str, item: str | None = None) -> str | None:
        """The URL of a document (or an item in it), None when it has no page."""
        key = (document_id, item)
        if key in self._known:
            return self._known[key]
        if document_id == self.current:
            url = self._known[key] = self._document(document_id, item)
            return url
        # Seen from another document, a URL is the same on every page at this depth.
        shared = per_links(_urls, self.index)
        wide = (self.root, self.ext, self.site, document_id, item)
        if wide not in shared:
            shared[wide] = self._document(document_id, item)
        url = self._known[key] = shared[wide]
        return url

    def _document(self, document_id: str, item: str | None) -> str | None:
        loaded = self.index.documents.get(document_id)
        model = card_of(loaded) if loaded is not None else None  # (no model made for a URL)
        if item and "/" in item and getattr(model, "kind", None) != "follow-up":
            item = item.split("/", 1)[0]  # a plan's indicator '<goal>/<id>' is shown in its goal
        fragment = "#" + quote(item, safe="") if item else ""
        if document_id == self.current:
            return fragment or "#mvk-top"
        if model is None or not self.site:
            return None
        if document_id == "counties" and item:
            return self.county(item)
        if model.kind == "county-profile" and model.county:
            return (self.county(model.county) or "") + fragment
        try:
            name = safe_name(document_id)
        except UnsafePathError:
            return None
        return f"{self.root}dokument/{name}{self.ext}{fragment}"

    def county(self, county_id: str) -> str | None:
        """The site's page of a county."""
        try:
            return f"{self.root}lan/{safe_name(county_id)}.html"
        except UnsafePathError:
            return None

    def ref(self, reference: str) -> str | None:
        """The URL of a '<document>/<item>' reference, None when it does not resolve."""
        document_id, _, item_id = reference.partition("/")
        if item_id:
            item = self.index.item(reference)
            if item is None:
                return None
            return self.document(item.document, item.id)
        return self.document(document_id)


def is_draft(index: LinkIndex, document_id: str) -> bool:
    """Whether the document is a draft (shown only by previews and ``build --drafts``)."""
    loaded = index.documents.get(document_id)
    return loaded is not None and not loaded.shipped and loaded.status == "draft"


def marked(index: LinkIndex, document_id: str, text: str) -> str:
    """``text`` naming the document, with ``(UTKAST)`` after it when the document is a draft,
    so that a reader never takes a draft for an adopted document."""
    return f"{text} ({DRAFT_MARK})" if is_draft(index, document_id) else text


def _urls(_index: LinkIndex) -> dict[tuple[str, str, bool, str, str | None], str | None]:
    return {}  # filled as pages ask (see Urls.document)


def external_url(url: str | None) -> str | None:
    """``url`` if it is http(s) or mailto, percent-encoded where Markdown would trip; else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    if scheme not in EXTERNAL_SCHEMES:
        return None
    return quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~.-_")


@lru_cache(maxsize=8192)
def plain_title(text: str, limit: int = 90) -> str:
    """A Markdown title as plain text for link texts, shortened at a word boundary."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + " …"


def link_groups(refs: list[str], urls: Urls, *, prefix: bool = True) -> list[LinkView]:
    """Links as the sources write them ('Delmål 1–5'), one per target document.

    Framework groups read 'Nationella strategin: Mål 1' (or just 'Mål 1' with
    ``prefix=False``); links to plans' goals read as the goals' titles, one link each.
    """
    views: list[LinkView] = []
    for group in group_links(refs, urls.index):
        if group.label:
            text = f"{group.document_title}: {group.text}" if prefix else group.text
            first = group.items[0] if group.items else None
            views.append(LinkView(marked(urls.index, group.document, text),
                                  urls.document(group.document, first)))
        elif not group.items:
            views.append(LinkView(marked(urls.index, group.document, group.document_title),
                                  urls.document(group.document)))
        else:
            for item_id in group.items:
                item = urls.index.item(f"{group.document}/{item_id}")
                title = plain_title(item.title) if item else f"{group.document}/{item_id}"
                text = f"{group.document_title}: {title}" if prefix else title
                views.append(LinkView(marked(urls.index, group.document, text),
                                      urls.document(group.document, item_id)))
    return views


def backlinks(reference: str, urls: Urls, *, relations: tuple[str, ...] = ("link",),
              first_per_document: bool = False) -> list[LinkView]:
    """What links to ``reference`` from other documents ('Kopplat från …'); with
    ``first_per_document`` only each document's first link (a catalog's row names documents).

    Which links are shown, in which order, depends on the links alone: it is worked out
    once per index (and kept while a watching server sees only texts change); the titles
    and URLs are read for each page."""
    titles = document_titles(urls.index)
    return [LinkView(marked(urls.index, d, titles.get(d, d)) if suffix is None
                     else f"{marked(urls.index, d, titles.get(d, d))}: {suffix}", href)
            for d, href, suffix in placed_backlinks(reference, urls, relations=relations,
                                                    first_per_document=first_per_document)]


def placed_backlinks(reference: str, urls: Urls, *, relations: tuple[str, ...] = ("link",),
                     first_per_document: bool = False) -> Placed:
    """The back-links :func:`backlinks` shows, as (linking document, URL, item title if
    shown): they follow from the links alone, and are kept per index and page."""
    examples = per_index(_examples, urls.index)
    key = (reference, relations, first_per_document, urls.current not in examples)
    placed = per_links(_placed, urls.index)
    where = (key, urls.current, urls.root, urls.ext, urls.site)
    if where not in placed:
        chosen = per_links(_chosen, urls.index)
        if key not in chosen:
            document_id = reference.partition("/")[0]
            hidden = examples if key[3] else frozenset()  # as shown_from decides
            found = [
                link for link in urls.index.backlinks(reference)
                if link.document != document_id and link.relation in relations
                and link.document not in hidden
            ]
            chosen[key] = _sources(found, urls.index, first_per_document=first_per_document)
        placed[where] = [(d, urls.document(d, source), suffix) for d, source, suffix in chosen[key]]
    return placed[where]


Chosen = list[tuple[str, str | None, str | None]]
"""Links to show: the linking document, its item to link to, the item's title (if shown)."""
Placed = list[tuple[str, str | None, str | None]]
"""Links to show on a page: the linking document, the link's URL, the item's title (if shown)."""


def _chosen(_index: LinkIndex) -> dict[tuple[str, tuple[str, ...], bool, bool], Chosen]:
    return {}  # filled as pages ask (see backlinks)


def _placed(_index: LinkIndex) -> dict[tuple[object, ...], Placed]:
    return {}  # filled as pages ask (see placed_backlinks)


def is_example(index: LinkIndex, document_id: str | None) -> bool:
    """Whether the document only illustrates the tool (``example: true``)."""
    return document_id in per_index(_examples, index)


def _examples(index: LinkIndex) -> frozenset[str]:
    return frozenset(document_id for document_id, loaded in index.documents.items()
                     if loaded.example)


def shown_from(source_document: str, urls: Urls) -> bool:
    """Whether a link from ``source_document`` may be shown on the current page: an example
    never appears in a real document's back-links; among examples it may."""
    return not is_example(urls.index, source_document) or is_example(urls.index, urls.current)


def _sources(found: list[Link], index: LinkIndex, *, first_per_document: bool = False) -> Chosen:
    seen: set[tuple[str, str | None]] = set()
    documents: set[str] = set()
    chosen: Chosen = []
    for link in sorted(found, key=written_order(found, index)):
        key = (link.document, link.source)
        if key in seen or (first_per_document and link.document in documents):
            continue
        seen.add(key)
        documents.add(link.document)
        item = index.item(link.source_key) if link.source else None
        # A document's first link stands for the document: its text is the title alone.
        suffix = plain_title(item.title) if item and not first_per_document else None
        chosen.append((link.document, link.source if item else None, suffix))
    return chosen


def documents_linking_here(document_id: str, urls: Urls) -> list[LinkView]:
    """Other documents that link to this one or its items, one entry each (which ones is
    kept as :func:`backlinks` keeps its choice)."""
    visible = urls.current in per_index(_examples, urls.index)
    linking = per_links(_linking, urls.index)
    if (document_id, visible) not in linking:
        linking[document_id, visible] = sorted({
            link.document for link in urls.index.backlinks_to_document(document_id)
            if link.relation not in ("county",) and shown_from(link.document, urls)})
    titles = document_titles(urls.index)
    return [LinkView(marked(urls.index, d, titles.get(d, d)), urls.document(d))
            for d in linking[document_id, visible]]


def _linking(_index: LinkIndex) -> dict[tuple[str, bool], list[str]]:
    return {}  # filled as pages ask (see documents_linking_here)
