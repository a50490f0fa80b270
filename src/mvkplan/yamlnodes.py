"""The YAML boundary: bytes in, nodes with positions out.

Nothing else in mvkplan imports PyYAML. Every scalar is kept as the text the
author wrote (``no`` stays ``"no"``, ``07`` stays ``"07"``, ``2024-01-01`` stays a
string), so the schema, not YAML 1.1, decides what a value means. Anchors,
aliases and explicit tags are refused before anything could expand, so an alias
bomb costs no more than its own bytes. Replacing the engine (e.g. rapidyaml)
means reimplementing :func:`parse_yaml` and nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

try:  # libyaml when present: several times faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
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
    """Key/value pairs in source order; keys are scalars (checked by the parser)."""

    pairs: list[tuple[ScalarNode, Node]] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        """The value node for ``key``, if present."""
        for key_node, value in self.pairs:
            if key_node.value == key:
                return value
        return None

    def key_node(self, key: str) -> ScalarNode | None:
        """The key node for ``key``, if present (where an unknown key is reported)."""
        for key_node, _ in self.pairs:
            if key_node.value == key:
                return key_node
        return None


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
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError("E101", line, column) from None


def parse_yaml(data: bytes) -> MappingNode:
    """Parse one YAML document whose top level is a mapping."""
    text = decode(data)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError("E108", 1, 1)
    try:
        root = _Builder(yaml.parse(text, Loader=_Loader)).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        lines = text.splitlines()
        tab = mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]
        raise YamlError("E103", line, column, detail, tab=tab) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        raise YamlError("E103", line, column, str(exc.reason)) from None
    if not isinstance(root, MappingNode):
        found = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise YamlError("E106", root.line, root.column, found=found)
    return root


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Builder:
    """Turns a libyaml event stream into nodes, refusing what plans must not contain."""

    def __init__(self, events: object) -> None:
        self._events = iter(events)  # type: ignore[call-overload]
        self._depth = 0

    def _next(self) -> yaml.Event:
        return next(self._events)

    def document(self) -> Node:
        self._next()  # StreamStartEvent
        start = self._next()
        if isinstance(start, yaml.StreamEndEvent):
            raise YamlError("E108", 1, 1)
        root = self._node(self._next())
        self._next()  # DocumentEndEvent
        following = self._next()
        if isinstance(following, yaml.DocumentStartEvent):
            line, column = _position(following)
            raise YamlError("E107", line, column)
        return root

    def _node(self, event: yaml.Event) -> Node:
        line, column = _position(event)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError("E105", line, column)
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            if tag and tag not in ("!", "tag:yaml.org,2002:str"):
                raise YamlError("E109", line, column, tag=tag)
            plain = not event.style and tag is None
            return ScalarNode(line, column, event.value, plain)
        if tag:
            raise YamlError("E109", line, column, tag=tag)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlError("E111", line, column, limit=MAX_DEPTH)
        try:
            if isinstance(event, yaml.SequenceStartEvent):
                return self._sequence(line, column)
            return self._mapping(line, column)
        finally:
            self._depth -= 1

    def _sequence(self, line: int, column: int) -> SequenceNode:
        node = SequenceNode(line, column)
        while not isinstance(event := self._next(), yaml.SequenceEndEvent):
            node.items.append(self._node(event))
        return node

    def _mapping(self, line: int, column: int) -> MappingNode:
        node = MappingNode(line, column)
        seen: dict[str, int] = {}
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            key = self._node(event)
            if not isinstance(key, ScalarNode):
                raise YamlError("E103", key.line, key.column, "a key must be plain text")
            if key.value in seen:
                raise YamlError("E104", key.line, key.column, key=key.value, first=seen[key.value])
            seen[key.value] = key.line
            node.pairs.append((key, self._node(self._next())))
        return node
