"""A document's view: every field of the model, resolved, escaped and in reading order."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mvkplan.index.cards import DocumentCard
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.titles import document_title
from mvkplan.messages.words import KIND_LABELS, STATUS_LABELS
from mvkplan.models import Catalog, CountyProfile, DocumentBase, Framework, PlanBase
from mvkplan.models.common import Period
from mvkplan.publish.render.body import HEADINGS, Body, adoption_view, framework_item_view, reference_view
from mvkplan.publish.render.catalogs import entry_columns, entry_views
from mvkplan.publish.render.links import (
    DRAFT_MARK,
    Urls,
    documents_linking_here,
    external_url,
    link_groups,
    marked,
)
from mvkplan.publish.render.markdown import HtmlWriter, Writer
from mvkplan.publish.render.quotes import quote_blocks
from mvkplan.publish.render.sections import walk_sections
from mvkplan.publish.render.views import (
    Block,
    BodyPart,
    DocumentView,
    FootnoteView,
    LinkView,
    MetaRow,
    PublicationView,
    ReferenceView,
    SectionView,
    TocEntry,
)


def kind_of(model: DocumentBase | DocumentCard) -> str:
    """The document's kind ('regional-plan' …); every concrete model has one."""
    return str(getattr(model, "kind", ""))


def format_period(period: Period | None, *, note: bool = True) -> str | None:
    """'2024–2026', 'till och med 2026' or 'från 2020', as much as the source states;
    the source's own wording (``note``) where it has one and ``note`` is true."""
    if period is None:
        return None
    if period.note and note:
        return period.note
    if period.start and period.end:
        return str(period.start) if period.start == period.end else f"{period.start}–{period.end}"
    return f"till och med {period.end}" if period.end else f"från {period.start}"


def document_view(model: DocumentBase, urls: Urls, writer: Writer, updated: str | None,
                  *, plain: bool = False) -> DocumentView:
    """The view of any kind of document; ``updated`` is the file's date in the repository.

    With ``plain`` the tool's additions (fact box, links, back-links, quotations, glosses,
    contents, appendix) are left out: what remains is the document as adopted.
    """
    body = Body(model, urls, writer)
    view = DocumentView(
        id=model.id,
        kind=kind_of(model),
        kind_label=KIND_LABELS.get(kind_of(model), kind_of(model)),
        title=model.title,
        subtitle=model.subtitle,
        organisations=list(model.organisations),
        # The vision is one of the facts (the fact box): the source words it in its text.
        vision=None,
        notices=_notices(model, urls),
        meta=_meta(model, urls),
        headings=HEADINGS,
        body=body.blocks(),
    )
    view.appendix = body.appendix()
    if isinstance(model, PlanBase):
        quoted = {ref for s in walk_sections(model.sections + model.closing_sections)
                  for ref in s.links}
        view.quotes = quote_blocks([r for r in model.links if r not in quoted], urls, writer)
    if isinstance(model, Framework):
        view.framework_items = [framework_item_view(i, 2, model.id, model.item_label, urls, writer)
                                for i in model.items]
    if isinstance(model, Catalog):
        view.entry_columns = entry_columns(model)
        view.entries = entry_views(model, view.entry_columns, urls, writer)
    if isinstance(model, CountyProfile):
        view.intro = writer.block(model.intro) if model.intro else None
        view.publications = [_publication(p, urls, writer) for p in model.publications]
        # A list the page does not print is the tool's: the plain render leaves it out.
        view.references = [reference_view(r, urls) for r in model.references
                           if model.references_printed or not plain]
        adoption = adoption_view(model, writer)
        if adoption:
            view.body.append(Block("adoption", 2, "mvk-underskrifter",
                                   HEADINGS["underskrifter"], adoption))
    # Last, so that every marker in the text has been counted for the links back.
    view.footnotes = [
        FootnoteView(f"mvk-fn-{note.id}", note.id, writer.block(note.text),
                     _external(note.url, note.url), writer.first_reference(note.id))
        for note in model.footnotes
    ]
    view.sic = [(entry.printed, entry.correction) for entry in model.sic]
    view.linked_from = documents_linking_here(model.id, urls)
    view.updated = model.updated
    view.file_date = updated
    view.source = _source(model, urls)
    # Markdown footnotes have no heading to link to (GitHub gathers them at the end).
    view.toc = _toc(view, footnotes=isinstance(writer, HtmlWriter))
    return without_additions(view) if plain else view


def without_additions(view: DocumentView) -> DocumentView:
    """The view with none of the tool's additions: the document as adopted."""
    view.plain = True
    view.notices = [n for n in view.notices if n and str(n[0].text).startswith("Exempel")]
    view.meta = []
    view.quotes = []
    view.appendix = []
    view.sic = []
    view.linked_from = []
    view.file_date = None
    view.source = []
    view.toc = []
    _clear_asides(view.body)
    _clear_asides(view.references)
    _drop_added_headings(view.body)
    # A publication's note is the tool's remark, not the page's text.
    view.publications = [replace(p, note=None) for p in view.publications]
    for item in view.framework_items:
        _clear_asides([item])
    return view


def _drop_added_headings(objects: list[Any]) -> None:
    """Take the tool's headings (``title_printed: false``) off every section reachable."""
    for obj in objects:
        if isinstance(obj, Block):
            _drop_added_headings([obj.content])
        elif isinstance(obj, list):
            _drop_added_headings(obj)
        elif isinstance(obj, SectionView):
            if obj.title_added:
                obj.title = None
            _drop_added_headings(obj.sections)
            _drop_added_headings([p.block for p in obj.parts])


def _clear_asides(objects: list[Any]) -> None:
    """Empty the ``aside`` of every view reachable from ``objects``."""
    for obj in objects:
        if isinstance(obj, Block):
            _clear_asides([obj.content])
        elif isinstance(obj, BodyPart):
            _clear_asides([obj.block])
        elif isinstance(obj, list):
            _clear_asides(obj)
        elif isinstance(obj, ReferenceView):
            obj.link = None
            obj.correction = None
        elif obj is not None and hasattr(obj, "aside"):
            object.__setattr__(obj, "aside", [])
            _clear_asides([getattr(obj, f, None) for f in ("parts", "sections", "items")])


def _external(text: str | None, url: str | None) -> LinkView | None:
    href = external_url(url)
    return LinkView(text or url or "", href) if href else None


def _publication(pub, urls: Urls, writer: Writer) -> PublicationView:  # type: ignore[no-untyped-def]
    href = urls.ref(pub.document) if pub.document else None
    fulltext = _external(pub.link_text or "Fulltext", pub.url)
    if fulltext is None and pub.link_text:  # printed, even where the address is not known
        fulltext = LinkView(pub.link_text)
    return PublicationView(
        LinkView(pub.title, href or (fulltext.href if fulltext else None)),
        writer.block(pub.description) if pub.description else None,
        fulltext,
        pub.note,
    )


def _notices(model: DocumentBase, urls: Urls) -> list[list[LinkView]]:
    notices: list[list[LinkView]] = []
    successor = urls.index.successor_of(model.id)
    if model.status == "superseded" or successor:
        notice = [LinkView("Dokumentet har ersatts")]
        if successor:
            notice = [LinkView("Dokumentet har ersatts av "),
                      LinkView(marked(urls.index, successor, document_title(urls.index, successor)),
                               urls.document(successor))]
        notices.append(notice)
    if model.status == "draft":
        notices.append([LinkView(f"{DRAFT_MARK} – dokumentet är inte antaget.")])
    if getattr(model, "example", False):
        notices.append([LinkView("Exempel – dokumentet beskriver ingen verklig plan.")])
    return notices


def _meta(model: DocumentBase, urls: Urls) -> list[MetaRow]:
    rows: list[MetaRow] = []

    def add(label: str, *values: LinkView | None) -> None:
        present = [v for v in values if v is not None]
        if present:
            rows.append(MetaRow(label, present))

    vision = getattr(model, "vision", None)
    add("Vision", LinkView(vision) if vision else None)
    if model.organisations:
        add("Utgivare", *(LinkView(o) for o in model.organisations))
    if model.county:
        county = urls.index.item(f"counties/{model.county}")
        add("Län", LinkView(county.title if county else model.county,
                            urls.document("counties", model.county)))
    period = format_period(model.period)
    add("Period", LinkView(period) if period else None)
    add("Status", LinkView(STATUS_LABELS[model.status])
        if kind_of(model) not in ("framework", "catalog") else None)
    if model.adoption and model.adoption.date:
        add("Antagen", LinkView(model.adoption.date))
    if model.annex_of:
        label = f"{model.annex_label} till" if model.annex_label else "Bilaga till"
        add(label, LinkView(marked(urls.index, model.annex_of,
                                   document_title(urls.index, model.annex_of)),
                            urls.document(model.annex_of)))
    if model.supersedes:
        add("Ersätter", LinkView(marked(urls.index, model.supersedes,
                                        document_title(urls.index, model.supersedes)),
                                 urls.document(model.supersedes)))
    add("Kopplad till", *link_groups(model.links, urls))
    latest = latest_report(urls, model.id)
    add("Senaste uppföljning", latest)
    add("Remissammanställning", *consultations_of(urls, model.id))
    return rows


def latest_report(urls: Urls, plan_id: str) -> LinkView | None:
    """A link to the plan's latest follow-up report, where it has one."""
    from mvkplan.index.cards import card_of
    from mvkplan.index.followups import follow_ups_by_plan
    from mvkplan.index.memo import per_index

    plan = urls.index.documents.get(plan_id)  # (read from cards: every county page asks)
    real = plan is not None and not card_of(plan).example
    # An example follow-up is never linked from a real plan (examples do not leak).
    follow_ups = [f for f in per_index(follow_ups_by_plan, urls.index).get(plan_id, [])
                  if not (real and f.example)]
    if not follow_ups:
        return None
    latest = follow_ups[-1]
    return LinkView(marked(urls.index, latest.id, card_of(latest).title), urls.document(latest.id))


def consultations_of(urls: Urls, plan_id: str) -> list[LinkView]:
    """Links to the summaries of the consultations of a plan (as draft or as the plan adopted after it)."""
    from mvkplan.index.memo import per_index

    plan = urls.index.document(plan_id)
    real = plan is not None and not plan.example
    found = []
    # The consultations of every plan are sorted out once per index: looked for on each
    # plan's page, they made a site's build grow with the square of its documents.
    for document_id in per_index(_consultations_by_plan, urls.index).get(plan_id, ()):
        loaded = urls.index.documents[document_id]
        if real and loaded.example:  # examples never leak into real plans
            continue
        found.append(LinkView(marked(urls.index, document_id, loaded.model.title),
                              urls.document(document_id)))
    return found


def _consultations_by_plan(index: LinkIndex) -> dict[str, list[str]]:
    """Plan id → the consultations naming it as their plan or as the plan adopted after
    them, by id."""
    found: dict[str, list[str]] = {}
    for document_id, loaded in sorted(index.documents.items()):
        if loaded.kind != "consultation":
            continue
        model = loaded.model
        for plan_id in dict.fromkeys((getattr(model, "plan", None), getattr(model, "adopted", None))):
            if plan_id:
                found.setdefault(plan_id, []).append(document_id)
    return found


def _source(model: DocumentBase, urls: Urls) -> list[LinkView]:
    if model.source is None:
        return []
    source = model.source
    parts = [LinkView(source.title, external_url(source.url))]
    if source.publisher:
        parts.append(LinkView(source.publisher))
    return parts


def _toc(view: DocumentView, *, footnotes: bool) -> list[TocEntry]:
    """The h2 headings in the order the templates print them."""
    entries = [TocEntry(b.anchor, b.heading) for b in view.body
               if b.anchor and b.heading and b.level == 2]
    entries.extend(TocEntry(i.anchor, i.heading) for i in view.framework_items)
    if view.publications:
        entries.insert(0, TocEntry("mvk-publikationer", HEADINGS["publikationer"]))
    if footnotes and view.footnotes:
        entries.append(TocEntry("mvk-fotnoter", HEADINGS["fotnoter"]))
    if view.quotes or view.linked_from or view.appendix or view.sic:
        entries.append(TocEntry("mvk-kopplingar", HEADINGS["kopplingar"]))
    return entries if len(entries) >= 3 else []
