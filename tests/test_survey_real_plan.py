"""The survey of a real plan as shipped: the plans state no value types, but they say which
indicators the county board's own yearly survey collects (sources marked ``survey: true``).
Those are asked of every municipality of the county as free text, in plan order; the answers
come back into a new, real follow-up that validates (the example follow-ups of the same plan
stay apart, untouched and unread), and the report prints them. Also: the folder a user names
for workbooks, responses or the report may lie outside the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from survey_support import KALMAR, survey_key  # noqa: F401  (survey_key: autouse)

from conftest import PLANS, run_cli

FOLDER = Path("plans/kalmar/uppfoljning")
SURVEY_SOURCES = {"lansstyrelsens-arliga-kartlaggning", "kartlaggning-arbetet-mot-mvk"}


def survey_indicators(plan_id: str) -> list[str]:
    """'<goal>/<indicator>' of the plan's indicators from a survey source, in plan order."""
    from mvkplan.loading.load import load_file

    path = next(PLANS.rglob(f"{plan_id}.yaml"))
    loaded, problems = load_file(path, path.name)
    assert loaded is not None, problems
    found = []
    for area in loaded.model.areas:
        for goal in area.goals:
            for indicator in goal.indicators:
                if indicator.source in SURVEY_SOURCES:
                    assert indicator.type is None  # the real plans state no types
                    found.append(f"{goal.id}/{indicator.id or indicator.source}")
    return found


def survey_rows(path: Path) -> list[tuple[int, str, str, str, str]]:
    """(row, key, goal, question, format) of a workbook's survey sheet."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws, meta = wb["Enkät"], wb["mvkplan"]
    keys = {int(meta.cell(r, 1).value): meta.cell(r, 2).value for r in range(8, meta.max_row + 1)
            if meta.cell(r, 1).value}
    return [(row, keys[row], ws[f"C{row}"].value, ws[f"D{row}"].value, ws[f"F{row}"].value)
            for row in range(2, ws.max_row + 1) if row in keys]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """A copy of the repository's plans with the example follow-ups in place."""
    project = tmp_path_factory.mktemp("real")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, project / "plans")
    examples = {p.name: p.read_bytes() for p in (project / FOLDER).glob("*.yaml")}
    exported = run_cli("survey", "export", "kalmar-2024", "--year", "2025", cwd=project)
    folder = project / "build/enkat/kalmar-2024-2025"
    answers = {
        "kalmar-kommun": {0: "MVP i alla högstadieskolor sedan hösten.", 3: "Predov erbjuds sedan maj."},
        "nybro-kommun": {1: "Samverkansavtal med kvinnojouren (IOP) tecknat."},
        "vastervik-kommun": {0: "Inget nytt i år.", 9: "Två handläggare gick Freda-utbildning"},
    }
    expected = {}
    from openpyxl import load_workbook

    for respondent, by_position in answers.items():
        path = folder / f"kalmar-2024-2025-{respondent}.xlsx"
        rows = survey_rows(path)
        wb = load_workbook(path)
        for position, text in by_position.items():
            row, key = rows[position][0], rows[position][1]
            wb["Enkät"][f"G{row}"] = text
            expected[(key, respondent)] = text
        wb["Enkät"][f"I{rows[min(by_position)][0]}"] = f"Svar från {respondent}"
        wb.save(path)
    imported = run_cli("survey", "import", str(folder), cwd=project)
    return project, exported, folder, expected, imported, examples


def test_export_asks_the_plans_survey_indicators_of_each_municipality(real):
    project, exported, folder, _, _, _ = real
    assert exported.exit_code == 0, exported
    assert "12 workbooks written" in exported.stdout
    files = sorted(folder.glob("*.xlsx"))
    assert sorted(f.stem.removeprefix("kalmar-2024-2025-") for f in files) == sorted(KALMAR)
    wanted = survey_indicators("kalmar-2024")
    assert len(wanted) == 10
    for path in files:
        rows = survey_rows(path)
        assert [key for _, key, _, _, _ in rows] == wanted
        assert {fmt for *_, fmt in rows} == {"Fritext"}
    first = survey_rows(files[0])[0]
    assert first[2].startswith("Likvärdig kunskap om universella våldsförebyggande metoder")
    assert first[3] == "Länsstyrelsens kartläggning: beskriv verksamhetens arbete med målet under 2025."
    # An indicator the plan words only by its source is asked under the source's name.
    by_key = {key: question for _, key, _, question, _ in survey_rows(files[0])}
    assert by_key["myndighetssamverkan/lansstyrelsens-arliga-kartlaggning"].startswith(
        "Länsstyrelsens årliga kartläggning: beskriv")


def test_the_county_board_is_not_asked_its_own_survey(real):
    project, _, _, _, _, _ = real
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "kalmar",
                     "--out", str(project / "lansstyrelsen"), cwd=project)
    assert result.exit_code == 2, result
    assert "no indicator or activity to ask about" in result.stderr


def test_import_writes_a_real_follow_up_beside_the_examples(real):
    project, _, _, expected, imported, examples = real
    assert imported.exit_code == 0, imported
    assert "12 workbooks, 5 answers: 5 new" in imported.stdout
    created = project / FOLDER / "kalmar-2024-uppfoljning-2025.yaml"
    assert f"wrote {FOLDER / created.name}" in imported.stdout
    for name, data in examples.items():  # the examples are neither replaced nor read
        assert (project / FOLDER / name).read_bytes() == data
    from mvkplan.loading.load import load_file

    loaded, problems = load_file(created, created.name)
    assert loaded is not None, problems
    model = loaded.model
    assert not model.example and model.plan == "kalmar-2024" and model.year == 2025
    assert {(v.indicator, v.respondent): v.value for v in model.values} == expected
    assert {v.source for v in model.values} == {"Enkät 2025"}
    assert [r.municipality for r in model.respondents] == ["kalmar-kommun", "nybro-kommun", "vastervik-kommun"]
    assert {v.respondent: v.comment for v in model.values if v.comment} == {
        r: f"Svar från {r}" for r in ("kalmar-kommun", "nybro-kommun", "vastervik-kommun")}
    validated = run_cli("validate", cwd=project)
    assert validated.exit_code == 0, validated
    again = run_cli("survey", "import", str(project / "build/enkat/kalmar-2024-2025"), cwd=project)
    assert again.exit_code == 0 and "0 new, 0 changed, 5 unchanged" in again.stdout, again


def test_report_prints_the_answers_and_nothing_of_the_examples(real):
    project, _, _, expected, _, _ = real
    result = run_cli("report", "kalmar-2024", "--year", "2025", "--format", "md", "--output", "-", cwd=project)
    assert result.exit_code == 0, result
    text = result.stdout
    for answer in expected.values():
        assert answer in text
    assert "Svar från nybro-kommun" in text
    assert "Värdenas källa: enkät (2)" in text  # likvardig-kunskap: Kalmar and Västervik answered
    assert "#### Länsstyrelsens årliga kartläggning" in text  # the source's name, not its id
    assert "Exempel" not in text and "exempel" not in text.lower()
    assert "Arbetar kommunen med MVP" not in text  # a question of the example follow-up
    assert "Utkast" in text  # the new follow-up is a draft
    example = run_cli("report", "kalmar-2024", "--year", "2024", "--format", "md", "--output", "-", cwd=project)
    assert example.exit_code == 0 and "exempel" in example.stdout.lower(), example
    assert not any(answer in example.stdout for answer in expected.values())


def test_user_named_folders_may_lie_outside_the_repository(real, tmp_path):
    project, _, _, _, _, _ = real
    outside = tmp_path / "utskick"
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "nybro-kommun",
                     "--out", str(outside), cwd=project)
    assert result.exit_code == 0, result
    assert (outside / "kalmar-2024-2025-nybro-kommun.xlsx").is_file()
    report_file = tmp_path / "rapport.md"
    result = run_cli("report", "kalmar-2024", "--year", "2025", "-f", "md", "-o", str(report_file), cwd=project)
    assert result.exit_code == 0, result
    assert "Årlig uppföljning 2025" in report_file.read_text(encoding="utf-8")
    (tmp_path / "rapporter").mkdir()
    result = run_cli("report", "kalmar-2024", "--year", "2025", "-f", "md", "-o", str(tmp_path / "rapporter"),
                     cwd=project)
    assert result.exit_code == 0, result
    assert (tmp_path / "rapporter" / "kalmar-2024-uppfoljning-2025.md").is_file()
    imported = run_cli("survey", "import", str(outside), "--dry-run", cwd=project)
    assert imported.exit_code == 0, imported
