"""The fast path: a document's plain data straight from rapidyaml's tree, without nodes.

Most files are valid, and a valid file's positions are only needed when something in it
is reported. So loading first asks for the plain data alone (dicts, lists, strings and
``None``, as :func:`mvkplan.source.nodes.to_data` makes them); positioned nodes are built
only for a file that has a problem to place.

This walk takes exactly the documents the rapidyaml engine takes as they stand and gives
exactly the data of its nodes. Everything that engine hands to libyaml (a refusal to word,
a tab, a control character, a YAML 1.1 difference, a shape whose position it cannot place)
makes this walk answer ``None``, and the caller takes the full path, which reports the
problem where both engines report it. ``tests/test_yaml_engines.py`` checks the two paths
agree on every real plan, the broken-document suite and generated variants.
"""

from __future__ import annotations

import ryml

from mvkplan.source.nodes import MAX_DEPTH, strip_bom
from mvkplan.source.positions import first_control_character
from mvkplan.source.rapid import (
    _FLOW,
    _KEY,
    _KEY_BLOCK,
    _KEY_QUOTED,
    _MAP,
    _NONE,
    _NOT_PLAIN_START,
    _REFUSED,
    _SEQ,
    _VAL_QUOTED,
    _VAL_STYLED,
    _Delegate,
    _quiet_stderr,
    _Walker,
)
from mvkplan.source.rymltree import read_tree

Data = dict[str, object]
_CONTAINER = _MAP | _SEQ
_NULLS = frozenset(("~", "null", "Null", "NULL"))


def parse_plain(data: bytes) -> Data | None:
    """The plain data of ``data``, or None when only the full path can tell (or refuse) it."""
    body = strip_bom(data)
    if not body or b"\t" in body:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if first_control_character(text) is not None:
        return None
    buffer = bytearray(body)
    tree = ryml.Tree()
    try:
        with _quiet_stderr():
            ryml.parse_in_place(buffer, tree)
        return _Plain(tree, buffer, body).document()
    except (_Delegate, ryml.ExceptionBasic, RuntimeError, RecursionError, UnicodeDecodeError):
        # (UnicodeDecodeError: an escaped surrogate, '\\ud83d', that rapidyaml wrote as bytes)
        return None


class _Plain:
    def __init__(self, tree: ryml.Tree, buffer: bytearray, source: bytes) -> None:
        flat = read_tree(tree)
        # The engine's own checks around a value (the colon after a key, a block's header,
        # a container's opener): where it would hand the document on, so does this walk.
        self.engine = engine = _Walker(flat, buffer, source, None)
        self.tree = tree
        self.types = flat.types
        self.key_ptr, self.key_len = flat.key_ptr, flat.key_len
        self.val_ptr, self.val_len = flat.val_ptr, flat.val_len
        self.first_child, self.next_sibling = flat.first_child, flat.next_sibling
        self.source = source  # as written: where the engine looks around a value
        self.parsed, self.base = engine.parsed, engine.base
        self.size = len(self.parsed)

    def document(self) -> Data:
        tree, root = self.tree, self.tree.root_id()
        kind = self.types[root]
        if kind & ryml.STREAM == ryml.STREAM:
            if tree.num_children(root) != 1:
                raise _Delegate
            root = tree.first_child(root)
            kind = self.types[root]
        if not kind & _MAP or kind & _REFUSED:
            raise _Delegate
        return self.mapping(root, kind, 1)[0]

    def value(self, n: int, kind: int, depth: int, key_end: int) -> tuple[object, int]:
        """The value of tree node ``n`` and where the engine places it; ``key_end``: where
        its key ends (-1 in a list)."""
        if kind & _REFUSED:
            raise _Delegate
        if kind & _MAP:
            return self.mapping(n, kind, depth + 1, key_end)
        if kind & _SEQ:
            return self.sequence(n, kind, depth + 1, key_end)
        length = self.val_len[n]
        if not length:
            if kind & _VAL_STYLED or key_end < 0:
                raise _Delegate
            return None, self.engine.colon_after(key_end) + 1
        offset = self.val_ptr[n] - self.base
        if not 0 <= offset <= self.size - length:
            raise _Delegate  # rewritten into the arena: the engine cannot place it
        value = self.parsed[offset : offset + length].decode("utf-8")
        if kind & _VAL_STYLED:
            return value, offset - 1 if kind & _VAL_QUOTED else self.engine.block_header(offset)
        if value[0] in _NOT_PLAIN_START:
            raise _Delegate
        return (None if value in _NULLS else value), offset

    def key(self, n: int, kind: int) -> tuple[str, int, int]:
        length = self.key_len[n]
        if kind & _KEY_BLOCK or not length:
            raise _Delegate
        offset = self.key_ptr[n] - self.base
        if not 0 <= offset <= self.size - length:
            raise _Delegate
        end = offset + length
        value = self.parsed[offset:end].decode("utf-8")
        if kind & _KEY_QUOTED:
            offset -= 1
            end = self.source.find(b":", end)
            if end < 0:
                raise _Delegate
        elif value[0] in _NOT_PLAIN_START:
            raise _Delegate
        return value, offset, end

    def mapping(self, n: int, kind: int, depth: int, key_end: int = -1) -> tuple[Data, int]:
        # The engine's checks, with keys and scalar values read inline: this loop runs once
        # per key of every file, and a call per key and value doubled its time.
        if depth > MAX_DEPTH:
            raise _Delegate
        types, next_sibling = self.types, self.next_sibling
        key_ptr, key_len, val_ptr, val_len = self.key_ptr, self.key_len, self.val_ptr, self.val_len
        parsed, source, base, size = self.parsed, self.source, self.base, self.size
        result: Data = {}
        count = 0
        first = -1
        child = self.first_child[n]
        while child != _NONE:
            k = types[child]
            length = key_len[child]
            if not k & _KEY or k & (_REFUSED | _KEY_BLOCK) or not length:
                raise _Delegate
            offset = key_ptr[child] - base
            if not 0 <= offset <= size - length:
                raise _Delegate  # rewritten into the arena: the engine cannot place it
            end = offset + length
            key = parsed[offset:end].decode("utf-8")
            if k & _KEY_QUOTED:
                offset -= 1
                end = source.find(b":", end)
                if end < 0:
                    raise _Delegate
            elif key[0] in _NOT_PLAIN_START:
                raise _Delegate
            if first < 0:
                first = offset
            value: object
            if k & _CONTAINER:
                value = self.value(child, k, depth, end)[0]
            elif not (length := val_len[child]):
                if k & _VAL_STYLED:
                    raise _Delegate
                self.engine.colon_after(end)
                value = None
            else:
                offset = val_ptr[child] - base
                if not 0 <= offset <= size - length:
                    raise _Delegate
                value = text = parsed[offset : offset + length].decode("utf-8")
                if k & _VAL_STYLED:
                    if not k & _VAL_QUOTED:
                        self.engine.block_header(offset)
                elif text[0] in _NOT_PLAIN_START:
                    raise _Delegate
                elif text in _NULLS:
                    value = None
            result[key] = value
            count += 1
            child = next_sibling[child]
        if len(result) != count:
            raise _Delegate  # a duplicate key (E104)
        return result, self.engine.container_start(kind, first, _after(key_end), b"{")

    def sequence(self, n: int, kind: int, depth: int, key_end: int) -> tuple[list[object], int]:
        if depth > MAX_DEPTH:
            raise _Delegate
        types, next_sibling = self.types, self.next_sibling
        items: list[object] = []
        first = -1
        child = self.first_child[n]
        while child != _NONE:
            item, start = self.value(child, types[child], depth, -1)
            if first < 0:
                first = start
            items.append(item)
            child = next_sibling[child]
        opener = b"[" if kind & _FLOW else b"-"
        return items, self.engine.container_start(kind, first, _after(key_end), opener)


def _after(key_end: int) -> int | None:
    """The engine's spelling of "no key": None, where this walk writes -1."""
    return key_end if key_end >= 0 else None
