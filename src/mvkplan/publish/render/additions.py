"""The tool's additions: what it knows beside the source's words.

Links to frameworks, back-links from other documents, catalog names of methods and
indicator sources, quoted framework texts and editorial notes are gathered here, one
:class:`AsideEntry` per goal, activity, row or section. Templates print them apart from
the source's text (a "Kopplingar" box), never inside its sentences, cells or lists, and
``--plain`` leaves them out.
"""

from __future__ import annotations

from mvkplan.models import Activity, FocusRow, Goal
from mvkplan.publish.render.links import Urls, backlinks, link_groups, plain_title
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.render.views import AsideEntry, LinkView, MetaRow, QuoteBlock, Text

LINKS_TO = "Kopplat till"
LINKED_FROM = "Kopplat från"


def aside_entry(anchor: str | None, label: Text | None, rows: list[MetaRow], *,
                notes: list[Text] | None = None,
                quotes: list[QuoteBlock] | None = None) -> list[AsideEntry]:
    """One entry, or none when there is nothing to add."""
    rows = [r for r in rows if r.values]
    if not rows and not notes and not quotes:
        return []
    return [AsideEntry(anchor, label, rows, notes or [], quotes or [])]


def item_aside(reference: str, anchor: str | None, label: Text | None, links: list[str],
               urls: Urls, *, more: list[MetaRow] | None = None,
               notes: list[Text] | None = None) -> list[AsideEntry]:
    """Links out of an item and back-links into it, plus any further rows and notes."""
    rows = [MetaRow(LINKS_TO, link_groups(links, urls)), *(more or []),
            MetaRow(LINKED_FROM, backlinks(reference, urls))]
    return aside_entry(anchor, label, rows, notes=notes)


def goal_aside(goal: Goal, doc: str, urls: Urls, writer: Writer) -> list[AsideEntry]:
    """A goal's links, methods and indicator sources from the catalogs, back-links, note."""
    sources = [_catalog_link("indicator-sources", i.source, urls)
               for i in goal.indicators if i.source]
    more = [MetaRow("Metoder", [_method(m, urls) for m in goal.methods]),
            MetaRow("Uppföljningskällor", list(dict.fromkeys(sources)))]
    notes: list[Text] = [writer.block(goal.note)] if goal.note else []
    return item_aside(f"{doc}/{goal.id}", goal.id, plain_title(goal.title, 60), goal.links,
                      urls, more=more, notes=notes)


def activity_aside(activity: Activity, doc: str, urls: Urls) -> list[AsideEntry]:
    """An activity's responsible actor and back-links (its goals are its own column)."""
    more = [MetaRow("Ansvarig", [LinkView(activity.responsible)] if activity.responsible else [])]
    links = activity.links if activity.links_written else []
    return item_aside(f"{doc}/{activity.id}", activity.id, plain_title(activity.title, 60),
                      links, urls, more=more)


def row_aside(row: FocusRow, doc: str, urls: Urls) -> list[AsideEntry]:
    """Back-links into a focus-area row (its sub-goals are its own column)."""
    return item_aside(f"{doc}/{row.id}", row.id, plain_title(row.problem, 60), [], urls)


def catalog_links(catalog: str, ids: list[str], urls: Urls) -> list[LinkView]:
    """Catalog entries by id, linked to the catalog's page."""
    return [_catalog_link(catalog, entry, urls) for entry in ids]


def _catalog_link(catalog: str, entry_id: str, urls: Urls) -> LinkView:
    item = urls.index.item(f"{catalog}/{entry_id}")
    if item is None:
        return LinkView(entry_id)
    return LinkView(item.title, urls.document(item.document, item.id))


def _method(method_id: str, urls: Urls) -> LinkView:
    item = urls.index.item(f"methods/{method_id}")
    if item is None:
        return LinkView(method_id)
    entry = item.obj
    if entry.short:
        return LinkView(entry.short, urls.document(item.document, item.id), hint=entry.name)
    return LinkView(entry.name, urls.document(item.document, item.id))
