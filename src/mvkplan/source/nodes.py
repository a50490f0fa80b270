"""The YAML boundary: bytes in, nodes with positions out.

Every scalar is kept as the text the author wrote (``no`` stays ``"no"``, ``07`` stays
``"07"``, ``2024-01-01`` stays a string), so the schema, not YAML 1.1, decides what a
value means. Anchors, aliases and explicit tags are refused before anything could
expand, so an alias bomb costs no more than its own bytes. Positions are what an editor
shows: line and column in code points, lines broken only at ``\n`` (and ``\r\n``).

The parser behind :func:`mvkplan.source.parse.parse_yaml` is chosen in one place,
:mod:`mvkplan.source.engines`: rapidyaml when it can be imported, libyaml otherwise. Both
produce the same nodes, positions and refusals; nothing else in mvkplan imports a parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_DEPTH = 64
_SCAN_LIMIT = 16
_NULL = re.compile(r"^(?:~|null|Null|NULL)?$")


class YamlError(Exception):
    """A file that cannot become nodes: a code, message key and 1-based position."""

    def __init__(
        self, code: str, line: int, column: int, detail: str = "", **values: object
    ) -> None:
        super().__init__(f"{code} at {line}:{column} {detail}")
        self.code = code
        self.line = line
        self.column = column
        self.detail = detail
        self.values = values


@dataclass(slots=True)
class Node:
    """Position shared by every node: 1-based line and column."""

    line: int
    column: int


@dataclass(slots=True)
class ScalarNode(Node):
    """A scalar as written. ``plain`` is False when the author quoted it or used a block."""

    value: str
    plain: bool = True

    @property
    def is_null(self) -> bool:
        """An unquoted empty value, ``~`` or ``null``."""
        return self.plain and bool(_NULL.match(self.value))


@dataclass(slots=True)
class SequenceNode(Node):
    """A list of nodes."""

    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class MappingNode(Node):
    """Key/value pairs in source order; keys are scalars, each once (checked by the parser)."""

    pairs: list[tuple[ScalarNode, Node]] = field(default_factory=list)
    _by_key: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def _position_of(self, key: str) -> int | None:
        pairs = self.pairs
        if len(pairs) <= _SCAN_LIMIT:  # a plan's mappings are small: a scan is cheapest
            for i, (key_node, _) in enumerate(pairs):
                if key_node.value == key:
                    return i
            return None
        # A lookup per key must not scan a mapping of 30 000 keys: index it on first use.
        if self._by_key is None or len(self._by_key) != len(pairs):
            self._by_key = {k.value: i for i, (k, _) in enumerate(pairs)}
        return self._by_key.get(key)

    def get(self, key: str) -> Node | None:
        """The value node for ``key``, if present."""
        i = self._position_of(key)
        return None if i is None else self.pairs[i][1]

    def key_node(self, key: str) -> ScalarNode | None:
        """The key node for ``key``, if present (where an unknown key is reported)."""
        i = self._position_of(key)
        return None if i is None else self.pairs[i][0]


def to_data(node: Node) -> object:
    """Plain Python data for the schema: dicts, lists, strings and ``None``."""
    if isinstance(node, ScalarNode):
        return None if node.is_null else node.value
    if isinstance(node, SequenceNode):
        return [to_data(item) for item in node.items]
    assert isinstance(node, MappingNode)
    return {key.value: to_data(value) for key, value in node.pairs}


def decode(data: bytes) -> str:
    """Strict UTF-8 (a BOM is fine); the position of the first bad byte otherwise."""
    try:
        return strip_bom(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        body = strip_bom(data)
        before = body[: exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise YamlError("E101", before.count(b"\n") + 1, column) from None


def strip_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte-order mark."""
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
