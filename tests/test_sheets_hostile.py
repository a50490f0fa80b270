"""Hostile and damaged workbooks and CSV files: refused with a located message, the plan untouched.

The workbook-level refusals are the survey's own (S1xx), from the same checks; the cell-level
ones name the cell (``kalmar-2024.xlsx:forebygga!B3``). Variants are generated: the cell that
gets the formula or the control character, the part that gets the DTD.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli

PLAN = "plans/kalmar/kalmar-2024.yaml"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    for fmt in ("xlsx", "csv"):
        assert run_cli("export", "kalmar-2024", "--format", fmt, cwd=root).exit_code == 0
    return root


def _sheet(base: Path, fmt: str = "xlsx") -> Path:
    return base / "build" / "tabeller" / f"kalmar-2024.{fmt}"


def _refused(base: Path, path: Path, *codes: str, lang: str = "en") -> str:
    before = (base / PLAN).read_bytes()
    result = run_cli("import", str(path), "--plan", "kalmar-2024", "--lang", lang, cwd=base)
    assert result.exit_code == 1, result
    assert any(f" {code} " in result.stdout for code in codes), result
    assert (base / PLAN).read_bytes() == before, "the plan changed although the import was refused"
    return result.stdout


def _rezip(source: Path, target: Path, add: dict[str, bytes] | None = None, change=None) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if change and item.filename in change:
                data = change[item.filename](data)
            new.writestr(item.filename, data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


_EXTERNAL = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             b'relationships/externalLink" Target="file:///etc/passwd" TargetMode="External"/>')


def _with_dtd(data: bytes) -> bytes:
    dtd = b'<!DOCTYPE x [<!ENTITY e "boom">]>'
    return data.replace(b"?>", b"?>" + dtd, 1) if data.startswith(b"<?xml") else dtd + data


FILE_CASES = {
    "macro project": (lambda s, t: _rezip(s, t, add={"xl/vbaProject.bin": b"\0" * 64}), "S102"),
    "dtd in a sheet": (lambda s, t: _rezip(s, t, change={"xl/worksheets/sheet1.xml": _with_dtd}), "S108"),
    "dtd in the workbook": (lambda s, t: _rezip(s, t, change={"xl/workbook.xml": _with_dtd}), "S108"),
    "external link": (lambda s, t: _rezip(s, t, change={"xl/_rels/workbook.xml.rels": lambda d: d.replace(
        b"</Relationships>", _EXTERNAL + b"</Relationships>")}), "S105"),
    "a million rows claimed": (lambda s, t: _rezip(s, t, change={"xl/worksheets/sheet1.xml": lambda d: d.replace(
        b'<dimension ref="', b'<dimension ref="A1:K1000000" x="', 1)}), "S104"),
    "zip bomb": (lambda s, t: _rezip(s, t, add={"xl/media/bomb.xml": b"<a>" + b" " * 30_000_000 + b"</a>"}),
                 "S103"),
    "not a zip": (lambda s, t: (t.write_bytes(b"PK not really" * 10), t)[1], "S101"),
    "no mvkplan sheet": (lambda s, t: _rezip(s, t, change={"xl/workbook.xml": lambda d: d.replace(
        b'name="mvkplan"', b'name="other"')}), "T101"),
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_a_hostile_workbook_is_refused(base, tmp_path, name):
    make, code = FILE_CASES[name]
    path = make(_sheet(base), tmp_path / "kalmar-2024.xlsx")
    out = _refused(base, path, code)
    assert f"kalmar-2024.xlsx: {code} " in out or f"kalmar-2024.xlsx:0:0: {code}" in out, out


def test_a_macro_suffix_is_refused(base, tmp_path):
    path = tmp_path / "kalmar-2024.xlsm"
    shutil.copy(_sheet(base), path)
    _refused(base, path, "S102")


def _edit(path: Path, sheet_index: int, cell: str, value: object, *, formula: bool = False) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[wb.sheetnames[sheet_index]]
    ws[cell] = value
    if not formula:
        ws[cell].data_type = "s"
    name = ws.title
    wb.save(path)
    return name


HOSTILE_SETTINGS = settings(max_examples=6, deadline=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture])


@HOSTILE_SETTINGS
@given(sheet=st.integers(0, 3), row=st.integers(2, 4), column=st.sampled_from("BCDFGH"),
       kind=st.sampled_from(["formula", "escape", "bidi"]))
def test_a_formula_or_control_character_in_any_cell_is_located(base, tmp_path_factory, sheet, row, column, kind):
    path = tmp_path_factory.mktemp("cell") / "kalmar-2024.xlsx"
    shutil.copy(_sheet(base), path)
    value = {"formula": "=HYPERLINK(\"http://x\")", "escape": "text _x001B_[31m", "bidi": "a\u202eb"}[kind]
    name = _edit(path, sheet, f"{column}{row}", value, formula=kind == "formula")
    code = "T201" if kind == "formula" else "S212"
    out = _refused(base, path, code)
    assert f"kalmar-2024.xlsx:{name}!{column}{row}: {code} " in out, out


def test_damaged_tables_are_located(base, tmp_path):
    path = tmp_path / "kalmar-2024.xlsx"
    shutil.copy(_sheet(base), path)
    name = _edit(path, 0, "B1", "Mål")
    _edit(path, 0, "A3", "no such goal")  # an id has no spaces
    _edit(path, 1, "M2", "beside the table")
    out = _refused(base, path, "T106")
    assert f"{name}!B1: T106 " in out and f"{name}!A3: T202 " in out and "!M2: T207 " in out, out
    assert "T204" in out  # the goal whose row was overwritten is missing
    swedish = _refused(base, path, "T106", lang="sv")
    assert "rubriken har ändrats" in swedish and "'no such goal' kan inte vara ett id" in swedish, swedish


@pytest.mark.parametrize("damage,code,place", [
    (lambda text: text.encode("latin-1", errors="replace"), "T103", None),
    (lambda text: text.replace("Länsstyrelsens", "Läns\x1bstyrelsens", 1).encode("utf-8"), "S212", "E2"),
    (lambda text: ("Area" + text[text.index(","):]).encode("utf-8"), "T104", "A1"),
])
def test_a_damaged_csv_is_refused(base, tmp_path, damage, code, place):
    path = tmp_path / "kalmar-2024.csv"
    path.write_bytes(damage(_sheet(base, "csv").read_text(encoding="utf-8-sig")))
    out = _refused(base, path, code)
    if place:
        assert f"kalmar-2024.csv:{place}: {code} " in out, out


def test_every_sheets_code_has_both_languages():
    import re

    from mvkplan.cycle.sheets import jobs, messages  # noqa: F401  (jobs: every module, every code registered)
    from mvkplan.messages.i18n import MESSAGES

    package = Path(messages.__file__).parent
    used = {code for path in [*package.glob("*.py"), package.parent.parent / "cli" / "commands_sheets.py"]
            for code in re.findall(r'"((?:T\d{3}|S\d{3}|sheets\.\w+)(?:\.\w+)?)"', path.read_text(encoding="utf-8"))}
    assert {c for c in used if c.startswith("T")} >= {"T101", "T201", "T308"}
    for code in used:
        english, swedish = MESSAGES[code]
        assert english and swedish and english != swedish, code
