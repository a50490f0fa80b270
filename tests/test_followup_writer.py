"""Writing into a hand-edited follow-up: comments, key order, quoting, indentation and every
value the import does not touch survive byte for byte; only the new values change."""

from __future__ import annotations

import difflib

import pytest
from survey_support import fill, follow_up, survey_project

from conftest import run_cli
from mvkplan.cycle.recording.yamledit import EditError, Update, edit_list, render_scalar

HAND_EDITED = """\
# Uppföljning 2025 – handredigerad av samordnaren
id: kalmar-2024-2025   # = filnamnet
kind: follow-up
title: 'Årlig uppföljning 2025 av regional handlingsplan för Kalmar län 2024–2026'
plan: "kalmar-2024"
year: 2025
county: kalmar
status: draft
respondents:
  -   municipality: kalmar-kommun    # svarade först
indicators:
  - {id: mvp-i-grundskolan, goal: likvardig-kunskap, title: "Arbetar kommunen med MVP i grundskolan?",
     type: yes-no, reported_by: [municipality]}
  - id: personal-grundutbildad
    goal: likvardig-kunskap
    title: Andel av socialtjänstens personal som gått grundutbildning om våld
    type: percent
    reported_by: [ municipality ]

values:
  # Kalmar ringde in sitt svar i mars
  -   indicator: likvardig-kunskap/mvp-i-grundskolan
      respondent: kalmar-kommun
      value: 'ja'        # bekräftat per telefon
      comment: >-
        Alla skolor
        från höstterminen.
      source: Telefon

# Slutsatser skrivs i april.
assessments: []
"""


def test_a_survey_import_changes_only_the_new_values(tmp_path):
    project = survey_project(tmp_path)
    path = project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    assert run_cli("validate", str(path), cwd=project).exit_code == 0
    exported = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "nybro-kommun", cwd=project)
    assert exported.exit_code == 0, exported
    workbook = project / "build/enkat/kalmar-2024-2025/kalmar-2024-2025-nybro-kommun.xlsx"
    fill(workbook, 3)
    result = run_cli("survey", "import", str(workbook), cwd=project)
    assert result.exit_code == 0, result
    after = path.read_text(encoding="utf-8")
    diff = list(difflib.ndiff(HAND_EDITED.splitlines(keepends=True), after.splitlines(keepends=True)))
    removed = [line for line in diff if line.startswith("- ")]
    added = "".join(line[2:] for line in diff if line.startswith("+ "))
    assert removed == [], "".join(removed)
    assert added == (
        "  -   municipality: nybro-kommun\n"
        "  -   indicator: likvardig-kunskap/mvp-i-grundskolan\n"
        "      respondent: nybro-kommun\n"
        "      value: ja\n"
        "      comment: Kommentar 3\n"
        "      source: Enkät 2025\n"
        "  -   indicator: likvardig-kunskap/personal-grundutbildad\n"
        "      respondent: nybro-kommun\n"
        "      value: 26,5\n"
        "      source: Enkät 2025\n"
        "asked:\n"  # written by the export, after the file's last line
        "  - nybro-kommun\n"
    )
    model = follow_up(project)
    assert [(v.respondent, v.value) for v in model.values] == [
        ("kalmar-kommun", "ja"), ("nybro-kommun", "ja"), ("nybro-kommun", "26,5")]
    assert run_cli("validate", str(path), cwd=project).exit_code == 0


def test_overwrite_replaces_just_the_value_text(tmp_path):
    text = HAND_EDITED
    out = edit_list(text, "values", [Update(
        {"indicator": "likvardig-kunskap/mvp-i-grundskolan", "respondent": "kalmar-kommun", "sex": None},
        {"value": "nej", "source": "Enkät 2025"})], [])
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert changed == [
        ("      value: 'ja'        # bekräftat per telefon", '      value: nej        # bekräftat per telefon'),
        ("      source: Telefon", "      source: Enkät 2025"),
    ]


def test_a_block_scalar_is_replaced_whole_and_a_new_field_goes_below_the_entry():
    text = "values:\n  - a: 1\n    comment: |\n      två\n      rader\n# slut\n"
    out = edit_list(text, "values", [Update({"a": "1"}, {"comment": "ny", "source": "Kolada N00945"})], [])
    assert out == "values:\n  - a: 1\n    comment: ny\n    source: Kolada N00945\n# slut\n"


def test_an_empty_flow_list_and_a_missing_list_become_block_lists():
    assert edit_list("id: a\nvalues: []   # tom\nnote: x\n", "values", [], [{"a": 1}]) == \
        "id: a\nvalues:   # tom\n  - a: 1\nnote: x\n"
    assert edit_list("id: a\nnote: x", "values", [], [{"a": 1, "b": None, "c": [1, "x y"]}]) == \
        "id: a\nnote: x\nvalues:\n  - a: 1\n    c: [1, x y]\n"


def test_a_flow_list_with_entries_is_not_rewritten():
    with pytest.raises(EditError):
        edit_list("values: [{a: 1}]\n", "values", [], [{"a": 2}])


@pytest.mark.parametrize("value, text", [
    ("ja", "ja"), ("no", '"no"'), ("12", "'12'"), ("2024-01-01", "'2024-01-01'"), ("a: b", "'a: b'"),
    ("två\nrader", '"två\\nrader"'), (True, "true"), (12.0, "12"), ("#1", "'#1'"),
])
def test_scalars_are_quoted_where_yaml_would_misread_them(value, text):
    assert render_scalar(value) == text
