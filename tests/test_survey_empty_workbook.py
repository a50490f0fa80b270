"""`survey export` refuses a respondent the survey asks nothing (review finding: an empty
workbook was written and its respondent recorded as asked, to be reminded for ever)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli


@pytest.mark.parametrize("lang, words", [("en", "asks kalmar nothing"), ("sv", "frågar inte kalmar")])
def test_a_respondent_with_no_questions_is_refused_and_nothing_is_written(real_project: Path, lang, words):
    pytest.importorskip("openpyxl")
    follow_ups = sorted((real_project / "plans").rglob("*.yaml"))
    before = {p: p.read_bytes() for p in follow_ups}
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2026", "-r", "kalmar-kommun", "-r", "kalmar",
                     "--out", str(real_project / "ut"), "--lang", lang, cwd=real_project)
    assert result.exit_code == 2, result
    assert words in result.stderr
    assert not (real_project / "ut").exists() or not any((real_project / "ut").iterdir())
    assert {p: p.read_bytes() for p in follow_ups} == before
    assert sorted((real_project / "plans").rglob("*.yaml")) == follow_ups
