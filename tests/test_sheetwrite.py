"""The survey's workbook writer, which the consultation's response workbooks share: any text a
cell is given reads back exactly (less what an .xlsx cannot hold), as text, never a formula."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from conftest import run_cli
from mvkplan.cycle.survey import sheetwrite
from mvkplan.cycle.survey.signing import SignedQuestion

FORMULA_LIKE = st.sampled_from(["=", "+", "-", "@", "=SUM(A1:A2)", "=HYPERLINK(\"x\")", "'"])


@settings(max_examples=150, deadline=None)
@given(first=st.text(max_size=40), start=FORMULA_LIKE, second=st.text(max_size=40))
def test_any_text_reads_back_as_written(first: str, start: str, second: str) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    value = start + first
    sheetwrite.text(ws["A1"], value)
    meta = wb.create_sheet("mvkplan")
    sheetwrite.metadata(meta, [("plan", second)], [SignedQuestion(2, first, "text", value)])
    buffer = io.BytesIO()
    wb.save(buffer)
    loaded = load_workbook(io.BytesIO(buffer.getvalue()))
    back, meta_back = loaded.worksheets
    expected = sheetwrite.storable(value)
    assert back["A1"].data_type == "s" and (back["A1"].value or "") == expected
    # the identity, then the signed rows right below it, each cell as written
    assert [(c.value or "") for c in meta_back[1]] == ["plan", sheetwrite.storable(second), "", ""]
    assert [(c.value or "") for c in meta_back[2]] == ["2", sheetwrite.storable(first), "text", expected]
    assert all(c.data_type == "s" for row in meta_back.iter_rows() for c in row if c.value is not None)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=80))
def test_storable_keeps_every_text_without_control_characters(value: str) -> None:
    assert sheetwrite.storable(value) == value


@pytest.mark.parametrize("control", ["\\x01", "\\x1b", "\\x7f"])
def test_a_plan_title_with_a_control_character_exports(real_project, control) -> None:
    """The workbook's title property went into the XML unstripped: lxml ended the export with
    a traceback for a title written with a YAML escape."""
    plan = real_project / "plans" / "kalmar" / "kalmar-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("title: "))
    plan.write_text(text.replace(first, f'title: "Plan{control} med styrtecken"', 1), encoding="utf-8")
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "kalmar-kommun",
                     "--out", str(real_project / "ut"), cwd=real_project)
    assert result.exit_code == 0, result
    assert (real_project / "ut" / "kalmar-2024-2025-kalmar-kommun.xlsx").is_file()
