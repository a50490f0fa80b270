"""Write a plan's tables as a workbook (a sheet per area, a hidden sheet naming plan and areas) or CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mvkplan.cycle.sheets.cells import escaped
from mvkplan.cycle.sheets.layout import AREA_HEADING, FORMAT, META_SHEET, PlanTables
from mvkplan.models import PlanBase

_STAMP = datetime(2000, 1, 1)  # no date of export in the properties (openpyxl stamps the time saved)
_WIDTHS = {"Id": 22}


def workbook_bytes(plan: PlanBase, tables: PlanTables) -> bytes:
    """The workbook: one sheet per area with the headings in row 1 and an item a row."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for table in tables.tables:
        ws = wb.create_sheet(table.sheet)
        for column, spec in enumerate(tables.columns, start=1):
            _text(ws.cell(1, column), spec.heading).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(spec.heading, 40)
            for row, item in enumerate(table.items, start=2):
                _text(ws.cell(row, column), spec.show(item)).alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "B2"
    meta = wb.create_sheet(META_SHEET)
    rows = [("format", FORMAT), ("plan", plan.id), ("table", tables.kind)]
    rows += [(table.sheet, table.area.id) for table in tables.tables]
    for row, (key, value) in enumerate(rows, start=1):
        _text(meta.cell(row, 1), key)
        _text(meta.cell(row, 2), value)
    meta.sheet_state = "hidden"
    wb.properties.creator = "mvkplan"
    wb.properties.title = plan.title
    wb.properties.created = wb.properties.modified = _STAMP
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text(cell: Any, value: str) -> Any:
    """Store ``value`` as text, never as a formula, whatever it starts with."""
    cell.value = escaped(value)
    cell.data_type = "s"
    return cell


def csv_text(tables: PlanTables) -> str:
    """One CSV for the whole plan: the area's id in the first column, then the sheet's columns."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([AREA_HEADING, *(c.heading for c in tables.columns)])
    for table in tables.tables:
        for item in table.items:
            writer.writerow([table.area.id, *(c.show(item) for c in tables.columns)])
    return out.getvalue()
