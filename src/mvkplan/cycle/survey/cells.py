"""One answer cell → a typed value, or the code of what is wrong with it.

A respondent's typing is normal input: ``12,5`` and ``1 234`` are numbers, ``ja`` is
``Ja``, and ``45 %`` typed into a percent cell (which Excel stores as 0.45 with a percent
format) is 45. Anything else that does not fit the question is a coded problem.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from mvkplan.cycle.recording.questions import Question
from mvkplan.cycle.survey.layout import MAX_TEXT, NO, YES

_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$")

Value = str | int | float | bool


@dataclass(frozen=True)
class CellProblem:
    """What is wrong with a cell: a code and the values its message needs."""

    code: str
    values: dict[str, object]


def read_answer(raw: object, number_format: str | None, question: Question) -> Value | CellProblem | None:
    """The typed answer in a cell, ``None`` for an empty cell, or a :class:`CellProblem`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, (datetime, date, time)):
        return CellProblem("S210", {"found": str(raw)})
    if isinstance(raw, str) and raw.startswith("#") and raw.upper() in _ERRORS:
        return CellProblem("S210", {"found": raw})
    kind = question.value_type
    if kind in ("number", "percent", "count"):
        return _number(raw, number_format, kind)
    if kind == "yes-no":
        return _yes_no(raw)
    if kind in ("choice", "status"):
        return _choice(raw, question)
    return _text(raw)


_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#GETTING_DATA"}


def _number(raw: object, number_format: str | None, kind: str) -> Value | CellProblem:
    if isinstance(raw, bool):
        return CellProblem("S201", {"found": YES if raw else NO})
    if isinstance(raw, (int, float)):
        number = float(raw)
        if kind == "percent" and number_format and "%" in number_format:
            number *= 100  # '45 %' typed into the cell: Excel stored 0.45
    else:
        text = str(raw).strip()
        if kind == "percent":
            text = text.rstrip("%").strip()  # '45 %' written as text means 45
        if not _NUMBER.match(text):
            return CellProblem("S201", {"found": str(raw).strip()[:60]})
        number = float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))
    if not math.isfinite(number):
        return CellProblem("S201", {"found": str(raw)[:60]})
    if kind == "percent" and not 0 <= number <= 100:
        return CellProblem("S202", {"found": _plain(number)})
    if kind == "count":
        if number != int(number) or number < 0:
            return CellProblem("S204", {"found": _plain(number)})
        return int(number)
    number = round(number, 6)
    return int(number) if number == int(number) else number


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _yes_no(raw: object) -> Value | CellProblem:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in (YES.lower(), "yes", "j"):
        return True
    if text in (NO.lower(), "no", "n"):
        return False
    return CellProblem("S205", {"found": str(raw).strip()[:60]})


def _choice(raw: object, question: Question) -> Value | CellProblem:
    text = str(raw).strip()
    for index, choice in enumerate(question.choices):
        if text.casefold() == choice.casefold():
            return question.choice_keys[index] if question.choice_keys else choice
    return CellProblem("S203", {"found": text[:60], "choices": ", ".join(question.choices)})


def _text(raw: object) -> Value | CellProblem:
    if isinstance(raw, bool):
        return YES if raw else NO
    text = _plain(raw) if isinstance(raw, float) else str(raw).strip()
    if len(text) > MAX_TEXT:
        return CellProblem("S206", {"length": len(text), "limit": MAX_TEXT})
    return text


def read_comment(raw: object) -> str | CellProblem | None:
    """A comment cell: text or nothing (a number typed as comment is kept as text)."""
    if raw is None:
        return None
    text = _plain(raw) if isinstance(raw, float) else str(raw).strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        return CellProblem("S206", {"length": len(text), "limit": MAX_TEXT})
    return text
