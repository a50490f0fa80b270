"""Kolada API responses (saved JSON) → located values, or located problems.

The JSON is checked strictly first (:mod:`.strict`: the C ``json`` decoder with hooks that
refuse NaN, infinities, huge numbers, deep nesting, lone surrogates and too many objects),
then walked as nodes with positions (:mod:`mvkplan.source.nodes` reads JSON, which is
YAML's flow style), so that every problem points at the line and column of the offending
value. Rows Kolada marks ``isdeleted: true`` (v3, in an entry or in one of its values) are
dropped. Fields the API may add later are ignored; missing or mistyped fields are
problems, and a file with any problem yields no values at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from mvkplan.cycle.kolada.strict import Limits, check_json
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem
from mvkplan.messages.words import system_error
from mvkplan.source.nodes import MappingNode, Node, ScalarNode, SequenceNode, YamlError
from mvkplan.source.parse import parse_yaml

KPI_ID = re.compile(r"^[NU]\d{5}$")
# A character beyond U+FFFF escaped as a UTF-16 pair (json.dumps writes them so): the node
# parser would decode each half apart, so the pair is written as the character it stands for.
# Lone halves never get here (the gate refuses them, K116).
SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
GENDERS = {"K": "kvinnor", "M": "män", "T": "totalt"}
"""Kolada's gender codes and the sex the follow-up records: kvinnor, män, totalt."""


@dataclass(frozen=True)
class KoladaValue:
    """One value: a KPI for a municipality, year and sex, and where the file says so."""

    kpi: str
    municipality: str
    year: int
    gender: str
    value: float | None
    status: str
    line: int
    column: int


@dataclass
class Response:
    """The values of one saved response, its next page if any, and its problems."""

    path: str
    values: list[KoladaValue] = field(default_factory=list)
    next_page: str | None = None
    problems: list[Problem] = field(default_factory=list)
    deleted: int = 0
    """Values dropped because Kolada marks them (or their entry) ``isdeleted``."""

    def problem(self, code: str, line: int, column: int, **values: object) -> None:
        """Record a problem at a place in the file."""
        hint = t(code + ".hint") if has(code + ".hint") else None
        self.problems.append(Problem(self.path, line, column, code, t(code, **values), hint=hint))


def read_response_file(path: Path, shown: str, limits: Limits | None = None) -> Response:
    """Read one saved response from disk, refusing a file over the size limit before reading it."""
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            response = Response(shown)
            response.problem("K110", 0, 0, size=size, limit=limits.max_bytes)
            return response
        with path.open("rb") as file:
            data = file.read(limits.max_bytes + 1)  # the file may grow between stat and read
    except OSError as exc:
        response = Response(shown)
        response.problem("K111", 0, 0, detail=system_error(exc))
        return response
    return read_response(data, shown, limits)


def read_response(data: bytes, shown: str, limits: Limits | None = None) -> Response:
    """Parse one saved response (the body of a ``/data/…`` request)."""
    limits = limits or Limits()
    response = Response(shown)
    if len(data) > limits.max_bytes:
        response.problem("K110", 0, 0, size=len(data), limit=limits.max_bytes)
        return response
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(body, exc.start)
        response.problem("K101", line, column, detail=f"not UTF-8 (byte 0x{body[exc.start]:02x})")
        return response
    refusal = check_json(text, limits)
    if refusal is not None:
        response.problem(refusal.code, refusal.line, refusal.column, **refusal.values)
        return response
    shifts: dict[int, list[tuple[int, int]]] = {}
    if SURROGATE_PAIR.search(text):
        shifts = _shifts(text)
        data = SURROGATE_PAIR.sub(_joined, text).encode("utf-8")
    try:
        root = parse_yaml(data)
    except YamlError as exc:
        if exc.code == "E106":
            response.problem("K102", exc.line, exc.column, detail="the top level is not an object")
        else:
            response.problem("K101", exc.line, exc.column, detail=exc.detail or exc.code)
        return response
    _walk(root, response)
    if response.problems:
        response.values.clear()
    if shifts:
        _shift_back(response, shifts)
    return response


def _shifts(text: str) -> dict[int, list[tuple[int, int]]]:
    """Per line, (column in the joined text, characters saved) of each pair :func:`_joined` shortens."""
    found: dict[int, list[tuple[int, int]]] = {}
    for pair in SURROGATE_PAIR.finditer(text):
        line = text.count("\n", 0, pair.start()) + 1
        earlier = found.setdefault(line, [])
        column = pair.start() - (text.rfind("\n", 0, pair.start()) + 1) + 1 - sum(saved for _, saved in earlier)
        earlier.append((column, len(pair.group()) - len(_joined(pair))))
    return found


def _shift_back(response: Response, shifts: dict[int, list[tuple[int, int]]]) -> None:
    """Columns of the joined text → columns of the file as saved."""
    def back(line: int, column: int) -> int:
        return column + sum(saved for at, saved in shifts.get(line, []) if at < column)

    response.values[:] = [replace(v, column=back(v.line, v.column)) for v in response.values]
    response.problems[:] = [replace(p, column=back(p.line, p.column)) for p in response.problems]


def _joined(pair: re.Match[str]) -> str:
    high, low = int(pair.group(2), 16), int(pair.group(3), 16)
    return pair.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of the byte at ``offset``, for text that is not all UTF-8."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _walk(root: MappingNode, response: Response) -> None:
    entries = root.get("values")
    if not isinstance(entries, SequenceNode):
        response.problem("K102", root.line, root.column, detail="no list 'values'")
        return
    for key in ("next_page", "next_url"):
        link = root.get(key)
        if isinstance(link, ScalarNode) and not link.is_null and link.value:
            response.next_page = link.value
    for entry in entries.items:
        _entry(entry, response)


def _entry(entry: Node, response: Response) -> None:
    if not isinstance(entry, MappingNode):
        response.problem("K102", entry.line, entry.column, detail="an entry is not an object")
        return
    if entry.get("ou") is not None and entry.get("municipality") is None:
        response.problem("K102", entry.line, entry.column, detail="organisational-unit data (oudata)")
        return
    if _deleted(entry, response):
        values_node = entry.get("values")
        response.deleted += len(values_node.items) if isinstance(values_node, SequenceNode) else 0
        return
    kpi = _text(entry, "kpi", response)
    municipality = _text(entry, "municipality", response)
    period = entry.get("period")
    values = entry.get("values")
    if kpi is None or municipality is None:
        return
    if not KPI_ID.match(kpi):
        node = entry.get("kpi")
        assert node is not None
        response.problem("K106", node.line, node.column, found=kpi)
        return
    year = _year(period, entry, response)
    if year is None:
        return
    if not isinstance(values, SequenceNode):
        where = values or entry
        response.problem("K102", where.line, where.column, detail=f"{kpi}/{municipality}/{year}: no list 'values'")
        return
    for item in values.items:
        _value(item, kpi, municipality, year, response)


def _deleted(node: MappingNode, response: Response) -> bool:
    """Whether Kolada marks the row deleted (``isdeleted: true``); a flag of another kind is a problem."""
    flag = node.get("isdeleted")
    if flag is None or (isinstance(flag, ScalarNode) and flag.plain and flag.value in ("false", "null", "0")):
        return False
    if isinstance(flag, ScalarNode) and flag.plain and flag.value in ("true", "1"):
        return True
    found = flag.value if isinstance(flag, ScalarNode) else "…"
    response.problem("K118", flag.line, flag.column, found=found)
    return True


def _text(entry: MappingNode, key: str, response: Response) -> str | None:
    node = entry.get(key)
    if not isinstance(node, ScalarNode) or node.is_null or not node.value.strip():
        where = node or entry
        response.problem("K102", where.line, where.column, detail=f"no '{key}'")
        return None
    return node.value.strip()


def _year(node: Node | None, entry: MappingNode, response: Response) -> int | None:
    if not isinstance(node, ScalarNode) or not re.fullmatch(r"\d{4}", node.value.strip()):
        where = node or entry
        found = node.value if isinstance(node, ScalarNode) else ""
        response.problem("K104", where.line, where.column, found=found)
        return None
    return int(node.value)


def _value(item: Node, kpi: str, municipality: str, year: int, response: Response) -> None:
    if not isinstance(item, MappingNode):
        response.problem("K102", item.line, item.column, detail="a value is not an object")
        return
    if _deleted(item, response):
        response.deleted += 1
        return
    gender_node = item.get("gender")
    gender = gender_node.value.strip().upper() if isinstance(gender_node, ScalarNode) else ""
    if gender not in GENDERS:
        where = gender_node or item
        response.problem("K103", where.line, where.column, found=gender)
        return
    number: float | None = None
    value_node = item.get("value")
    if isinstance(value_node, ScalarNode) and not value_node.is_null:
        try:
            if not value_node.plain:
                raise ValueError(value_node.value)
            number = float(value_node.value)
        except ValueError:
            response.problem("K105", value_node.line, value_node.column, found=value_node.value)
            return
    elif value_node is not None and not isinstance(value_node, ScalarNode):
        response.problem("K105", value_node.line, value_node.column, found="…")
        return
    status_node = item.get("status")
    status = status_node.value if isinstance(status_node, ScalarNode) and not status_node.is_null else ""
    where = value_node or item
    response.values.append(KoladaValue(kpi, municipality, year, gender, number, status, where.line, where.column))
