"""A read sheet file against its plan: each changed cell becomes a field edit, every other cell is checked.

A cell is compared with what the export writes for the plan as it stands; only a cell that
differs is written back, so an unchanged workbook changes no byte and an edited cell changes
exactly its field. A row with an id the area does not have is a new goal (or activity),
appended to the area's list. The printed cells are written as follows:

- the examples cell sets ``examples_written`` where the goal has one, else the examples
  (one a line); the ``examples`` column sets the examples in either case;
- the follow-up cell sets ``indicators_written`` (the indicators themselves are not in the sheet);
- an activity's goal-link cell sets ``links_written`` where it has one, else its links;
- the frequency column is derived from the indicators and is not written back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mvkplan.cycle.recording.yamledit import EditError
from mvkplan.cycle.sheets.layout import AREA_HEADING, Column, Item, PlanTables
from mvkplan.cycle.sheets.reader import SheetFile, SheetRow
from mvkplan.cycle.sheets.splice import FieldValue, ItemEdit, apply_edits
from mvkplan.models import Activity, Goal


@dataclass
class ImportPlan:
    """The edits a sheet file makes to its plan, counted, and the plan's new text (``None``: no change)."""

    edits: list[ItemEdit] = field(default_factory=list)
    changed_cells: int = 0
    text: str | None = None


def compare(sheets: SheetFile, tables: PlanTables, yaml_text: str) -> ImportPlan:
    """The edits ``sheets`` makes to the plan with ``tables``; problems go to ``sheets.problems``."""
    result = ImportPlan()
    if sheets.kind is not None and sheets.kind != tables.kind:
        sheets.problem("T105", found=sheets.kind, expected=tables.kind)
        return result
    columns = tables.columns
    by_sheet = {t.sheet: t for t in tables.tables}
    by_area = {t.area.id: t for t in tables.tables}
    offset = 1 if sheets.csv else 0
    for name, headings in sheets.headings.items():
        expected = [AREA_HEADING] * offset + [c.heading for c in columns]
        for column, (found, wanted) in enumerate(zip(headings + [""] * len(expected), expected, strict=False), 1):
            if found != wanted:
                sheets.problem("T106", (name, 1, column), expected=wanted, found=found)
        for column in range(len(expected) + 1, len(headings) + 1):
            sheets.problem("T106", (name, 1, column), expected="", found=headings[column - 1])
    seen: dict[tuple[str, str], int] = {}
    for row in sheets.rows:
        area_id = row.cells[0] if sheets.csv else sheets.areas.get(row.sheet, "")
        table = by_area.get(area_id) if sheets.csv else by_sheet.get(row.sheet)
        if table is None or (not sheets.csv and table.area.id != area_id):
            sheets.problem("T102", (row.sheet, row.row, 1), sheet=area_id or row.sheet)
            continue
        cells = row.cells[offset:] + [""] * (len(columns) - len(row.cells) + offset)
        for column in range(offset + len(columns), len(row.cells)):
            if row.cells[column]:
                sheets.problem("T207", (row.sheet, row.row, column + 1))
        item_id = cells[0]
        if (table.area.id, item_id) in seen:
            sheets.problem("T203", (row.sheet, row.row, offset + 1), id=item_id, first=seen[(table.area.id, item_id)])
            continue
        seen[(table.area.id, item_id)] = row.row
        index = next((i for i, item in enumerate(table.items) if item.id == item_id), None)
        if index is None:
            new = _new_fields(sheets, row, offset, columns, cells)
            if new:
                result.changed_cells += len(new)
                result.edits.append(ItemEdit(table.area_index, tables.kind, None, new))
            continue
        fields = _fields(sheets, row, offset, columns, cells, table.items[index])
        if fields:
            result.changed_cells += len(fields)
            result.edits.append(ItemEdit(table.area_index, tables.kind, index, fields))
    for table in tables.tables:
        for item in table.items:
            if (table.area.id, item.id) not in seen and not _empty_sheet(sheets, table.sheet):
                sheets.problem("T204", id=item.id, area=table.area.id)
    if sheets.problems or not result.edits:
        return result
    try:
        result.text = apply_edits(yaml_text, result.edits)
    except EditError as exc:
        sheets.problem("T301", detail=str(exc))
    return result


def _empty_sheet(sheets: SheetFile, sheet: str) -> bool:
    """Whether the file lacks the sheet altogether (reported once, as the rows it would hold)."""
    return not sheets.csv and sheet not in sheets.headings


def _fields(sheets: SheetFile, row: SheetRow, offset: int, columns: list[Column], cells: list[str],
            item: Item) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue] = {}
    for number, (column, text) in enumerate(zip(columns, cells, strict=False), start=offset + 1):
        if text == column.show(item):
            continue
        where = (row.sheet, row.row, number)
        name, value = _written(column, text, item)
        if name is None:
            sheets.problem("T205", where, heading=column.heading)
            continue
        if value == _current(item, name):  # e.g. the items typed beside a printed column that lists them
            continue
        if name in fields and fields[name] != value:
            sheets.problem("T206", where, heading=column.heading, field=name)
            continue
        fields[name] = value
    return fields


def _new_fields(sheets: SheetFile, row: SheetRow, offset: int, columns: list[Column],
                cells: list[str]) -> dict[str, FieldValue]:
    """A row with an id the area does not have: a new item, its fields from the cells filled in."""
    where = (row.sheet, row.row, offset + 1)
    if not cells[0] or any(c.isspace() or c == "/" for c in cells[0]):
        sheets.problem("T202", where, id=cells[0])
        return {}
    fields: dict[str, FieldValue] = {"id": cells[0]}
    for number, (column, text) in enumerate(zip(columns[1:], cells[1:], strict=False), start=offset + 2):
        if not text:
            continue
        name, value = _written(column, text, None)
        if name is None:
            sheets.problem("T205", (row.sheet, row.row, number), heading=column.heading)
        elif name in fields and fields[name] != value:
            sheets.problem("T206", (row.sheet, row.row, number), heading=column.heading, field=name)
        else:
            fields[name] = value
    return fields


def _current(item: object, name: str) -> FieldValue:
    value = getattr(item, name, None)
    return (list(value) or []) if isinstance(value, list) else value


def _written(column: Column, text: str, item: Item | None) -> tuple[str | None, FieldValue]:
    """The field a changed cell writes, and its new value (``None`` as name: not written back)."""
    lines = text.split("\n") if text else []
    if column.edit == "text":
        return column.field, text or None
    if column.edit == "lines":
        return column.field, lines
    if column.edit == "examples":
        written = isinstance(item, Goal) and item.examples_written is not None
        return ("examples_written", text) if written else ("examples", lines)
    if column.edit == "indicators":
        return "indicators_written", text or None
    if column.edit == "links":
        written = isinstance(item, Activity) and item.links_written is not None
        return ("links_written", text) if written else ("links", lines)
    return None, None
