"""A document's view: every field of the model, resolved, escaped and in reading order."""

from __future__ import annotations

from mvkplan.models import (
    Catalog,
    CountyProfile,
    DocumentBase,
    Framework,
    FrameworkItem,
    PlanBase,
    Reference,
    Strategy,
)
from mvkplan.models.common import Period
from mvkplan.render.catalogs import entry_columns, entry_views
from mvkplan.render.links import (
    Urls,
    backlinks,
    document_title,
    documents_linking_here,
    external_url,
    link_groups,
)
from mvkplan.render.markdown import Writer
from mvkplan.render.quotes import quote_blocks
from mvkplan.render.sections import PlacedLists, section_view, walk_sections
from mvkplan.render.tables import area_view, commitment_view
from mvkplan.render.views import (
    AdoptionView,
    DocumentView,
    FootnoteView,
    FrameworkItemView,
    IndicatorListView,
    LinkView,
    MetaRow,
    PublicationView,
    ReferenceView,
    TargetGroupsView,
    TocEntry,
)

KIND_LABELS = {
    "regional-plan": "Regional handlingsplan",
    "strategy": "Regional strategi",
    "activity-plan": "Verksamhetsplan",
    "local-plan": "Lokal handlingsplan",
    "framework": "Mål och ramverk",
    "county-profile": "Länets arbete",
    "catalog": "Katalog",
}
STATUS_LABELS = {"draft": "Utkast", "adopted": "Antagen", "superseded": "Ersatt"}
# Headings the tool adds (the sources' own headings come from the documents). Templates
# print them from here so that the table of contents always matches.
HEADINGS = {
    "syfte": "Syfte",
    "referenser": "Överenskommelser och regelverk",
    "underlag": "Underlag",
    "koppling": "Koppling till nationella mål",
    "ataganden": "Aktörernas åtaganden",
    "indikatorer": "Indikatorer",
    "regionala-mal": "Regionala mål",
    "publikationer": "Publikationer i urval",
    "fotnoter": "Fotnoter",
    "underskrifter": "Underskrifter",
    "kopplat-fran": "Kopplat från andra dokument",
    "innehall": "Innehåll",
}


def kind_of(model: DocumentBase) -> str:
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


def document_view(model: DocumentBase, urls: Urls, writer: Writer, updated: str | None) -> DocumentView:
    """The view of any kind of document."""
    view = DocumentView(
        id=model.id,
        kind=kind_of(model),
        kind_label=KIND_LABELS.get(kind_of(model), kind_of(model)),
        title=model.title,
        subtitle=model.subtitle,
        organisations=list(model.organisations),
        vision=getattr(model, "vision", None),
        notices=_notices(model, urls),
        meta=_meta(model, urls),
        sections=[],
        headings=HEADINGS,
    )
    lists = PlacedLists({
        "references": [_reference(r, urls) for r in getattr(model, "references", [])],
        "basis": [_reference(r, urls) for r in getattr(model, "basis", [])],
    })
    view.sections = [section_view(s, 2, model.id, urls, writer, lists) for s in model.sections]
    if isinstance(model, PlanBase):
        _plan(view, model, urls, writer, lists)
    if isinstance(model, Strategy):
        view.indicator_lists = [
            IndicatorListView(lst.id, lst.title, link_groups(lst.links, urls), list(lst.indicators))
            for lst in model.indicator_lists
        ]
        view.regional_goals = [_framework_item(i, 3, model.id, None, urls, writer)
                               for i in model.regional_goals]
    if isinstance(model, Framework):
        view.framework_items = [_framework_item(i, 2, model.id, model.item_label, urls, writer)
                                for i in model.items]
    if isinstance(model, Catalog):
        view.entry_columns = entry_columns(model)
        view.entries = entry_views(model, view.entry_columns, urls, writer)
    if isinstance(model, CountyProfile):
        view.intro = writer.block(model.intro) if model.intro else None
        view.publications = [_publication(p, urls, writer) for p in model.publications]
        view.references = [_reference(r, urls) for r in model.references]
    view.adoption = _adoption(model, writer)
    # Last, so that every marker in the text has been counted for the links back.
    view.footnotes = [
        FootnoteView(f"mvk-fn-{note.id}", note.id, writer.block(note.text),
                     _external(note.url, note.url), writer.first_reference(note.id))
        for note in model.footnotes
    ]
    view.linked_from = documents_linking_here(model.id, urls)
    view.updated = updated
    view.source = _source(model, urls)
    view.toc = _toc(view)
    return view


def _plan(view: DocumentView, model: PlanBase, urls: Urls, writer: Writer, lists: PlacedLists) -> None:
    view.purpose = writer.block(model.purpose) if model.purpose else None
    if model.target_groups:
        tg = model.target_groups
        view.target_groups = TargetGroupsView(
            heading=tg.title or "Målgrupper",
            intro=writer.block(tg.intro) if tg.intro else None,
            definition=[writer.inline(d) for d in tg.definition],
            groups=[(g.id, g.title, writer.block(g.description) if g.description else None)
                    for g in tg.groups],
            violence_forms=[_entry_link("violence-forms", f, urls) for f in tg.violence_forms],
            outro=writer.block(tg.outro) if tg.outro else None,
        )
    quoted = {ref for s in walk_sections(model.sections + model.closing_sections) for ref in s.links}
    view.quotes = quote_blocks([r for r in model.links if r not in quoted], urls, writer)
    view.commitments = [commitment_view(c.actor, c.heading, c.items, writer)
                        for c in model.commitments]
    view.areas = [area_view(a, model, urls, writer) for a in model.areas]
    view.closing_sections = [section_view(s, 2, model.id, urls, writer, lists)
                             for s in model.closing_sections]
    # A list a section body placed with [[name]] is not printed again in its own section.
    view.references = [] if "references" in lists.placed else lists.lists["references"]
    view.basis = [] if "basis" in lists.placed else lists.lists["basis"]


def _framework_item(item: FrameworkItem, level: int, doc: str, label: str | None,
                    urls: Urls, writer: Writer) -> FrameworkItemView:
    if item.number and level == 2 and label:
        heading = f"{label} {item.number}: {item.title}"
    elif item.number:
        heading = f"{item.number} {item.title}"
    else:
        heading = item.title
    return FrameworkItemView(
        anchor=item.id, heading=heading, level=min(level, 6),
        text=writer.block(item.text, level + 1) if item.text else None,
        links=link_groups(item.links, urls),
        backlinks=backlinks(f"{doc}/{item.id}", urls),
        items=[_framework_item(i, level + 1, doc, label, urls, writer) for i in item.items],
        facts=_indicator_facts(item),
    )


def _indicator_facts(item: FrameworkItem) -> list[tuple[str, str]]:
    """What a framework indicator states about itself, e.g. ('Datakälla', 'NTU-lokal')."""
    status = ", ".join(name for name, flag in (
        ("Kärnindikator", item.core),
        ("Utvecklingsindikator (saknar ännu datakälla)", item.development)) if flag)
    return [(label, value) for label, value in (
        ("Indikatorområde", item.area), ("Datakälla", item.data_source),
        ("Ansvarig", item.responsible), ("Status", status)) if value]


def _entry_link(catalog: str, entry_id: str, urls: Urls) -> LinkView:
    item = urls.index.item(f"{catalog}/{entry_id}")
    if item is None:
        return LinkView(entry_id)
    return LinkView(item.title, urls.document(item.document, item.id))


def _external(text: str | None, url: str | None) -> LinkView | None:
    href = external_url(url)
    return LinkView(text or url or "", href) if href else None


def _reference(ref: Reference, urls: Urls) -> ReferenceView:
    details = ", ".join(str(x) for x in (ref.short, ref.year) if x) or None
    link = None
    if ref.document:
        href = urls.ref(ref.document)
        link = LinkView(document_title(urls.index, ref.document.partition("/")[0]), href) \
            if href else None
    elif ref.url:
        link = _external("Läs mer", ref.url)
    return ReferenceView(ref.id, ref.title, details, link, ref.note)


def _publication(pub, urls: Urls, writer: Writer) -> PublicationView:  # type: ignore[no-untyped-def]
    href = urls.ref(pub.document) if pub.document else None
    fulltext = _external("Fulltext", pub.url)
    return PublicationView(
        LinkView(pub.title, href or (fulltext.href if fulltext else None)),
        writer.block(pub.description) if pub.description else None,
        fulltext if href else None,
        pub.note,
    )


def _adoption(model: DocumentBase, writer: Writer) -> AdoptionView | None:
    adoption = model.adoption
    if adoption is None:
        return None
    return AdoptionView(
        writer.block(adoption.statement) if adoption.statement else None,
        adoption.written or ", ".join(x for x in (adoption.place, adoption.date) if x) or None,
        [(s.name, s.title, s.unit) for s in adoption.signatories],
    )


def _notices(model: DocumentBase, urls: Urls) -> list[list[LinkView]]:
    notices: list[list[LinkView]] = []
    successor = urls.index.successor_of(model.id)
    if model.status == "superseded" or successor:
        notice = [LinkView("Dokumentet har ersatts")]
        if successor:
            notice = [LinkView("Dokumentet har ersatts av "),
                      LinkView(document_title(urls.index, successor), urls.document(successor))]
        notices.append(notice)
    if model.status == "draft":
        notices.append([LinkView("Utkast – dokumentet är inte antaget.")])
    if getattr(model, "example", False):
        notices.append([LinkView("Exempel – dokumentet beskriver ingen verklig plan.")])
    return notices


def _meta(model: DocumentBase, urls: Urls) -> list[MetaRow]:
    rows: list[MetaRow] = []

    def add(label: str, *values: LinkView | None) -> None:
        present = [v for v in values if v is not None]
        if present:
            rows.append(MetaRow(label, present))

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
        add(label, LinkView(document_title(urls.index, model.annex_of), urls.document(model.annex_of)))
    if model.supersedes:
        add("Ersätter", LinkView(document_title(urls.index, model.supersedes),
                                 urls.document(model.supersedes)))
    add("Kopplad till", *link_groups(model.links, urls))
    return rows


def _source(model: DocumentBase, urls: Urls) -> list[LinkView]:
    if model.source is None:
        return []
    source = model.source
    parts = [LinkView(source.title, external_url(source.url))]
    if source.publisher:
        parts.append(LinkView(source.publisher))
    return parts


def _toc(view: DocumentView) -> list[TocEntry]:
    """The h2 headings in the order the templates print them."""
    entries = [TocEntry(s.anchor, s.title) for s in view.sections]

    def add(present: object, key: str, text: str | None = None) -> None:
        if present:
            entries.append(TocEntry(f"mvk-{key}", text or HEADINGS[key]))

    add(view.purpose, "syfte")
    if view.target_groups:
        add(True, "malgrupper", view.target_groups.heading)
    add(view.references, "referenser")
    add(view.basis, "underlag")
    add(view.quotes, "koppling")
    add(view.commitments, "ataganden")
    entries.extend(TocEntry(a.anchor, a.heading) for a in view.areas)
    add(view.indicator_lists, "indikatorer")
    add(view.regional_goals, "regionala-mal")
    entries.extend(TocEntry(i.anchor, i.heading) for i in view.framework_items)
    add(view.publications, "publikationer")
    entries.extend(TocEntry(s.anchor, s.title) for s in view.closing_sections)
    add(view.footnotes, "fotnoter")
    add(view.adoption, "underskrifter")
    add(view.linked_from, "kopplat-fran")
    return entries if len(entries) >= 3 else []
