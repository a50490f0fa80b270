"""Text splicing at the spans a round-trip parse locates: only the changed bytes change.

ruamel.yaml is used on the writing side only: its composer gives every node's exact
start and end in the text, and its emitter renders new scalars with the quoting YAML
needs. The result is validated by mvkplan's own loader before anything is written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

Scalar = str | int | float | bool
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_EMITTER = Emitter(io.StringIO())
_EMITTER.allow_unicode = True
_RESOLVER = VersionedResolver()


class EditError(Exception):
    """The file cannot be edited safely (unparseable, or a shape the splicer does not handle)."""


@dataclass(frozen=True)
class Update:
    """Set ``fields`` on the list entry whose ``match`` fields equal the given values."""

    match: Mapping[str, Scalar | None]
    fields: Mapping[str, Scalar | None]


def render_scalar(value: Scalar, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar on one line, quoted where YAML would misread it.

    ruamel.yaml's own emitter analysis and resolver decide: plain when the text may stand
    plain (in a block, or inside a flow list when ``flow``) and still reads as a string,
    single quotes otherwise, double quotes for what single quotes cannot carry.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else repr(value)
    text = value
    if "\n" in text or "\r" in text:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    analysis = _EMITTER.analyze_scalar(text)
    plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    if (plain and text and text.lower() not in _YAML11_WORDS
            and str(_RESOLVER.resolve(ScalarNode, text, (True, False))) == "tag:yaml.org,2002:str"):
        return text
    if analysis.allow_single_quoted and text.lower() not in _YAML11_WORDS:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def render_value(value: object, *, flow: bool = False) -> str:
    """A scalar, or a list or mapping of scalars in flow style (``[a, b]``, ``{year: 2023}``)."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_value(v, flow=True) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {render_value(v, flow=True)}" for k, v in value.items() if v is not None) + "}"
    assert isinstance(value, (str, int, float, bool))
    return render_scalar(value, flow=flow)


def edit_list(text: str, key: str, updates: Sequence[Update], appended: Sequence[Mapping[str, object]]) -> str:
    """``text`` with ``updates`` applied to entries of the top-level list ``key`` and ``appended`` added."""
    return edit_lists(text, {key: (updates, appended)})


ListChanges = Mapping[str, tuple[Sequence[Update], Sequence[Mapping[str, object]]]]


def edit_lists(text: str, changes: ListChanges) -> str:
    """Several top-level lists edited in one pass: one parse, every edit spliced into ``text``."""
    if not any(updates or appended for updates, appended in changes.values()):
        return text
    try:
        root = YAML().compose(text)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    if not isinstance(root, MappingNode):
        raise EditError("the top level is not a mapping")
    edits: list[tuple[int, int, str]] = []
    for key, (updates, appended) in changes.items():
        if updates or appended:
            edits.extend(_list_edits(root, text, key, updates, appended))
    return _apply(text, edits)


def _list_edits(root: MappingNode, text: str, key: str, updates: Sequence[Update],
                appended: Sequence[Mapping[str, object]]) -> list[tuple[int, int, str]]:
    values = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == key), None)
    edits: list[tuple[int, int, str]] = []
    if values is None or (isinstance(values, SequenceNode) and values.flow_style and not values.value):
        if updates:
            raise EditError(f"no list '{key}' to update")
        if appended:
            edits.extend(_new_list(text, key, values, appended))
        return edits
    if not isinstance(values, SequenceNode) or values.flow_style:
        raise EditError(f"'{key}' is not a block list ('- ' entries)")
    items = [item for item in values.value if isinstance(item, MappingNode)]
    for update in updates:
        item = _find(items, update.match)
        if item is None:
            raise EditError(f"no entry {dict(update.match)}")
        edits.extend(_update(text, item, update.fields))
    if appended:
        if not items:
            raise EditError(f"'{key}' has no mapping entries to align new ones with")
        edits.append(_append(text, items, appended))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    # Applied from the end backwards; at one position, later edits in the list are applied
    # first, so that a field added to the last entry stays above the entries appended after it.
    order = sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    for _, (start, end, replacement) in order:
        text = text[:start] + replacement + text[end:]
    return text


def _pairs(item: MappingNode) -> dict[str, tuple[Node, Node]]:
    return {k.value: (k, v) for k, v in item.value if isinstance(k, ScalarNode)}


def _find(items: list[MappingNode], match: Mapping[str, Scalar | None]) -> MappingNode | None:
    for item in items:
        pairs = _pairs(item)
        if all(_scalar(pairs.get(name)) == (None if want is None else str(want)) for name, want in match.items()):
            return item
    return None


def _scalar(pair: tuple[Node, Node] | None) -> str | None:
    if pair is None or not isinstance(pair[1], ScalarNode):
        return None
    node = pair[1]
    if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    return str(node.value)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after(text: str, node: Node) -> int:
    """Where a line inserted after ``node`` goes: the start of the line after its end."""
    end = node.end_mark.index
    if node.end_mark.column == 0:
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _line(indent: int, name: str, value: object) -> str:
    return f"{' ' * indent}{name}: {render_value(value)}\n"


def _update(text: str, item: MappingNode, fields: Mapping[str, Scalar | None]) -> list[tuple[int, int, str]]:
    pairs = _pairs(item)
    edits: list[tuple[int, int, str]] = []
    last_value = item.value[-1][1]
    indent = item.start_mark.column
    added = ""
    for name, value in fields.items():
        if name in pairs:
            node = pairs[name][1]
            if value is None:
                start = _line_start(text, pairs[name][0].start_mark.index)
                edits.append((start, _after(text, node), ""))
            else:
                edits.append((node.start_mark.index, _value_end(text, node), render_scalar(value)))
        elif value is not None:
            added += _line(indent, name, value)
    if added:
        at = _after(text, last_value)
        edits.append((at, at, _ensure_newline(text, at) + added))
    return edits


def _value_end(text: str, node: Node) -> int:
    """End of a scalar's text; a block scalar (| or >) is replaced up to its last line's end."""
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        end = node.end_mark.index
        return end - 1 if end > 0 and text[end - 1] == "\n" else end
    return node.end_mark.index


def _ensure_newline(text: str, at: int) -> str:
    return "\n" if at == len(text) and text and not text.endswith("\n") else ""


def _append(text: str, items: list[MappingNode], appended: Sequence[Mapping[str, object]]) -> tuple[int, int, str]:
    first = items[0]
    key_column = first.start_mark.column
    line_start = _line_start(text, first.start_mark.index)
    dash = text.find("-", line_start, first.start_mark.index)
    dash_column = dash - line_start if dash >= 0 else max(key_column - 2, 0)
    block = "".join(_item(entry, dash_column, key_column) for entry in appended)
    at = _after(text, items[-1].value[-1][1] if items[-1].value else items[-1])
    return at, at, _ensure_newline(text, at) + block


def _item(entry: Mapping[str, object], dash_column: int, key_column: int) -> str:
    lines = []
    for index, (name, value) in enumerate((n, v) for n, v in entry.items() if v is not None):
        if index == 0:
            gap = max(key_column - dash_column - 1, 1)
            lines.append(f"{' ' * dash_column}-{' ' * gap}{name}: {render_value(value)}\n")
        else:
            lines.append(_line(key_column, name, value))
    return "".join(lines)


def _new_list(text: str, key: str, existing: Node | None,
              appended: Sequence[Mapping[str, object]]) -> list[tuple[int, int, str]]:
    block = "".join(_item(entry, 2, 4) for entry in appended)
    if existing is None:
        prefix = "" if not text or text.endswith("\n") else "\n"
        return [(len(text), len(text), f"{prefix}{key}:\n{block}")]
    # 'key: []' becomes 'key:' with the entries on the lines below (a comment after [] stays)
    start, end = existing.start_mark.index, existing.end_mark.index
    if start > 0 and text[start - 1] == " ":
        start -= 1
    at = _after(text, existing)
    return [(start, end, ""), (at, at, _ensure_newline(text, at) + block)]
