"""Write one response workbook: instructions, one row per part of the draft, signed hidden metadata.

The survey's protections: only the point and proposal cells are unlocked, every sheet is
protected and the workbook's structure locked, the identity (consultation, body, rows) is
signed with the key of :mod:`mvkplan.cycle.survey.signing`, and every text is stored as text,
never as a formula, whatever it starts with.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mvkplan import __version__
from mvkplan.cycle.consultation import layout as L
from mvkplan.cycle.consultation.rows import CommentRow
from mvkplan.cycle.survey import sheetwrite
from mvkplan.cycle.survey.sheetwrite import storable
from mvkplan.cycle.survey.sheetwrite import text as _text
from mvkplan.cycle.survey.signing import SignedQuestion, signature

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
    wb, first = sheetwrite.new_workbook(L.INSTRUCTIONS_SHEET)
    _instructions(first, spec)
    sheet = wb.create_sheet(L.SHEET)
    meta = wb.create_sheet(L.META_SHEET)
    _rows(sheet, spec)
    _meta(meta, spec, signing_key)
    return sheetwrite.finished(wb, meta, f"Remissvar: {storable(spec.plan_title)}", spec.year)


def _instructions(ws: Worksheet, spec: ResponseSpec) -> None:
    sheetwrite.instructions(ws, "Remissvar", spec.plan_title,
                            [f"Remissinstans: {spec.body_name}", f"Sista svarsdag: {spec.deadline}"], L.INSTRUCTIONS)


def _rows(ws: Worksheet, spec: ResponseSpec) -> None:
    sheetwrite.headers(ws, L.HEADERS, L.HEADER_ROW, L.WIDTHS)
    for column in L.HIDDEN:
        ws.column_dimensions[column].hidden = True
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
        for cell in sheetwrite.row_cells(ws, L.HEADERS, number, (L.COL_POINT, L.COL_PROPOSAL)):
            limit.add(cell.coordinate)
    sheetwrite.protect_table(ws)


def _meta(ws: Worksheet, spec: ResponseSpec, signing_key: bytes) -> None:
    signed = signed_rows(spec)
    identity = (
        ("format", L.FORMAT_VERSION),
        ("plan", spec.consultation),
        ("year", str(spec.year)),
        ("respondent", spec.body),
        ("questions", str(len(spec.rows))),
        ("generator", f"mvkplan {__version__}; plan revision {spec.revision}"),
        ("signature", signature(signing_key, storable(spec.consultation), spec.year, storable(spec.body), signed)),
    )
    sheetwrite.metadata(ws, identity, signed)
