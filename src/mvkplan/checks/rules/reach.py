"""Following chains of links, for the rules about coverage and coherence.

An item reaches what it links to, and also what the thing holding it links to: a goal
inherits its area's links, an area its document's, and a framework target implies its goal
(a link to ``agenda2030/5.2`` reaches ``agenda2030/5``). Following those steps from a
municipality's goal through the county's plan arrives, in a coherent corpus, at the national
strategy.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterator

from mvkplan.index.linkindex import Item, Link, LinkIndex

_HELD_IN_AREA = frozenset({"goal", "activity", "row"})
SERVING_KINDS = frozenset({"area", "goal", "activity", "row", "framework-item"})
"""Items whose links say what they serve; a section's links only quote what it prints."""


class LinkGraph:
    """Items and documents as nodes (named by reference), links and containment as edges."""

    def __init__(self, index: LinkIndex) -> None:
        self.index = index
        self.edges: dict[str, list[str]] = defaultdict(list)
        self.parents: dict[str, str] = {}
        """Framework item → the item it stands under (a target → its goal)."""
        self.by_document: dict[str, list[Link]] = defaultdict(list)
        """Document id → the links written in it, in source order."""
        for link in index.links:
            self.by_document[link.document].append(link)
            if link.relation == "link":
                self.edges[link.source_key].append(link.target)
        for document_id, items in index.items.items():
            by_path = {item.path: item for item in items.values()}
            for item in items.values():
                holder = _holder(item, by_path)
                if holder is not None and item.kind == "framework-item":
                    self.parents[item.key] = holder.key
                self.edges[item.key].append(holder.key if holder else document_id)
        self._reach: dict[str, frozenset[str]] = {}
        self._reaches_framework: dict[str, bool] = {}
        self._serving: dict[str, list[Link]] = {}

    @classmethod
    def relinked(cls, graph: LinkGraph, index: LinkIndex) -> LinkGraph:
        """The graph of ``index``, whose documents link and hold items exactly as those
        ``graph`` was made from did (a watching server saw only texts change): the edges and
        the walks already taken along them are kept, the links are those of ``index``."""
        new = cls.__new__(cls)
        new.index = index
        new.edges, new.parents = graph.edges, graph.parents
        new.by_document = defaultdict(list)
        for link in index.links:
            new.by_document[link.document].append(link)
        new._reach, new._reaches_framework = graph._reach, graph._reaches_framework
        new._serving = {}
        return new

    def reach(self, reference: str) -> frozenset[str]:
        """Every reference reachable from ``reference`` (itself excluded)."""
        if reference not in self._reach:
            self._reach[reference] = frozenset(self._walk(reference))
        return self._reach[reference]

    def _walk(self, reference: str) -> Iterator[str]:
        """The references reachable from ``reference``, nearest first, each once."""
        seen: set[str] = set()
        queue = deque(self.edges.get(reference, ()))
        while queue:
            current = queue.popleft()
            if current in seen or current == reference:
                continue
            seen.add(current)
            yield current
            queue.extend(self.edges.get(current, ()))

    def is_framework_goal(self, reference: str) -> bool:
        """Whether ``reference`` names a goal or target of a framework (or a strategy's own goal)."""
        item = self.index.item(reference) if "/" in reference else None
        return item is not None and item.kind == "framework-item"

    def reaches_framework(self, reference: str) -> bool:
        """Whether a chain of links from ``reference`` arrives at any framework goal."""
        if reference not in self._reaches_framework:
            self._reaches_framework[reference] = self.reaches(reference, self.is_framework_goal)
        return self._reaches_framework[reference]

    def reaches(self, reference: str, wanted: Callable[[str], bool]) -> bool:
        """Whether something :meth:`reach` holds is ``wanted``: the same walk, stopping at the
        first (usually one link away), and keeping no set of what it passed."""
        if reference in self._reach:
            return any(wanted(r) for r in self._reach[reference])
        return any(wanted(r) for r in self._walk(reference))

    def serving_links(self, document_id: str) -> list[Link]:
        """The document's own links and those of its areas, goals, activities, rows and goals
        of its own (not the framework texts a section quotes)."""
        if document_id not in self._serving:
            items = self.index.items.get(document_id, {})
            self._serving[document_id] = [
                link for link in self.by_document.get(document_id, ())
                if link.relation == "link" and (
                    link.source is None or (link.source in items
                                            and items[link.source].kind in SERVING_KINDS))
            ]
        return list(self._serving[document_id])

    def ancestors(self, reference: str) -> list[str]:
        """The framework items ``reference`` stands under, nearest first."""
        found = []
        while reference in self.parents:
            reference = self.parents[reference]
            found.append(reference)
        return found


def _holder(item: Item, by_path: dict[tuple[str | int, ...], Item]) -> Item | None:
    """The item that holds ``item``: a goal's area, a target's goal; None for the document."""
    if item.kind in _HELD_IN_AREA:
        return by_path.get(item.path[:2])
    if item.kind == "framework-item" and len(item.path) > 2:
        return by_path.get(item.path[:-2])
    return None
