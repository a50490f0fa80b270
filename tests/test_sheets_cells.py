"""Any text written into a cell comes into the YAML and back out of it exactly (property tests).

The library's own path, for speed: the exported workbook (or CSV) gets one cell changed the
way a spreadsheet program stores what was typed, is read back with the safety checks, turned
into edits, spliced into the real plan's text and loaded by mvkplan's own loader; the cell the
new plan exports must show exactly the text typed, and no other field may have changed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS
from mvkplan.cycle.sheets.cells import escaped
from mvkplan.cycle.sheets.export import csv_text, workbook_bytes
from mvkplan.cycle.sheets.importing import compare
from mvkplan.cycle.sheets.layout import plan_tables
from mvkplan.cycle.sheets.reader import read_sheets
from mvkplan.cycle.sheets.splice import apply_edits
from mvkplan.loading.validation import load_bytes

PLAN = PLANS / "examples" / "exempelkommun-2025.yaml"
TEXT = PLAN.read_text(encoding="utf-8")
# What a cell may hold: anything but the control characters the survey refuses too (C0 but
# tab and newline, DEL, C1, the bidi embeddings and isolates) and surrogates; a lone CR is refused.
_REFUSED = "".join(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters=_REFUSED)
TEXTS = st.text(CHARS, min_size=1, max_size=40) | st.sampled_from(
    ["_x0041_", "_x005F_x0041_", "=1+1", "@SUM(A1)", " lead and trail ", "- a\n- b", "a: b # c", "'\"",
     "yes", "0x10", "~", "[x]", "{a: b}", "1e3", "\t\n", "\u2028", "\ufeff", "ja\n\nnej", "#"])
LINE = st.text(CHARS.filter(lambda c: c != "\n"), min_size=1, max_size=20)


def _plan(text: str):
    loaded, problems = load_bytes(text.encode("utf-8"), "plans/examples/exempelkommun-2025.yaml")
    assert loaded is not None, problems
    return loaded.model


def _round_trip(tmp: Path, fmt: str, row: int, heading: str, typed: str) -> tuple[object, object]:
    """Type ``typed`` into the cell under ``heading`` of item ``row``; the plan before and after."""
    before = _plan(TEXT)
    tables = plan_tables(before)
    column = [c.heading for c in tables.columns].index(heading)
    items = [(t, i) for t in tables.tables for i in t.items]
    table, item = items[row % len(items)]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        path = tmp / "plan.xlsx"
        path.write_bytes(workbook_bytes(before, tables))
        wb = load_workbook(path)
        ws = wb[table.sheet]
        number = 2 + table.items.index(item)
        ws.cell(number, column + 1).value = escaped(typed)  # what Excel stores for the text typed
        ws.cell(number, column + 1).data_type = "s"
        wb.save(path)
    else:
        path = tmp / "exempelkommun-2025.csv"
        rows = list(csv.reader(io.StringIO(csv_text(tables), newline="")))
        number = [r[1] for r in rows].index(item.id)
        rows[number][column + 1] = typed
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_bytes(out.getvalue().encode("utf-8-sig"))
    sheets = read_sheets(path, path.name)
    planned = compare(sheets, tables, TEXT)
    assert not sheets.problems, sheets.problems
    assert planned.text is not None and len(planned.edits) == 1
    after = _plan(planned.text)
    assert _exported_cell(tmp, fmt, after, item.id, column) == typed
    return _item(before, item.id), _item(after, item.id)


def _exported_cell(tmp: Path, fmt: str, plan, item_id: str, column: int) -> str:
    """The cell as the new plan's export shows it, read back by the importer's reader."""
    tables = plan_tables(plan)
    path = tmp / f"again.{fmt}"
    path.write_bytes(workbook_bytes(plan, tables) if fmt == "xlsx" else csv_text(tables).encode("utf-8-sig"))
    sheets = read_sheets(path, path.name)
    offset = 1 if fmt == "csv" else 0
    row = next(r for r in sheets.rows if r.cells[offset] == item_id)
    cells = row.cells + [""] * (column + offset + 1)
    return cells[column + offset]


def _item(plan, item_id: str):
    return next(g for area in plan.areas for g in area.goals if g.id == item_id)


def _others_unchanged(before, after, *changed: str) -> None:
    keep = set(type(before).model_fields) - set(changed)
    assert before.model_dump(include=keep) == after.model_dump(include=keep)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(fmt=st.sampled_from(["xlsx", "csv"]), row=st.integers(0, 20),
       heading=st.sampled_from(["Lokalt mål", "note", "description", "examples_lead", "Uppföljning"]), typed=TEXTS)
def test_any_text_in_a_text_cell_round_trips(tmp_path, fmt, row, heading, typed):
    field = {"Lokalt mål": "title", "Uppföljning": "indicators_written"}.get(heading, heading)
    before, after = _round_trip(tmp_path, fmt, row, heading, typed)
    assert getattr(after, field) == typed
    _others_unchanged(before, after, field)


@SETTINGS
@given(fmt=st.sampled_from(["xlsx", "csv"]), row=st.integers(0, 20),
       lines=st.lists(LINE, min_size=1, max_size=4))
def test_any_lines_in_the_examples_cell_become_the_examples(tmp_path, fmt, row, lines):
    before, after = _round_trip(tmp_path, fmt, row, "Aktiviteter", "\n".join(lines))
    assert after.examples == lines
    _others_unchanged(before, after, "examples")


def test_an_unchanged_plan_gives_no_edit():
    plan = _plan(TEXT)
    assert apply_edits(TEXT, []) == TEXT
    assert plan_tables(plan).tables
