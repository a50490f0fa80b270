"""Returned workbooks → answers checked against the plan → new follow-up texts (not yet written).

Every workbook is read and checked before anything is decided: an unknown plan or
respondent, a year outside the plan, a respondent answering twice, a cell that does not
fit its question and an answer that differs from the recorded one are all located
problems, and any error means no follow-up is written at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.cycle.recording.plans import SurveyPlan, survey_plan
from mvkplan.cycle.recording.questions import Question
from mvkplan.cycle.recording.record import (
    Batch,
    NewRespondent,
    NewStatus,
    NewValue,
    Place,
    Prepared,
    follow_up_path,
    prepare_all,
)
from mvkplan.cycle.survey import layout as L
from mvkplan.cycle.survey.cells import CellProblem, read_answer, read_comment
from mvkplan.cycle.survey.reader import RawWorkbook, read_workbook
from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.models.value_text import SURVEY_SOURCE, value_text
from mvkplan.project.paths import display_path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


@dataclass
class WorkbookImport:
    """What an import of returned workbooks found and would write (the survey's, the consultation's)."""

    workbooks: int = 0
    problems: list[Problem] = field(default_factory=list)
    prepared: list[Prepared] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any error was found: then nothing may be written."""
        return any(p.severity >= Severity.ERROR for p in self.problems)


@dataclass
class SurveyImport(WorkbookImport):
    """What a survey import found and would write, and how many answers."""

    answers: int = 0


def workbook_files(paths: list[Path]) -> list[Path]:
    """The files named and the workbooks in the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.iterdir())
                         if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return found


def import_survey(index: LinkIndex, root: Path, files: list[Path], *, plan: str | None = None,
                  year: int | None = None, overwrite: bool = False) -> SurveyImport:
    """Read ``files`` and prepare the follow-ups they change."""
    result = SurveyImport(workbooks=len(files))
    batches: dict[tuple[str, int], tuple[SurveyPlan, Batch]] = {}
    answered: dict[tuple[str, int, str], str] = {}
    for path in files:
        raw = read_workbook(path, display_path(path, root))
        result.problems.extend(raw.problems)
        if raw.problems and any(p.severity >= Severity.ERROR for p in raw.problems) and raw.plan is None:
            continue
        survey = _survey_for(index, raw, plan, year, result, batches)
        if survey is None:
            continue
        assert raw.year is not None and raw.respondent is not None
        slot = (survey.plan.id, raw.year, raw.respondent)
        if slot in answered:
            _file_problem(result, raw.path, "S304", respondent=raw.respondent, other=answered[slot])
            continue
        answered[slot] = raw.path
        _answers(raw, survey, batches[(survey.plan.id, raw.year)][1], result)
    # conflicts are reported even when cells were refused
    prepared, problems = prepare_all((batch for _, batch in batches.values()), root,
                                     overwrite=overwrite, conflict="S306", replaced="S307")
    result.prepared.extend(prepared)
    result.problems.extend(problems)
    return result


def _file_problem(result: SurveyImport, path: str, key: str, **values: object) -> None:
    """A problem of the whole workbook; ``key`` is the code, or 'CODE.variant' for another wording."""
    code = key.split(".")[0]
    hint = t(code + ".hint") if has(code + ".hint") else None
    result.problems.append(Problem(path, 0, 0, code, t(key, **values), hint=hint))


def _survey_for(index: LinkIndex, raw: RawWorkbook, plan: str | None, year: int | None,
                result: SurveyImport, batches: dict[tuple[str, int], tuple[SurveyPlan, Batch]]) -> SurveyPlan | None:
    if raw.plan is None or raw.year is None or raw.respondent is None:
        return None
    if plan is not None and raw.plan != plan:
        _file_problem(result, raw.path, "S308", plan=raw.plan, expected=plan)
        return None
    if year is not None and raw.year != year:
        _file_problem(result, raw.path, "S302", year=raw.year, expected=year)
        return None
    key = (raw.plan, raw.year)
    if key not in batches:
        survey = survey_plan(index, raw.plan, raw.year)
        if survey is None:
            _file_problem(result, raw.path, "S301", plan=raw.plan)
            return None
        period = survey.model.period
        if period and ((period.start and raw.year < period.start) or (period.end and raw.year > period.end)):
            _file_problem(result, raw.path, "S302.period", year=raw.year,
                          period=f"{period.start or ''}–{period.end or ''}")
            return None
        follow_up = survey.follow_up
        path = follow_up.path if follow_up else follow_up_path(survey.plan, raw.year, index.documents.values())
        batches[key] = (survey, Batch(survey.plan, raw.year, follow_up, path))
    survey = batches[key][0]
    if raw.respondent not in survey.respondents:
        _file_problem(result, raw.path, "S303", respondent=raw.respondent)
        return None
    return survey


def _answers(raw: RawWorkbook, survey: SurveyPlan, batch: Batch, result: SurveyImport) -> None:
    assert raw.respondent is not None
    respondent = survey.respondents[raw.respondent]
    questions = {q.row_id: q for q in survey.questions(respondent)}
    source = SURVEY_SOURCE.format(year=raw.year)
    answered = False
    for row in raw.rows:
        place = f"{L.SURVEY_SHEET}!{L.COL_ANSWER}{row.row}"
        at = Place(raw.path, row.row, 7, place)
        question = questions.get(row.row_id)
        if question is None:
            if row.value is not None or row.comment is not None:
                result.problems.append(Problem(raw.path, row.row, 7, "S305", t("S305", key=row.row_id.split("#")[0]),
                                               hint=t("S305.hint"), place=place))
            continue
        value = read_answer(row.value, row.number_format, question)
        comment = read_comment(row.comment)
        for found, column in ((value, L.COL_ANSWER), (comment, L.COL_COMMENT)):
            if isinstance(found, CellProblem):
                hint = t(found.code + ".hint") if has(found.code + ".hint") else None
                result.problems.append(Problem(raw.path, row.row, 7, found.code, t(found.code, **found.values),
                                               hint=hint, place=f"{L.SURVEY_SHEET}!{column}{row.row}"))
        if isinstance(value, CellProblem) or isinstance(comment, CellProblem) or value is None:
            continue
        answered = True
        result.answers += 1
        _record(question, value, comment, respondent.key, source, at, survey, batch)
    if answered:
        batch.respondents.append(NewRespondent(respondent.field, respondent.key, respondent.name, respondent.type))


def _record(question: Question, value: object, comment: str | None, respondent: str, source: str, at: Place,
            survey: SurveyPlan, batch: Batch) -> None:
    assert isinstance(value, (str, int, float, bool))
    if question.key.startswith("activity:"):
        batch.statuses.append(NewStatus(question.key.split(":", 1)[1], str(value), comment, at))
        return
    ref = survey.indicators[question.key]
    who = respondent if survey.reported_by(ref) else None
    batch.values.append(NewValue(question.key, who, question.sex, value_text(value), comment, source,
                                 question.value_type, at))
    added = survey.added_indicator(question.key)
    if added is not None and added not in batch.indicators:
        batch.indicators.append(added)
