"""The reporting round run from the tool: ``survey export`` records who was asked, ``survey
import`` who answered, ``survey status`` who to remind (issue 24, items 2 and 5).

Two years of Kalmar's survey with a respondent who never returns the first workbook; the
workbook's rows in the plan's order whatever order the follow-up lists its questions in;
a follow-up that cannot take the list stops the export before any workbook is written.
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from survey_support import QUESTIONS, fill, follow_up, survey_key, survey_project  # noqa: F401  (survey_key: autouse)

from conftest import run_cli

FOLDER = "plans/kalmar/uppfoljning"
BOTH, SECOND, SILENT = "kalmar-kommun", "nybro-kommun", "borgholm-kommun"


def _export(project, year, *who, force=False):
    args = ["survey", "export", "kalmar-2024", "--year", str(year), *(a for k in who for a in ("-r", k))]
    result = run_cli(*args, *(["--force"] if force else []), cwd=project)
    assert result.exit_code == 0, result
    return project / "build" / "enkat" / f"kalmar-2024-{year}"


def _import(project, *paths):
    result = run_cli("survey", "import", *map(str, paths), cwd=project)
    assert result.exit_code == 0, result
    return result


def _status_csv(project, year):
    result = run_cli("survey", "status", "kalmar-2024", "--year", str(year), "--format", "csv", cwd=project)
    assert result.exit_code == 0, result
    return {row["respondent"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """2025: three asked, one answers, one answers with blanks, one is silent; 2026: all three answer."""
    project = survey_project(tmp_path_factory.mktemp("round"))
    folder = _export(project, 2025, BOTH, SECOND, SILENT)
    fill(folder / f"kalmar-2024-2025-{BOTH}.xlsx", 1)
    fill(folder / f"kalmar-2024-2025-{SECOND}.xlsx", 2, {"G2": None, "G3": None})  # two questions left blank
    _import(project, folder / f"kalmar-2024-2025-{BOTH}.xlsx", folder / f"kalmar-2024-2025-{SECOND}.xlsx")
    later = _export(project, 2026, BOTH, SECOND, SILENT)
    for number, key in enumerate((BOTH, SECOND, SILENT)):
        fill(later / f"kalmar-2024-2026-{key}.xlsx", number)
    _import(project, later)
    return project


def test_asked_holds_everyone_sent_a_workbook_answered_or_not(two_years):
    first = follow_up(two_years, "kalmar-2024-2025")
    assert first.asked == [BOTH, SECOND, SILENT]
    assert {r.key for r in first.respondents} == {BOTH, SECOND}
    second = follow_up(two_years, "kalmar-2024-2026")
    assert second.asked == [BOTH, SECOND, SILENT]
    assert {r.key for r in second.respondents} == {BOTH, SECOND, SILENT}
    assert run_cli("validate", cwd=two_years).exit_code == 0


def test_status_lists_the_silent_respondent_to_remind(two_years):
    rows = _status_csv(two_years, 2025)
    assert set(rows) == {BOTH, SECOND, SILENT}
    assert [k for k, row in rows.items() if row["remind"] == "true"] == [SILENT]
    assert all(row["asked"] == "true" for row in rows.values())
    assert rows[SILENT]["answered"] == "false" and rows[BOTH]["answered"] == "true"
    assert rows[BOTH]["blank"] == "0"
    assert rows[SECOND]["blank"] == "2" and len(rows[SECOND]["blank_questions"].split(" | ")) == 2
    text = run_cli("survey", "status", "kalmar-2024", "--year", "2025", cwd=two_years)
    assert text.exit_code == 0, text
    assert f"To remind (1): {SILENT}" in text.stdout
    assert "3 sent a workbook, 2 answered" in text.stdout
    assert "2 of 7 questions blank" in text.stdout
    swedish = run_cli("survey", "status", "kalmar-2024", "--year", "2025", env={"MVKPLAN_LANG": "sv"},
                      cwd=two_years)
    assert f"Att påminna (1): {SILENT}" in swedish.stdout


def test_status_of_the_second_year_has_nobody_to_remind(two_years):
    rows = _status_csv(two_years, 2026)
    assert {k for k, row in rows.items() if row["answered"] == "true"} == {BOTH, SECOND, SILENT}
    assert not [k for k, row in rows.items() if row["remind"] == "true"]


def test_exporting_again_adds_only_the_new_respondents(tmp_path):
    project = survey_project(tmp_path)
    _export(project, 2025, SECOND)
    _export(project, 2025, SECOND, SILENT, force=True)
    assert follow_up(project).asked == [SECOND, SILENT]


def test_status_usage_errors_exit_2(tmp_path):
    project = survey_project(tmp_path)
    for args in (("kalmar-2042", "--year", "2025"), ("kalmar-2024", "--year", "1999")):
        result = run_cli("survey", "status", *args, cwd=project)
        assert result.exit_code == 2, result
        assert "Traceback" not in result.stderr


def test_a_follow_up_without_asked_says_so(tmp_path):
    project = survey_project(tmp_path)
    result = run_cli("survey", "status", "kalmar-2024", "--year", "2025", cwd=project)
    assert result.exit_code == 0, result
    assert "S309" in result.stdout


def _goals_in_plan_order(project):
    from mvkplan.loading.load import load_file

    loaded, _ = load_file(project / "plans/kalmar/kalmar-2024.yaml", "kalmar-2024.yaml")
    return [goal.id for area in loaded.model.areas for goal in area.goals]


def _split_questions():
    head, _, rest = QUESTIONS.partition("indicators:\n")
    body, _, tail = rest.partition("values: []\n")
    entries = ["  - id:" + part for part in body.split("  - id:")[1:]]
    return head, entries, tail


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(_split_questions()[1]))))
def test_workbook_rows_follow_the_plan_whatever_the_follow_ups_order(tmp_path_factory, order):
    from openpyxl import load_workbook

    project = survey_project(tmp_path_factory.mktemp("order"))
    head, entries, tail = _split_questions()
    listed = [entries[i] for i in order]
    (project / FOLDER / "kalmar-2024-2025.yaml").write_text(
        head + "indicators:\n" + "".join(listed) + "values: []\n" + tail, encoding="utf-8")
    folder = _export(project, 2025, SECOND)
    meta = load_workbook(folder / f"kalmar-2024-2025-{SECOND}.xlsx")["mvkplan"]
    keys = [meta.cell(r, 2).value.partition("#")[0] for r in range(8, meta.max_row + 1) if meta.cell(r, 1).value]
    goals = _goals_in_plan_order(project)
    ranks = [goals.index(key.split("/")[0]) for key in keys]
    assert ranks == sorted(ranks), keys
    ids_listed = [e.split("id:", 1)[1].split()[0].strip(",") for e in listed]
    for goal in goals:  # within a goal, the follow-up's own order
        under = [k.split("/")[1] for k in dict.fromkeys(keys) if k.startswith(goal + "/")]
        assert under == [i for i in ids_listed if i in under]
    shutil.rmtree(project)


@pytest.mark.parametrize("asked", [
    "asked: nybro-kommun\n",                      # a scalar, not a list
    "asked:\n  nybro: kommun\n",                  # a mapping
    "asked:\n  - [nybro-kommun]\n",               # a list in the list
    "asked:\n  - {id: x}\n",                      # a mapping in the list
    "asked: [nybro-kommun, [x]]\n",
    "asked: !!binary aGVq\n",
])
def test_a_follow_up_that_cannot_take_the_list_stops_the_export(tmp_path, asked):
    project = survey_project(tmp_path)
    path = project / FOLDER / "kalmar-2024-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8") + asked, encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", SILENT, cwd=project)
    assert result.exit_code in (1, 2), result
    assert "Traceback" not in result.stdout + result.stderr
    assert path.read_bytes() == before
    assert not list((project / "build").rglob("*.xlsx")), "a workbook was written although 'asked' was not"


def test_a_broken_follow_up_stops_the_export(tmp_path):
    project = survey_project(tmp_path)
    path = project / FOLDER / "kalmar-2024-2025.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", SILENT, cwd=project)
    assert result.exit_code == 1, result
    assert "R103" in result.stdout
    assert path.read_text(encoding="utf-8") == "id: [unclosed\n"
    assert not list((project / "build").rglob("*.xlsx"))
