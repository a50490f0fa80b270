"""Returned response workbooks → the points they make → the consultation's new text (not yet written).

Every workbook is read by the survey's reader (hostile files refused before openpyxl opens
them, the signed identity checked, every problem located at its cell) and checked against
the consultation before anything is decided: an unknown consultation or body, a body
answering twice or again, a row no longer in the draft, a point too long or not text are all
located problems, and any error means the consultation is not written at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from mvkplan.cycle.consultation import layout as L
from mvkplan.cycle.consultation.rows import comment_rows
from mvkplan.cycle.recording.record import Prepared
from mvkplan.cycle.recording.yamledit import EditError, Update, edit_lists
from mvkplan.cycle.survey.importing import WorkbookImport
from mvkplan.cycle.survey.reader import RawRow, RawWorkbook, read_workbook
from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem
from mvkplan.models import Consultation, PlanBase
from mvkplan.project.paths import display_path


@dataclass(frozen=True)
class NewPoint:
    """One point read from a workbook, with the cell it came from."""

    body: str
    concerns: str | None
    text: str
    proposal: str | None


@dataclass
class ConsultationImport(WorkbookImport):
    """What a consultation import found and would write, and how many points."""

    points: int = 0


@dataclass
class _Round:
    """The points gathered for one consultation, and who replied."""

    path: str
    replied: list[str] = field(default_factory=list)
    points: list[NewPoint] = field(default_factory=list)


def import_responses(index: LinkIndex, root: Path, files: list[Path], *, received: date,
                     consultation: str | None = None) -> ConsultationImport:
    """Read ``files`` and prepare the consultation texts they change, dated ``received``."""
    result = ConsultationImport(workbooks=len(files))
    rounds: dict[str, _Round] = {}
    answered: dict[tuple[str, str], str] = {}
    for path in files:
        raw = read_workbook(path, display_path(path, root), L.KIND)
        result.problems.extend(raw.problems)
        if raw.plan is None or raw.respondent is None:
            continue
        model = _consultation_for(index, raw, consultation, result)
        if model is None:
            continue
        slot = (model.id, raw.respondent)
        if slot in answered:
            _file_problem(result, raw.path, "C304", body=raw.respondent, other=answered[slot])
            continue
        answered[slot] = raw.path
        loaded = index.documents[model.id]
        found = rounds.setdefault(model.id, _Round(loaded.path))
        points = _points(raw, model, index, result)
        if points:  # an untouched workbook (the export folder read whole) is no reply
            found.replied.append(raw.respondent)
            found.points.extend(points)
    result.points = sum(len(r.points) for r in rounds.values())
    if not result.failed:
        for consultation_id, found in rounds.items():
            result.prepared.append(_prepare(root, consultation_id, found, received))
            result.problems.extend(result.prepared[-1].problems)
    return result


def _file_problem(result: ConsultationImport, path: str, code: str, **values: object) -> None:
    hint = t(code + ".hint", **values) if has(code + ".hint") else None
    result.problems.append(Problem(path, 0, 0, code, t(code, **values), hint=hint))


def _consultation_for(index: LinkIndex, raw: RawWorkbook, only: str | None,
                      result: ConsultationImport) -> Consultation | None:
    """The consultation the workbook answers, when it is known and the body is one of its bodies."""
    assert raw.plan is not None and raw.respondent is not None
    loaded = index.documents.get(raw.plan)
    if loaded is None or not isinstance(loaded.model, Consultation):
        _file_problem(result, raw.path, "C301", id=raw.plan)
        return None
    model = loaded.model
    if only is not None and model.id != only:
        _file_problem(result, raw.path, "C308", id=model.id, wanted=only)
        return None
    if raw.year != int(model.deadline[:4]):
        _file_problem(result, raw.path, "C302", id=model.id, found=raw.year, deadline=model.deadline)
        return None
    if raw.respondent not in {body.id for body in model.bodies}:
        _file_problem(result, raw.path, "C303", body=raw.respondent, id=model.id)
        return None
    if any(r.body == raw.respondent for r in model.responses):
        _file_problem(result, raw.path, "C306", body=raw.respondent, id=model.id, file=loaded.path)
        return None
    return model


def _points(raw: RawWorkbook, model: Consultation, index: LinkIndex,
            result: ConsultationImport) -> list[NewPoint]:
    """The non-empty rows of one workbook as points; problems at the cells that cannot be taken."""
    plan = index.documents[model.plan].model
    current = {row.row_id for row in comment_rows(plan)} if isinstance(plan, PlanBase) else set()
    points: list[NewPoint] = []
    for row in raw.rows:
        text = _cell_text(raw, row.row, L.COL_POINT, row.value)
        proposal = _cell_text(raw, row.row, L.COL_PROPOSAL, row.comment)
        if text is None and proposal is None:
            continue
        if text is None:
            place = f"{L.SHEET}!{L.COL_POINT}{row.row}"
            if not any(p.place == place for p in raw.problems):  # a refused point is reported once
                raw.problem("C202", place)
            continue
        concerns = None if row.row_id == L.WHOLE_PLAN else row.row_id
        if concerns is not None and concerns not in current:
            raw.problem("C305", f"{L.SHEET}!{L.COL_TEXT}{row.row}", item=concerns, plan=model.plan)
            continue
        points.append(NewPoint(raw.respondent or "", concerns, text, proposal))
    result.problems.extend(p for p in raw.problems if p not in result.problems)
    return points


def _cell_text(raw: RawWorkbook, row: int, column: str, value: object) -> str | None:
    """The cell's text exactly as written, ``None`` when blank; a located problem when it is not text."""
    if value is None:
        return None
    place = f"{L.SHEET}!{column}{row}"
    if isinstance(value, bool) or isinstance(value, (datetime, date)) or not isinstance(value, (str, int, float)):
        raw.problem("C201", place, found=str(value)[:60])
        return None
    text = value if isinstance(value, str) else _number_text(value)
    if not text.strip():
        return None
    if len(text) > L.MAX_TEXT:
        raw.problem("C203", place, length=len(text), limit=L.MAX_TEXT)
        return None
    return text


def _number_text(value: int | float) -> str:
    """A number typed into a text cell, as the body would read it (Swedish decimal comma)."""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return str(value).replace(".", ",")


def _prepare(root: Path, consultation_id: str, found: _Round, received: date) -> Prepared:
    """The consultation's text with the new points appended and each body's reply dated."""
    day = received.isoformat()
    result = Prepared(found.path, None)
    target = root / found.path
    try:
        original = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(Problem(found.path, 0, 0, "C309", t("C309", detail=str(exc))))
        return result
    entries: list[Mapping[str, object]] = [
        {"body": p.body, "date": day, "concerns": p.concerns, "text": p.text, "proposal": p.proposal}
        for p in found.points]
    replies = [Update({"id": body}, {"replied": day}) for body in found.replied]
    try:
        result.text = edit_lists(original, {"bodies": (replies, []), "responses": ([], entries)})
    except EditError as exc:
        result.problems.append(Problem(found.path, 0, 0, "C309", t("C309", detail=str(exc))))
        return result
    result.new = len(entries)
    return result


__all__ = ["ConsultationImport", "NewPoint", "RawRow", "import_responses"]
