"""Bytes to nodes (or straight to plain data): the one door into the YAML parsers.

:func:`load_data` gives a document's plain data, through the engine's fast path when it has
one (no nodes built), and :func:`parse_yaml` the nodes with their positions. Which parser
does the work is :mod:`mvkplan.source.engines`' choice.
"""

from __future__ import annotations

from typing import cast

from mvkplan.source import engines
from mvkplan.source.nodes import MappingNode, SequenceNode, YamlError, decode, strip_bom, to_data
from mvkplan.source.positions import BIDI, Lines, first_control_character


def load_data(data: bytes) -> tuple[dict[str, object], MappingNode | None]:
    """The plain data of one document whose top level is a mapping, and its nodes when
    they had to be built (the fast engine declined it); a :class:`YamlError` otherwise."""
    fast = getattr(engines.engine(), "parse_plain", None)
    plain = fast(data) if fast is not None else None
    if plain is not None:
        return plain, None
    root = parse_yaml(data)
    return cast("dict[str, object]", to_data(root)), root


def parse_yaml(data: bytes) -> MappingNode:
    """Parse one YAML document whose top level is a mapping."""
    text = decode(data)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.split("\n")
    ):
        raise YamlError("E108", 1, 1)
    lines = Lines(text, strip_bom(data))
    control = first_control_character(text)
    if control is not None:
        index, character = control
        line, column = lines.at_index(index)
        if BIDI.match(character):
            raise YamlError("E112", line, column, character=f"U+{ord(character):04X}")
        raise YamlError("E103", line, column,
                        f"control character U+{ord(character):04X} is not allowed")
    root = engines.engine().parse(strip_bom(data), text, lines)
    if not isinstance(root, MappingNode):
        found = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise YamlError("E106", root.line, root.column, found=found)
    return root
