"""Text rules find exactly what searching every value would, however cheaply they look.

The placeholder, contact and regulation rules first ask the file's bytes, then the joined
values, whether anything could match (see ``mvkplan.checks.rules.text``). These tests hold them to
the plain search: every way of writing a value, findings located where they stand, and the
same problems from slices of the documents as from all at once.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvkplan.checks import lint as lint_module
from mvkplan.checks.lint import lint
from mvkplan.checks.rules.personal_contact import _contacts
from mvkplan.checks.rules.placeholder_text import PLACEHOLDERS
from mvkplan.checks.rules.text import LOOKALIKES
from mvkplan.project.config import Project, Settings
from mvkplan.source.parse import load_data

HEAD = "id: plan\nkind: regional-plan\ntitle: Plan\n"


def found(root: Path, *select: str, **rules: dict[str, object]) -> list[tuple[int, int, str, str]]:
    project = Project(root, Settings(select=list(select), rules=rules))
    return [(p.line, p.column, p.code, p.message) for p in lint(project, cache=False).problems]


def write(root: Path, text: str, name: str = "plan.yaml") -> None:
    (root / "plans").mkdir(exist_ok=True)
    (root / "plans" / name).write_text(text, encoding="utf-8")


def test_findings_deep_in_a_long_text_are_located_where_they_stand(tmp_path: Path) -> None:
    lines = [f"    Rad {n} av en lång text om samverkan mellan länets aktörer." for n in range(200)]
    lines[120] = "    Här står det TODO mitt i texten."
    lines[150] = "    Ring 070-123 45 67 eller skriv till anna.andersson@lansstyrelsen.se."
    write(tmp_path, HEAD + "period: {start: 2024, end: 2026}\nsections:\n  - id: lang\n"
          "    title: Lång\n    body: |\n" + "\n".join("  " + line for line in lines)
          + "\n  - id: kort\n    title: Enligt SOSFS 2014:4\n")
    body = 9  # the line of the body's first text line
    assert found(tmp_path, "MVK006", "MVK012", "MVK013") == [
        (body + 120, 20, "MVK013", "placeholder text 'TODO'"),
        (body + 150, 12, "MVK012", "phone number '070-123 45 67'"),
        (body + 150, 43, "MVK012", "personal e-mail address 'anna.andersson@lansstyrelsen.se'"),
        (body + 201, 19, "MVK006", "cites SOSFS 2014:4, superseded by HSLF-FS 2022:39 from "
                                   "2023-01-01, but the document applies from 2024-01-01"),
    ]


@pytest.mark.parametrize(("value", "expected"), [
    ('"\\x54ODO och \\u0040"', [(4, 9, "MVK013", "placeholder text 'TODO'")]),  # escapes
    ("'lorem ip\u017fum'", [(4, 10, "MVK013", "placeholder text 'lorem ip\u017fum'")]),  # long s
    ("f\u0131xme", [(4, 9, "MVK013", "placeholder text 'f\u0131xme'")]),  # dotless i
    (">-\n  lorem\n  ipsum", [(4, 9, "MVK013", "placeholder text 'lorem ipsum'")]),  # folded
    ("'??''???'", [(4, 14, "MVK013", "placeholder text '???'")]),
    ("Fyll\u2028i", []),  # a line separator is no space, here
    ('"[fyll\n  i här]"', [(4, 9, "MVK013", "placeholder text '[fyll i här]'")]),  # folded quote
])
def test_placeholders_are_found_however_the_value_is_written(
    tmp_path: Path, value: str, expected: list[tuple[int, int, str, str]]
) -> None:
    write(tmp_path, HEAD + f"vision: {value}\n")
    assert found(tmp_path, "MVK013") == expected


def test_patterns_of_ones_own_see_nulls_as_written(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "subtitle: ~\npurpose: null\nvision: Ett län\n")
    assert found(tmp_path, "MVK013", **{"MVK013": {"patterns": ["^null$", "^~$"]}}) == [
        (4, 11, "MVK013", "placeholder text '~'"), (5, 10, "MVK013", "placeholder text 'null'")]


def test_a_suppression_comment_is_seen_in_any_spelling(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "vision: TODO  # MV\u212aPLAN :ignore[MVK013]\npurpose: TODO\n")
    assert found(tmp_path, "MVK013") == [(5, 10, "MVK013", "placeholder text 'TODO'")]


def test_lookalikes_are_every_character_ignorecase_takes_for_an_ascii_letter() -> None:
    everything = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        taken = set(re.findall(f"(?i){letter}", everything))
        assert taken == set(LOOKALIKES.get(letter, "")), letter


FRAGMENTS = ["TODO", "tOdO", "xxx", "XXXX", "lorem ipsum", "Lorem  ipsum", "???", "[fyll i", "]",
             "<fyll i>", "anna.andersson@lansstyrelsen.se", "a.b@c.se", "@", "070-123 45 67",
             "+46 (0)70 123 45 67", "010 \u2013 223 64 36", "0880", "2024-01-01", " ", "\n", "\t",
             "ord", "å", "-", "0", "12", "FIXME", "tbd", "\u017f", "\u0131", "\u0130", "\u212a",
             "\u2028", "\u0085", "\u00a0", "\u0663\u0664", '"', "'", "\\", "#", ": "]


@settings(max_examples=80, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=10),
       style=st.sampled_from(["json", "ascii-json", "single", "literal", "folded"]))
def test_text_rules_find_what_a_search_of_every_value_finds(
    tmp_path: Path, parts: list[str], style: str
) -> None:
    text = "".join(parts)
    if style in ("json", "ascii-json"):
        written = json.dumps(text, ensure_ascii=style == "ascii-json")
    elif style == "single":
        written = "'" + text.replace("'", "''") + "'"
    else:
        indicator = "|-" if style == "literal" else ">-"
        written = indicator + "".join(f"\n  {line}" for line in text.split("\n"))
    source = HEAD + f"vision: {written}\n"
    try:
        value = load_data(source.encode())[0]["vision"]
    except Exception:  # noqa: BLE001 - not YAML, or a document loading refuses: not this test's
        return
    if not isinstance(value, str) or not value.strip():
        return
    write(tmp_path, source)
    placeholder = re.compile("|".join(PLACEHOLDERS), re.IGNORECASE)
    # The same text twice in a value is located twice at its first place: one problem.
    expected = sorted({f"placeholder text '{m.group(0)}'" for m in placeholder.finditer(value)} | {
        ("personal e-mail address '{}'" if key == "message.email" else "phone number '{}'").format(found)
        for key, found in _contacts(value)})
    project = Project(tmp_path, Settings(select=["MVK012", "MVK013"]))
    result = lint(project, cache=False)
    if result.corpus.loaded.problems:
        return
    assert sorted({p.message for p in result.problems}) == expected, value


def test_rules_shown_slices_of_the_documents_find_what_they_find_in_all_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = Path(__file__).parent / "rules"
    for n, fixture in enumerate(sorted(fixtures.glob("MVK*.yaml"))):
        for k, case in enumerate(_yaml(fixture)["cases"]):  # type: ignore[index]
            if "document" in case:
                write(tmp_path, case["document"].replace("id: plan\n", f"id: plan-{n}-{k}\n", 1)
                      + "# mvkplan: ignore[MVK017]\n", f"plan-{n}-{k}.yaml")
    runs = []
    for size in (3, 10_000):
        monkeypatch.setattr(lint_module, "SLICE", size)
        problems = lint(Project(tmp_path, Settings()), cache=False).problems
        runs.append([(p.path, p.line, p.column, p.code, p.message, p.severity, p.hint)
                     for p in problems])
    assert runs[0] == runs[1]
    assert len({path for path, *_ in runs[0]}) > 20


def _yaml(path: Path) -> dict[str, object]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data
