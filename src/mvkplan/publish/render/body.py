"""A plan's body: its parts as blocks, in the order the source prints them.

A plan's ``layout`` names its top-level parts in the printed order; a section body places a
part under its own heading with ``[[name]]``. Without a layout the parts follow a default
order under headings of the tool's (``HEADINGS``); with one, the tool adds no headings.
"""

from __future__ import annotations

from mvkplan.index.titles import document_title
from mvkplan.models import DocumentBase, FrameworkItem, PlanBase, Reference, Strategy
from mvkplan.publish.render.additions import aside_entry, catalog_links, item_aside
from mvkplan.publish.render.links import Urls, external_url
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.render.sections import section_view
from mvkplan.publish.render.tables import area_view, commitment_view
from mvkplan.publish.render.views import (
    AdoptionView,
    Block,
    FrameworkItemView,
    IndicatorListView,
    LinkView,
    MetaRow,
    ReferenceView,
    SectionView,
    TargetGroupsView,
)

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
    "kopplingar": "Kopplingar",
    "innehall": "Innehåll",
}
"""Headings the tool adds; the sources' own headings come from the documents."""
PART_HEADINGS = {
    "purpose": "syfte", "references": "referenser", "basis": "underlag",
    "commitments": "ataganden", "indicator-lists": "indikatorer",
    "regional-goals": "regionala-mal", "adoption": "underskrifter",
}
DEFAULT_ORDER = ("purpose", "target-groups", "references", "basis", "commitments", "areas",
                 "indicator-lists", "regional-goals")


class Body:
    """Builds a document's blocks; remembers which parts sections placed themselves."""

    def __init__(self, model: DocumentBase, urls: Urls, writer: Writer) -> None:
        self.model = model
        self.urls = urls
        self.writer = writer
        self.placed: set[str] = set()
        self.laid_out = bool(getattr(model, "layout", []))

    def blocks(self) -> list[Block]:
        """Every part of the document, once, in the source's order."""
        model = self.model
        opening = {s.id: section_view(s, 2, model.id, self.urls, self.writer, self.place)
                   for s in model.sections}
        plan = model if isinstance(model, PlanBase) else None
        closing = {s.id: section_view(s, 2, model.id, self.urls, self.writer, self.place)
                   for s in plan.closing_sections} if plan else {}
        if not plan:
            return [_section_block(v) for v in opening.values()]
        area_ids = [a.id for a in plan.areas]
        default = [*opening, *DEFAULT_ORDER, *closing, "adoption"]
        order = [*plan.layout, *(n for n in default
                                  if n not in plan.layout and n not in plan.appendix)]
        if all(f"commitment:{n}" in self.placed for n in range(1, len(plan.commitments) + 1)):
            self.placed.add("commitments")
        blocks: list[Block] = []
        for name in order:
            if name in self.placed or (name in area_ids and f"area:{name}" in self.placed):
                continue
            if name in opening or name in closing:
                blocks.append(_section_block(opening.get(name) or closing[name]))
                continue
            if name in area_ids:
                name = f"area:{name}"
            if name == "areas":
                for area_id in area_ids:
                    if f"area:{area_id}" not in self.placed and area_id not in plan.layout:
                        blocks.extend(self._part(f"area:{area_id}", 2, heading=True))
                continue
            blocks.extend(self._part(name, 2, heading=not self.laid_out))
        return blocks

    def appendix(self) -> list[Block]:
        """The parts the source does not print as such, for the additions' appendix."""
        plan = self.model
        if not isinstance(plan, PlanBase):
            return []
        return [b for name in plan.appendix if name not in self.placed
                for b in self._part(name, 3, heading=True)]

    def place(self, name: str, level: int) -> Block | None:
        """The part a section places with ``[[name]]``: under the section's heading."""
        self.placed.add(name)
        found = self._part(name, level, heading=False)
        return found[0] if found else None

    def _part(self, name: str, level: int, *, heading: bool) -> list[Block]:
        model, urls, writer = self.model, self.urls, self.writer
        assert isinstance(model, PlanBase)
        kind, _, key = name.partition(":")
        title = HEADINGS[PART_HEADINGS[kind]] if heading and kind in PART_HEADINGS else None
        anchor = f"mvk-{PART_HEADINGS[kind]}" if title else None
        content: object = None
        if kind == "areas":  # placed by a section: every area not placed on its own
            areas = [b for a in model.areas if f"area:{a.id}" not in self.placed
                     and a.id not in model.layout
                     for b in self._part(f"area:{a.id}", level + 1, heading=True)]
            return [Block("group", level, None, None, areas)] if areas else []
        if kind == "area":
            area = next((a for a in model.areas if a.id == key), None)
            if area is not None:
                sub = level + 1 if name in self.placed and not heading else level
                view = area_view(area, model, urls, writer, sub)
                return [Block("area", sub, view.anchor, view.heading, view)]
        elif kind == "vision" and model.vision:
            content = model.vision
        elif kind == "purpose" and model.purpose:
            content = writer.block(model.purpose, level + 1)
        elif kind == "target-groups" and model.target_groups:
            tg = model.target_groups
            if heading or (tg.title and name not in self.placed):
                title, anchor = tg.title or "Målgrupper", "mvk-malgrupper"
            content = self._target_groups()
        elif kind in ("references", "basis"):
            content = [reference_view(r, urls) for r in getattr(model, kind)] or None
        elif kind == "commitments" and model.commitments:
            content = [commitment_view(c.actor, c.heading, c.items, writer)
                       for n, c in enumerate(model.commitments, 1)
                       if f"commitment:{n}" not in self.placed]
        elif kind == "commitment" and key.isdigit() and 0 < int(key) <= len(model.commitments):
            c = model.commitments[int(key) - 1]
            kind, content = "commitments", [commitment_view(c.actor, c.heading, c.items, writer)]
        elif kind in ("indicator-lists", "indicator-list") and isinstance(model, Strategy):
            lists = [lst for lst in model.indicator_lists if lst.id == key or (
                not key and f"indicator-list:{lst.id}" not in self.placed)]
            content = [IndicatorListView(lst.id, lst.title, list(lst.indicators),
                                         item_aside(f"{model.id}/{lst.id}", None, None,
                                                    lst.links, urls))
                       for lst in lists] or None
        elif kind == "regional-goals" and isinstance(model, Strategy) and model.regional_goals:
            content = [framework_item_view(i, level + 1, model.id, None, urls, writer)
                       for i in model.regional_goals]
        elif kind == "adoption":
            content = adoption_view(model, writer)
        if content is None:
            return []
        return [Block(kind, level, anchor, title, content)]

    def _target_groups(self) -> TargetGroupsView:
        model, writer = self.model, self.writer
        assert isinstance(model, PlanBase) and model.target_groups
        tg = model.target_groups
        forms = catalog_links("violence-forms", tg.violence_forms, self.urls)
        return TargetGroupsView(
            heading=tg.title or "Målgrupper",
            intro=writer.block(tg.intro) if tg.intro else None,
            definition=[writer.inline(d) for d in tg.definition],
            # A group whose text opens with its name ("Primär målgrupp är …") is printed
            # as the source prints it: without a heading of its own.
            groups=[(g.id, None if (g.description or "").startswith(g.title) else g.title,
                     writer.block(g.description) if g.description else None)
                    for g in tg.groups],
            outro=writer.block(tg.outro) if tg.outro else None,
            aside=aside_entry(None, None, [MetaRow("Våldsformer (katalogen)", forms)]),
        )


def _section_block(view: SectionView) -> Block:
    return Block("section", view.level, view.anchor, view.title, view)


def reference_view(ref: Reference, urls: Urls) -> ReferenceView:
    """A reference as printed; where the printed title is wrong, marked [sic]."""
    details = ", ".join(str(x) for x in (ref.short, ref.year) if x) or None
    link = None
    if ref.document:
        href = urls.ref(ref.document)
        link = LinkView(document_title(urls.index, ref.document.partition("/")[0]), href) \
            if href else None
    elif ref.url:
        href = external_url(ref.url)
        link = LinkView("Läs mer", href) if href else None
    return ReferenceView(ref.id, ref.title, details, link, ref.note, ref.correction, ref.written)


def adoption_view(model: DocumentBase, writer: Writer) -> AdoptionView | None:
    """Statement, dateline and signatories as printed."""
    adoption = model.adoption
    if adoption is None:
        return None
    return AdoptionView(
        writer.block(adoption.statement) if adoption.statement else None,
        adoption.written or ", ".join(x for x in (adoption.place, adoption.date) if x) or None,
        [(s.name, s.title, s.unit) for s in adoption.signatories],
    )


def framework_item_view(item: FrameworkItem, level: int, doc: str, label: str | None,
                        urls: Urls, writer: Writer) -> FrameworkItemView:
    """A framework goal with its text and sub-items; links and back-links aside."""
    if item.number and level == 2 and label:
        heading = f"{label} {item.number}: {item.title}"
    elif item.number:
        heading = f"{item.number} {item.title}"
    else:
        heading = item.title
    return FrameworkItemView(
        anchor=item.id, heading=heading, level=min(level, 6),
        text=writer.block(item.text, level + 1) if item.text else None,
        aside=item_aside(f"{doc}/{item.id}", None, None, item.links, urls),
        items=[framework_item_view(i, level + 1, doc, label, urls, writer) for i in item.items],
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
