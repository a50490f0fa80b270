"""The cold path does each piece of work once: a follow-up's plan is parsed and validated
once, and workers pickle no plain data that nothing keeps (``--no-cache``).

Corpora are generated: whole copies of the real plans and follow-ups
(``benchmarks/_realistic.py``), with the follow-ups' ``plan:`` line written in each style
YAML allows, and the answer must stay the one a run in one process gives.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from mvkplan.loading import documents, many, parsing

sys.path.insert(0, str(REPO / "benchmarks"))
from _realistic import write_corpus  # noqa: E402 - the benchmark's own corpus

STYLES = ["plain", "double", "single", "comment"]
"""How a follow-up writes ``plan: X``: ``X``, ``"X"``, ``'X'``, ``X  # a comment``."""


def _corpus(root: Path, groups: int, style: str) -> None:
    write_corpus(root, groups * 11)
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "\nkind: follow-up\n" not in text:
            continue
        plan = re.search(r"(?m)^plan: (\S+)$", text)
        assert plan is not None
        written = {"plain": plan[1], "double": f'"{plan[1]}"', "single": f"'{plan[1]}'",
                   "comment": f"{plan[1]}  # the plan followed up"}[style]
        path.write_text(text.replace(plan[0], f"plan: {written}", 1), encoding="utf-8")


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every parse of a file's bytes in this process, by the bytes' SHA-256."""
    parses: Counter[str] = Counter()
    original = parsing.load_data

    def counted(data: bytes) -> Any:
        parses[hashlib.sha256(data).hexdigest()] += 1
        return original(data)

    monkeypatch.setattr(parsing, "load_data", counted)
    monkeypatch.setattr(documents, "load_data", counted)
    return parses


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups=st.integers(1, 3), style=st.sampled_from(STYLES), jobs=st.sampled_from(["1", "2"]),
       command=st.sampled_from(["validate", "check"]))
def test_a_follow_ups_plan_is_parsed_and_validated_once(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, groups: int,
    style: str, jobs: str, command: str,
) -> None:
    """No document is validated a second time from its file, and in one process no file's
    bytes are parsed twice; the answer is the one of a run in one process."""
    root = tmp_path_factory.mktemp("corpus")
    _corpus(root, groups, style)
    monkeypatch.setattr(many, "PARALLEL_MINIMUM", 2)  # workers for a small corpus too
    again: list[str] = []
    original = documents.LoadedDocument._validate_again

    def validated_again(self: documents.LoadedDocument) -> Any:
        again.append(self.path)
        return original(self)

    monkeypatch.setattr(documents.LoadedDocument, "_validate_again", validated_again)
    single = run_cli(command, "--no-cache", "--format", "json", cwd=root, env={"MVKPLAN_JOBS": "1"})
    parses = _counting_parses(monkeypatch)
    result = run_cli(command, "--no-cache", "--format", "json", cwd=root, env={"MVKPLAN_JOBS": jobs})
    assert (result.exit_code, result.stdout) == (single.exit_code, single.stdout), result
    # check's lint keeps every model it loads (cold: every file), and its rules' workers
    # fork over them: neither command validates a document again.
    assert again == [], f"validated a second time: {sorted(set(again))}"
    assert [digest for digest, count in parses.items() if count > 1] == []


def test_a_follow_up_the_hint_misses_still_gets_its_plan_checked(tmp_path: Path) -> None:
    """The hint reads a file's first lines only; a follow-up whose ``plan:`` comes later is
    checked against its plan all the same (its plan is then validated a second time)."""
    _corpus(tmp_path, 1, "plain")
    follow_up = next(tmp_path.rglob("kalmar-2024-2025-k0000.yaml"))
    text = follow_up.read_text(encoding="utf-8")
    plan = re.search(r"(?m)^plan: .*\n", text)
    assert plan is not None
    moved = text.replace(plan[0], "", 1) + "# " + "x" * 20_000 + "\n" + plan[0]
    follow_up.write_text(moved.replace("year: 2025", "year: 2031", 1), encoding="utf-8")
    result = run_cli("validate", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 1 and "E502" in result.stdout, result


class _NoPlainPickles:
    """``pickle`` for :mod:`mvkplan.loading.many` that refuses a plan's plain data (what a
    worker would send only to be thrown away under ``--no-cache``)."""

    HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
    loads = staticmethod(pickle.loads)

    @staticmethod
    def dumps(value: object, protocol: int | None = None) -> bytes:
        if isinstance(value, dict) and value.get("kind") not in ("follow-up", "catalog", "consultation"):
            raise AssertionError(f"pickled the plain data of {value.get('id')!r} for nothing")
        return pickle.dumps(value, protocol=protocol)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups=st.integers(1, 3), command=st.sampled_from(["validate", "check"]))
def test_workers_pickle_no_plain_data_that_nothing_keeps(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, groups: int,
    command: str,
) -> None:
    """Under ``--no-cache`` a worker that validated a document sends back what was made of it,
    never its plain data too (the workers are forked, so they inherit the refusing pickle)."""
    root = tmp_path_factory.mktemp("corpus")
    _corpus(root, groups, "plain")
    expected = run_cli(command, "--no-cache", cwd=root, env={"MVKPLAN_JOBS": "1"})
    monkeypatch.setattr(many, "PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(many, "pickle", _NoPlainPickles)
    result = run_cli(command, "--no-cache", cwd=root, env={"MVKPLAN_JOBS": "2"})
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout), result


def test_a_run_that_needs_no_libyaml_does_not_import_pyyaml(tmp_path: Path) -> None:
    """With rapidyaml, PyYAML is imported only for a document rapidyaml declines: a run
    over valid plans never pays for it (a tenth of a second at 100 documents)."""
    import os
    import subprocess

    write_corpus(tmp_path, 11)
    probe = ("import sys, runpy; sys.argv = ['mvkplan', 'validate', '--no-cache']\n"
             "try:\n    runpy.run_module('mvkplan', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print('yaml' in sys.modules, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True,
                          text=True, check=False)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
    assert "All 11 files are valid." in done.stdout, done.stdout


def _follow_up_variant(root: Path, early: bool, extension: bool, twice: bool) -> None:
    """One copy of the real set; ``early``: the follow-ups load before their plans;
    ``extension``: a follow-up names a municipality a catalog loaded last adds (it must be
    checked once that is known); ``twice``: a second follow-up of one plan and year (E514)."""
    _corpus(root, 1, "plain")
    follow_ups = sorted(p for p in root.rglob("*.yaml") if "\nkind: follow-up\n" in p.read_text(encoding="utf-8"))
    assert len(follow_ups) == 3
    if twice:
        text = follow_ups[0].read_text(encoding="utf-8")
        copy = follow_ups[0].with_name(follow_ups[0].stem + "-b.yaml")
        copy.write_text(text.replace(f"id: {follow_ups[0].stem}\n", f"id: {copy.stem}\n", 1), encoding="utf-8")
        follow_ups.append(copy)
    if extension:
        (root / "plans" / "zz-kommuner.yaml").write_text(
            "id: zz-kommuner\nkind: catalog\ntitle: Egna kommuner\nextends: municipalities\n"
            "entries:\n  - {id: ny-kommun, name: Ny kommun, county: kronoberg}\n", encoding="utf-8")
        target = next(p for p in follow_ups if p.stem.startswith("kalmar-2024-2025"))
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("respondents:\n", "respondents:\n  - municipality: ny-kommun\n", 1),
                          encoding="utf-8")
    if early:
        (root / "plans" / "0-early").mkdir()
        for path in follow_ups:
            path.rename(root / "plans" / "0-early" / path.name)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(early=st.booleans(), extension=st.booleans(), twice=st.booleans(), jobs=st.sampled_from(["1", "2"]))
def test_follow_ups_checked_as_they_load_are_let_go_and_report_what_a_whole_run_reports(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, early: bool,
    extension: bool, twice: bool, jobs: str,
) -> None:
    """A streaming validate checks each follow-up as soon as its plan (and every municipality
    it names) is loaded, then lets go of its model: the answer is the one of a validate
    holding every model, and a follow-up loaded after its plan is not held to the end."""
    from mvkplan.checks.validate import streamed_corpus, validate
    from mvkplan.project.config import find_project

    root = tmp_path_factory.mktemp("corpus")
    _follow_up_variant(root, early, extension, twice)
    monkeypatch.setattr(many, "PARALLEL_MINIMUM", 2)
    monkeypatch.setenv("MVKPLAN_JOBS", jobs)
    project = find_project(root)
    whole = validate(project, cache=False)[1]
    streamed = validate(project, cache=False, streaming=True)[1]
    assert [(p, p.message, p.hint) for p in streamed] == [(p, p.message, p.hint) for p in whole]
    assert ("E514" in {p.code for p in whole}) is twice
    assert ("E510" in {p.code for p in whole}) is extension
    corpus, _ = streamed_corpus(project, None, cache=False, discovered=None)
    held = {d.id for d in corpus.index.documents.values() if d.kind == "follow-up" and not d.released}
    expected = {d.id for d in corpus.index.documents.values() if d.kind == "follow-up"} if early else (
        {d.id for d in corpus.index.documents.values() if d.id.startswith("kalmar-2024-2025")} if extension else set())
    assert held == expected
