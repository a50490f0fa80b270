"""The survey round trip for the 12 municipalities of Kalmar county: export, fill in as a
respondent would (openpyxl), import; the follow-up holds exactly those answers, validates,
and the report prints them. The workbooks are also read by an independent reader
(python-calamine) and converted by LibreOffice: questions, drop-down lists and answers are there.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from survey_support import KALMAR, fill, follow_up, survey_key, survey_project  # noqa: F401  (survey_key: autouse)
from test_render_support import require_or_skip

from conftest import run_cli

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    project = survey_project(tmp_path_factory.mktemp("survey"))
    exported = run_cli("survey", "export", "kalmar-2024", "--year", "2025", cwd=project)
    assert exported.exit_code == 0, exported
    folder = project / "build" / "enkat" / "kalmar-2024-2025"
    files = sorted(folder.glob("*.xlsx"))
    pristine = project / "pristine.xlsx"
    shutil.copy(files[0], pristine)
    expected = {}
    for index, path in enumerate(files):
        respondent = path.stem.removeprefix("kalmar-2024-2025-")
        for (key, sex), value in fill(path, index).items():
            expected[(key, respondent, sex)] = value
    imported = run_cli("survey", "import", str(folder), cwd=project)
    return project, files, pristine, expected, imported, exported


def test_export_writes_one_workbook_per_municipality(round_trip):
    _, files, _, _, _, exported = round_trip
    assert [f.stem.removeprefix("kalmar-2024-2025-") for f in files] == sorted(KALMAR)
    assert "12 workbooks written" in exported.stdout


def test_import_records_exactly_the_answers(round_trip):
    project, _, _, expected, imported, _ = round_trip
    assert imported.exit_code == 0, imported
    assert "12 workbooks, 84 answers: 84 new" in imported.stdout
    model = follow_up(project)
    recorded = {(v.indicator, v.respondent, v.sex): v.value for v in model.values}
    assert recorded == expected
    assert {v.source for v in model.values} == {"Enkät 2025"}
    assert sorted(r.municipality for r in model.respondents) == sorted(KALMAR)
    comments = {v.respondent: v.comment for v in model.values if v.comment}
    assert comments["borgholm-kommun"] == "Kommentar 0" and len(comments) == 12


def test_kolada_questions_are_not_asked(round_trip):
    project, _, _, _, _, _ = round_trip
    assert all("ifo-aktualiserade" not in v.indicator for v in follow_up(project).values)


def test_written_follow_up_validates_and_reimport_changes_nothing(round_trip):
    project, files, _, _, _, _ = round_trip
    before = (project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml").read_bytes()
    assert run_cli("validate", cwd=project).exit_code == 0
    again = run_cli("survey", "import", *map(str, files), cwd=project)
    assert again.exit_code == 0, again
    assert "0 new, 0 changed, 84 unchanged" in again.stdout
    assert (project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml").read_bytes() == before


def test_report_prints_the_answers(round_trip):
    project, _, _, expected, _, _ = round_trip
    result = run_cli("report", "kalmar-2024", "--year", "2025", "--format", "md", "--output", "-", cwd=project)
    assert result.exit_code == 0, result
    assert "Värdenas källa: enkät (12)" in result.stdout  # where the values came from
    assert "Värdenas källa: enkät (36)" in result.stdout  # the per-sex count: 12 × kvinnor/män/totalt
    assert "Arbetar kommunen med MVP i grundskolan?" in result.stdout
    text = next(v for (key, who, _), v in expected.items() if who == "kalmar-kommun" and "insats" in key)
    assert text in result.stdout


def test_calamine_reads_exported_and_filled_workbooks(round_trip):
    from python_calamine import CalamineWorkbook

    _, files, pristine, _, _, _ = round_trip
    empty = CalamineWorkbook.from_path(str(pristine))
    assert empty.sheet_names[:3] == ["Instruktioner", "Enkät", "Listor"]
    rows = empty.get_sheet_by_name("Enkät").to_python()
    assert rows[0][:7] == ["Nr", "Område", "Mål", "Fråga (indikator)", "Kön", "Svarsformat", "Svar"]
    questions = [row[3] for row in rows[1:]]
    assert "Arbetar kommunen med MVP i grundskolan?" in questions
    assert questions.count("Antal ärenden om våld i nära relation") == 3
    assert all(row[6] in ("", None) for row in rows[1:])
    lists = empty.get_sheet_by_name("Listor").to_python()
    assert {cell for row in lists for cell in row if cell} >= {"Ja", "Nej", "Delvis"}
    filled = CalamineWorkbook.from_path(str(files[4])).get_sheet_by_name("Enkät").to_python()  # kalmar-kommun
    answers = {row[3] + (f" ({row[4]})" if row[4] else ""): (number, row[6])
               for number, row in enumerate(filled[1:], start=2)}
    assert answers["Arbetar kommunen med MVP i grundskolan?"][1] == "Nej"
    assert answers["Ställer socialtjänsten rutinmässigt frågan om våld?"][1] == "Delvis"
    row, count = answers["Antal ärenden om våld i nära relation (kvinnor)"]
    assert count == 4 * 3 + row  # fill() writes the count plus the sheet row


@pytest.mark.libreoffice
def test_libreoffice_converts_the_workbooks(round_trip, tmp_path):
    require_or_skip(SOFFICE is not None, "MVKPLAN_REQUIRE_LIBREOFFICE", "LibreOffice (soffice)")
    _, files, pristine, _, _, _ = round_trip
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(files[4], source / "filled.xlsx")
    shutil.copy(pristine, source / "empty.xlsx")
    out = tmp_path / "out"
    # 44,34,76: comma, double quote, UTF-8; the last token -1 exports every sheet to its own file.
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    env = {**os.environ, "HOME": str(tmp_path)}
    for name in ("filled.xlsx", "empty.xlsx"):
        subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", csv_filter, "--outdir", str(out), str(source / name)],
                       check=True, capture_output=True, timeout=180, env=env)
    survey = (out / "filled-Enkät.csv").read_text(encoding="utf-8")
    assert "Arbetar kommunen med MVP i grundskolan?" in survey
    assert "Delvis" in survey and "Kommentar 4" in survey
    lists = (out / "empty-Listor.csv").read_text(encoding="utf-8")
    assert "Ja" in lists and "Delvis" in lists
    # LibreOffice keeps the drop-downs: convert back to .xlsx and look at its data validations.
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo-xlsx"), str(source / "empty.xlsx")],
                   check=True, capture_output=True, timeout=180, env=env)
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "lo-xlsx" / "empty.xlsx")["Enkät"]
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "decimal", "whole"} <= kinds
    assert any("Listor" in (dv.formula1 or "") for dv in ws.data_validations.dataValidation)


def test_activity_status_of_an_activity_plan_round_trips(tmp_path):
    import shutil as sh

    from conftest import PLANS

    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    sh.copytree(PLANS, tmp_path / "plans")
    for example in (tmp_path / "plans/jonkoping/uppfoljning").glob("*.yaml"):
        example.unlink()
    exported = run_cli("survey", "export", "jonkoping-2022", "--year", "2022", "-r", "jonkoping", cwd=tmp_path)
    assert exported.exit_code == 0, exported
    path = tmp_path / "build/enkat/jonkoping-2022-2022/jonkoping-2022-2022-jonkoping.xlsx"
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["Enkät"]
    assert ws["F2"].value == "Status (välj i listan)"
    labels = ["Genomförd", "Pågår", "Planerad", "Uppskjuten", "Inställd"]
    for index, row in enumerate(range(2, ws.max_row + 1)):
        ws[f"G{row}"] = labels[index % 5]
    ws["I3"] = "Genomfört i maj"
    wb.save(path)
    result = run_cli("survey", "import", str(path), cwd=tmp_path)
    assert result.exit_code == 0, result
    from mvkplan.loading.load import load_file

    created = tmp_path / "plans/jonkoping/uppfoljning/jonkoping-2022-2022.yaml"
    loaded, problems = load_file(created, created.name)
    assert loaded is not None, problems
    statuses = [(s.status, s.comment) for s in loaded.model.activities]
    assert len(statuses) == 37
    assert statuses[:3] == [("done", None), ("ongoing", "Genomfört i maj"), ("planned", None)]
    assert [r.county for r in loaded.model.respondents] == ["jonkoping"]
    assert run_cli("validate", cwd=tmp_path).exit_code == 0


def test_export_never_replaces_a_workbook_that_may_hold_answers(tmp_path):
    project = survey_project(tmp_path)
    args = ("survey", "export", "kalmar-2024", "--year", "2025", "-r", "nybro-kommun")
    assert run_cli(*args, cwd=project).exit_code == 0
    path = project / "build/enkat/kalmar-2024-2025/kalmar-2024-2025-nybro-kommun.xlsx"
    fill(path, 1)
    filled = path.read_bytes()
    again = run_cli(*args, cwd=project)
    assert again.exit_code == 2
    assert "kalmar-2024-2025-nybro-kommun.xlsx exists (1 of the workbooks do)" in again.stderr
    assert path.read_bytes() == filled
    assert run_cli(*args, "--force", cwd=project).exit_code == 0
    assert path.read_bytes() != filled
