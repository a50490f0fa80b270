"""Write one response workbook: instructions, one row per part of the draft, signed hidden metadata.

The survey's protections: only the point and proposal cells are unlocked, every sheet is
protected and the workbook's structure locked, the identity (consultation, body, rows) is
signed with the key of :mod:`mvkplan.cycle.survey.signing`, and every text is stored as text,
never as a formula, whatever it starts with.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mvkplan import __version__
from mvkplan.cycle.consultation import layout as L
from mvkplan.cycle.consultation.rows import CommentRow
from mvkplan.cycle.survey.signing import SignedQuestion, signature

POINT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
VALUE_TYPE = "text"
"""Every row takes free text; signed with each row like a survey question's type."""


@dataclass(frozen=True)
class ResponseSpec:
    """Everything one workbook says: which consultation and body, the draft, the rows."""

    consultation: str
    plan_title: str
    revision: str
    deadline: str
    body: str
    body_name: str
    rows: tuple[CommentRow, ...]

    @property
    def year(self) -> int:
        """The deadline's year: the survey's signature covers a year, here the round's."""
        return int(self.deadline[:4])


def signed_rows(spec: ResponseSpec) -> list[SignedQuestion]:
    """The rows as the signature covers them (sheet row, row id, type, the text commented on)."""
    return [SignedQuestion(L.FIRST_ROW + index, storable(row.row_id), VALUE_TYPE, storable(row.text))
            for index, row in enumerate(spec.rows)]


def workbook_bytes(spec: ResponseSpec, signing_key: bytes) -> bytes:
    """The finished .xlsx file for ``spec``, its identity signed with ``signing_key``."""
    wb = Workbook()
    instructions = wb.active
    assert instructions is not None
    instructions.title = L.INSTRUCTIONS_SHEET
    _instructions(instructions, spec)
    sheet = wb.create_sheet(L.SHEET)
    meta = wb.create_sheet(L.META_SHEET)
    _rows(sheet, spec)
    _meta(meta, spec, signing_key)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 1
    wb.security = WorkbookProtection(lockStructure=True)
    stamp = datetime(spec.year, 1, 1)  # the same bytes on a re-run: no clock in the file
    wb.properties.creator = "mvkplan"
    wb.properties.title = f"Remissvar: {storable(spec.plan_title)}"
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def storable(value: str) -> str:
    """``value`` without the characters an .xlsx cannot hold (what the workbook really says)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _text(cell: object, value: str) -> None:
    cell.value = storable(value)  # type: ignore[attr-defined]
    cell.data_type = "s"  # type: ignore[attr-defined]


def _instructions(ws: Worksheet, spec: ResponseSpec) -> None:
    ws.column_dimensions["A"].width = 110
    _text(ws["A1"], "Remissvar")
    ws["A1"].font = Font(bold=True, size=14)
    _text(ws["A2"], spec.plan_title)
    ws["A2"].font = Font(bold=True)
    _text(ws["A3"], f"Remissinstans: {spec.body_name}")
    _text(ws["A4"], f"Sista svarsdag: {spec.deadline}")
    for offset, line in enumerate(L.INSTRUCTIONS, start=6):
        cell = ws.cell(row=offset, column=1)
        _text(cell, line)
        cell.alignment = Alignment(wrap_text=True)
    ws["A6"].font = Font(bold=True)
    ws.protection.sheet = True


def _rows(ws: Worksheet, spec: ResponseSpec) -> None:
    for column, title in L.HEADERS.items():
        cell = ws[f"{column}{L.HEADER_ROW}"]
        _text(cell, title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        ws.column_dimensions[column].width = L.WIDTHS[column]
    for column in L.HIDDEN:
        ws.column_dimensions[column].hidden = True
    ws.freeze_panes = f"A{L.FIRST_ROW}"
    limit = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(L.MAX_TEXT),
                           allow_blank=True, showErrorMessage=True, errorTitle="För lång text",
                           error=f"En synpunkt får vara högst {L.MAX_TEXT} tecken.", errorStyle="stop")
    ws.add_data_validation(limit)
    for index, row in enumerate(spec.rows):
        number = L.FIRST_ROW + index
        _text(ws[f"{L.COL_NUMBER}{number}"], str(index + 1))
        _text(ws[f"{L.COL_PART}{number}"], row.part)
        _text(ws[f"{L.COL_TYPE}{number}"], L.TYPE_WORDS[row.kind])
        _text(ws[f"{L.COL_TEXT}{number}"], row.text)
        _text(ws[f"{L.COL_REF}{number}"], "" if row.kind == "plan" else row.row_id)
        for column in L.HEADERS:
            ws[f"{column}{number}"].alignment = WRAP
        for column in (L.COL_POINT, L.COL_PROPOSAL):
            cell = ws[f"{column}{number}"]
            cell.protection = Protection(locked=False)
            cell.fill = POINT_FILL
            limit.add(cell.coordinate)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # bodies may widen columns and rows to read long texts
    ws.protection.formatRows = False


def _meta(ws: Worksheet, spec: ResponseSpec, signing_key: bytes) -> None:
    signed = signed_rows(spec)
    rows = (
        ("format", L.FORMAT_VERSION),
        ("plan", spec.consultation),
        ("year", str(spec.year)),
        ("respondent", spec.body),
        ("questions", str(len(spec.rows))),
        ("generator", f"mvkplan {__version__}; plan revision {spec.revision}"),
        ("signature", signature(signing_key, storable(spec.consultation), spec.year, storable(spec.body), signed)),
    )
    for number, (key, value) in enumerate(rows, start=1):
        _text(ws.cell(row=number, column=1), key)
        _text(ws.cell(row=number, column=2), value)
    for index, question in enumerate(signed):
        number = len(rows) + 1 + index
        _text(ws.cell(row=number, column=1), str(question.row))
        _text(ws.cell(row=number, column=2), question.row_id)
        _text(ws.cell(row=number, column=3), question.value_type)
        _text(ws.cell(row=number, column=4), question.text)
