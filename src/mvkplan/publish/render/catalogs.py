"""Catalogs (methods, counties, indicator sources, regulations) as tables of entries."""

from __future__ import annotations

from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_links
from mvkplan.index.titles import document_title, document_titles
from mvkplan.models import Catalog, CatalogEntry
from mvkplan.publish.render.links import Urls, external_url, marked, placed_backlinks
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.render.views import Column, EntryView, LinkView

# Column key → heading; a column appears when some entry fills it.
ENTRY_FIELDS = {
    "name": "Namn",
    "short": "Förkortning",
    "code": "Kod",
    "description": "Beskrivning",
    "issued": "Gäller från",
    "superseded_by": "Ersatt av",
}
USED_IN = {
    "methods": "Nämns i",
    "indicator-sources": "Används i",
    "regulations": "Nämns i",
    "violence-forms": "Nämns i",
    "counties": "Dokument",
    "municipalities": "Dokument",
}
_RELATIONS = ("link", "method", "indicator-source", "regulation", "violence-form", "county",
              "municipality")


def entry_columns(catalog: Catalog) -> list[Column]:
    """Columns for the fields some entry of the catalog fills, then where entries are used."""
    columns = [Column(key, heading) for key, heading in ENTRY_FIELDS.items()
               if key == "name" or any(getattr(e, key) for e in catalog.entries)]
    columns.append(Column("used_in", USED_IN.get(catalog.extends or catalog.id, "Kopplat från")))
    return columns


def entry_views(catalog: Catalog, columns: list[Column], urls: Urls, writer: Writer) -> list[EntryView]:
    """One row per entry; back-links include uses through catalogs extending this one."""
    return [_entry(catalog, entry, columns, urls, writer) for entry in catalog.entries]


def _entry(catalog: Catalog, entry: CatalogEntry, columns: list[Column], urls: Urls,
           writer: Writer) -> EntryView:
    cells: dict[str, object] = {}
    for column in columns:
        key = column.key
        if key == "name":
            href = external_url(entry.url)
            cells[key] = LinkView(entry.name, href)
        elif key == "description":
            cells[key] = writer.inline(entry.description) if entry.description else None
        elif key == "superseded_by":
            target = entry.superseded_by
            cells[key] = (LinkView(target, urls.document(catalog.id, target))
                          if target else None)
        elif key == "used_in":
            cells[key] = _used_in(catalog, entry, urls)
        else:
            value = getattr(entry, key)
            cells[key] = str(value) if value else None
    return EntryView(entry.id, cells)  # type: ignore[arg-type]


def _used_in(catalog: Catalog, entry: CatalogEntry, urls: Urls) -> list[LinkView]:
    """The documents that use an entry, also through catalogs extending this one.

    Which documents, and the URL of each, follow from the links alone when every one has
    a page of its own: kept per index and page, only the titles are read for each page."""
    references = [f"{name}/{entry.id}" for name in (catalog.id, catalog.extends) if name]
    kept = per_links(_documents_used_in, urls.index)
    where = (tuple(references), urls.current, urls.root, urls.ext, urls.site)
    documents = kept.get(where)
    if documents is None:
        placed = [place for reference in references
                  for place in placed_backlinks(reference, urls, relations=_RELATIONS,
                                                first_per_document=True)]
        paged = [(d, href) for d, href, _ in placed if href and not href.startswith("#")]
        if len(paged) < len(placed):
            # A link without a page of its own is told apart by its title: read each time.
            found = [LinkView(marked(urls.index, d, document_title(urls.index, d).partition(": ")[0]),
                              href) for d, href, _ in placed]
            return _unique_documents(found)
        first: dict[str, tuple[str, str]] = {}
        for document_id, href in paged:
            first.setdefault(href.partition("#")[0], (document_id, href))
        documents = kept[where] = list(first.values())
    titles = document_titles(urls.index)
    return [LinkView(marked(urls.index, d, titles.get(d, d).partition(": ")[0]), href)
            for d, href in documents]


def _documents_used_in(_index: LinkIndex) -> dict[tuple[object, ...], list[tuple[str, str]]]:
    return {}  # filled as pages ask (see _used_in)


def _unique_documents(links: list[LinkView]) -> list[LinkView]:
    """Each document once, linked to its first mention (a catalog row stays short)."""
    seen: dict[str, LinkView] = {}
    for link in links:
        base = (link.href or "").partition("#")[0]
        title = str(link.text).partition(": ")[0]
        seen.setdefault(base or title, LinkView(title, link.href))
    return list(seen.values())
