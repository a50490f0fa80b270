"""Properties of follow-ups (``kind: follow-up``): generated, broken and mangled ones.

Hypothesis draws a valid plan and one or two valid follow-ups of it (tests/generated_followup.py)
and puts them beside the real ``plans/``:

- a valid follow-up validates without an error, lint runs, and ``mvkplan report`` and the
  follow-up's page render it (HTML, Markdown, JSON) without error;
- a follow-up broken in one known way (an unknown indicator, a value of the wrong type, a
  duplicate …) is reported with that code, located in the follow-up's file;
- a follow-up whose text is mangled (a YAML indicator written over a few bytes) never makes
  ``validate`` crash or print a traceback; it exits 0 or 1.

Every problem validate reports has a file, a line and column (≥ 1) inside that file, and a
stable code with a message in both languages. Example counts follow the Hypothesis profile of
tests/test_properties.py (``ci`` in CI; ``MVKPLAN_HYPOTHESIS_PROFILE=release`` for a long run).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from followup_mutations import MUTATIONS, Broken, Mutation, broken_follow_up
from generated import to_yaml
from generated_followup import plan_with_follow_ups
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import workspace  # noqa: F401  (the project fixture; loads the Hypothesis profile)

from conftest import run_cli
from mvkplan.checks.lint import lint
from mvkplan.checks.validate import validate
from mvkplan.messages.i18n import MESSAGES
from mvkplan.messages.problems import Severity
from mvkplan.project.config import Project
from mvkplan.publish.render.pages import render_document
from mvkplan.publish.report.render import render_report
from mvkplan.views.report.build import build_report, report_data

EXAMPLES = max(4, settings().max_examples // 4)
CODE = re.compile(r"\A(E[1-5]\d\d|MVK\d{3})\Z")
MANGLINGS = ["", "&a ", "*a", "!!str ", "\t", ":", "- ", "'", '"', "[", "{", "#", "|\n", "\n---\n",
             "? ", "\n  ", "x: y\n", "@", "`", "\ufeff", "\x00", "ä"]


def _place(root: Path, documents: list[dict[str, Any]]) -> dict[str, Path]:
    """Write the documents to plans/gen/ (emptied first); id → file."""
    folder = root / "plans" / "gen"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = {}
    for data in documents:
        paths[data["id"]] = folder / f"{data['id']}.yaml"
        paths[data["id"]].write_text(to_yaml(data), encoding="utf-8")
    return paths


def _located(root: Path, problems: list[dict[str, Any]]) -> None:
    """Every problem names a file of the project, a line and column inside it, and a stable code."""
    for problem in problems:
        assert CODE.match(problem["code"]) and problem["code"] in MESSAGES, problem
        path = root / problem["path"]
        assert path.is_file(), problem
        # YAML breaks lines at \n, \r\n and \r only (not at U+2028 or U+0085, as splitlines does)
        lines = re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8", errors="replace"))
        line, column = problem["line"], problem["column"]
        assert isinstance(line, int) and isinstance(column, int), problem
        assert 1 <= line <= len(lines), (problem, len(lines))
        assert 1 <= column <= len(lines[line - 1]) + 1, (problem, lines[line - 1])


def _validate_cli(root: Path, lang: str = "en") -> list[dict[str, Any]]:
    """``mvkplan validate`` as JSON and as text (source lines, carets), and ``mvkplan check``, in
    ``lang``: exit 0 or 1, no traceback, the same answer; the problems validate reports."""
    result = run_cli("validate", "--format", "json", "--lang", lang, cwd=root)
    assert result.exit_code in (0, 1), result
    assert "Traceback" not in result.stdout + result.stderr, result
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    assert (result.exit_code == 1) == any(p["severity"] == "error" for p in problems), result
    assert all(p["message"] for p in problems), problems
    text = run_cli("validate", "--lang", lang, cwd=root)
    assert text.exit_code == result.exit_code and "Traceback" not in text.stdout + text.stderr, text
    check = run_cli("check", "--lang", lang, cwd=root)  # lint's rules over the same documents
    assert check.exit_code in (result.exit_code, 1) and "Traceback" not in check.stdout + check.stderr, check
    return problems


@given(pair=plan_with_follow_ups())
@settings(max_examples=EXAMPLES)
def test_a_valid_follow_up_validates_clean_and_reports(
    workspace: Path, pair: tuple[dict[str, Any], list[dict[str, Any]]],  # noqa: F811
) -> None:
    plan, follow_ups = pair
    paths = _place(workspace, [plan, *follow_ups])
    project = Project(root=workspace)
    corpus, problems = validate(project)
    errors = [p for p in problems if p.severity >= Severity.ERROR]
    assert errors == [], ([paths[f["id"]].read_text(encoding="utf-8") for f in follow_ups], errors)
    lint(project)
    for data in follow_ups:
        report = build_report(corpus.index, plan["id"], data["year"])
        assert report_data(report)["year"] == data["year"]
        for fmt in ("html", "md"):
            assert render_report(report, fmt)
        assert render_document(corpus.index, data["id"], "html")
    latest = follow_ups[-1]
    result = run_cli("report", plan["id"], "--year", str(latest["year"]), "--format", "md", "-o", "-",
                     cwd=workspace)
    assert result.exit_code == 0 and result.stdout, result
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__.strip("_"))
def test_a_broken_follow_up_is_reported_with_its_code_where_it_is(
    workspace: Path, mutation: Mutation,  # noqa: F811
) -> None:
    @given(broken=broken_follow_up(mutation))
    @settings(max_examples=max(2, settings().max_examples // len(MUTATIONS)),
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow, HealthCheck.data_too_large])
    def check(broken: Broken) -> None:
        _check_broken(workspace, broken)

    check()


def _check_broken(root: Path, broken: Broken) -> None:
    paths = _place(root, [broken.plan, broken.follow_up])
    problems = _validate_cli(root, broken.lang)
    _located(root, problems)
    shown = paths[broken.follow_up["id"]].relative_to(root).as_posix()
    codes = {p["code"] for p in problems if p["path"] == shown}
    assert broken.code in codes, (broken.mutation, broken.code, problems,
                                  paths[broken.follow_up["id"]].read_text(encoding="utf-8"))


@given(pair=plan_with_follow_ups(), data=st.data())
@settings(max_examples=EXAMPLES)
def test_a_mangled_follow_up_never_crashes_validate(
    workspace: Path, pair: tuple[dict[str, Any], list[dict[str, Any]]], data: st.DataObject,  # noqa: F811
) -> None:
    plan, follow_ups = pair
    paths = _place(workspace, [plan, follow_ups[0]])
    path = paths[follow_ups[0]["id"]]
    text = path.read_bytes()
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    path.write_bytes(text[:at] + data.draw(st.sampled_from(MANGLINGS)).encode() + text[at + cut:])
    problems = _validate_cli(workspace, data.draw(st.sampled_from(["en", "sv"])))
    _located(workspace, problems)
