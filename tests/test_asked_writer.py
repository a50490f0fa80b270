"""The writers of issue 24's round: ``asked:`` into a follow-up's text, the status as CSV.

Any respondent id, whatever list shape the file has (missing, ``[]``, flow, block at any
indent, with comments), is appended and read back exactly by mvkplan's own reader, and every
byte of the file that was there stays; any name or question text written to the status CSV
reads back exactly and never starts a cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mvkplan.cycle.recording.yamledit import append_scalars
from mvkplan.cycle.survey.status import BlankQuestion, RespondentStatus, SurveyStatus
from mvkplan.cycle.survey.status_report import CSV_COLUMNS, csv_cell_text, status_csv
from mvkplan.source.parse import load_data

# An Id: any text without whitespace or '/' (models.common.Id), including YAML's indicators.
ids = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"), blacklist_characters="/"),
              min_size=1, max_size=12).filter(lambda s: not any(c.isspace() for c in s))

SHAPES = [
    "id: x\nkind: follow-up\n",                                        # no list yet
    "id: x\nasked: []\n",                                              # empty flow list
    "id: x\nasked: []  # fylls av export\nyear: 2025\n",
    "id: x\nasked: [a]\n",                                             # flow list
    "id: x\nasked: [a, 'b c',]\nyear: 2025\n",                         # trailing comma
    "id: x\nasked: [\n  a,  # ringd\n  b\n]\n",                        # multi-line flow with comment
    "id: x\nasked:\n  - a\n",                                          # block list
    "id: x\nasked:\n- a\n# slut\n",                                    # indentless, comment after
    "id: x\nasked:\n    -   a   # första\n    -   \"b\"\nyear: 2025\n",  # wide indent, quoted
    "id: x\nasked:\n  - a",                                            # no final newline
]


def _asked(text: str) -> list[object]:
    data, _ = load_data(text.encode("utf-8"))
    value = data.get("asked")
    return list(value) if isinstance(value, list) else []


def _is_insertions_only(old: str, new: str) -> bool:
    """Every character of ``old`` is in ``new`` in order: nothing was removed (but '[]')."""
    old = old.replace(" []", "")
    at = 0
    for char in old:
        at = new.find(char, at)
        if at < 0:
            return False
        at += 1
    return True


@settings(max_examples=300, deadline=None)
@given(shape=st.sampled_from(SHAPES), new=st.lists(ids, min_size=1, max_size=4))
@example(shape=SHAPES[3], new=["*a", "? x", "#c", "- d", "'e", "yes", "null", "0x1", "2025-01-01", ":f", "g,", "]"])
@example(shape=SHAPES[6], new=["&x", "!!str", "%y", "@z", "`q", "|", ">", "=cmd", "\ufeffbom"])
def test_any_id_is_appended_and_read_back_exactly(shape, new):
    before = _asked(shape)
    text = append_scalars(shape, "asked", new)
    assert _asked(text) == [*before, *new]
    assert _is_insertions_only(shape, text)
    data, _ = load_data(text.encode("utf-8"))
    assert data["id"] == "x"
    if "year" in shape:
        assert str(data["year"]) == "2025"


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(names=st.lists(st.tuples(ids, texts), min_size=1, max_size=4, unique_by=lambda p: p[0]))
@example(names=[("=cmd", "=HYPERLINK(\"http://x\")"), ("+1", "'quoted"), ("@a", "-2+3"), ("x", "\tTab\r\nCR")])
def test_status_csv_reads_back_exactly_and_runs_no_formula(names):
    status = SurveyStatus("plan", 2025, None, tuple(
        RespondentStatus(key, name, True, False, 2, (BlankQuestion(f"{key}/q#women", name),)) for key, name in names))
    rows = list(csv.reader(io.StringIO(status_csv(status), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(csv_cell_text(r[0]), csv_cell_text(r[1])) for r in rows[1:]] == names
    assert [csv_cell_text(r[6]) for r in rows[1:]] == [f"{key}/q#women" for key, _ in names]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
