"""Coverage: which framework goals each plan's goals, activities and rows serve.

A unit (goal, activity, focus-area row) serves what it links to, what its area links
to, and, following links into other plans, whatever those goals serve in turn: a
municipality goal linked to a county goal covers the county goal's national goal.
A link to an Agenda 2030 target also covers the target's goal, and a link to a goal of a
repository framework covers what that goal links to in turn. Indicators (the plan's, and
those its follow-ups add) count for what they link to directly, such as the national
indicators (``--framework nationella-indikatorer``): that is which of them a county follows.
An example follow-up (``example: true``) never counts for a real plan: with ``examples`` it
is a row of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from mvkplan.index.cards import card_of
from mvkplan.index.followups import follow_ups_by_plan
from mvkplan.index.linkformat import sort_key
from mvkplan.index.linkindex import Item, LinkIndex
from mvkplan.models import Framework, FrameworkItem

UNIT_KINDS = ("goal", "activity", "row")
DEFAULT_FRAMEWORKS = ("nationell-strategi", "jamstalldhetsmal", "agenda2030")
# Links are followed through plans' units and through framework items that link on
# (Jönköping's delmål → the national goals they mirror).
_FOLLOWED = (*UNIT_KINDS, "framework-item")


@dataclass(frozen=True)
class Column:
    """One framework item of the matrix."""

    framework: str
    item: str
    title: str

    @property
    def key(self) -> str:
        """The item's reference."""
        return f"{self.framework}/{self.item}"


@dataclass
class Coverage:
    """Documents × framework items; each cell the number of units serving the item."""

    columns: list[Column]
    documents: list[str]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    document_level: set[tuple[str, str]] = field(default_factory=set)
    """Cells the document links to as a whole, without a goal of its own doing so."""

    def count(self, document: str, column: str) -> int:
        """Units of ``document`` serving the item ``column``."""
        return self.cells.get((document, column), 0)

    def covered(self, document: str, column: str) -> bool:
        """Whether the document serves the item at all."""
        return self.count(document, column) > 0 or (document, column) in self.document_level

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output (every cell, zeros included)."""
        keys = self._keys()
        return {"columns": self._columns_data(),
                "documents": [self._document_data(d, keys) for d in self.documents]}

    def write_json(self, out: TextIO) -> None:
        """Write ``to_dict()`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` and a
        newline would, the same characters, one document's row at a time.

        (The matrix is dense, documents × every framework's items: made whole, the plain
        data and the encoder's pieces of a corpus with many frameworks took gigabytes.)"""
        keys = self._keys()
        out.write('{\n  "columns": ')
        out.write(_indented(self._columns_data(), 1))
        out.write(',\n  "documents": ')
        if not self.documents:
            out.write("[]")
        else:
            out.write("[")
            for number, document in enumerate(self.documents):
                out.write(",\n    " if number else "\n    ")
                out.write(_indented(self._document_data(document, keys), 2))
            out.write("\n  ]")
        out.write("\n}\n")

    def _keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def _columns_data(self) -> list[dict[str, str]]:
        return [{"framework": c.framework, "item": c.item, "title": c.title} for c in self.columns]

    def _document_data(self, document: str, keys: list[str]) -> dict[str, object]:
        return {"id": document,
                "cells": {key: {"count": self.count(document, key),
                                "document_level": (document, key) in self.document_level}
                          for key in keys}}


def _indented(value: object, level: int) -> str:
    """``value`` as ``json.dumps`` with ``indent=2`` writes it ``level`` levels deep (JSON text
    holds no line break but those of the layout: a string's own are escaped)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


def coverage_matrix(
    index: LinkIndex,
    counties: Iterable[str] | None = None,
    frameworks: Iterable[str] | None = None,
    *,
    examples: bool = False,
) -> Coverage:
    """The coverage of every plan in the repository (optionally of some counties/frameworks).

    Example documents (``example: true``) describe no real plan and are left out unless
    ``examples`` asks for them."""
    framework_ids = list(frameworks) if frameworks else _all_frameworks(index)
    columns = [c for f in framework_ids for c in _columns(index, f)]
    wanted = {c.key for c in columns}
    county_filter = set(counties) if counties else None
    cards = {doc_id: card_of(loaded) for doc_id, loaded in index.documents.items()}
    documents = sorted(
        doc_id for doc_id, loaded in index.documents.items()
        if (cards[doc_id].is_plan
            or (examples and cards[doc_id].kind == "follow-up" and loaded.example))
        and not loaded.shipped
        and (examples or not loaded.example)
        and (county_filter is None or cards[doc_id].county in county_filter)
    )
    matrix = Coverage(columns, documents)
    resolver = _Resolver(index)
    follow_ups = follow_ups_by_plan(index)
    for document_id in documents:
        indicators: set[tuple[str, str]] = set()
        units = list(index.items[document_id].values())
        real = not index.documents[document_id].example
        for follow_up in follow_ups.get(document_id, []):
            if real and follow_up.example:
                continue  # an example follow-up is a row of its own, never a real plan's
            units.extend(i for i in index.items[follow_up.id].values() if i.kind == "indicator")
        for item in units:
            if item.kind == "indicator":
                # the same indicator in several years' follow-ups counts once
                targets = {t for t in _with_parents(index, resolver.links_of(item)) & wanted
                           if (item.id, t) not in indicators}
                indicators.update((item.id, t) for t in targets)
            elif item.kind in UNIT_KINDS:
                targets = set(resolver.serves(item) & wanted)
            else:
                continue
            for target in targets:
                key = (document_id, target)
                matrix.cells[key] = matrix.cells.get(key, 0) + 1
        for ref in _with_parents(index, cards[document_id].links):
            if ref in wanted and (document_id, ref) not in matrix.cells:
                matrix.document_level.add((document_id, ref))
    return matrix


def _all_frameworks(index: LinkIndex) -> list[str]:
    repository = sorted(
        doc_id for doc_id, loaded in index.documents.items()
        if card_of(loaded).kind == "framework" and not loaded.shipped
    )
    return [*DEFAULT_FRAMEWORKS, *repository]


def _columns(index: LinkIndex, framework_id: str) -> list[Column]:
    model = index.document(framework_id)
    if not isinstance(model, Framework):
        return []
    found: list[Column] = []

    def walk(items: list[FrameworkItem]) -> None:
        for item in items:
            found.append(Column(framework_id, item.id, item.title))
            walk(item.items)

    walk(model.items)
    return sorted(found, key=lambda c: sort_key(c.item))


def _with_parents(index: LinkIndex, refs: Iterable[str]) -> set[str]:
    """The references plus the goal of every Agenda 2030 target (5.2 → 5)."""
    result = set()
    for ref in refs:
        result.add(ref)
        document_id, _, item_id = ref.partition("/")
        if "." in item_id:
            parent = f"{document_id}/{item_id.split('.')[0]}"
            if index.item(parent) is not None:
                result.add(parent)
    return result


class _Resolver:
    """Transitive 'serves' sets, memoised, safe against link cycles.

    What an item links to, and which units an area holds, are read from the index (the
    links written at the item's ``links``, the items at its ``goals``, ``activities`` and
    ``rows``), not from the models: a streaming build has let those go."""

    def __init__(self, index: LinkIndex) -> None:
        self.index = index
        self.memo: dict[str, frozenset[str]] = {}
        self.area_links: dict[str, list[str]] = {}
        self._written: dict[str, dict[tuple[str | int, ...], list[str]]] = {}
        duplicated: dict[str, list[Item]] = {}
        for _owner, item, _first in index.duplicates:
            duplicated.setdefault(item.document, []).append(item)
        for document_id, items in index.items.items():
            units = [i for i in (*items.values(), *duplicated.get(document_id, ()))
                     if i.kind in UNIT_KINDS]
            for item in items.values():
                if item.kind == "area":
                    area, depth = item.path, len(item.path)
                    links = self.links_of(item)
                    # In the area's order: its goals, activities, then rows.
                    held = sorted((u for u in units if len(u.path) == depth + 2
                                   and u.path[:depth] == area), key=_unit_order)
                    for unit in held:
                        self.area_links[f"{document_id}/{unit.id}"] = list(links)

    def links_of(self, item: Item) -> list[str]:
        """The targets the item's model lists under ``links``, in their order."""
        written = self._written.get(item.document)
        if written is None:
            written = self._written[item.document] = {}
            for link in self.index.links_from(item.document):
                if link.relation == "link" and len(link.path) >= 2 and link.path[-2] == "links":
                    written.setdefault(link.path[:-2], []).append(link.target)
        return written.get(item.path, [])

    def serves(self, item: Item, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        key = item.key
        if key in self.memo:
            return self.memo[key]
        if key in seen:
            return frozenset()
        direct = self.links_of(item) + self.area_links.get(key, [])
        result = set(_with_parents(self.index, direct))
        for ref in direct:
            target = self.index.item(ref)
            if target is not None and target.kind in _FOLLOWED:
                result |= self.serves(target, seen | {key})
        self.memo[key] = frozenset(result)
        return self.memo[key]


_UNIT_GROUPS = {"goals": 0, "activities": 1, "rows": 2}


def _unit_order(unit: Item) -> tuple[int, int]:
    """Where a unit stands in its area: goals, then activities, then rows, each in order."""
    return _UNIT_GROUPS.get(str(unit.path[-2]), 3), int(unit.path[-1])
