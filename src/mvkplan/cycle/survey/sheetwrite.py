"""The survey's way of writing a workbook, shared with the consultation's response workbooks.

Every text is stored as text, never as a formula, whatever it starts with, and without the
characters an .xlsx cannot hold; only the cells to fill in are unlocked; every sheet is
protected and the workbook's structure locked; the hidden metadata sheet holds the identity
and its signed rows; and the file carries no clock, so a re-run writes the same workbook.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from mvkplan.cycle.survey.signing import SignedQuestion

OPEN_FILL = PatternFill("solid", fgColor="FFF2CC")
"""The colour of the cells to fill in."""
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def storable(value: str) -> str:
    """``value`` without the characters an .xlsx cannot hold (what the workbook really says)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def text(cell: object, value: str) -> None:
    """Store ``value`` as text, never as a formula, whatever it starts with."""
    cell.value = storable(value)  # type: ignore[attr-defined]
    cell.data_type = "s"  # type: ignore[attr-defined]


def new_workbook(first_sheet: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its first sheet, named ``first_sheet`` (the instructions)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its one sheet
    ws.title = first_sheet
    return wb, ws


def instructions(ws: Worksheet, heading: str, title: str, details: Sequence[str], lines: Sequence[str]) -> None:
    """The instructions sheet: ``heading``, the plan's ``title``, ``details`` a line each, a blank
    line, then ``lines`` (the first of them bold); protected."""
    ws.column_dimensions["A"].width = 110
    text(ws["A1"], heading)
    ws["A1"].font = Font(bold=True, size=14)
    text(ws["A2"], title)
    ws["A2"].font = Font(bold=True)
    for row, detail in enumerate(details, start=3):
        text(ws.cell(row=row, column=1), detail)
    first = 3 + len(details) + 1
    for row, line in enumerate(lines, start=first):
        cell = ws.cell(row=row, column=1)
        text(cell, line)
        cell.alignment = Alignment(wrap_text=True)
    ws.cell(row=first, column=1).font = Font(bold=True)
    ws.protection.sheet = True


def headers(ws: Worksheet, titles: Mapping[str, str], row: int, widths: Mapping[str, float]) -> None:
    """The header row ``row``: each column's title, bold and filled, and its width; the rows below scroll."""
    for column, title in titles.items():
        cell = ws[f"{column}{row}"]
        text(cell, title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        ws.column_dimensions[column].width = widths[column]
    ws.freeze_panes = f"A{row + 1}"


def row_cells(ws: Worksheet, columns: Iterable[str], row: int, open_columns: Sequence[str]) -> list[Cell]:
    """Wrap every cell of ``row``; unlock and colour the cells of ``open_columns``, returned."""
    for column in columns:
        ws[f"{column}{row}"].alignment = WRAP
    opened = []
    for column in open_columns:
        cell = ws[f"{column}{row}"]
        cell.protection = Protection(locked=False)
        cell.fill = OPEN_FILL
        opened.append(cell)
    return opened


def protect_table(ws: Worksheet) -> None:
    """Protect the sheet, but let whoever fills it in widen columns and rows to read long texts."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def metadata(ws: Worksheet, identity: Sequence[tuple[str, str]], signed: Sequence[SignedQuestion]) -> None:
    """The metadata sheet: ``identity`` as key and value, then a row per signed row right below."""
    for number, (key, value) in enumerate(identity, start=1):
        text(ws.cell(row=number, column=1), key)
        text(ws.cell(row=number, column=2), value)
    for number, question in enumerate(signed, start=len(identity) + 1):
        text(ws.cell(row=number, column=1), str(question.row))
        text(ws.cell(row=number, column=2), question.row_id)
        text(ws.cell(row=number, column=3), question.value_type)
        text(ws.cell(row=number, column=4), question.text)


def finished(wb: Workbook, meta: Worksheet, title: str, year: int) -> bytes:
    """The .xlsx file of ``wb``: ``meta`` very hidden and protected, the second sheet shown,
    the structure locked, the properties dated 1 January ``year`` (no clock in the file)."""
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 1
    wb.security = WorkbookProtection(lockStructure=True)
    stamp = datetime(year, 1, 1)
    wb.properties.creator = "mvkplan"
    wb.properties.title = storable(title)  # a control character in a plan title would break the XML
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
