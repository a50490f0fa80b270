"""Text splicing at the spans a round-trip parse locates: only the changed bytes change.

ruamel.yaml is used on the writing side only: its composer gives every node's exact
start and end in the text, and its ``YAML.dump`` renders each new scalar with the quoting
YAML needs (only the public API: the emitter is never driven outside its serializer). The
result is validated by mvkplan's own loader before anything is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from mvkplan.cycle.recording.spans import line_after, line_start, newline_at, splice, value_end
from mvkplan.source.nodes import YamlError
from mvkplan.source.parse import load_data

Scalar = str | int | float | bool
# Words YAML 1.1 readers (PyYAML, older tools) take for booleans or null: quoted, although
# ruamel.yaml (YAML 1.2) and mvkplan would read them plain as text.
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# Characters YAML treats as line breaks: a scalar holding one is written double-quoted,
# where the emitter escapes them (\n, \r, \N, \L, \P), so it stays on one line.
_LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _dumper() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 2**30  # never fold a long text over lines: a scalar is spliced into one line
    yaml.allow_unicode = True
    return yaml


_DUMPER = _dumper()


class EditError(Exception):
    """The file cannot be edited safely (unparseable, or a shape the splicer does not handle)."""


@dataclass(frozen=True)
class Update:
    """Set ``fields`` on the list entry whose ``match`` fields equal the given values."""

    match: Mapping[str, Scalar | None]
    fields: Mapping[str, Scalar | None]


def render_scalar(value: Scalar, *, flow: bool = False, in_mapping: bool = False) -> str:
    """``value`` as a YAML scalar on one line, quoted where YAML would misread it.

    ruamel.yaml dumps the one value and decides: plain when the text may stand plain where it
    goes (a block mapping's value; with ``flow``, a flow list's item, or with ``in_mapping`` too
    a flow mapping's value) and still reads as the same string, single quotes otherwise,
    double quotes (with escapes) for what single quotes cannot carry. Whatever is chosen must
    read back as exactly ``value`` through mvkplan's own reader; :class:`EditError` if no style
    does (none is known: the double-quoted style escapes everything).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else repr(value)
    text: str = value
    context = ("flow-map" if in_mapping else "flow-seq") if flow else "block"
    styles: list[str] = [DoubleQuotedScalarString(text)]
    if not _LINE_BREAKS.search(text) and text.lower() not in _YAML11_WORDS:
        styles[:0] = [text, SingleQuotedScalarString(text)]
    # ruamel.yaml's choice is checked by reading it back as mvkplan does: in a flow context
    # its emitter leaves '? a' and '?0' plain, which libyaml reads as a key or refuses.
    for styled in styles:
        rendered = _dump(styled, context)
        if rendered is not None and _reads_back(rendered, context) == text:
            return rendered
    raise EditError(f"cannot write {text!r} as one line of YAML")


def _reads_back(rendered: str, context: str) -> object:
    """What mvkplan's own reader makes of ``rendered`` placed in ``context``."""
    line = {"block": "k: {}\n", "flow-seq": "k: [{}]\n", "flow-map": "k: {{k: {}}}\n"}[context]
    try:
        read = load_data(line.format(rendered).encode("utf-8"))[0].get("k")
    except YamlError:
        return None
    if context == "flow-seq":
        return read[0] if isinstance(read, list) and len(read) == 1 else None
    if context == "flow-map":
        return read.get("k") if isinstance(read, dict) and len(read) == 1 else None
    return read


def _dump(text: str, context: str) -> str | None:
    """The scalar ruamel.yaml writes for ``text`` in ``context`` (a block mapping's value, a flow
    list's item or a flow mapping's value), or None when it would take more than one line."""
    out = io.StringIO()
    if context == "block":
        _DUMPER.dump({"k": text}, out)
        prefix, suffix = "k: ", "\n"
    else:
        container: CommentedSeq | CommentedMap
        if context == "flow-seq":
            container, prefix, suffix = CommentedSeq([text]), "[", "]\n"
        else:
            container, prefix, suffix = CommentedMap(k=text), "{k: ", "}\n"
        container.fa.set_flow_style()
        _DUMPER.dump(container, out)
    dumped = out.getvalue()
    if not (dumped.startswith(prefix) and dumped.endswith(suffix)):
        return None
    scalar = dumped[len(prefix):-len(suffix)]
    return None if "\n" in scalar else scalar


def render_value(value: object, *, flow: bool = False, in_mapping: bool = False) -> str:
    """A scalar, or a list or mapping of scalars in flow style (``[a, b]``, ``{year: 2023}``)."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_value(v, flow=True) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {render_value(v, flow=True, in_mapping=True)}"
                               for k, v in value.items() if v is not None) + "}"
    assert isinstance(value, (str, int, float, bool))
    return render_scalar(value, flow=flow, in_mapping=in_mapping)


def append_scalars(text: str, key: str, appended: Sequence[Scalar]) -> str:
    """``text`` with ``appended`` added to the top-level list of scalars ``key`` (e.g. ``asked:``).

    A block list gets new ``- item`` lines aligned with its own; a flow list (``[a, b]``) gets
    the items after its last one; a missing or empty list becomes a block list.
    """
    if not appended:
        return text
    root = _compose(text)
    values = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == key), None)
    if values is None or (isinstance(values, SequenceNode) and values.flow_style and not values.value):
        block = "".join(f"  - {render_scalar(item)}\n" for item in appended)
        if values is None:
            prefix = "" if not text or text.endswith("\n") else "\n"
            return f"{text}{prefix}{key}:\n{block}"
        start, end = values.start_mark.index, values.end_mark.index
        if start > 0 and text[start - 1] == " ":
            start -= 1
        at = line_after(text, values)
        return splice(text, [(start, end, ""), (at, at, newline_at(text, at) + block)])
    if not isinstance(values, SequenceNode) or not all(isinstance(v, ScalarNode) for v in values.value):
        raise EditError(f"'{key}' is not a list of single values")
    last = values.value[-1]
    if values.flow_style:
        at = last.end_mark.index
        return splice(text, [(at, at, "".join(f", {render_scalar(item, flow=True)}" for item in appended))])
    first = values.value[0]
    begins = line_start(text, first.start_mark.index)
    dash = text.find("-", begins, first.start_mark.index)
    dash_column = dash - begins if dash >= 0 else max(first.start_mark.column - 2, 0)
    gap = " " * max(first.start_mark.column - dash_column - 1, 1)
    block = "".join(f"{' ' * dash_column}-{gap}{render_scalar(item)}\n" for item in appended)
    at = line_after(text, last)
    return splice(text, [(at, at, newline_at(text, at) + block)])


def _compose(text: str) -> MappingNode:
    try:
        root = YAML().compose(text)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    if not isinstance(root, MappingNode):
        raise EditError("the top level is not a mapping")
    return root


def edit_list(text: str, key: str, updates: Sequence[Update], appended: Sequence[Mapping[str, object]]) -> str:
    """``text`` with ``updates`` applied to entries of the top-level list ``key`` and ``appended`` added."""
    return edit_lists(text, {key: (updates, appended)})


ListChanges = Mapping[str, tuple[Sequence[Update], Sequence[Mapping[str, object]]]]


def edit_lists(text: str, changes: ListChanges) -> str:
    """Several top-level lists edited in one pass: one parse, every edit spliced into ``text``."""
    if not any(updates or appended for updates, appended in changes.values()):
        return text
    root = _compose(text)
    edits: list[tuple[int, int, str]] = []
    for key, (updates, appended) in changes.items():
        if updates or appended:
            edits.extend(_list_edits(root, text, key, updates, appended))
    return splice(text, edits)


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
                start = line_start(text, pairs[name][0].start_mark.index)
                edits.append((start, line_after(text, node), ""))
            else:
                edits.append((node.start_mark.index, value_end(text, node), render_scalar(value)))
        elif value is not None:
            added += _line(indent, name, value)
    if added:
        at = line_after(text, last_value)
        edits.append((at, at, newline_at(text, at) + added))
    return edits






def _append(text: str, items: list[MappingNode], appended: Sequence[Mapping[str, object]]) -> tuple[int, int, str]:
    first = items[0]
    key_column = first.start_mark.column
    begins = line_start(text, first.start_mark.index)
    dash = text.find("-", begins, first.start_mark.index)
    dash_column = dash - begins if dash >= 0 else max(key_column - 2, 0)
    block = "".join(_item(entry, dash_column, key_column) for entry in appended)
    at = line_after(text, items[-1].value[-1][1] if items[-1].value else items[-1])
    return at, at, newline_at(text, at) + block


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
    at = line_after(text, existing)
    return [(start, end, ""), (at, at, newline_at(text, at) + block)]
