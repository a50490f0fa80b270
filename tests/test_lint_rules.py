"""Every rule, both ways: one YAML fixture per rule in tests/rules/, with passing and failing cases.

A fixture holds ``rule`` and ``cases``; each case has ``document`` (written to plans/plan.yaml)
or ``files`` (path → text), optional rule ``options``, and ``expect``: the (line, code) pairs
the rule must report, in order. The rule runs alone, as with ``--select CODE``.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml

from mvkplan.checks.lint import lint
from mvkplan.checks.rules import RULES
from mvkplan.project.config import Project, Settings

FIXTURES = Path(__file__).parent / "rules"


def load_fixture(code: str) -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / f"{code}.yaml").read_text(encoding="utf-8"))
    assert data["rule"] == code
    return data


def cases() -> list[Any]:
    params = []
    for fixture in sorted(FIXTURES.glob("MVK*.yaml")):
        data = load_fixture(fixture.stem)
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}"))
    return params


def check(tmp_path: Path, code: str, case: dict[str, Any]) -> list[tuple[int, str]]:
    files = case.get("files") or {"plans/plan.yaml": case["document"]}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    rules = {code: case["options"]} if "options" in case else {}
    project = Project(tmp_path, Settings(select=[code], rules=rules))
    result = lint(project)
    assert not result.corpus.loaded.problems, "fixture documents must load"
    return [(p.line, p.code) for p in result.problems]


@pytest.mark.parametrize(("code", "case"), cases())
def test_rule_case(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    expected = [tuple(pair) for pair in case["expect"]]
    assert check(tmp_path, code, case) == expected


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_a_passing_and_a_failing_case(rule: Any) -> None:
    assert (FIXTURES / f"{rule.code}.yaml").is_file(), f"add tests/rules/{rule.code}.yaml"
    expectations = [case["expect"] for case in load_fixture(rule.code)["cases"]]
    assert [] in expectations, "a case the rule passes"
    assert any(expectations), "a case the rule fails"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_message_exists_in_both_languages_with_the_same_placeholders(rule: Any) -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (english, swedish) in rule.messages.items():
        assert english and swedish, key
        # Swedish texts may use their own variants of a value (e.g. what_sv for what).
        assert {f.removesuffix("_sv") for f in fields(swedish)} == {
            f.removesuffix("_sv") for f in fields(english)
        }, (key, english, swedish)


def test_registry_is_in_code_order_without_gaps_or_duplicates() -> None:
    codes = [rule.code for rule in RULES]
    assert codes == [f"MVK{n:03d}" for n in range(1, len(RULES) + 1)]
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize(("code", "case"), cases())
def test_build_lints_the_corpus_it_loaded_as_lint_does(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    """``build`` runs the rules over the corpus it loaded for its pages (``lint_of``), not a
    second load: every rule case gives the same findings, words and places as ``lint``."""
    from mvkplan.checks.lint import lint_of
    from mvkplan.publish.render.single import loaded_for_pages

    check(tmp_path, code, case)  # writes the case's files
    rules = {code: case["options"]} if "options" in case else {}
    project = Project(tmp_path, Settings(select=[code], rules=rules))

    def shown(problems: list[Any]) -> list[tuple[object, ...]]:
        return [(p.path, p.line, p.column, p.code, p.severity, p.message, p.hint) for p in problems]

    built = lint_of(loaded_for_pages(project, cache=False)[0])
    assert shown(built.problems) == shown(lint(project, cache=False).problems)
