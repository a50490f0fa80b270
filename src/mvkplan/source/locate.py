"""One position without the nodes: rapidyaml's tree walked along a single path.

A lint finding or a broken link needs the line and column of one value; building every
positioned node of its file for that costs several times the parse. This walks rapidyaml's
tree down the path only and places the node it reaches exactly as the rapidyaml engine
places it (the same offsets, the same rules for containers, quotes and blocks), so the
answer is the one :meth:`mvkplan.loading.documents.LoadedDocument.node_at` would give.

It answers only for a document the fast path took whole (:mod:`mvkplan.source.plain`),
where the engine's positions are its own; for anything else, or whenever the engine would
hand the document to libyaml, it answers None and the caller builds the nodes.
"""

from __future__ import annotations

import ryml

from mvkplan.source.nodes import strip_bom
from mvkplan.source.positions import FewLines
from mvkplan.source.rapid import (
    _FLOW,
    _MAP,
    _NONE,
    _SEQ,
    _VAL_QUOTED,
    _VAL_STYLED,
    _Delegate,
    _quiet_stderr,
    _Walker,
)
from mvkplan.source.rymltree import read_tree

Path_ = tuple[str | int, ...]


def locate(data: bytes, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
    """Line and column of the deepest node along ``path`` in ``data``, or None; with
    ``key``, of the key that ends ``path`` ((0, 0) when that key is not there)."""
    return Locator(data).locate(path, key=key)


class Locator:
    """One document parsed once, for a few positions in it (a lint finding often asks for a
    key, then for the place to report when the key is not there)."""

    def __init__(self, data: bytes) -> None:
        body = strip_bom(data)
        self._buffer = buffer = bytearray(body)  # the tree points into it: kept alive here
        self._tree: ryml.Tree | None = None
        try:
            body.decode("utf-8")
            tree = ryml.Tree()
            with _quiet_stderr():
                ryml.parse_in_place(buffer, tree)
            self._walker = _Walker(read_tree(tree), buffer, body, FewLines(body))
            self._tree = tree
        except (UnicodeDecodeError, ryml.ExceptionBasic, RuntimeError, ValueError):
            pass

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """:func:`locate` in this document."""
        tree = self._tree
        if tree is None:
            return None
        walker = self._walker
        try:
            if key:
                found = _Path(walker).key_start(tree, path)
                return walker.at_byte(found) if found >= 0 else (0, 0)
            return walker.at_byte(_Path(walker).start(tree, path))
        except (_Delegate, ryml.ExceptionBasic, RuntimeError, ValueError):
            return None


class _Path:
    def __init__(self, walker: _Walker) -> None:
        self.walker = walker
        self.flat = walker.flat
        self.after: int | None = None

    def key_start(self, tree: ryml.Tree, path: Path_) -> int:
        """The offset of the key that ends ``path`` (-1 when the path does not lead to it)."""
        *parents, last = path
        node, reached = self.walk(tree, tuple(parents))
        if reached < len(parents) or not self.flat.types[node] & _MAP or not isinstance(last, str):
            return -1
        child = self.flat.first_child[node]
        while child != _NONE:
            key, start, _ = self.walker.key_span(child, self.flat.types[child])
            if key == last:
                return start
            child = self.flat.next_sibling[child]
        return -1

    def start(self, tree: ryml.Tree, path: Path_) -> int:
        """The offset where the engine places the deepest node along ``path``."""
        node, _ = self.walk(tree, path)
        return self.offset(node, self.after)

    def walk(self, tree: ryml.Tree, path: Path_) -> tuple[int, int]:
        """The deepest tree node along ``path`` and how many steps led to it (``self.after``:
        where its key ends, if it has one)."""
        flat = self.flat
        node = tree.root_id()
        if flat.types[node] & ryml.STREAM == ryml.STREAM:
            node = tree.first_child(node)
        after: int | None = None
        steps = 0
        for step in path:
            kind = flat.types[node]
            child = flat.first_child[node]
            found = _NONE
            if kind & _MAP and isinstance(step, str):
                while child != _NONE:
                    key, _, end = self.walker.key_span(child, flat.types[child])
                    if key == step:
                        found, after = child, end
                        break
                    child = flat.next_sibling[child]
            elif kind & _SEQ and isinstance(step, int) and step >= 0:
                for _ in range(step):
                    if child == _NONE:
                        break
                    child = flat.next_sibling[child]
                found, after = child, None
            if found == _NONE:
                break
            node = found
            steps += 1
        self.after = after
        return node, steps

    def offset(self, n: int, after: int | None) -> int:
        """Where the engine places tree node ``n`` (its key ending at ``after``, if any)."""
        walker, flat = self.walker, self.flat
        kind = flat.types[n]
        if kind & _MAP:
            child = flat.first_child[n]
            first = walker.key_span(child, flat.types[child])[1] if child != _NONE else -1
            return walker.container_start(kind, first, after, b"{")
        if kind & _SEQ:
            child = flat.first_child[n]
            first = self.offset(child, None) if child != _NONE else -1
            return walker.container_start(kind, first, after, b"[" if kind & _FLOW else b"-")
        length = flat.val_len[n]
        if not length:
            if kind & _VAL_STYLED or after is None:
                raise _Delegate
            return walker.colon_after(after) + 1
        _, offset = walker.text(flat.val_ptr[n], length)
        if kind & _VAL_STYLED:
            return offset - 1 if kind & _VAL_QUOTED else walker.block_header(offset)
        return offset
