"""rapidyaml's parsed tree, read in bulk.

The Python binding answers one question per call (a node's type, key, value, next
sibling), and a million such calls cost more than libyaml's whole parse. rapidyaml keeps
its tree as one array of fixed-size node records, so this module copies that array in a
single read and splits it into columns (types, key and value spans, child and sibling
links) with C-speed slicing. The record layout is rapidyaml's, so it is checked against
the binding's own answers for a probe document at import; when the check fails (another
rapidyaml release), importing this module fails and mvkplan uses the libyaml engine.
"""

from __future__ import annotations

import ctypes
import struct
from dataclasses import dataclass

import ryml

_WORD = struct.calcsize("Q")
# NodeData: type; key {tag, scalar, anchor}; val {tag, scalar, anchor}; 5 links (each a word)
_FIELDS = 1 + 6 + 6 + 5
_KEY_PTR, _KEY_LEN, _VAL_PTR, _VAL_LEN = 3, 4, 9, 10
_FIRST_CHILD, _NEXT_SIBLING = 14, 16


@dataclass(frozen=True, slots=True)
class FlatTree:
    """Columns of a parsed tree; a span's pointer is 0 when the node has no such scalar."""

    types: list[int]
    key_ptr: list[int]
    key_len: list[int]
    val_ptr: list[int]
    val_len: list[int]
    first_child: list[int]
    next_sibling: list[int]


def read_tree(tree: ryml.Tree) -> FlatTree:
    """Every node record of ``tree`` in one copy."""
    buffer_address, _capacity, size = struct.unpack("3Q", ctypes.string_at(int(tree.this), 3 * _WORD))
    words = memoryview(ctypes.string_at(buffer_address, size * _FIELDS * _WORD)).cast("Q")

    def column(index: int) -> list[int]:
        return words[index::_FIELDS].tolist()

    return FlatTree(column(0), column(_KEY_PTR), column(_KEY_LEN), column(_VAL_PTR),
                    column(_VAL_LEN), column(_FIRST_CHILD), column(_NEXT_SIBLING))


def _check_layout() -> None:
    probe = bytearray(b'a: x\nb: [1, "two"]\nc: {d: e}\n')
    tree = ryml.parse_in_place(probe)
    flat = read_tree(tree)
    if len(flat.types) != tree.size():
        raise ImportError("unexpected rapidyaml tree layout")
    for node in range(tree.size()):
        expected = (
            tree.type(node),
            tree.first_child(node),
            tree.next_sibling(node),
            bytes(tree.key(node)) if tree.has_key(node) else None,
            bytes(tree.val(node)) if tree.has_val(node) and tree.val(node) is not None else None,
        )
        found = (
            flat.types[node],
            flat.first_child[node],
            flat.next_sibling[node],
            ctypes.string_at(flat.key_ptr[node], flat.key_len[node]) if expected[3] is not None else None,
            ctypes.string_at(flat.val_ptr[node], flat.val_len[node]) if expected[4] is not None else None,
        )
        if found != expected:
            raise ImportError("unexpected rapidyaml tree layout")


_check_layout()
