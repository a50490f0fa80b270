"""A corpus of bad workbooks: each is refused with its located message, and nothing is written.

Built from a real exported workbook (Kalmar kommun's), then damaged the way respondents and
hostile files do: a text where a number belongs, a percentage of 140, a choice not in the
list, formulas, edited question rows, other plans, years and respondents, duplicates,
answers that differ from recorded ones, and files that are not what they claim to be.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from survey_support import edit, fill, resign, rezip, survey_key, survey_project  # noqa: F401  (survey_key: autouse)

from conftest import run_cli

FOLLOW_UP = "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    project = survey_project(tmp_path_factory.mktemp("bad"))
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "kalmar-kommun",
                     "-r", "nybro-kommun", cwd=project)
    assert result.exit_code == 0, result
    return project


@pytest.fixture
def project(base, tmp_path):
    target = tmp_path / "p"
    shutil.copytree(base, target)
    return target


def workbook(project: Path, respondent: str = "kalmar-kommun") -> Path:
    return project / "build" / "enkat" / "kalmar-2024-2025" / f"kalmar-2024-2025-{respondent}.xlsx"


def row_of(path: Path, prefix: str) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        for number, row in enumerate(wb["Enkät"].iter_rows(min_row=1, max_col=6, values_only=True), start=1):
            if str(row[5] or "").startswith(prefix):
                return number
    finally:
        wb.close()
    raise AssertionError(prefix)


def run_import(project: Path, *args: str):
    before = (project / FOLLOW_UP).read_bytes()
    result = run_cli("survey", "import", *args, cwd=project)
    assert (project / FOLLOW_UP).read_bytes() == before, "the follow-up changed although the import failed"
    return result


CELL_CASES = {
    # name: (format prefix of the row, value typed, code)
    "text-for-number": ("Procent", "ungefär hälften", "S201"),
    "percent-140": ("Procent", 140, "S202"),
    "choice-not-in-list": ("Välj", "Kanske", "S203"),
    "count-fraction": ("Antal", 2.5, "S204"),
    "yes-no-other": ("Ja/Nej", "Vet ej", "S205"),
    "formula-without-result": ("Procent", "=40+2", "S207"),
    "date": ("Antal", "2025-01-01T00:00:00", None),
}


@pytest.mark.parametrize("name", sorted(n for n, c in CELL_CASES.items() if c[2]))
def test_a_cell_that_does_not_fit_its_question(project, name):
    prefix, value, code = CELL_CASES[name]
    path = workbook(project)
    fill(path, 1)
    row = row_of(path, prefix)
    edit(path, {f"G{row}": value})
    result = run_import(project, str(path))
    assert result.exit_code == 1, result
    assert f"kalmar-2024-2025-kalmar-kommun.xlsx:Enkät!G{row}: {code} " in result.stdout, result
    assert "hint:" in result.stdout
    assert "nothing written" in result.stdout


def test_a_date_is_not_an_answer(project):
    from datetime import datetime

    path = workbook(project)
    row = row_of(path, "Antal")
    edit(path, {f"G{row}": datetime(2025, 1, 1)})
    result = run_import(project, str(path))
    assert f"Enkät!G{row}: S210 " in result.stdout, result


def test_a_changed_question_row(project):
    path = workbook(project)
    fill(path, 1)
    row = row_of(path, "Procent")
    edit(path, {f"D{row}": "Andel personal (omformulerad)"})
    result = run_import(project, str(path))
    assert result.exit_code == 1
    assert f"Enkät!D{row}: S209 [error] the question row was changed" in result.stdout, result


def test_an_answer_below_the_questions(project):
    path = workbook(project)
    fill(path, 1)
    edit(path, {"G40": 5})
    result = run_import(project, str(path))
    assert "Enkät!G40: S211 " in result.stdout, result


def test_a_formula_with_a_saved_result_is_taken_not_computed(project):
    path = workbook(project)
    row = row_of(path, "Procent")
    edit(path, {f"G{row}": "=40+2"})
    saved = path.with_name("saved.xlsx")

    def with_result(data: bytes) -> bytes:  # what Excel writes after calculating: formula + cached value
        return data.replace(b"<f>40+2</f><v></v>", b"<f>40+2</f><v>42</v>").replace(
            b"<f>40+2</f><v/>", b"<f>40+2</f><v>42</v>").replace(b"<f>40+2</f></c>", b"<f>40+2</f><v>42</v></c>")

    rezip(path, saved, change={"xl/worksheets/sheet2.xml": with_result})
    path.unlink()
    result = run_cli("survey", "import", str(saved), "--dry-run", cwd=project)
    assert result.exit_code == 0, result
    assert f"saved.xlsx:Enkät!G{row}: S208 [warning] a formula; its saved result 42 is used" in result.stdout
    assert "value: '42'" in result.stdout or 'value: "42"' in result.stdout


@pytest.mark.parametrize("cell, value, code, extra", [
    ("B2", "okand-plan", "S301", ()),
    ("B3", "2030", "S302", ()),
    ("B4", "stockholm-kommun", "S303", ()),
    ("B1", "2", "S107", ()),
    (None, None, "S302", ("--year", "2026")),
    (None, None, "S308", ("--plan", "kalmar-2021")),
])
def test_a_workbook_for_another_plan_year_or_respondent(project, cell, value, code, extra):
    """Signed by the key that exports (a coordinator's own workbook): the identity is checked against the plan."""
    path = workbook(project)
    fill(path, 1)
    if cell:
        edit(path, {cell: value}, sheet="mvkplan")
        resign(path)
    result = run_import(project, str(path), *extra)
    assert result.exit_code == 1, result
    assert f"kalmar-2024-2025-kalmar-kommun.xlsx: {code} " in result.stdout, result


def test_the_same_respondent_twice(project):
    path = workbook(project)
    fill(path, 1)
    copy = path.with_name("kopia.xlsx")
    shutil.copy(path, copy)
    result = run_import(project, str(path), str(copy))
    assert result.exit_code == 1
    assert "kopia.xlsx: S304 [error] respondent 'kalmar-kommun' answered twice" in result.stdout, result


def test_one_bad_workbook_stops_the_good_ones(project):
    good, bad = workbook(project, "nybro-kommun"), workbook(project)
    fill(good, 2)
    fill(bad, 1, {"G3": "många"})
    result = run_import(project, str(good), str(bad))
    assert result.exit_code == 1
    assert "nothing written" in result.stdout


def test_an_answer_that_differs_from_the_recorded_one(project):
    path = workbook(project)
    fill(path, 1)
    assert run_cli("survey", "import", str(path), cwd=project).exit_code == 0
    row = row_of(path, "Procent")
    edit(path, {f"G{row}": 99})
    result = run_import(project, str(path))
    assert result.exit_code == 1
    assert f"Enkät!G{row}: S306 [error] likvardig-kunskap/personal-grundutbildad (kalmar-kommun) is " \
           "already recorded as" in result.stdout, result
    overwritten = run_cli("survey", "import", str(path), "--overwrite", cwd=project)
    assert overwritten.exit_code == 0, overwritten
    assert f"Enkät!G{row}: S307 [info]" in overwritten.stdout and "replaced by '99'" in overwritten.stdout
    assert "value: '99'" in (project / FOLLOW_UP).read_text(encoding="utf-8")


def _bomb(path: Path, target: Path) -> Path:
    return rezip(path, target, add={"xl/media/image1.bin": bytes(5 * 1024 * 1024)})


def _huge(path: Path, target: Path) -> Path:
    return rezip(path, target, change={"xl/worksheets/sheet2.xml": lambda d: d.replace(
        b'<dimension ref="A1:I8"/>', b'<dimension ref="A1:I1048576"/>')})


FILE_CASES = {
    "not-a-zip.xlsx": (lambda p, t: (t.write_bytes(b"Namn;Svar\nKalmar;ja\n"), t)[1], "S101"),
    "makron.xlsm": (lambda p, t: shutil.copy(p, t) and t, "S102"),
    "vba-inuti.xlsx": (lambda p, t: rezip(p, t, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "S102"),
    "zipbomb.xlsx": (_bomb, "S103"),
    "stort-blad.xlsx": (_huge, "S104"),
    "extern-lank.xlsx": (lambda p, t: rezip(p, t, add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
                         "S105"),
    "entiteter.xlsx": (lambda p, t: rezip(p, t, change={"docProps/app.xml": lambda d: (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + d)}), "S108"),
    "trasig.xlsx": (lambda p, t: rezip(p, t, change={"xl/workbook.xml": lambda d: b"<workbook"}), "S109"),
    "ingen-metadata.xlsx": (lambda p, t: _without_meta(p, t), "S106"),
}


def _without_meta(path: Path, target: Path) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    del wb["mvkplan"]
    wb.save(target)
    return target


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_a_file_that_is_not_a_safe_survey_workbook(project, name):
    make, code = FILE_CASES[name]
    path = workbook(project)
    fill(path, 1)
    target = make(path, path.with_name(name))
    assert target.exists()
    result = run_import(project, str(target))
    assert result.exit_code == 1, result
    assert f"{name}: {code} " in result.stdout, result
    assert "Traceback" not in result.stdout + result.stderr
