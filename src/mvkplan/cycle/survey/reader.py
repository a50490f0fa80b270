"""A returned workbook → its metadata and the raw answer cells, or located problems.

The file is first inspected by :mod:`mvkplan.cycle.survey.safety`; only then does openpyxl open
it, read-only. Formulas are never evaluated: a formula in an answer cell is read again
for the result the spreadsheet program saved, and refused when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from mvkplan.cycle.survey import layout as L
from mvkplan.cycle.survey.controls import clean_text
from mvkplan.cycle.survey.safety import inspect
from mvkplan.cycle.survey.signing import SignedQuestion, SurveyKeyError, import_key, matches
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem, Severity

MAX_QUESTIONS = 5000


@dataclass(frozen=True)
class RawRow:
    """One question row as the respondent left it."""

    row: int
    row_id: str
    value_type: str
    value: object
    number_format: str | None
    comment: object


@dataclass
class RawWorkbook:
    """What a workbook says: plan, year, respondent and its rows; or the problems reading it."""

    path: str
    plan: str | None = None
    year: int | None = None
    respondent: str | None = None
    rows: list[RawRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, cell: str | None = None, *, severity: Severity = Severity.ERROR,
                hint: str | None = None, **values: Any) -> None:
        """Record a problem at a cell of the survey sheet (or of the whole file)."""
        base = code.split(".")[0]  # 'CODE.variant' is another wording of CODE
        hint = hint if hint is not None else (t(base + ".hint", **values) if has(base + ".hint") else None)
        if cell is None:
            self.problems.append(Problem(self.path, 0, 0, base, t(code, **values), severity, hint))
            return
        sheet, _, coordinate = cell.rpartition("!")
        letters = coordinate.rstrip("0123456789")
        row = int(coordinate[len(letters):])
        self.problems.append(Problem(self.path, row, column_index_from_string(letters), base,
                                     t(code, **values), severity, hint, place=f"{sheet}!{coordinate}"))


@dataclass(frozen=True)
class WorkbookKind:
    """Which workbooks a read accepts: the sheet the rows are on and the layout version.

    The survey's by default; a consultation's response workbook has the same metadata sheet,
    signature and row columns on a sheet and version of its own, so neither is read as the other.
    """

    sheet: str = L.SURVEY_SHEET
    version: str = L.FORMAT_VERSION


SURVEY = WorkbookKind()


def read_workbook(path: Path, shown: str, kind: WorkbookKind = SURVEY) -> RawWorkbook:
    """Read ``path`` (shown as ``shown`` in messages); problems instead of exceptions."""
    result = RawWorkbook(shown)
    refusal = inspect(path)
    if refusal is not None:
        result.problem(refusal.code, None, **refusal.values)
        return result
    try:
        _read(path, result, kind)
    except Exception as exc:  # noqa: BLE001  (any parser failure of a hostile file is a problem, not a crash)
        result.rows.clear()
        result.problem("S109", detail=str(exc)[:200] or type(exc).__name__)
    return result


def _read(path: Path, result: RawWorkbook, kind: WorkbookKind) -> None:
    wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        names = wb.sheetnames
        missing = [name for name in (kind.sheet, L.META_SHEET) if name not in names]
        if missing:
            result.problem("S106", detail=", ".join(missing))
            return
        table = _metadata(wb[L.META_SHEET], result, kind.version)
        if table is None:
            return
        cells = _survey_cells(wb[kind.sheet], len(table))
    finally:
        wb.close()
    formulas = {coordinate for coordinate, (value, _) in cells.items()
                if isinstance(value, str) and value.startswith("=") and _is_answer(coordinate)}
    cached = _cached_values(path, kind.sheet, formulas) if formulas else {}
    _rows(table, cells, cached, result, kind.sheet)


def _metadata(ws: object, result: RawWorkbook, version: str) -> list[tuple[int, str, str, str]] | None:
    values: dict[str, str] = {}
    table: list[tuple[int, str, str, str]] = []
    for index, row in enumerate(ws.iter_rows(max_col=4, max_row=L.META_TABLE_ROW + MAX_QUESTIONS,  # type: ignore[attr-defined]
                                             values_only=True), start=1):
        cells = [None if v is None else str(v) for v in (*row, None, None, None, None)[:4]]
        if index < L.META_TABLE_ROW:
            if cells[0]:
                values[cells[0]] = cells[1] or ""
        elif cells[0] and cells[1]:
            try:
                table.append((int(cells[0]), cells[1], cells[2] or "", cells[3] or ""))
            except ValueError:
                result.problem("S106", detail=f"{L.META_SHEET}!A{index}")
                return None
    if values.get("format") != version:
        if "format" not in values:
            result.problem("S106", detail=L.META_SHEET)
        else:
            result.problem("S107", found=values.get("format"), expected=version)
        return None
    result.plan = values.get("plan") or None
    result.respondent = values.get("respondent") or None
    try:
        result.year = int(values.get("year", ""))
    except ValueError:
        result.problem("S106", detail=f"{L.META_SHEET}: year")
        return None
    if not result.plan or not result.respondent or str(len(table)) != values.get("questions"):
        result.problem("S106", detail=L.META_SHEET)
        return None
    if not _signed(values.get(L.SIGNATURE_KEY), table, result):
        result.plan = result.respondent = result.year = None  # an unproven identity decides nothing
        return None
    return table


def _signed(found: str | None, table: list[tuple[int, str, str, str]], result: RawWorkbook) -> bool:
    """True when the metadata carries the signature of its plan, year, respondent and questions."""
    assert result.plan is not None and result.year is not None and result.respondent is not None
    cell = f"{L.META_SHEET}!{L.SIGNATURE_CELL}"
    if not found:
        result.problem("S112", cell)
        return False
    try:
        key = import_key()
    except SurveyKeyError as exc:  # this machine's key, not the workbook, is wrong: no cell to point at
        result.problem(exc.code, None, **exc.values)
        return False
    questions = [SignedQuestion(*entry) for entry in table]
    if not matches(key, found, result.plan, result.year, result.respondent, questions):
        result.problem("S111", cell)
        return False
    return True


_COLUMNS = (L.COL_NUMBER, L.COL_QUESTION, L.COL_ANSWER, L.COL_COMMENT)


def _survey_cells(ws: object, questions: int) -> dict[str, tuple[object, str | None]]:
    """Value and number format of the cells the import reads, by coordinate."""
    wanted = {column_index_from_string(c) for c in _COLUMNS}
    last = column_index_from_string(max(_COLUMNS))
    cells: dict[str, tuple[object, str | None]] = {}
    for row in ws.iter_rows(min_row=L.FIRST_ROW, max_row=L.FIRST_ROW + questions + 200,  # type: ignore[attr-defined]
                            max_col=last):
        for cell in row:
            column = getattr(cell, "column", None)
            if column in wanted and cell.value is not None:
                cells[cell.coordinate] = (cell.value, getattr(cell, "number_format", None))
    return cells


def _is_answer(coordinate: str) -> bool:
    return coordinate.rstrip("0123456789") in (L.COL_ANSWER, L.COL_COMMENT)


def _cached_values(path: Path, sheet: str, coordinates: set[str]) -> dict[str, object]:
    """The results the spreadsheet program saved for formula cells (never computed here)."""
    wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        ws = wb[sheet]
        return {c: ws[c].value for c in coordinates}
    finally:
        wb.close()


def _rows(table: list[tuple[int, str, str, str]], cells: dict[str, tuple[object, str | None]],
          cached: dict[str, object], result: RawWorkbook, sheet: str) -> None:
    expected_rows = set()
    for number, (row, row_id, value_type, text) in enumerate(table, start=1):
        expected_rows.add(row)
        found_number = _text(cells.get(f"{L.COL_NUMBER}{row}"))
        found_text = _text(cells.get(f"{L.COL_QUESTION}{row}"))
        text = text.strip()
        if found_number != str(number) or found_text != text:
            where, expected, found = (
                (L.COL_NUMBER, str(number), found_number) if found_number != str(number)
                else (L.COL_QUESTION, text, found_text))
            result.problem("S209", f"{sheet}!{where}{row}", expected=_short(expected), found=_short(found))
            continue
        value, number_format = _answer(f"{sheet}!{L.COL_ANSWER}{row}", cells, cached, result)
        comment, _ = _answer(f"{sheet}!{L.COL_COMMENT}{row}", cells, cached, result)
        result.rows.append(RawRow(row, row_id, value_type, value, number_format, comment))
    for coordinate in cells:
        letters = coordinate.rstrip("0123456789")
        row = int(coordinate[len(letters):])
        if letters in (L.COL_ANSWER, L.COL_COMMENT) and row not in expected_rows:
            result.problem("S211", f"{sheet}!{coordinate}")


def _answer(place: str, cells: dict[str, tuple[object, str | None]], cached: dict[str, object],
            result: RawWorkbook) -> tuple[object, str | None]:
    coordinate = place.rpartition("!")[2]
    value, number_format = cells.get(coordinate, (None, None))
    formula = coordinate in cached
    if formula:
        saved = cached[coordinate]
        if saved is None:
            result.problem("S207", place, formula=_short(str(value)))
            return None, None
        value = saved
    if isinstance(value, str):
        value, control = clean_text(value)
        if control is not None:
            # refused here, at the cell the respondent can fix, not later in the YAML it would have made
            result.problem("S212", place, found=control)
            return None, None
    if formula:
        result.problem("S208", place, severity=Severity.WARNING, found=_short(str(value)))
    return value, number_format


def _text(entry: tuple[object, str | None] | None) -> str:
    if entry is None or entry[0] is None:
        return ""
    return str(entry[0]).strip()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
