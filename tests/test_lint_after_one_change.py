"""After one file changed, ``lint`` and ``check`` validate only what is read about that file.

A lint run keeps every document's findings per file (:mod:`mvkplan.checks.findings`), and the
follow-ups' checks are remembered (:mod:`mvkplan.checks.followup_memo`); after one change only
the changed document and those linked with it meet the rules and checks again. The
documents the others are known by (their cache entries) must then stay unvalidated: the
follow-ups and the plans they name, which the checks across documents read whole, included.
The corpus is copies of the shipped plans (``benchmarks/_realistic.py``), each copy linked
only within itself, so "linked with the changed file" is one copy of eleven documents.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_warm_runs import EDITS, _project

import mvkplan.loading.digests
from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "benchmarks"))
from _realistic import write_corpus  # noqa: E402

COPIES = 4


def _problems(root: Path, command: str, *extra: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli(command, "--format", "json", *extra, cwd=root)
    return result.exit_code, json.loads(result.stdout)["problems"]


def _validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shown paths of the documents whose models are made from now on in this process."""
    from mvkplan.loading import many, validation
    from mvkplan.loading.documents import LoadedDocument

    made: list[str] = []
    again, from_plain = LoadedDocument._validate_again, validation.document_from_plain

    def recording_again(self: LoadedDocument) -> object:
        made.append(self.path)
        return again(self)

    def recording_plain(plain: dict[str, object], shown: str, **kwargs: object) -> object:
        made.append(shown)
        return from_plain(plain, shown, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LoadedDocument, "_validate_again", recording_again)
    monkeypatch.setattr(many, "document_from_plain", recording_plain)
    monkeypatch.setattr(validation, "document_from_plain", recording_plain)
    return made


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MVKPLAN_JOBS", "1")  # one process: what is validated is seen here
    write_corpus(tmp_path, 11 * COPIES)
    return tmp_path


@pytest.mark.parametrize("command", ["lint", "check"])
@pytest.mark.parametrize("changed", ["kronoberg-2018-reviderad", "kalmar-2024", "kalmar-2024-2025"])
def test_after_one_change_only_the_changed_copy_is_validated(
    corpus: Path, command: str, changed: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _problems(corpus, command)  # fills the cache and the kept findings
    path = next(corpus.rglob(f"{changed}-k0001.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", "title: Ändrad titel", text, count=1), encoding="utf-8")
    made = _validated(monkeypatch)
    answer = _problems(corpus, command)
    monkeypatch.undo()
    assert answer == _problems(corpus, "lint" if command == "lint" else "check", "--no-cache")
    others = sorted({shown for shown in made if "/k0001/" not in shown})
    assert not others, f"validated outside the changed copy: {others[:5]} ({len(others)})"
    assert made, "the changed file itself is validated"


def _yearly_plan() -> str:
    """The plan of MVK021's own cases (``tests/rules/MVK021.yaml``): indicators followed up yearly."""
    cases = yaml.safe_load((REPO / "tests" / "rules" / "MVK021.yaml").read_text(encoding="utf-8"))["cases"]
    return str(cases[0]["files"]["plans/plan-2024.yaml"])


def _follow_up(year: int) -> str:
    return f"id: plan-2024-{year}\nkind: follow-up\ntitle: U\nplan: plan-2024\nyear: {year}\n"


def test_a_yearly_plan_s_missing_follow_up_year_is_found_after_each_change(project: Path) -> None:
    """MVK021 reads the follow-ups of the plan it looks at (by the links they write to it, not
    every follow-up's model): a follow-up removed and added, the plan edited and a follow-up
    put back each answer as a run without cache."""
    plans = project / "plans"
    (plans / "plan-2024.yaml").write_text(_yearly_plan(), encoding="utf-8")
    for year in (2024, 2025):
        (plans / f"plan-2024-{year}.yaml").write_text(_follow_up(year), encoding="utf-8")
    found = []
    for step in ("start", "a gap", "plan edited", "gap filled"):
        if step == "a gap":
            (plans / "plan-2024-2025.yaml").unlink()
            (plans / "plan-2024-2026.yaml").write_text(_follow_up(2026), encoding="utf-8")
        elif step == "plan edited":
            (plans / "plan-2024.yaml").write_text(_yearly_plan() + "# ändrad\n", encoding="utf-8")
        elif step == "gap filled":
            (plans / "plan-2024-2025.yaml").write_text(_follow_up(2025), encoding="utf-8")
        cached = _problems(project, "lint", "--select", "MVK021")
        assert cached == _problems(project, "lint", "--select", "MVK021", "--no-cache"), step
        found.append([(p["code"], p["path"]) for p in cached[1]])
    assert found == [[], [("MVK021", "plans/plan-2024.yaml")], [("MVK021", "plans/plan-2024.yaml")], []]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.booleans()), min_size=1, max_size=4))
def test_after_any_edits_check_answers_as_a_cold_one(
    steps: list[tuple[str, bool]], tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The follow-ups' checks ``check`` remembers (in the slot ``validate`` keeps them in too)
    after each kind of edit, with or without a ``validate`` between: what ``--no-cache`` says."""
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path_factory.mktemp("check") / "project")
    run_cli("check", cwd=root)
    for step, validate_first in steps:
        EDITS[step](root)
        if validate_first:
            run_cli("validate", cwd=root)
        for fmt in ("json", "text"):
            warm = run_cli("check", "--format", fmt, cwd=root)
            cold = run_cli("check", "--format", fmt, "--no-cache", cwd=root)
            assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout), (steps, fmt)
