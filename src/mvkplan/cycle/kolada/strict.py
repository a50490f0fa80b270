"""The strict JSON gate in front of the located walk: hostile input refused cheaply, with a place.

:func:`check_json` runs the C ``json`` decoder once with hooks that refuse what JSON does not
allow or what no Kolada response needs (``NaN``/``Infinity``, numbers that overflow to
infinity, numbers of more digits than Python converts, nesting deeper than a response's
four levels could need, lone UTF-16 surrogates, more objects than a response holds), and
counts objects while it reads, so a giant file stops at the first object over the limit.
Only when it refuses does it look for the place (a scan of the text that skips strings):
the hooks are not told where they are, and the common case should not pay for positions.

Whatever passes the gate is safe for the node parser (:mod:`mvkplan.source.parse`), whose
positions point at every problem of the Kolada shape.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mvkplan.source.positions import Lines

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
"""A full API page (5 000 entries, pretty-printed) is about 2.3 MB."""
DEFAULT_MAX_OBJECTS = 100_000
"""A full API page has 5 000 entries of three values: 20 000 objects."""
MAX_DEPTH = 32
"""A Kolada response is four levels deep (response → entries → entry → values)."""
MAX_NUMBER_CHARS = 100
"""Kolada's numbers are a few digits; Python refuses to convert ints of over 4 300 digits."""

_STRING = r'"(?:[^"\\]|\\.)*"'
_BRACKETS = re.compile(_STRING + r"|[\[\]{}]", re.DOTALL)


@dataclass(frozen=True)
class Limits:
    """How large a response may be: bytes on disk, and JSON objects counted while reading."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_objects: int = DEFAULT_MAX_OBJECTS


@dataclass(frozen=True)
class Refusal:
    """Why the gate refused a response: a K code, where (1-based; 0 when unknown), message values."""

    code: str
    line: int
    column: int
    values: dict[str, object] = field(default_factory=dict)


class _Refused(Exception):
    """Raised by a hook to stop the decoder; ``literal`` is the offending number's text."""

    def __init__(self, code: str, literal: str = "", **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.literal = literal
        self.values = values


def check_json(text: str, limits: Limits) -> Refusal | None:
    """``None`` when ``text`` (decoded, BOM removed) is JSON the node parser may read, else why not."""
    objects = 0

    def count(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal objects
        objects += 1
        if objects > limits.max_objects:
            raise _Refused("K117", limit=limits.max_objects)
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=count, parse_constant=_constant,
                          parse_int=_guarded(int), parse_float=_guarded(float))
    except json.JSONDecodeError as exc:
        return Refusal("K101", exc.lineno, exc.colno, {"detail": exc.msg})
    except RecursionError:
        return _too_deep(text)
    except _Refused as exc:
        if exc.code == "K117":
            line, column = _object_end(text, limits.max_objects + 1)
            return Refusal(exc.code, line, column, exc.values)
        line, column = _literal_at(text, exc.literal)
        return Refusal(exc.code, line, column, exc.values)
    return _walk(data, text)


def _constant(name: str) -> float:
    raise _Refused("K113", name, found=name)


def _guarded(convert: Callable[[str], int | float]) -> Callable[[str], int | float]:
    def parse(literal: str) -> int | float:
        if len(literal) > MAX_NUMBER_CHARS:
            raise _Refused("K114", literal, length=len(literal), limit=MAX_NUMBER_CHARS)
        number = convert(literal)
        if isinstance(number, float) and math.isinf(number):
            raise _Refused("K113", literal, found=literal)
        return number

    return parse


def _walk(data: object, text: str) -> Refusal | None:
    """Depth and lone surrogates, without recursion (the decoder accepted ``\\ud800``)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: list[object] = [*node.keys(), *node.values()]
        elif isinstance(node, list):
            children = node
        else:
            if isinstance(node, str) and not node.isascii() and _has_surrogate(node):
                return _surrogate(text)
            continue
        if depth > MAX_DEPTH:
            return _too_deep(text)
        stack.extend((child, depth + 1) for child in children)
    return None


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _too_deep(text: str) -> Refusal:
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = Lines(text).at_index(match.start())
                return Refusal("K115", line, column, {"limit": MAX_DEPTH})
        elif token in "]}":
            depth -= 1
    return Refusal("K115", 0, 0, {"limit": MAX_DEPTH})


def _object_end(text: str, number: int) -> tuple[int, int]:
    """Where the ``number``-th object ends: the decoder finishes objects in the order of their ``}``."""
    seen = 0
    for match in _BRACKETS.finditer(text):
        if match.group() == "}":
            seen += 1
            if seen == number:
                return Lines(text).at_index(match.start())
    return 0, 0


def _surrogate(text: str) -> Refusal:
    """The first ``\\uD800``–``\\uDFFF`` escape outside a pair (escapes inside strings are searched)."""
    for string in re.finditer(_STRING, text, re.DOTALL):
        body = string.group()
        for escape in re.finditer(r"(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})", body):
            code = int(escape.group(2), 16)
            after = body[escape.end():escape.end() + 6]
            paired = code < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}", after)
            before = body[max(0, escape.start(2) - 8):escape.start(2) - 2]
            low_after_high = code >= 0xDC00 and re.fullmatch(r"\\u[dD][89abAB][0-9a-fA-F]{2}", before)
            if not paired and not low_after_high:
                line, column = Lines(text).at_index(string.start() + escape.start(2) - 2)
                return Refusal("K116", line, column, {"found": "\\u" + escape.group(2)})
    return Refusal("K116", 0, 0, {"found": "\\uD800–\\uDFFF"})


def _literal_at(text: str, literal: str) -> tuple[int, int]:
    """Where the first number or constant spelled ``literal`` stands outside strings."""
    pattern = re.compile(_STRING + r"|(?<![\w.+-])(" + re.escape(literal) + r")(?![\w.])", re.DOTALL)
    for match in pattern.finditer(text):
        if match.group(1) is not None:
            return Lines(text).at_index(match.start(1))
    return 0, 0
