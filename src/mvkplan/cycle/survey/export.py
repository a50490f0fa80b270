"""Write one survey workbook: instructions, one typed row per question, hidden metadata.

The answer and comment cells are the only unlocked cells; the sheets are protected and
the workbook's structure locked, so that a returned file still has the rows, sheets and
metadata the import relies on. Drop-down lists read their choices from a hidden sheet
(robust against commas in a choice), and every validation explains itself in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mvkplan import __version__
from mvkplan.cycle.recording.questions import SEX_LABELS, Question
from mvkplan.cycle.survey import layout as L
from mvkplan.cycle.survey import sheetwrite
from mvkplan.cycle.survey.sheetwrite import storable
from mvkplan.cycle.survey.sheetwrite import text as _text
from mvkplan.cycle.survey.signing import SignedQuestion, signature


@dataclass(frozen=True)
class SurveySpec:
    """Everything one workbook says: which plan, year and respondent, and the questions."""

    plan: str
    plan_title: str
    year: int
    respondent: str
    respondent_name: str
    questions: tuple[Question, ...]


def workbook_bytes(spec: SurveySpec, signing_key: bytes) -> bytes:
    """The finished .xlsx file for ``spec``, its identity signed with ``signing_key``."""
    wb, first = sheetwrite.new_workbook(L.INSTRUCTIONS_SHEET)
    _instructions(first, spec)
    survey = wb.create_sheet(L.SURVEY_SHEET)
    lists = wb.create_sheet(L.LISTS_SHEET)
    meta = wb.create_sheet(L.META_SHEET)
    _survey(survey, lists, spec)
    _meta(meta, spec, signing_key)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    return sheetwrite.finished(wb, meta, f"Årlig uppföljning {spec.year}: {spec.plan_title}", spec.year)


def _instructions(ws: Worksheet, spec: SurveySpec) -> None:
    sheetwrite.instructions(ws, f"Årlig uppföljning {spec.year}", spec.plan_title,
                            [f"Svarande: {spec.respondent_name}"], L.INSTRUCTIONS)


def _survey(ws: Worksheet, lists: Worksheet, spec: SurveySpec) -> None:
    sheetwrite.headers(ws, L.HEADERS, L.HEADER_ROW, L.WIDTHS)
    validations = _Validations(ws, lists)
    for index, question in enumerate(spec.questions):
        row = L.FIRST_ROW + index
        _text(ws[f"{L.COL_NUMBER}{row}"], str(index + 1))
        _text(ws[f"{L.COL_AREA}{row}"], question.area)
        _text(ws[f"{L.COL_GOAL}{row}"], question.goal)
        _text(ws[f"{L.COL_QUESTION}{row}"], question.text)
        _text(ws[f"{L.COL_SEX}{row}"], SEX_LABELS.get(question.sex or "", question.sex or ""))
        label = L.FORMAT_LABELS[question.value_type]
        _text(ws[f"{L.COL_FORMAT}{row}"], f"{label}, {question.unit}" if question.unit else label)
        _previous(ws[f"{L.COL_PREVIOUS}{row}"], question)
        sheetwrite.row_cells(ws, L.HEADERS, row, (L.COL_ANSWER, L.COL_COMMENT))
        answer = ws[f"{L.COL_ANSWER}{row}"]
        answer.number_format = {"count": "0", "percent": "0.0"}.get(question.value_type, "General")
        validations.add(answer.coordinate, question)
        validations.add_comment(f"{L.COL_COMMENT}{row}")
    sheetwrite.protect_table(ws)


def _previous(cell: object, question: Question) -> None:
    value = question.previous
    if value is None:
        return
    if isinstance(value, bool):
        _text(cell, L.YES if value else L.NO)
    elif isinstance(value, (int, float)):
        cell.value = value  # type: ignore[attr-defined]
    elif question.choice_keys and value in question.choice_keys:
        _text(cell, question.choices[question.choice_keys.index(value)])
    else:
        _text(cell, str(value))


class _Validations:
    """One data validation per kind of answer, each list's choices in a column of the lists sheet."""

    def __init__(self, ws: Worksheet, lists: Worksheet) -> None:
        self._ws = ws
        self._lists = lists
        self._by_key: dict[tuple[str, tuple[str, ...]], DataValidation] = {}

    def add(self, coordinate: str, question: Question) -> None:
        kind = question.value_type
        choices: tuple[str, ...] = ()
        if kind == "yes-no":
            choices = (L.YES, L.NO)
        elif kind in ("choice", "status"):
            choices = question.choices
        key = (kind, choices)
        if key not in self._by_key:
            self._by_key[key] = self._new(kind, choices)
        self._by_key[key].add(coordinate)

    def add_comment(self, coordinate: str) -> None:
        key = ("comment", ())
        if key not in self._by_key:
            self._by_key[key] = self._validation(
                "textLength", "lessThanOrEqual", str(L.MAX_TEXT),
                f"En kommentar får vara högst {L.MAX_TEXT} tecken.")
        self._by_key[key].add(coordinate)

    def _new(self, kind: str, choices: tuple[str, ...]) -> DataValidation:
        if choices:
            column = self._list_column(choices)
            return self._validation("list", None, f"{L.LISTS_SHEET}!${column}$1:${column}${len(choices)}",
                                    "Välj ett av svaren i listan.")
        if kind == "percent":
            return self._validation("decimal", "between", "0", "Skriv en siffra mellan 0 och 100.", "100")
        if kind == "count":
            return self._validation("whole", "greaterThanOrEqual", "0", "Skriv ett heltal, 0 eller större.")
        if kind == "number":
            return self._validation("decimal", "between", "-1000000000", "Skriv ett tal.", "1000000000")
        return self._validation("textLength", "lessThanOrEqual", str(L.MAX_TEXT),
                                f"Ett svar får vara högst {L.MAX_TEXT} tecken.")

    def _list_column(self, choices: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter

        column = get_column_letter(self._lists.max_column + 1 if self._lists["A1"].value else 1)
        for row, choice in enumerate(choices, start=1):
            _text(self._lists[f"{column}{row}"], choice)
        return column

    def _validation(self, kind: str, operator: str | None, formula1: str, error: str,
                    formula2: str | None = None) -> DataValidation:
        validation = DataValidation(
            type=kind, operator=operator, formula1=formula1, formula2=formula2, allow_blank=True,
            showErrorMessage=True, errorTitle="Ogiltigt svar", error=error, errorStyle="stop",
        )
        self._ws.add_data_validation(validation)
        return validation


def _meta(ws: Worksheet, spec: SurveySpec, signing_key: bytes) -> None:
    signed = [SignedQuestion(L.FIRST_ROW + index, storable(q.row_id), q.value_type, storable(q.text))
              for index, q in enumerate(spec.questions)]
    identity = (
        ("format", L.FORMAT_VERSION),
        ("plan", spec.plan),
        ("year", str(spec.year)),
        ("respondent", spec.respondent),
        ("questions", str(len(spec.questions))),
        ("generator", f"mvkplan {__version__}"),
        (L.SIGNATURE_KEY, signature(signing_key, storable(spec.plan), spec.year, storable(spec.respondent), signed)),
    )
    assert len(identity) + 1 == L.META_TABLE_ROW  # where the reader looks for the signed rows
    sheetwrite.metadata(ws, identity, signed)
