"""A cold ``lint`` validates each document once, and every route to the rules finds the same.

A cold run (``--no-cache``) loads the files in the process that runs the rules and forks
the rules' workers over the models it holds; a run that knows documents from their cache
entries validates them again in those workers; a run in one process does all of it in one.
Every route must give the same report, byte for byte, for generated documents, the real
plans, the broken suites and every case of the rule fixtures (so that each rule of document
scope has something to find), under generated rule selections and settings.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from generated import document, to_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, REPO, run_cli
from mvkplan.checks import lint as lint_module
from mvkplan.checks.rules import RULES
from mvkplan.checks.rules.base import DOCUMENT
from mvkplan.loading import documents, many, validation

sys.path.insert(0, str(REPO / "benchmarks"))
from _realistic import write_corpus  # noqa: E402 - the benchmark's own corpus

TESTS = Path(__file__).parent
CODES = [rule.code for rule in RULES]
DOCUMENT_CODES = [rule.code for rule in RULES if rule.scope == DOCUMENT]


def _fixture_cases(root: Path) -> None:
    """Every case of ``tests/rules/*.yaml`` as files of the project: a one-document case as
    a file named by its id, a case of several files in a folder of its own."""
    for fixture in sorted((TESTS / "rules").glob("MVK*.yaml")):
        cases = yaml.safe_load(fixture.read_text(encoding="utf-8"))["cases"]
        for number, case in enumerate(cases):
            stem = f"{fixture.stem.lower()}-{number}"
            if isinstance(case.get("files"), dict):
                for name, text in case["files"].items():
                    target = root / "plans" / "cases" / stem / Path(name).name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text, encoding="utf-8")
            elif isinstance(case.get("document"), str):
                text = re.sub(r"(?m)^id:.*$", f"id: {stem}", case["document"], count=1)
                if number % 2:  # a suppression comment of the case's own rule on its title
                    text = re.sub(r"(?m)^(title:.*)$", rf"\1  # mvkplan: ignore[{fixture.stem}]",
                                  text, count=1)
                (root / "plans" / "cases" / f"{stem}.yaml").write_text(text, encoding="utf-8")


def _project(root: Path, generated: list[dict[str, Any]], config: str) -> None:
    """The real plans, the broken suites, the rule fixtures' cases and ``generated``."""
    shutil.copytree(PLANS, root / "plans")
    for suite in ("broken", "broken_followup"):
        shutil.copytree(TESTS / suite, root / "plans" / suite)
    (root / "plans" / "cases").mkdir()
    _fixture_cases(root)
    (root / "plans" / "generated").mkdir()
    for data in generated:
        (root / "plans" / "generated" / f"{data['id']}.yaml").write_text(to_yaml(data), encoding="utf-8")
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n' + config, encoding="utf-8")


_settings = st.fixed_dictionaries({
    "severity": st.dictionaries(st.sampled_from(CODES), st.sampled_from(["error", "warning", "info"]),
                                max_size=3),
    "per-path": st.dictionaries(st.sampled_from(["plans/cases/mvk01*", "plans/broken", "plans/generated/*"]),
                                st.lists(st.sampled_from(CODES), min_size=1, max_size=3), max_size=2),
})


def _config(chosen: dict[str, Any]) -> str:
    lines = ["[severity]", *(f'{code} = "{level}"' for code, level in chosen["severity"].items()),
             "[per-path-ignores]",
             *(f'"{pattern}" = {json.dumps(codes)}' for pattern, codes in chosen["per-path"].items())]
    return "\n".join(lines) + "\n"


def _lint(root: Path, arguments: list[str], jobs: str, *, cache: bool = False) -> tuple[int, str]:
    result = run_cli("lint", *(() if cache else ("--no-cache",)), "--format", "json", *arguments,
                     cwd=root, env={"MVKPLAN_JOBS": jobs})
    return result.exit_code, result.stdout


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(generated=st.lists(document(), max_size=6, unique_by=lambda data: data["id"]),
       chosen=_settings,
       arguments=st.sampled_from([[], ["--select", ",".join(DOCUMENT_CODES)], ["--ignore", "MVK002,MVK013"],
                                  ["--select", "MVK01"], ["plans/cases"]]))
def test_every_route_to_the_rules_finds_the_same(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    generated: list[dict[str, Any]], chosen: dict[str, Any], arguments: list[str],
) -> None:
    """One process; forked workers over the models loaded here; forked workers validating
    again what cache entries hold (filled by ``validate``, no findings kept yet): one report."""
    root = tmp_path_factory.mktemp("routes")
    _project(root, generated, _config(chosen))
    monkeypatch.setattr(lint_module, "SLICE", 8)  # several slices, so the rules fork
    alone = _lint(root, arguments, "1")
    forked = _lint(root, arguments, "2")
    assert forked == alone
    assert run_cli("validate", cwd=root, env={"MVKPLAN_JOBS": "2"}).exit_code in (0, 1)
    from_entries = _lint(root, arguments, "2", cache=True)
    assert from_entries == alone
    found = {problem["code"] for problem in json.loads(alone[1])["problems"]}
    if not arguments:  # the fixtures give every rule of document scope a finding to keep or drop
        ignored = {code for codes in chosen["per-path"].values() for code in codes}
        assert {"MVK001", "MVK003", "MVK013", "MVK017", "MVK020", "MVK022"} - ignored <= found, found


def _log_validations(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Note in ``log`` every document validated, by any process (workers are forked, so
    they inherit the patches and append to the same file)."""

    def note(shown: str) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {shown}\n")

    original_from_plain = validation.document_from_plain

    def from_plain(plain: dict[str, object], shown: str, **keywords: Any) -> Any:
        note(shown)
        return original_from_plain(plain, shown, **keywords)

    original_again = documents.LoadedDocument._validate_again

    def again(self: documents.LoadedDocument) -> Any:
        note(self.path)
        return original_again(self)

    monkeypatch.setattr(validation, "document_from_plain", from_plain)
    monkeypatch.setattr(many, "document_from_plain", from_plain)
    monkeypatch.setattr(documents.LoadedDocument, "_validate_again", again)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups=st.integers(1, 3), command=st.sampled_from(["lint", "check"]),
       slice_size=st.sampled_from([3, 8, 32]))
def test_a_cold_lint_validates_each_document_once(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, groups: int,
    command: str, slice_size: int,
) -> None:
    """Across every process of a cold run with workers, no document is validated twice
    (loading workers used to validate each one, and the rules' workers again), and the
    report is the one of a run in one process."""
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, groups * 11)
    single = run_cli(command, "--no-cache", "--format", "json", cwd=root, env={"MVKPLAN_JOBS": "1"})
    monkeypatch.setattr(many, "PARALLEL_MINIMUM", 2)  # loading workers for a small corpus too
    monkeypatch.setattr(lint_module, "SLICE", slice_size)  # and rules' workers
    log = root / "validated.log"
    _log_validations(monkeypatch, log)
    result = run_cli(command, "--no-cache", "--format", "json", cwd=root, env={"MVKPLAN_JOBS": "2"})
    assert (result.exit_code, result.stdout) == (single.exit_code, single.stdout)
    seen = [line.split(" ", 1)[1] for line in log.read_text(encoding="utf-8").splitlines()]
    project = [shown for shown in seen if shown.startswith("plans/")]
    assert project, "nothing validated: the log is not written"
    assert sorted({shown for shown in project if project.count(shown) > 1}) == []


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups=st.integers(1, 6), cache=st.booleans(), jobs=st.sampled_from(["1", "2"]))
def test_a_kept_model_keeps_no_plain_data_beside_it(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, groups: int,
    cache: bool, jobs: str,
) -> None:
    """Lint keeps the model of every file it loads itself: the plain data it was validated
    from would only double what the run holds (a fifth more memory at 1 000 documents when
    the streaming build's loading kept it). Documents known by cache entries keep theirs:
    the rules' workers validate them from it."""
    from mvkplan.checks.lint import lint
    from mvkplan.project.config import find_project

    root = tmp_path_factory.mktemp("kept")
    write_corpus(root, groups * 11)
    monkeypatch.setenv("MVKPLAN_JOBS", jobs)
    monkeypatch.setattr(many, "PARALLEL_MINIMUM", 2)
    result = lint(find_project(root), cache=cache)
    loaded = [d for d in result.corpus.loaded.documents if not d.shipped]
    assert loaded and all(not d.released for d in loaded)
    assert [d.path for d in loaded if d.holds_plain] == []
