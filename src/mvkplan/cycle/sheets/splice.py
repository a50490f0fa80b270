"""Set fields of one goal or activity in a plan's YAML text, changing no other byte.

The follow-up writer's approach (:mod:`mvkplan.cycle.recording.yamledit`), for items nested
in areas: ruamel.yaml's composer locates the item's mapping and each value's exact span, and
``render_scalar`` / ``render_value`` write the new value with the quoting YAML needs. A list
is written as a block list aligned with the one it replaces (or under its key), one item a line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mvkplan.cycle.recording.spans import line_after, line_start, newline_at, splice, value_end
from mvkplan.cycle.recording.yamledit import EditError, render_scalar, render_value

FieldValue = str | list[str] | None
"""A new text, a new list (one item a line), or ``None``: take the field out."""


@dataclass(frozen=True)
class ItemEdit:
    """New values for fields of the item at ``areas[area].<table>[item]``; a new item when ``item`` is None."""

    area: int
    table: str
    item: int | None
    fields: dict[str, FieldValue]


def apply_edits(text: str, edits: Sequence[ItemEdit]) -> str:
    """``text`` with every edit spliced in (one parse; :class:`EditError` if a shape is not handled)."""
    if not edits:
        return text
    try:
        root = YAML().compose(text)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    fields: list[tuple[int, int, str]] = []
    new_items: list[tuple[int, int, str]] = []
    for edit in edits:
        if edit.item is None:
            new_items.append(_new_item(text, root, edit))
            continue
        item = _item(root, edit)
        for name, value in edit.fields.items():
            fields.extend(_field(text, item, name, value))
    # At one place, spans stand in the text in list order: a field added to an area's last item
    # and a new item of that area go in at the same place, and the field must stay with its item
    # whatever the rows' order in the sheet; new items keep their order among themselves.
    return splice(text, fields + new_items)


def set_top_level(text: str, key: str, value: str) -> str:
    """``text`` with the top-level single value ``key`` (e.g. the document's ``id``) set to ``value``."""
    try:
        root = YAML().compose(text)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    pair = _get(root, key)
    if pair is None or not isinstance(pair[1], ScalarNode):
        raise EditError(f"no single value '{key}' at the top level")
    node = pair[1]
    return text[: node.start_mark.index] + render_scalar(value) + text[value_end(text, node):]


def _new_item(text: str, root: Node, edit: ItemEdit) -> tuple[int, int, str]:
    """A new entry after the last of the area's list (``goals:`` written under the area when it has none)."""
    area = _item(root, ItemEdit(edit.area, "", None, {}))
    fields = {name: value for name, value in edit.fields.items() if value is not None and value != []}
    pair = _get(area, edit.table)
    if pair is None or (isinstance(pair[1], SequenceNode) and not pair[1].value):
        indent = area.start_mark.column
        block = f"{' ' * indent}{edit.table}:\n" + _entry(fields, indent + 2, indent + 4)
        if pair is None:
            at = _end(text, area.value[-1][1])
            return at, at, newline_at(text, at) + block
        return line_start(text, pair[0].start_mark.index), _end(text, pair[1]), block
    values = pair[1]
    if not isinstance(values, SequenceNode) or values.flow_style:
        raise EditError(f"'{edit.table}' at line {pair[0].start_mark.line + 1} is not a block list")
    first = values.value[0]
    dash = text.rfind("-", line_start(text, first.start_mark.index), first.start_mark.index)
    dash_column = dash - line_start(text, first.start_mark.index) if dash >= 0 else first.start_mark.column - 2
    at = _end(text, values)
    return at, at, newline_at(text, at) + _entry(fields, dash_column, first.start_mark.column)


def _entry(fields: Mapping[str, FieldValue], dash_column: int, key_column: int) -> str:
    """A list entry: '- ' and its first field on one line, the others below at ``key_column``."""
    lines = ""
    for index, (name, value) in enumerate(fields.items()):
        assert value is not None
        block = _block(key_column, name, value)
        if index == 0:
            block = f"{' ' * dash_column}-{' ' * max(key_column - dash_column - 1, 1)}{block.lstrip(' ')}"
        lines += block
    return lines


def _get(node: Node, key: str) -> tuple[Node, Node] | None:
    if not isinstance(node, MappingNode):
        return None
    return next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def _item(root: Node, edit: ItemEdit) -> MappingNode:
    """The mapping of ``areas[area].<table>[item]`` (of the area itself when ``table`` is empty)."""
    areas = _get(root, "areas")
    node: Node | None = areas[1] if areas else None
    for step in (edit.area, edit.table, edit.item) if edit.table else (edit.area,):
        if isinstance(step, int):
            if not isinstance(node, SequenceNode) or node.flow_style or step >= len(node.value):
                raise EditError(f"no entry {step} at line {node.start_mark.line + 1 if node else 0}")
            node = node.value[step]
        else:
            pair = _get(node, step) if node is not None and step is not None else None
            node = pair[1] if pair else None
    if not isinstance(node, MappingNode) or node.flow_style:
        raise EditError("the item is not a block mapping")
    return node


def _field(text: str, item: MappingNode, name: str, value: FieldValue) -> list[tuple[int, int, str]]:
    pair = _get(item, name)
    indent = item.start_mark.column
    if pair is None:
        if value is None or value == []:
            return []
        at = _end(text, item.value[-1][1])
        return [(at, at, newline_at(text, at) + _block(indent, name, value))]
    key, node = pair
    if value is None or value == []:
        return [(line_start(text, key.start_mark.index), _end(text, node), "")]
    if isinstance(value, str):
        if not isinstance(node, ScalarNode):
            raise EditError(f"'{name}' at line {key.start_mark.line + 1} is not a single value")
        return [(node.start_mark.index, value_end(text, node), render_scalar(value))]
    if isinstance(node, SequenceNode) and node.flow_style:
        return [(node.start_mark.index, node.end_mark.index, render_value(value))]
    # a block list (or a scalar becoming a list): the key's lines written again, at the same indent
    return [(line_start(text, key.start_mark.index), _end(text, node), _block(indent, name, value, node))]


def _block(indent: int, name: str, value: str | list[str], old: Node | None = None) -> str:
    if isinstance(value, str):
        return f"{' ' * indent}{name}: {render_scalar(value)}\n"
    dash = indent + 2
    if isinstance(old, SequenceNode) and old.value:
        dash = max(old.value[0].start_mark.column - 2, 0)  # '- ' before the first item, as written
    return f"{' ' * indent}{name}:\n" + "".join(f"{' ' * dash}- {render_scalar(v)}\n" for v in value)




def _end(text: str, node: Node) -> int:
    """Where the lines of ``node`` end (a line inserted after it goes here).

    A block list or mapping ends where its last entry ends: the composer's end mark of the
    collection itself is the start of the next key, which may stand on the same line.
    """
    if isinstance(node, (SequenceNode, MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(text, last[1] if isinstance(last, tuple) else last)
    return line_after(text, node)
