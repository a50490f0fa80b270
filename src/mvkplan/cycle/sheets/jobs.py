"""The two commands' work, below the CLI: a plan out as a workbook or CSV, a file back into its plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from openpyxl.utils.exceptions import IllegalCharacterError

from mvkplan.checks.references import check_index
from mvkplan.cycle.sheets.export import csv_text, workbook_bytes
from mvkplan.cycle.sheets.importing import compare
from mvkplan.cycle.sheets.layout import NoTables, PlanTables, plan_tables
from mvkplan.cycle.sheets.reader import read_sheets
from mvkplan.cycle.sheets.splice import EditError, set_top_level
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.load import iter_documents
from mvkplan.loading.shipped import shipped_documents
from mvkplan.loading.validation import load_bytes
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.models import PlanBase


class SheetsUsageError(Exception):
    """A plan that is not there or has nothing to export: a usage error (exit 2)."""


def find_plan(documents: list[LoadedDocument], plan_id: str) -> LoadedDocument:
    """The loaded plan ``plan_id`` (a plan with areas), else :class:`SheetsUsageError`."""
    found = next((d for d in documents if d.id == plan_id and isinstance(d.model, PlanBase)), None)
    if found is None:
        raise SheetsUsageError(t("T302", plan=plan_id))
    return found


def tables_of(plan: PlanBase) -> PlanTables:
    """The plan's tables, or :class:`SheetsUsageError` saying why there are none to export."""
    try:
        return plan_tables(plan)
    except NoTables as exc:
        raise SheetsUsageError(t("T304" if str(exc) == "both" else "T303", plan=plan.id)) from None


def export_plan(document: LoadedDocument, fmt: str) -> tuple[bytes, int]:
    """The plan as an .xlsx workbook or a CSV (UTF-8 with a byte-order mark, as Excel reads it); and its rows."""
    plan = document.model
    assert isinstance(plan, PlanBase)
    tables = tables_of(plan)
    rows = sum(len(table.items) for table in tables.tables)
    if fmt == "csv":
        return csv_text(tables).encode("utf-8-sig"), rows
    try:
        return workbook_bytes(plan, tables), rows
    except IllegalCharacterError as exc:
        raise SheetsUsageError(t("T307", detail=str(exc) or "control character")) from None


@dataclass
class SheetImport:
    """What importing a file would do: the plan's path and new text (``None``: unchanged), counts, problems."""

    path: str
    plan: str
    text: str | None = None
    cells: int = 0
    items: int = 0
    problems: list[Problem] = field(default_factory=list)


def import_file(root: Path, documents: list[LoadedDocument], path: Path, shown: str,
                plan_id: str | None, new_id: str | None = None) -> SheetImport:
    """Read ``path`` and prepare its plan's new text, validated as ``validate`` would; all or nothing.

    With ``new_id`` the result is a new plan of that id beside the one the file was exported
    from (the next plan drafted from the current one), which stays as it is.
    """
    sheets = read_sheets(path, shown)
    wanted = plan_id or sheets.plan or (path.stem if sheets.csv else None)
    if sheets.problems or wanted is None:
        if wanted is None and not sheets.problems:
            sheets.problem("T101", detail="plan")
        return SheetImport("", wanted or "", problems=sheets.problems)
    if plan_id and sheets.plan and sheets.plan != plan_id:
        sheets.problem("T305", found=sheets.plan, plan=plan_id)
        return SheetImport("", plan_id, problems=sheets.problems)
    document = find_plan(documents, wanted)
    data = (root / document.path).read_bytes()
    current, found = load_bytes(data, document.path)
    if current is None or not isinstance(current.model, PlanBase):
        return SheetImport(document.path, wanted, problems=found)
    text = data.decode("utf-8")
    planned = compare(sheets, tables_of(current.model), text)
    target, new_text = document.path, planned.text
    if new_id is not None:
        target = _new_plan_path(root, documents, document.path, new_id)
        try:
            new_text = set_top_level(planned.text or text, "id", new_id)
        except EditError as exc:
            sheets.problem("T301", detail=str(exc))
    result = SheetImport(target, new_id or wanted, new_text, planned.changed_cells, len(planned.edits),
                         sheets.problems)
    if result.text is not None and not result.problems:
        result.problems = check_plan(documents, target, result.text)
    return result


def _new_plan_path(root: Path, documents: list[LoadedDocument], source: str, new_id: str) -> str:
    """``<folder of the source plan>/<new_id>.yaml``; a usage error when that id or file exists."""
    target = (PurePosixPath(source).parent / f"{new_id}.yaml").as_posix()
    if any(d.id == new_id for d in documents) or (root / target).exists() or "/" in new_id:
        raise SheetsUsageError(t("T309", plan=new_id, path=target))
    return target


def check_plan(documents: list[LoadedDocument], path: str, text: str) -> list[Problem]:
    """The errors ``validate`` would report in the plan's new text (schema, ids, references)."""
    loaded, found = load_bytes(text.encode("utf-8"), path)
    problems = [p for p in found if p.severity >= Severity.ERROR]
    if loaded is None or problems:
        return [_refused(p) for p in problems]
    kept = [d for d in documents if d.path != path]
    index = LinkIndex.build(iter_documents(shipped_documents(), kept, [loaded]))
    return [_refused(p) for p in check_index(index) if p.path == path and p.severity >= Severity.ERROR]


def _refused(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.column, "T308",
                   t("T308", code=problem.code, message=problem.message), hint=problem.hint)
