"""Answer cells as respondents type them, and the extras the survey and Kolada commands need."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import run_cli
from mvkplan.cycle.recording.questions import Question
from mvkplan.cycle.survey.cells import CellProblem, read_answer


def q(kind: str, choices: tuple[str, ...] = ()) -> Question:
    return Question("g/i", "Område", "Mål", "Fråga", kind, choices)


@pytest.mark.parametrize("raw, number_format, kind, expected", [
    (12, "General", "number", 12),
    ("12,5", "General", "number", 12.5),
    ("1 234", "General", "count", 1234),
    (0.45, "0%", "percent", 45),  # '45 %' typed into the cell: Excel stores 0.45
    ("45 %", "General", "percent", 45),
    (45, "0.0", "percent", 45),
    ("ja", "General", "yes-no", True),
    ("NEJ", "General", "yes-no", False),
    ("delvis", "General", "choice", "Delvis"),
    ("  ", "General", "text", None),
    (3.0, "General", "text", "3"),
])
def test_what_a_respondent_types_is_read(raw, number_format, kind, expected):
    assert read_answer(raw, number_format, q(kind, ("Ja", "Delvis", "Nej"))) == expected


@pytest.mark.parametrize("raw, kind, code", [
    ("cirka 12", "number", "S201"), (140, "percent", "S202"), (-1, "percent", "S202"),
    ("Kanske", "choice", "S203"), (2.5, "count", "S204"), (-3, "count", "S204"),
    ("Vet ej", "yes-no", "S205"), ("x" * 2001, "text", "S206"), ("#N/A", "number", "S210"),
])
def test_what_does_not_fit_is_a_coded_problem(raw, kind, code):
    found = read_answer(raw, "General", q(kind, ("Ja", "Nej")))
    assert isinstance(found, CellProblem) and found.code == code


def test_a_missing_extra_is_named_not_a_traceback(project, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a))
    result = run_cli("survey", "export", "x", "--year", "2025", cwd=project)
    assert result.exit_code == 2
    assert "(missing: openpyxl): pip install 'mvkplan[survey]'" in result.stderr
