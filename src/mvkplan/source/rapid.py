"""The rapidyaml engine: parse in C++, read the tree in bulk, build nodes in one walk.

rapidyaml parses the document in place, so every scalar in its tree is a span of the
buffer it parsed: a scalar's byte offset in the source is its pointer minus the
buffer's. The tree is read as columns (:mod:`mvkplan.source.rymltree`), then walked
once. Positions of containers and of quoted and block scalars follow libyaml's
conventions (the ``[``, ``{`` or ``-`` that opens a container, the quote or ``|``/``>``
that opens a scalar), so both engines agree to the column.

rapidyaml takes what is valid; every document it will not take as it stands (a syntax
error, a duplicate key, an anchor, alias or tag, a second document, a top level that is
not a mapping, nesting deeper than the limit, a tab, a shape whose position it cannot
place) is handed to the libyaml engine, which words the refusal, so a problem has the
same code and position whichever engine is installed.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import ryml

from mvkplan.source.nodes import MAX_DEPTH, MappingNode, Node, ScalarNode, SequenceNode
from mvkplan.source.positions import FewLines, Lines
from mvkplan.source.rymltree import FlatTree, read_tree

NAME = "rapidyaml"

_REFUSED = ryml.KEYREF | ryml.VALREF | ryml.KEYANCH | ryml.VALANCH | ryml.KEYTAG | ryml.VALTAG
_VAL_QUOTED = ryml.VAL_SQUO | ryml.VAL_DQUO
_VAL_STYLED = _VAL_QUOTED | ryml.VAL_LITERAL | ryml.VAL_FOLDED
_KEY_QUOTED = ryml.KEY_SQUO | ryml.KEY_DQUO
_KEY_BLOCK = ryml.KEY_LITERAL | ryml.KEY_FOLDED
_FLOW = ryml.FLOW_SL | ryml.FLOW_ML
_MAP, _SEQ, _KEY = ryml.MAP, ryml.SEQ, ryml.KEY
_NONE = ryml.NONE
_NOT_PLAIN_START = ":?@`"
"""First characters of a plain scalar rapidyaml takes and libyaml does not: ':x' and '?x'
(allowed by YAML 1.2, not 1.1) and the reserved indicators '@' and '`'."""
_BLOCK_HEADER = re.compile(rb"[|>][-+0-9]*[ \t]*(?:#[^|>]*)?\r?")


class _Delegate(Exception):
    """This document goes to the libyaml engine."""


def parse(data: bytes, text: str, lines: Lines) -> Node:
    """Nodes of the single document in ``data``; refusals as the libyaml engine reports them."""
    if not data or b"\t" in data:
        # libyaml refuses tabs in places where rapidyaml lets them pass (before a comment,
        # after an indicator); plans rarely hold one, so libyaml decides for them.
        return _libyaml(data, text, lines)
    buffer = bytearray(data)
    tree = ryml.Tree()
    try:
        with _quiet_stderr():  # rapidyaml prints its errors on file descriptor 2
            ryml.parse_in_place(buffer, tree)
        return _Walker(read_tree(tree), buffer, data, lines).document(tree)
    except (_Delegate, ryml.ExceptionBasic, RuntimeError, UnicodeDecodeError):
        # (UnicodeDecodeError: an escaped surrogate, '\\ud83d', that rapidyaml wrote as bytes;
        # libyaml refuses it with its position)
        return _libyaml(data, text, lines)


def _libyaml(data: bytes, text: str, lines: Lines) -> Node:
    # Imported when a document needs it: PyYAML costs a run that never does (most runs)
    # a tenth of a second at 100 documents.
    from mvkplan.source import libyaml

    return libyaml.parse(data, text, lines)


class _Walker:
    def __init__(
        self, flat: FlatTree, buffer: bytearray, data: bytes, lines: Lines | FewLines | None,
    ) -> None:
        self.flat = flat
        self.data = data  # the source as written: where positions are searched
        self.parsed = bytes(buffer)  # where the scalars are (escapes rewritten in place)
        self.base = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
        if lines is not None:  # without lines (the plain-data walk), offsets are not placed
            self.at_byte = lines.at_byte

    def document(self, tree: ryml.Tree) -> Node:
        root = tree.root_id()
        kind = self.flat.types[root]
        if kind & ryml.STREAM == ryml.STREAM:
            if tree.num_children(root) != 1:
                raise _Delegate  # no document (libyaml: E108) or several (E107)
            root = tree.first_child(root)
            kind = self.flat.types[root]
        if not kind & _MAP:
            raise _Delegate  # not a mapping (E106), or a mapping libyaml reads otherwise
        return self.value(root, 0, None)[0]

    def text(self, pointer: int, length: int) -> tuple[str, int]:
        """A scalar's text and its offset in the source."""
        offset = pointer - self.base
        if not 0 <= offset <= len(self.parsed) - length:
            raise _Delegate  # the scalar was rewritten into the arena: position unknown
        return self.parsed[offset : offset + length].decode("utf-8"), offset

    def value(self, n: int, depth: int, after: int | None) -> tuple[Node, int]:
        """The value of tree node ``n`` and its offset; ``after``: where its key ends, if any."""
        flat = self.flat
        kind = flat.types[n]
        if kind & _REFUSED:
            raise _Delegate
        if kind & _MAP:
            return self.mapping(n, kind, depth + 1, after)
        if kind & _SEQ:
            return self.sequence(n, kind, depth + 1, after)
        length = flat.val_len[n]
        if not length:
            if kind & _VAL_STYLED or after is None:
                raise _Delegate  # an empty quoted or block scalar, or an empty list item
            offset = self.colon_after(after) + 1
            line, column = self.at_byte(offset)
            return ScalarNode(line, column, "", True), offset
        value, offset = self.text(flat.val_ptr[n], length)
        if value[0] in _NOT_PLAIN_START and not kind & _VAL_STYLED:
            raise _Delegate  # libyaml refuses it (see _NOT_PLAIN_START)
        if kind & _VAL_STYLED:
            offset = offset - 1 if kind & _VAL_QUOTED else self.block_header(offset)
        line, column = self.at_byte(offset)
        return ScalarNode(line, column, value, not kind & _VAL_STYLED), offset

    def key(self, n: int, kind: int) -> tuple[ScalarNode, int, int]:
        """The key of tree node ``n``, its offset and the offset where it ends."""
        value, offset, end = self.key_span(n, kind)
        line, column = self.at_byte(offset)
        return ScalarNode(line, column, value, not kind & _KEY_QUOTED), offset, end

    def key_span(self, n: int, kind: int) -> tuple[str, int, int]:
        """The text of the key of tree node ``n``, its offset and the offset where it ends
        (:meth:`key` without the line and column)."""
        length = self.flat.key_len[n]
        if kind & _KEY_BLOCK or not length:
            raise _Delegate  # a block-scalar key or an empty key
        value, offset = self.text(self.flat.key_ptr[n], length)
        if value[0] in _NOT_PLAIN_START and not kind & _KEY_QUOTED:
            raise _Delegate
        end = offset + length
        if kind & _KEY_QUOTED:
            offset -= 1
            end = self.data.index(b":", end)  # past the closing quote (and its escapes)
        return value, offset, end

    def mapping(self, n: int, kind: int, depth: int, after: int | None) -> tuple[Node, int]:
        if depth > MAX_DEPTH:
            raise _Delegate
        types, next_sibling = self.flat.types, self.flat.next_sibling
        pairs: list[tuple[ScalarNode, Node]] = []
        seen: dict[str, int] = {}
        first = -1
        child = self.flat.first_child[n]
        while child != _NONE:
            child_kind = types[child]
            if not child_kind & _KEY or child_kind & _REFUSED:
                raise _Delegate
            key, start, end = self.key(child, child_kind)
            if first < 0:
                first = start
            if key.value in seen:
                raise _Delegate  # a duplicate key: E104, worded by libyaml like every refusal
            seen[key.value] = key.line
            pairs.append((key, self.value(child, depth, end)[0]))
            child = next_sibling[child]
        offset = self.container_start(kind, first, after, b"{")
        node = MappingNode(*self.at_byte(offset))
        node.pairs = pairs
        return node, offset

    def sequence(self, n: int, kind: int, depth: int, after: int | None) -> tuple[Node, int]:
        if depth > MAX_DEPTH:
            raise _Delegate
        next_sibling = self.flat.next_sibling
        items: list[Node] = []
        first = -1
        child = self.flat.first_child[n]
        while child != _NONE:
            item, start = self.value(child, depth, None)
            if first < 0:
                first = start
            items.append(item)
            child = next_sibling[child]
        offset = self.container_start(kind, first, after, b"[" if kind & _FLOW else b"-")
        node = SequenceNode(*self.at_byte(offset))
        node.items = items
        return node, offset

    def container_start(self, kind: int, first: int, after: int | None, opener: bytes) -> int:
        """Where libyaml places a container: its first key (block mapping), else its opener."""
        data = self.data
        if first >= 0 and opener == b"{" and not kind & _FLOW:
            return first
        if first < 0:  # an empty container: only flow style has one
            if after is None or not kind & _FLOW:
                raise _Delegate
            found = self.colon_after(after) + 1
            while data[found : found + 1] in (b" ", b"\t", b"\r", b"\n"):
                found += 1
            if data[found : found + 1] != opener:
                raise _Delegate
            return found
        offset = first
        while offset > 0 and data[offset - 1] in b" \n\r\t":
            offset -= 1
        if data[offset - 1 : offset] != opener:
            raise _Delegate  # e.g. a comment between the opener and the first item
        return offset - 1

    def colon_after(self, key_end: int) -> int:
        """Offset of the ``:`` that follows a key (blanks between them allowed)."""
        colon = key_end
        while self.data[colon : colon + 1] == b" ":
            colon += 1
        if self.data[colon : colon + 1] != b":":
            raise _Delegate  # a key without ':' (flow style): libyaml places its empty value
        return colon

    def block_header(self, content: int) -> int:
        """Offset of the ``|`` or ``>`` opening the block scalar whose content is at ``content``."""
        line_end = self.data.rfind(b"\n", 0, content)
        line_start = self.data.rfind(b"\n", 0, line_end) + 1
        line = self.data[line_start:line_end]
        indicator = max(line.rfind(b"|"), line.rfind(b">"))
        if indicator < 0 or not _BLOCK_HEADER.fullmatch(line, indicator):
            raise _Delegate
        return line_start + indicator


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
