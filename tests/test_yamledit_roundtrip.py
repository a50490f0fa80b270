"""Any text a cell can hold, written into a follow-up, reads back exactly (mvkplan's own loader).

Guards the question-mark crash (the emitter's scalar analysis called outside its serializer
raised AttributeError on any '?') and every quoting decision of ``render_scalar``: each text is
written as an answer and a comment, appended and as a replacement, and in a flow list. Run it
on the lowest and the highest ruamel.yaml that ``pyproject.toml`` allows (see CI).
"""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from survey_support import QUESTIONS, fill, follow_up, survey_project

from conftest import PLANS, run_cli
from mvkplan.cycle.recording.yamledit import Update, edit_lists, render_value
from mvkplan.loading.validation import load_bytes
from mvkplan.models import FollowUp
from mvkplan.source.parse import load_data
from mvkplan.source.positions import first_control_character

YAML_SIGNIFICANT = [
    "?", "? a", "Gäller det även friskolorna?", "a ? b", "a: b", ": a", "a:", "#", "a #b", "# a", "'", '"',
    "it's", '"a"', "'a'", "-", "- a", "-a", "--", "---", "...", "*a", "&a", "!!tag", "!a", "%YAML", "@a", "`a",
    "|", ">", "|-", "{a: b}", "[a]", "a, b", "a]", "{", "~", "null", "Null", "NULL", "yes", "no", "Yes", "NO",
    "on", "off", "y", "n", "true", "False", "2024-01-01", "2024-01-01 12:00", "12:30", "07", "0x1F", "0o7",
    "1_000", "1e3", ".5", "-1", "+1", ".inf", "-.Inf", ".nan", "12,5", " a", "a ", "  ", " ", "a  b",
    "a\nb", "a\n", "\na", "a\r\nb", "a\tb", "\t", "a\u2028b", "a\u2029b", "\ufeffa", "a\\nb", "\\", "é",
    "a" * 300, "word " * 80, "=", "<<", "<< : a", "a\n\nb", "\u00a0a", "a\u00a0",
]

texts = st.one_of(
    st.sampled_from(YAML_SIGNIFICANT),
    st.text(min_size=1),
    st.lists(st.sampled_from(YAML_SIGNIFICANT) | st.text(max_size=3), min_size=2, max_size=5).map("".join),
).filter(lambda text: text != "" and first_control_character(text) is None)  # both refused, never written

VALUES_TEXT = QUESTIONS.replace("values: []\n", """values:
  - indicator: samverkan-civilsamhalle-naringsliv/viktigaste-insats
    respondent: kalmar-kommun
    value: Tidigare svar
    comment: Tidigare kommentar  # handskriven
    source: Enkät 2025
""")


def _values(text: str) -> list:
    loaded, problems = load_bytes(text.encode("utf-8"), "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml")
    assert not problems, (problems, text)
    assert loaded is not None and isinstance(loaded.model, FollowUp)
    return loaded.model.values


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts)
@example("Gäller det även friskolorna?", "Vad? Med vem?")
def test_appended_answer_and_comment_read_back_exactly(answer, comment):
    entry = {"indicator": "samverkan-civilsamhalle-naringsliv/viktigaste-insats", "respondent": "kalmar-kommun",
             "value": answer, "comment": comment, "source": comment}
    written = edit_lists(QUESTIONS, {"values": ([], [entry])})
    [value] = _values(written)
    assert (value.value, value.comment, value.source) == (answer, comment, comment)
    plain = load_data(written.encode("utf-8"))[0]
    assert plain["values"] == [entry]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts)
@example("?", "a ? b")
def test_replaced_answer_and_comment_read_back_exactly_and_nothing_else_changes(answer, comment):
    match = {"indicator": "samverkan-civilsamhalle-naringsliv/viktigaste-insats", "respondent": "kalmar-kommun",
             "sex": None, "year": None}
    written = edit_lists(VALUES_TEXT, {"values": ([Update(match, {"value": answer, "comment": comment})], [])})
    [value] = _values(written)
    assert (value.value, value.comment, value.source) == (answer, comment, "Enkät 2025")
    assert written.startswith(VALUES_TEXT[:VALUES_TEXT.index("  - indicator: samverkan")])
    assert written.endswith("  # handskriven\n    source: Enkät 2025\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
@example(["a, b", "?", "x]"])
def test_a_flow_list_of_texts_reads_back_exactly(items):
    written = f"tags: {render_value(items)}\nother: {render_value({'name': items[0]})}\n"
    assert "\n" not in written.rstrip("\n").replace("\n", "", 1)  # two lines, one per key
    plain = load_data(written.encode("utf-8"))[0]
    assert plain == {"tags": items, "other": {"name": items[0]}}


def test_survey_import_records_question_marks_and_yaml_characters(tmp_path):
    """The real command on real workbooks: each municipality answers and comments with a
    different YAML-significant text (the import strips cell text, so none starts or ends blank)."""
    from openpyxl import load_workbook

    project = survey_project(tmp_path)
    assert run_cli("survey", "export", "kalmar-2024", "--year", "2025", cwd=project).exit_code == 0
    folder = project / "build" / "enkat" / "kalmar-2024-2025"
    samples = [s for s in YAML_SIGNIFICANT if s.strip() == s and s and "\n" not in s and "\r" not in s
               and "\t" not in s and "\u2028" not in s and "\u2029" not in s and "\ufeff" not in s]
    expected = {}
    for index, path in enumerate(sorted(folder.glob("*.xlsx"))):
        fill(path, index)
        answer, comment = samples[(2 * index) % len(samples)], samples[(2 * index + 1) % len(samples)]
        wb = load_workbook(path)
        ws = wb["Enkät"]
        row = next(r for r in range(2, ws.max_row + 1) if str(ws[f"F{r}"].value or "").startswith("Fritext"))
        ws[f"G{row}"] = answer
        ws[f"I{row}"] = comment
        wb.save(path)
        expected[path.stem.removeprefix("kalmar-2024-2025-")] = (answer, comment)
    imported = run_cli("survey", "import", str(folder), cwd=project)
    assert imported.exit_code == 0, imported
    assert "Traceback" not in imported.stdout + imported.stderr
    recorded = {v.respondent: (v.value, v.comment) for v in follow_up(project).values
                if v.indicator.endswith("/viktigaste-insats")}
    assert recorded == expected
    assert run_cli("validate", cwd=project).exit_code == 0
    again = run_cli("survey", "import", str(folder), cwd=project)
    assert again.exit_code == 0 and "0 new, 0 changed" in again.stdout, again
    shutil.rmtree(folder)


CONTROLS = st.sampled_from([*map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]),
                            "\ufffe", "\uffff", "\r"])


@settings(max_examples=100, deadline=None)
@given(texts, CONTROLS, st.data(), st.sampled_from(["value", "comment"]))
def test_a_control_character_is_refused_at_import_not_written(text, control, data, where):
    from mvkplan.cycle.recording.record import Batch, NewValue, Place, prepare
    from mvkplan.loading.load import load_file

    at = data.draw(st.integers(0, len(text)))
    bad = text[:at] + control + text[at:]
    plan = load_file(PLANS / "kalmar" / "kalmar-2024.yaml", "plans/kalmar/kalmar-2024.yaml")
    assert plan.document is not None
    place = Place("svar.xlsx", place="svar.xlsx:Enkät!G7")
    value = NewValue("samverkan-civilsamhalle-naringsliv/viktigaste-insats", "kalmar-kommun", None,
                     bad if where == "value" else "svar", bad if where == "comment" else None, "Enkät 2025",
                     "text", place)
    batch = Batch(plan.document, 2025, None, "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml", values=[value])
    result = prepare(batch, None, overwrite=False, conflict="S301", replaced="S302")
    assert result.text is None
    assert [(p.code, p.place) for p in result.problems] == [("R105", "svar.xlsx:Enkät!G7")]
