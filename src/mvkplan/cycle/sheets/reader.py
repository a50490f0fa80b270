"""A workbook or CSV → its sheets' rows of cell texts, or located problems; nothing interpreted yet.

A workbook is first inspected by the survey's :func:`~mvkplan.cycle.survey.safety.inspect`
(zip bombs, macros, external links, DTDs, size limits), refused with the survey's codes;
only then does openpyxl open it, read-only. A formula is refused, never evaluated. Every cell
is checked for control characters, as a survey answer is.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from mvkplan.cycle.sheets.cells import cell_text, checked
from mvkplan.cycle.sheets.layout import AREA_HEADING, FORMAT, META_SHEET
from mvkplan.cycle.survey.safety import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, inspect
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem
from mvkplan.messages.words import system_error


@dataclass(frozen=True)
class SheetRow:
    """One row below the headings: where it is and its cells' texts, left to right."""

    sheet: str
    row: int
    cells: list[str]


@dataclass
class SheetFile:
    """What a workbook or CSV says: plan, table kind, each sheet's headings and rows; or the problems."""

    path: str
    csv: bool = False
    plan: str | None = None
    kind: str | None = None
    areas: dict[str, str] = field(default_factory=dict)
    """Area id by sheet name (a CSV has one sheet, '', and names the area in each row)."""
    headings: dict[str, list[str]] = field(default_factory=dict)
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def place(self, sheet: str, row: int, column: int) -> str:
        """``Sheet!C7`` in a workbook, ``C7`` in a CSV."""
        cell = f"{get_column_letter(column)}{row}"
        return cell if self.csv else f"{sheet}!{cell}"

    def problem(self, code: str, where: tuple[str, int, int] | None = None, **values: Any) -> None:
        """Record a problem at a cell (``(sheet, row, column)``) or of the whole file."""
        base = code.split(".")[0]
        hint = t(base + ".hint", **values) if has(base + ".hint") else None
        if where is None:
            self.problems.append(Problem(self.path, 0, 0, base, t(code, **values), hint=hint))
            return
        sheet, row, column = where
        self.problems.append(Problem(self.path, row, column, base, t(code, **values), hint=hint,
                                     place=self.place(sheet, row, column)))


def read_sheets(path: Path, shown: str) -> SheetFile:
    """Read ``path`` (an .xlsx workbook or a .csv file), shown as ``shown`` in messages."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, SheetFile(shown, csv=True))
    result = SheetFile(shown)
    refusal = inspect(path)
    if refusal is not None:
        result.problem(refusal.code, **refusal.values)
        return result
    try:
        _read_workbook(path, result)
    except Exception as exc:  # noqa: BLE001  (any parser failure of a hostile file is a problem, not a crash)
        result.rows.clear()
        result.problem("S109", detail=str(exc)[:200] or type(exc).__name__)
    return result


def _read_workbook(path: Path, result: SheetFile) -> None:
    wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        if META_SHEET not in wb.sheetnames:
            result.problem("T101", detail=META_SHEET)
            return
        meta = {key: value for key, value in _meta(wb[META_SHEET])}
        if meta.get("format") != FORMAT:
            result.problem("T101", detail=f"{META_SHEET}!B1")
            return
        result.plan, result.kind = meta.get("plan") or None, meta.get("table") or None
        result.areas = {k: v for k, v in meta.items() if k not in ("format", "plan", "table")}
        for name in wb.sheetnames:
            if name == META_SHEET:
                continue
            if name not in result.areas:
                result.problem("T102", (name, 1, 1), sheet=name)
                continue
            _sheet(wb[name], name, result)
    finally:
        wb.close()


def _meta(ws: Any) -> list[tuple[str, str]]:
    pairs = []
    for row in ws.iter_rows(max_col=2, max_row=1000, values_only=True):
        key, value = (*row, None, None)[:2]
        if key is not None:
            pairs.append((cell_text(key), cell_text(value)))
    return pairs


def _sheet(ws: Any, name: str, result: SheetFile) -> None:
    for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS):
        texts: list[str] = []
        number = 0
        for cell in row:
            number = getattr(cell, "row", number) or number
            column = getattr(cell, "column", None)
            if column is None:  # an empty cell of a read-only row
                texts.append("")
                continue
            while len(texts) < column - 1:
                texts.append("")
            texts.append(_cell(cell, (name, cell.row, column), result))
        _add_row(result, name, number, texts)


def _cell(cell: Any, where: tuple[str, int, int], result: SheetFile) -> str:
    if cell.data_type == "f":
        result.problem("T201", where, formula=_short(str(cell.value)))
        return ""
    text, control = checked(cell_text(cell.value), decode=True)
    if control is not None:
        result.problem("S212", where, found=control)
        return ""
    return text


def _add_row(result: SheetFile, sheet: str, number: int, texts: list[str]) -> None:
    while texts and texts[-1] == "":
        texts.pop()
    if number == 1:
        result.headings[sheet] = texts
    elif texts and number > 1:
        result.rows.append(SheetRow(sheet, number, texts))


def _read_csv(path: Path, result: SheetFile) -> SheetFile:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            result.problem("S110", size=size, limit=MAX_FILE_BYTES)
            return result
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problem("T103")
        return result
    except OSError as exc:
        result.problem("S109", detail=system_error(exc))
        return result
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        result.problem("S109", detail=str(exc))
        return result
    if len(rows) > MAX_ROWS or any(len(r) > MAX_COLUMNS for r in rows):
        result.problem("S104", what=result.path, detail=f"{MAX_ROWS} rows, {MAX_COLUMNS} columns")
        return result
    for number, row in enumerate(rows, start=1):
        texts = []
        for column, value in enumerate(row, start=1):
            cell, control = checked(value, decode=False)
            if control is not None:
                result.problem("S212", ("", number, column), found=control)
                cell = ""
            texts.append(cell)
        _add_row(result, "", number, texts)
    heading = result.headings.get("", [])
    if not heading or heading[0] != AREA_HEADING:
        result.problem("T104", ("", 1, 1), expected=AREA_HEADING)
    return result


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
