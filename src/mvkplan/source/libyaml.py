"""The libyaml engine: PyYAML's event stream turned into nodes.

Used where rapidyaml cannot be imported, and by the rapidyaml engine to diagnose a
document it will not take (a syntax error, an anchor, a tag, a second document), so that
both engines report the same code at the same place.
"""

from __future__ import annotations

import yaml

from mvkplan.source.nodes import MAX_DEPTH, MappingNode, Node, ScalarNode, SequenceNode, YamlError
from mvkplan.source.positions import Lines

try:  # libyaml when present: several times faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

NAME = "libyaml"


def parse(data: bytes, text: str, lines: Lines) -> Node:
    """Nodes of the single document in ``text`` (``data`` is its UTF-8 form)."""
    try:
        return _Builder(yaml.parse(text, Loader=_Loader), lines).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = lines.at_index(mark.index) if mark else (1, 1)
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        source_lines = text.split("\n")
        tab = mark is not None and line <= len(source_lines) and "\t" in source_lines[line - 1]
        raise YamlError("E103", line, column, detail, tab=tab) from None
    except yaml.reader.ReaderError as exc:
        line, column = lines.at_index(exc.position)
        raise YamlError("E103", line, column, str(exc.reason)) from None


class _Builder:
    """Turns a libyaml event stream into nodes, refusing what plans must not contain."""

    def __init__(self, events: object, lines: Lines) -> None:
        self._events = iter(events)  # type: ignore[call-overload]
        self._lines = lines
        self._depth = 0

    def _next(self) -> yaml.Event:
        return next(self._events)

    def _position(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return self._lines.at_index(mark.index) if mark is not None else (1, 1)

    def document(self) -> Node:
        self._next()  # StreamStartEvent
        start = self._next()
        if isinstance(start, yaml.StreamEndEvent):
            raise YamlError("E108", 1, 1)
        root = self._node(self._next())
        self._next()  # DocumentEndEvent
        following = self._next()
        if isinstance(following, yaml.DocumentStartEvent):
            line, column = self._position(following)
            raise YamlError("E107", line, column)
        return root

    def _node(self, event: yaml.Event) -> Node:
        line, column = self._position(event)
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
