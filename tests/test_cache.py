"""The cache of loaded files, and loading in parallel processes: same answers, less work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_validate_broken import BROKEN

import mvkplan.loading
from conftest import PLANS, run_cli


def _copy_plans(project: Path) -> None:
    shutil.copytree(PLANS, project / "plans", dirs_exist_ok=True)
    for name in ("duplicate-key.yaml", "unknown-item.yaml", "bad-status.yaml"):
        shutil.copy(BROKEN / name, project / "plans" / name)


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(mvkplan.loading, "load_bytes", refuse)


def test_second_run_reads_the_cache_and_reports_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_plans(project)
    first = run_cli("validate", cwd=project)
    assert (project / ".mvkplan_cache" / ".gitignore").read_text().strip().endswith("*")
    _refuse_parsing(monkeypatch)
    second = run_cli("validate", cwd=project)
    assert (second.exit_code, second.stdout) == (first.exit_code, first.stdout), second


def test_no_cache_parses_everything_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy_plans(project)
    run_cli("validate", cwd=project)
    _refuse_parsing(monkeypatch)
    with pytest.raises(AssertionError, match="parsed although cached"):
        run_cli("validate", "--no-cache", cwd=project)


def test_a_changed_file_is_loaded_again(project: Path) -> None:
    _copy_plans(project)
    run_cli("validate", cwd=project)
    plan = project / "plans" / "kalmar" / "kalmar-2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("status: adopted", "status: adoptd"),
                    encoding="utf-8")
    assert "kalmar-2024.yaml" in run_cli("validate", cwd=project).stdout


@pytest.mark.parametrize("damage", [b"", b"garbage", b"mvkplan-cache-1\n" + b"\0" * 40])
def test_a_corrupt_entry_is_never_trusted(project: Path, damage: bytes) -> None:
    _copy_plans(project)
    first = run_cli("validate", cwd=project)
    entries = [p for p in (project / ".mvkplan_cache").rglob("*") if p.is_file()
               and p.parent.parent.name == "v1"]
    assert entries
    for entry in entries:
        entry.write_bytes(damage + entry.read_bytes()[len(damage) : len(damage) + 7])
    again = run_cli("validate", cwd=project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again


def test_deleting_the_cache_is_harmless(project: Path) -> None:
    _copy_plans(project)
    first = run_cli("lint", cwd=project)
    shutil.rmtree(project / ".mvkplan_cache")
    again = run_cli("lint", cwd=project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again


@pytest.mark.parametrize("command", [("validate",), ("lint",), ("validate", "--format", "json")])
def test_parallel_loading_gives_the_single_process_output(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    _copy_plans(project)
    single = run_cli(*command, "--no-cache", cwd=project, env={"MVKPLAN_JOBS": "1"})
    monkeypatch.setattr(mvkplan.loading, "PARALLEL_MINIMUM", 2)
    parallel = run_cli(*command, "--no-cache", cwd=project, env={"MVKPLAN_JOBS": "2"})
    assert (parallel.exit_code, parallel.stdout) == (single.exit_code, single.stdout), parallel
