"""The link model: every document, every linkable item, every link and its back-links.

Built once from loaded documents; validate, lint, render, ``links`` and ``coverage``
all read the same :class:`LinkIndex`. Building it only walks the models: no I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import (
    Area,
    Catalog,
    Consultation,
    CountyProfile,
    DocumentBase,
    FollowUp,
    Framework,
    FrameworkItem,
    LocalPlan,
    PlanBase,
    Strategy,
)
from mvkplan.models.items import indicator_id

Path_ = tuple[str | int, ...]
# A document, an item, or an indicator of a goal: doc, doc/item, doc/goal/indicator.
REF = re.compile(r"^[^\s/]+(/[^\s/]+){0,2}$")

# Relations whose targets are catalog entries: unknown ones are lint findings, not errors.
CATALOG_RELATIONS = frozenset({"method", "indicator-source", "regulation", "violence-form"})


# Items and links are not frozen (nothing assigns to them; they hash by their fields as
# frozen ones would): an index builds ~100 of them per document, and a frozen dataclass
# takes three to four times as long to build.
@dataclass(slots=True, unsafe_hash=True)
class Item:
    """Something a link can point at: ``<document>/<id>``."""

    document: str
    id: str
    kind: str
    title: str
    path: Path_
    owner: LoadedDocument = field(compare=False, repr=False)
    """The document the item is written in. The item's model object is read from it along
    ``path`` when asked for, so an index never keeps a released document's objects alive."""

    @property
    def obj(self) -> Any:
        """The item's model object (an area, a goal, a catalog entry, …)."""
        return self.owner.object_at(self.path)

    @property
    def key(self) -> str:
        """The reference that names this item."""
        return f"{self.document}/{self.id}"


@dataclass(slots=True, unsafe_hash=True)
class Link:
    """A link written in a document: where it stands, what it says, what relation it is."""

    document: str
    source: str | None
    """Id of the item the link belongs to; None for the document itself."""
    target: str
    relation: str
    path: Path_
    owner: LoadedDocument = field(compare=False, repr=False)
    """The document the link is written in: where its position is read, when asked for."""

    @property
    def file(self) -> str:
        """The path of the file the link is written in, as shown in messages."""
        return self.owner.path

    @property
    def line(self) -> int:
        """The line the link stands on (positions are read only for links that are reported)."""
        return self.owner.position(self.path)[0]

    @property
    def column(self) -> int:
        """The column the link starts at."""
        return self.owner.position(self.path)[1]

    @property
    def source_key(self) -> str:
        """Reference naming the linking item (or document)."""
        return f"{self.document}/{self.source}" if self.source else self.document

    @property
    def target_document(self) -> str:
        """The document part of the target."""
        return self.target.split("/", 1)[0]

    @property
    def target_item(self) -> str | None:
        """The item part of the target, if any."""
        parts = self.target.split("/", 1)
        return parts[1] if len(parts) == 2 else None


@dataclass
class LinkIndex:
    """Documents, items and links of a repository plus the shipped frameworks and catalogs."""

    documents: dict[str, LoadedDocument] = field(default_factory=dict)
    items: dict[str, dict[str, Item]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    duplicates: list[tuple[LoadedDocument, Item, Item]] = field(default_factory=list)
    duplicate_documents: list[tuple[LoadedDocument, LoadedDocument]] = field(default_factory=list)
    _backlinks: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    # Per-document views of the links, filled as documents are added, so that every
    # lookup below costs the size of its answer, not the size of the repository.
    _links_by_document: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    _incoming: dict[str, dict[str, list[Link]]] = field(default_factory=lambda: defaultdict(dict))
    _successors: dict[str, str] = field(default_factory=dict)
    _extensions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, documents: Iterable[LoadedDocument]) -> LinkIndex:
        """Index ``documents``; the first of two documents with the same id wins."""
        index = cls()
        for document in documents:
            index.add(document)
        return index

    def add(self, document: LoadedDocument, summary: Summary | None = None) -> None:
        """Add one document with its items and links (read from its model, or from its
        :func:`summarize` made elsewhere, which needs no model)."""
        doc_id = document.id
        if doc_id in self.documents:
            self.duplicate_documents.append((document, self.documents[doc_id]))
            return
        self.documents[doc_id] = document
        items: dict[str, Item] = {}
        if summary is None:
            for item in iter_items(document):
                self._take(document, items, item)
            written_links: Iterable[LinkFields] = iter_links(document.model)
        else:  # one document of thousands after a change: the loops are kept lean
            for item_id, kind, title, path in summary[0]:
                if item_id in items:
                    self.duplicates.append((document, Item(doc_id, item_id, kind, title, path, document),
                                            items[item_id]))
                else:
                    items[item_id] = Item(doc_id, item_id, kind, title, path, document)
            written_links = summary[1]
        self.items[doc_id] = items
        self._file(doc_id, [Link(doc_id, source, target, relation, path, document)
                            for source, path, target, relation in written_links])

    def summary(self, document_id: str) -> Summary:
        """What :meth:`add` made of a document, as :func:`summarize` gives it: adding the
        document to another index with this summary files the same items, duplicates and
        links, without its model (a streaming build let it go)."""
        document = self.documents[document_id]
        items = [*self.items.get(document_id, {}).values(),
                 *(dup for owner, dup, _first in self.duplicates if owner is document)]
        return ([(item.id, item.kind, item.title, item.path) for item in items],
                [(link.source, link.path, link.target, link.relation)
                 for link in self._links_by_document.get(document_id, ())])

    def _take(self, document: LoadedDocument, items: dict[str, Item], item: Item) -> None:
        """File ``item`` under its id, or note it as a duplicate of the first of that id."""
        if item.id in items:
            self.duplicates.append((document, item, items[item.id]))
        else:
            items[item.id] = item

    # -- lookups -------------------------------------------------------------------------

    def document(self, document_id: str) -> DocumentBase | None:
        """The model of a document, if known."""
        loaded = self.documents.get(document_id)
        return loaded.model if loaded else None

    def item(self, reference: str) -> Item | None:
        """The item a ``<document>/<item>`` reference names, searching catalog extensions too."""
        document_id, _, item_id = reference.partition("/")
        for candidate in (document_id, *self._extensions.get(document_id, ())):
            found = self.items.get(candidate, {}).get(item_id)
            if found is not None:
                return found
        return None

    def item_ids(self, document_id: str) -> list[str]:
        """All item ids of a document, including those of catalogs extending it."""
        ids = list(self.items.get(document_id, {}))
        for extension in self._extensions.get(document_id, ()):
            ids.extend(self.items.get(extension, {}))
        return ids

    def resolves(self, reference: str) -> bool:
        """Whether a reference names a known document or item."""
        if "/" in reference:
            return self.item(reference) is not None
        return reference in self.documents

    def backlinks(self, reference: str) -> list[Link]:
        """Every link whose target is ``reference`` (an item or a document)."""
        return list(self._backlinks.get(reference, ()))

    def backlinks_to_document(self, document_id: str) -> list[Link]:
        """Every link into the document or any of its items, from other documents."""
        by_target = self._incoming.get(document_id, {})
        return [link for links in by_target.values() for link in links]

    def links_from(self, document_id: str, source: str | None = None) -> list[Link]:
        """Links written in a document (or only those of one item)."""
        written = self._links_by_document.get(document_id, ())
        return [link for link in written if source is None or link.source == source]

    def successor_of(self, document_id: str) -> str | None:
        """The id of the document that supersedes ``document_id``, if any."""
        return self._successors.get(document_id)

    def chains(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Who supersedes each document, and which catalogs extend each (copies)."""
        return dict(self._successors), {k: list(v) for k, v in self._extensions.items()}

    def restore_chains(self, successors: dict[str, str], extensions: dict[str, list[str]]) -> None:
        """Take the successors and catalog extensions of a whole corpus, for an index that
        holds only some of its documents (:func:`mvkplan.index.stored.partial_index`): who
        supersedes a document is then known even when that successor links to nothing else
        the index holds."""
        self._successors = dict(successors)
        self._extensions = defaultdict(list, {k: list(v) for k, v in extensions.items()})

    # -- updating in place (a watching server after a save) --------------------------------

    def reindex(self, documents: Iterable[LoadedDocument]) -> set[str]:
        """Index ``documents`` again, in place, giving what :meth:`build` would give.

        A document already indexed (the very same object, under its id) keeps its items and
        links: only the models of new or changed documents are walked. Returns the ids of
        the documents walked or dropped (changed, added, removed).
        """
        old = LinkIndex(**{f: getattr(self, f) for f in self.__dataclass_fields__})
        fresh = LinkIndex()
        kept_duplicates: dict[int, list[tuple[LoadedDocument, Item, Item]]] = defaultdict(list)
        for entry in old.duplicates:
            kept_duplicates[id(entry[0])].append(entry)
        changed: set[str] = set()
        for document in documents:
            doc_id = document.id
            if old.documents.get(doc_id) is document and doc_id not in fresh.documents:
                fresh._keep(document, old, kept_duplicates.get(id(document), []))
            else:
                fresh.add(document)
                changed.add(doc_id)
        changed.update(set(old.documents) - set(fresh.documents))
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(fresh, name))
        return changed

    def _keep(self, document: LoadedDocument, old: LinkIndex,
              duplicates: list[tuple[LoadedDocument, Item, Item]]) -> None:
        """What :meth:`add` does, from the items and links ``old`` holds for ``document``."""
        doc_id = document.id
        self.documents[doc_id] = document
        self.items[doc_id] = old.items[doc_id]
        self.duplicates.extend(duplicates)
        self._file(doc_id, old._links_by_document.get(doc_id, []))

    def _file(self, doc_id: str, written: list[Link]) -> None:
        """File the links a document writes under their targets (run once per link of every
        document: the lookups are bound outside the loop)."""
        if not written:
            return
        self.links.extend(written)
        self._links_by_document[doc_id].extend(written)
        backlinks, incoming = self._backlinks, self._incoming
        for link in written:
            target = link.target
            backlinks[target].append(link)
            target_document = target.partition("/")[0]
            if target_document != doc_id:
                incoming[target_document].setdefault(target, []).append(link)
            relation = link.relation
            if relation == "supersedes":
                self._successors.setdefault(target, doc_id)
            elif relation == "extends":  # written by a catalog extending another
                self._extensions[target].append(doc_id)


# -- walking the models ------------------------------------------------------------------

LinkFields = tuple[str | None, Path_, str, str]
"""A link as a document writes it: source item id, path, target, relation."""
Summary = tuple[list[tuple[str, str, str, Path_]], list[LinkFields]]
"""What the index keeps of a document: its items (id, kind, title, path) and its links."""


def summarize(document: LoadedDocument) -> Summary:
    """A document's items and links as plain tuples: what a worker process sends back for
    :meth:`LinkIndex.add` instead of the model."""
    items = [(item.id, item.kind, item.title, item.path) for item in iter_items(document)]
    return items, list(iter_links(document.model))



def iter_items(document: LoadedDocument) -> Iterator[Item]:
    """Every linkable item of a document, with its path in the source."""
    model, doc, at = document.model, document.id, document
    yield from _sections(doc, model.sections, ("sections",), at)
    for group_name in ("references", "basis"):
        for i, ref in enumerate(getattr(model, group_name, ())):
            if ref.id:
                yield Item(doc, ref.id, "reference", ref.title, (group_name, i), at)
    if isinstance(model, PlanBase):
        yield from _sections(doc, model.closing_sections, ("closing_sections",), at)
        for i, area in enumerate(model.areas):
            yield from _area(doc, area, ("areas", i), at)
        if model.target_groups:
            for i, group in enumerate(model.target_groups.groups):
                if group.id:
                    path = ("target_groups", "groups", i)
                    yield Item(doc, group.id, "target-group", group.title, path, at)
    if isinstance(model, Strategy):
        for i, lst in enumerate(model.indicator_lists):
            yield Item(doc, lst.id, "indicator-list", lst.title, ("indicator_lists", i), at)
        yield from _framework_items(doc, model.regional_goals, ("regional_goals",), at)
    if isinstance(model, Framework):
        yield from _framework_items(doc, model.items, ("items",), at)
    if isinstance(model, Catalog):
        for i, entry in enumerate(model.entries):
            yield Item(doc, entry.id, "entry", entry.name, ("entries", i), at)
    if isinstance(model, FollowUp):
        for i, added in enumerate(model.indicators):
            key = f"{added.goal}/{added.id}"
            yield Item(doc, key, "indicator", added.title, ("indicators", i), at)


def _sections(doc: str, sections: list[Any], path: Path_, at: LoadedDocument) -> Iterator[Item]:
    for i, section in enumerate(sections):
        yield Item(doc, section.id, "section", section.title, (*path, i), at)
        yield from _sections(doc, section.sections, (*path, i, "sections"), at)


def _area(doc: str, area: Area, path: Path_, at: LoadedDocument) -> Iterator[Item]:
    yield Item(doc, area.id, "area", area.title or area.id, path, at)
    for j, goal in enumerate(area.goals):
        yield Item(doc, goal.id, "goal", goal.title, (*path, "goals", j), at)
        for k, indicator in enumerate(goal.indicators):
            key = f"{goal.id}/{indicator_id(indicator, k + 1)}"
            title = indicator.text or indicator.source or key
            yield Item(doc, key, "indicator", title, (*path, "goals", j, "indicators", k), at)
    for j, activity in enumerate(area.activities):
        yield Item(doc, activity.id, "activity", activity.title, (*path, "activities", j), at)
    for j, row in enumerate(area.rows):
        yield Item(doc, row.id, "row", row.problem, (*path, "rows", j), at)


def _framework_items(
    doc: str, items: list[FrameworkItem], path: Path_, at: LoadedDocument
) -> Iterator[Item]:
    for i, item in enumerate(items):
        yield Item(doc, item.id, "framework-item", item.title, (*path, i), at)
        yield from _framework_items(doc, item.items, (*path, i, "items"), at)


def iter_links(model: DocumentBase) -> Iterator[LinkFields]:
    """Every link a document writes: (source item id, path, target, relation)."""
    for k, target in enumerate(model.links):
        yield None, ("links", k), target, "link"
    yield from _section_links(model.sections, ("sections",))
    if isinstance(model, PlanBase):
        yield from _section_links(model.closing_sections, ("closing_sections",))
    yield from _reference_links(model)
    for name, relation in (("supersedes", "supersedes"), ("annex_of", "annex-of")):
        value = getattr(model, name)
        if value:
            yield None, (name,), value, relation
    if model.county:
        yield None, ("county",), f"counties/{model.county}", "county"
    if isinstance(model, LocalPlan) and model.municipality:
        yield None, ("municipality",), f"municipalities/{model.municipality}", "municipality"
    if isinstance(model, Catalog) and model.extends:
        yield None, ("extends",), model.extends, "extends"
    if isinstance(model, CountyProfile):
        for i, publication in enumerate(model.publications):
            if publication.document:
                yield None, ("publications", i, "document"), publication.document, "publication"
    if isinstance(model, PlanBase):
        yield from _plan_links(model)
    if isinstance(model, FollowUp):
        yield from _follow_up_links(model)
    if isinstance(model, Consultation):
        yield from _consultation_links(model)
    if isinstance(model, Framework):
        yield from _framework_links(model.items, ("items",))
    if isinstance(model, Strategy):
        yield from _framework_links(model.regional_goals, ("regional_goals",))
        for i, lst in enumerate(model.indicator_lists):
            for k, target in enumerate(lst.links):
                yield lst.id, ("indicator_lists", i, "links", k), target, "link"


def _section_links(sections: list[Any], path: Path_) -> Iterator[tuple[str | None, Path_, str, str]]:
    for i, section in enumerate(sections):
        for k, target in enumerate(section.links):
            yield section.id, (*path, i, "links", k), target, "link"
        yield from _section_links(section.sections, (*path, i, "sections"))


def _reference_links(model: DocumentBase) -> Iterator[tuple[str | None, Path_, str, str]]:
    for group_name in ("references", "basis"):
        for i, ref in enumerate(getattr(model, group_name, ())):
            if ref.document:
                yield ref.id, (group_name, i, "document"), ref.document, "cites"
            if ref.regulation:
                path = (group_name, i, "regulation")
                yield ref.id, path, f"regulations/{ref.regulation}", "regulation"


def _plan_links(model: PlanBase) -> Iterator[tuple[str | None, Path_, str, str]]:
    if model.target_groups:
        for k, form in enumerate(model.target_groups.violence_forms):
            path = ("target_groups", "violence_forms", k)
            yield None, path, f"violence-forms/{form}", "violence-form"
    for i, area in enumerate(model.areas):
        base: Path_ = ("areas", i)
        for k, target in enumerate(area.links):
            yield area.id, (*base, "links", k), target, "link"
        for j, goal in enumerate(area.goals):
            for k, target in enumerate(goal.links):
                yield goal.id, (*base, "goals", j, "links", k), target, "link"
            for k, method in enumerate(goal.methods):
                yield goal.id, (*base, "goals", j, "methods", k), f"methods/{method}", "method"
            for k, indicator in enumerate(goal.indicators):
                indicator_path: Path_ = (*base, "goals", j, "indicators", k)
                if indicator.source:
                    target = f"indicator-sources/{indicator.source}"
                    yield goal.id, (*indicator_path, "source"), target, "indicator-source"
                key = f"{goal.id}/{indicator_id(indicator, k + 1)}"
                for m, target in enumerate(indicator.links):
                    yield key, (*indicator_path, "links", m), target, "link"
        for j, activity in enumerate(area.activities):
            for k, target in enumerate(activity.links):
                yield activity.id, (*base, "activities", j, "links", k), target, "link"
        for j, row in enumerate(area.rows):
            for k, target in enumerate(row.links):
                yield row.id, (*base, "rows", j, "links", k), target, "link"


def _follow_up_links(model: FollowUp) -> Iterator[tuple[str | None, Path_, str, str]]:
    yield None, ("plan",), model.plan, "follow-up"
    for i, respondent in enumerate(model.respondents):
        if respondent.municipality:
            target = f"municipalities/{respondent.municipality}"
            yield None, ("respondents", i, "municipality"), target, "municipality"
        if respondent.county:
            yield None, ("respondents", i, "county"), f"counties/{respondent.county}", "county"
    for i, added in enumerate(model.indicators):
        for k, target in enumerate(added.links):
            yield f"{added.goal}/{added.id}", ("indicators", i, "links", k), target, "link"


def _consultation_links(model: Consultation) -> Iterator[tuple[str | None, Path_, str, str]]:
    yield None, ("plan",), model.plan, "consultation"
    if model.adopted:
        yield None, ("adopted",), model.adopted, "consultation"
    for i, body in enumerate(model.bodies):
        if body.municipality:
            yield None, ("bodies", i, "municipality"), f"municipalities/{body.municipality}", "municipality"
    for i, response in enumerate(model.responses):
        if response.concerns:
            yield None, ("responses", i, "concerns"), f"{model.plan}/{response.concerns}", "consultation"
        for k, changed in enumerate(response.changed):
            target = f"{model.adopted or model.plan}/{changed}"
            yield None, ("responses", i, "changed", k), target, "consultation"


def _framework_links(
    items: list[FrameworkItem], path: Path_
) -> Iterator[tuple[str | None, Path_, str, str]]:
    for i, item in enumerate(items):
        for k, target in enumerate(getattr(item, "links", ())):
            yield item.id, (*path, i, "links", k), target, "link"
        yield from _framework_links(item.items, (*path, i, "items"))
