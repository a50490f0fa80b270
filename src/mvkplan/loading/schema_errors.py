"""Pydantic validation errors → located problems a coordinator can act on."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem
from mvkplan.messages.textmatch import closest
from mvkplan.messages.vocabulary import english_for
from mvkplan.source.nodes import MappingNode, Node, ScalarNode, SequenceNode

_EXPECTED = {
    "string_type": "kind.text",
    "int_type": "kind.number",
    "int_parsing": "kind.number",
    "int_from_float": "kind.number",
    "bool_type": "kind.bool",
    "bool_parsing": "kind.bool",
    "list_type": "kind.list",
    "dict_type": "kind.mapping",
    "model_type": "kind.mapping",
    "model_attributes_type": "kind.mapping",
}


def problems_from_validation(
    exc: ValidationError, shown: str, root: MappingNode, model: type[BaseModel]
) -> list[Problem]:
    """One problem per pydantic error, positioned at the offending node."""
    problems = []
    keys = _KeyNodes()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing":
            node = _node_at(root, loc[:-1])
            field = str(loc[-1])
            problems.append(Problem(shown, node.line, node.column, "E201",
                                    t("E201", field=field), hint=t("E201.hint", field=field)))
        elif kind == "extra_forbidden":
            parent = _node_at(root, loc[:-1])
            key = keys.get(parent, str(loc[-1])) if isinstance(parent, MappingNode) else None
            where = key or parent
            allowed = _fields_at(model, loc[:-1])
            close = closest(str(loc[-1]), allowed)
            hint = (t("E202.hint.close", close=close) if close
                    else t("E202.hint", allowed=", ".join(allowed)))
            problems.append(Problem(shown, where.line, where.column, "E202",
                                    t("E202", field=loc[-1]), hint=hint))
        else:
            node = _node_at(root, loc)
            problems.append(_value_problem(shown, node, kind, error))
    return problems


class _KeyNodes:
    """Key nodes by mapping and key, indexed once per mapping (30 000 unknown keys in one
    mapping must not mean 30 000 scans of it)."""

    def __init__(self) -> None:
        self._by_mapping: dict[int, dict[str, ScalarNode]] = {}

    def get(self, mapping: MappingNode, key: str) -> ScalarNode | None:
        if id(mapping) not in self._by_mapping:
            found: dict[str, ScalarNode] = {}
            for key_node, _ in mapping.pairs:
                found.setdefault(key_node.value, key_node)
            self._by_mapping[id(mapping)] = found
        return self._by_mapping[id(mapping)].get(key)


def _value_problem(shown: str, node: Node, kind: str, error: Any) -> Problem:
    found = describe(node)
    if kind in _EXPECTED:
        hint = None
        if isinstance(node, MappingNode) and _EXPECTED[kind] == "kind.text":
            hint = t("E203.hint.colon")
        elif isinstance(node, ScalarNode) and _EXPECTED[kind] == "kind.list":
            hint = t("E203.hint.list")
        return Problem(shown, node.line, node.column, "E203",
                       t("E203", expected=t(_EXPECTED[kind]), found=found), hint=hint)
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        value = node.value if isinstance(node, ScalarNode) else ""
        english = english_for(value, options)
        close = closest(value, options)
        if english:
            hint = t("E204.swedish", value=value, english=english)
        else:
            hint = t("hint.did_you_mean", close=close) if close else None
        return Problem(shown, node.line, node.column, "E204",
                       t("E204.choice", found=found, expected=expected), hint=hint)
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        key = "E204.date" if "\\d{4}" in pattern else "E204.id"
        return Problem(shown, node.line, node.column, "E204", t(key, found=found),
                       hint=t(key + ".hint"))
    if kind == "calendar_date":
        return Problem(shown, node.line, node.column, "E204", t("E204.calendar", found=found),
                       hint=t("E204.date.hint"))
    if kind in ("too_short", "string_too_short"):
        return Problem(shown, node.line, node.column, "E204", t("E204.empty"),
                       hint=t("E204.empty.hint"))
    detail = str(error.get("msg", kind)).removeprefix("Value error, ")
    return Problem(shown, node.line, node.column, "E204", t("E204", detail=detail))


def describe(node: Node) -> str:
    """How a node looks to the author: its text, 'a list', 'a mapping' or 'nothing'."""
    if isinstance(node, ScalarNode):
        return t("kind.nothing") if node.is_null else f"'{node.value}'"
    if isinstance(node, SequenceNode):
        return t("kind.list")
    return t("kind.mapping")


def _node_at(root: MappingNode, loc: tuple[Any, ...]) -> Node:
    node: Node = root
    for step in loc:
        child: Node | None = None
        if isinstance(node, MappingNode) and isinstance(step, str):
            child = node.get(step)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.items):
            child = node.items[step]
        if child is None:
            break
        node = child
    return node


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc``, following the model's annotations."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(step)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The BaseModel inside ``list[X]``, ``X | None`` and friends, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
