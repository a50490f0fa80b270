"""Every real plan out to a workbook and a CSV and back through the CLI: not one byte changes.

Then one edited cell of each kind, imported end to end: exactly that field changes, every
other byte of the YAML (comments, quoting, folded texts) stays.
"""

from __future__ import annotations

import csv
import difflib
import io
import shutil
from pathlib import Path

import pytest

from conftest import PLANS, run_cli

PLAN_FILES = sorted(p for p in PLANS.rglob("*.yaml") if "uppfoljning" not in p.parts)
STRATEGIES = {"kalmar-jamstalldhetsstrategi-2024"}
WITH_TABLES = {"kalmar-2021", "kalmar-2024", "kronoberg-2018-reviderad", "jonkoping-2022", "exempelkommun-2025"}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sheets")
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "plans").rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.stem)
def test_a_round_trip_changes_no_byte(base, path, fmt):
    before = _tree(base)
    exported = run_cli("export", path.stem, "--format", fmt, cwd=base)
    if path.stem not in WITH_TABLES:
        # a strategy's focus-area rows are not exported; a framework or county profile is no plan
        words = "no goal or activity tables" if path.stem in STRATEGIES else "no plan"
        assert exported.exit_code == 2 and words in exported.stderr, exported
        return
    assert exported.exit_code == 0, exported
    sheet = base / "build" / "tabeller" / f"{path.stem}.{fmt}"
    imported = run_cli("import", str(sheet), cwd=base)
    assert imported.exit_code == 0, imported
    assert "no cell changed" in imported.stdout, imported
    assert _tree(base) == before


def test_every_plan_with_tables_is_in_the_round_trip():
    from mvkplan.loading.validation import load_bytes

    found = set()
    for path in PLAN_FILES:
        loaded, _ = load_bytes(path.read_bytes(), str(path))
        areas = getattr(loaded.model, "areas", []) if loaded else []
        if any(a.goals or a.activities for a in areas):
            found.add(path.stem)
    assert found == WITH_TABLES


@pytest.fixture
def project(base, tmp_path) -> Path:
    target = tmp_path / "p"
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("build", ".mvkplan*"))
    return target


def _edit_xlsx(path: Path, sheet_index: int, cells: dict[str, str]) -> None:
    from openpyxl import load_workbook

    from mvkplan.cycle.sheets.cells import escaped

    wb = load_workbook(path)
    ws = wb[wb.sheetnames[sheet_index]]
    for cell, value in cells.items():
        ws[cell] = escaped(value)
        ws[cell].data_type = "s"
    wb.save(path)


def _read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    """``rows`` written as a spreadsheet program saves CSV: CRLF, with a byte order mark."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def test_an_edited_title_changes_that_line_only(project):
    plan = project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    before = plan.read_text(encoding="utf-8")
    assert run_cli("export", "kronoberg-2018-reviderad", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "kronoberg-2018-reviderad.xlsx"
    _edit_xlsx(sheet, 0, {"B2": "Ett nytt delmål: med kolon och # tecken"})
    result = run_cli("import", str(sheet), cwd=project)
    assert result.exit_code == 0, result
    after = plan.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1, changed
    assert changed[0][1].endswith("title: 'Ett nytt delmål: med kolon och # tecken'"), changed


def test_an_edited_examples_cell_becomes_the_list(project):
    from mvkplan.loading.validation import load_bytes

    plan = project / "plans" / "examples" / "exempelkommun-2025.yaml"
    assert run_cli("export", "exempelkommun-2025", "--format", "csv", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "exempelkommun-2025.csv"
    rows = _read_csv(sheet)
    column = rows[0].index("Aktiviteter")  # the plan's heading of its examples column
    rows[1][column] = "Första exemplet\nAndra: exemplet"
    _write_csv(sheet, rows)
    result = run_cli("import", str(sheet), cwd=project)
    assert result.exit_code == 0, result
    loaded, problems = load_bytes(plan.read_bytes(), str(plan))
    assert loaded is not None, problems
    goal = next(g for a in loaded.model.areas for g in a.goals if g.id == rows[1][1])
    assert goal.examples == ["Första exemplet", "Andra: exemplet"]
    again = run_cli("import", str(sheet), cwd=project)
    assert again.exit_code == 0 and "no cell changed" in again.stdout, again
    assert "methods: [mvp]" in plan.read_text(encoding="utf-8"), "a key after the list was lost"


def test_an_edit_that_would_not_validate_writes_nothing(project):
    plan = project / "plans" / "kalmar" / "kalmar-2024.yaml"
    before = plan.read_bytes()
    assert run_cli("export", "kalmar-2024", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "kalmar-2024.xlsx"
    _edit_xlsx(sheet, 0, {"B2": ""})  # a goal needs its title
    for lang, words in (("en", "would not validate"), ("sv", "skulle inte bli giltig")):
        result = run_cli("import", str(sheet), "--lang", lang, cwd=project)
        assert result.exit_code == 1, result
        assert "T308" in result.stdout and words in result.stdout, result
    assert plan.read_bytes() == before


def test_a_file_for_another_plan_is_refused(project):
    assert run_cli("export", "kalmar-2024", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "kalmar-2024.xlsx"
    result = run_cli("import", str(sheet), "--plan", "kalmar-2021", cwd=project)
    assert result.exit_code == 1 and "T305" in result.stdout, result
    assert run_cli("import", str(project / "nowhere.xlsx"), cwd=project).exit_code == 2
    assert run_cli("export", "no-such-plan", cwd=project).exit_code == 2


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_new_rows_are_new_goals_in_their_order(project, fmt):
    from mvkplan.loading.validation import load_bytes

    plan = project / "plans" / "kalmar" / "kalmar-2024.yaml"
    before = plan.read_text(encoding="utf-8")
    assert run_cli("export", "kalmar-2024", "--format", fmt, cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / f"kalmar-2024.{fmt}"
    new = [("ny-malsattning", "Ett nytt mål", "Första\nAndra: exemplet"), ("andra-nya", "Ännu ett: mål", "")]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(sheet)
        ws = wb[wb.sheetnames[1]]
        area = wb["mvkplan"]["B5"].value  # format, plan, table, then each sheet's area
        last = ws.max_row
        for number, cells in enumerate(new, start=last + 1):
            for column, value in enumerate(cells, start=1):
                ws.cell(number, column).value = value or None
        wb.save(sheet)
    else:
        rows = _read_csv(sheet)
        area = rows[-1][0]
        rows += [[area, *cells] for cells in new]
        _write_csv(sheet, rows)
    result = run_cli("import", str(sheet), cwd=project)
    assert result.exit_code == 0, result
    after = plan.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("  - id: " + area)]), "text before the area changed"
    loaded, problems = load_bytes(after.encode("utf-8"), str(plan))
    assert loaded is not None, problems
    goals = next(a for a in loaded.model.areas if a.id == area).goals
    assert [(g.id, g.title, g.examples) for g in goals[-2:]] == [
        ("ny-malsattning", "Ett nytt mål", ["Första", "Andra: exemplet"]), ("andra-nya", "Ännu ett: mål", [])]
    assert len(after.splitlines()) == len(before.splitlines()) + 7
    assert run_cli("export", "kalmar-2024", "--format", fmt, cwd=project).exit_code == 0
    assert "no cell changed" in run_cli("import", str(sheet), cwd=project).stdout


def test_new_makes_the_next_plan_and_leaves_the_old(project):
    old = project / "plans" / "kalmar" / "kalmar-2024.yaml"
    before = old.read_bytes()
    assert run_cli("export", "kalmar-2024", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "kalmar-2024.xlsx"
    _edit_xlsx(sheet, 2, {"B2": "Ett omformulerat mål"})
    result = run_cli("import", str(sheet), "--new", "kalmar-2027", cwd=project)
    assert result.exit_code == 0, result
    assert old.read_bytes() == before
    new = (project / "plans" / "kalmar" / "kalmar-2027.yaml").read_text(encoding="utf-8")
    assert "\nid: kalmar-2027\n" in new and "title: Ett omformulerat mål\n" in new
    assert run_cli("validate", cwd=project).exit_code == 0
    again = run_cli("import", str(sheet), "--new", "kalmar-2027", cwd=project)
    assert again.exit_code == 2 and "T309" not in again.stdout and "exists" in again.stderr, again


def test_activity_cells_write_their_fields(project):
    plan = project / "plans" / "jonkoping" / "jonkoping-2022.yaml"
    before = plan.read_text(encoding="utf-8")
    assert run_cli("export", "jonkoping-2022", "--format", "csv", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "jonkoping-2022.csv"
    rows = _read_csv(sheet)
    heading = rows[0]
    rows[1][heading.index("Målgrupp")] = "Nya: målgrupper"
    rows[1][heading.index("responsible")] = "Länsstyrelsen"
    rows[2][heading.index("Regionalt delmål")] = "Delmål 1, 3"  # the printed wording, where the plan has one
    _write_csv(sheet, rows)
    result = run_cli("import", str(sheet), cwd=project)
    assert result.exit_code == 0, result
    after = plan.read_text(encoding="utf-8")
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert removed == ["        target_group: Länets aktörer", "        links_written: Delmål 1–5"], removed
    assert added == ["        target_group: 'Nya: målgrupper'", "        responsible: Länsstyrelsen",
                     "        links_written: Delmål 1, 3"], added


@pytest.mark.parametrize("above", [True, False], ids=["new-row-above", "new-row-below"])
def test_a_field_added_to_an_areas_last_goal_stays_with_it_beside_a_new_row(project, above):
    """A new field of an area's last goal and a new goal of that area go in at one place: the
    field went into the new goal when its row stood above the last goal's row."""
    from mvkplan.loading.validation import load_bytes

    plan = project / "plans" / "kalmar" / "kalmar-2024.yaml"
    assert run_cli("export", "kalmar-2024", "--format", "csv", cwd=project).exit_code == 0
    sheet = project / "build" / "tabeller" / "kalmar-2024.csv"
    rows = _read_csv(sheet)
    header = rows[0]
    note = header.index("note")
    area = rows[1][0]
    last = max(i for i, row in enumerate(rows) if i and row[0] == area)
    goal = rows[last][1]
    assert not rows[last][note], "the goal must not have a note yet"
    rows[last][note] = "En ny anteckning"
    new_row = [area, "ny-mal", "Ett nytt mål"] + [""] * (len(header) - 3)
    rows.insert(last if above else last + 1, new_row)
    _write_csv(sheet, rows)
    result = run_cli("import", str(sheet), "--plan", "kalmar-2024", cwd=project)
    assert result.exit_code == 0, result
    loaded, problems = load_bytes(plan.read_bytes(), str(plan))
    assert loaded is not None, problems
    goals = {g.id: g for a in loaded.model.areas if a.id == area for g in a.goals}
    assert goals[goal].note == "En ny anteckning"
    assert goals["ny-mal"].note is None and goals["ny-mal"].title == "Ett nytt mål"
