"""The cache of loaded files, and loading in parallel processes: same answers, less work."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_validate_broken import BROKEN

import mvkplan.loading.load
import mvkplan.loading.many
from conftest import PLANS, run_cli
from mvkplan.loading.cache import decode_entry


def _copy_plans(project: Path) -> None:
    shutil.copytree(PLANS, project / "plans", dirs_exist_ok=True)
    for name in ("duplicate-key.yaml", "unknown-item.yaml", "bad-status.yaml"):
        shutil.copy(BROKEN / name, project / "plans" / name)


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch, *, allow: str = "") -> list[str]:
    """Make parsing a file fail the test (except files whose shown path ends with ``allow``);
    returns the shown paths parsed."""
    parsed: list[str] = []
    load = mvkplan.loading.validation.load_with_data

    def refuse(data: bytes, shown: str, **kwargs: object) -> object:
        if not allow or not shown.endswith(allow):
            raise AssertionError("parsed although cached")
        parsed.append(shown)
        return load(data, shown, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mvkplan.loading.many, "load_with_data", refuse)
    return parsed


def _refuse_rebuilding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("models rebuilt although nothing changed")

    monkeypatch.setattr(mvkplan.loading.many, "document_from_plain", refuse)


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


def test_a_changed_file_is_loaded_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy_plans(project)
    run_cli("validate", cwd=project)
    plan = project / "plans" / "kalmar" / "kalmar-2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("status: adopted", "status: adoptd"),
                    encoding="utf-8")
    parsed = _refuse_parsing(monkeypatch, allow="kalmar-2024.yaml")
    assert "kalmar-2024.yaml" in run_cli("validate", cwd=project).stdout
    assert parsed == ["plans/kalmar/kalmar-2024.yaml"]  # the others came from the cache


def test_an_unchanged_tree_is_answered_without_rebuilding_a_model(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_plans(project)
    first = run_cli("validate", "--format", "json", cwd=project)
    _refuse_parsing(monkeypatch)
    _refuse_rebuilding(monkeypatch)
    again = run_cli("validate", "--format", "json", cwd=project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again


def test_the_last_answer_is_not_reused_when_the_configuration_changes(project: Path) -> None:
    _copy_plans(project)
    assert "E102" not in run_cli("validate", cwd=project).stdout
    (project / "mvkplan.toml").write_text('paths = ["plans"]\nmax-file-size = 2000\n',
                                          encoding="utf-8")
    assert "E102" in run_cli("validate", cwd=project).stdout


def test_the_last_answer_is_not_reused_when_a_file_is_added_or_removed(project: Path) -> None:
    _copy_plans(project)
    first = run_cli("validate", cwd=project).stdout
    shutil.copy(BROKEN / "unknown-item.yaml", project / "plans" / "another.yaml")
    assert "plans/another.yaml" in run_cli("validate", cwd=project).stdout
    (project / "plans" / "another.yaml").unlink()
    assert run_cli("validate", cwd=project).stdout == first


def test_a_corrupt_last_answer_is_never_trusted(project: Path) -> None:
    _copy_plans(project)
    first = run_cli("validate", cwd=project)
    slots = list((project / ".mvkplan_cache" / "runs").iterdir())
    assert slots
    for slot in slots:
        slot.write_bytes(slot.read_bytes()[:-9] + b"tampered!")
    again = run_cli("validate", cwd=project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again


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
    monkeypatch.setattr(mvkplan.loading.many, "PARALLEL_MINIMUM", 2)
    parallel = run_cli(*command, "--no-cache", cwd=project, env={"MVKPLAN_JOBS": "2"})
    assert (parallel.exit_code, parallel.stdout) == (single.exit_code, single.stdout), parallel


def test_a_cached_invalid_file_reports_the_same_problems_at_the_same_places(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries keep plain data, not problems of validation: those are made again, placed by
    parsing the file again; the output must not change."""
    _copy_plans(project)
    first = run_cli("validate", "--format", "json", cwd=project)
    assert '"bad-status.yaml"' in first.stdout or "bad-status.yaml" in first.stdout
    other = project / "plans" / "kalmar" / "kalmar-profil.yaml"
    other.write_bytes(other.read_bytes() + b"\n# edited\n")  # the run changed, this file did not
    parsed = _refuse_parsing(monkeypatch, allow="kalmar-profil.yaml")
    again = run_cli("validate", "--format", "json", cwd=project)
    assert parsed == ["plans/kalmar/kalmar-profil.yaml"]
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again


@pytest.mark.parametrize("command", ["lint", "check"])
def test_lint_and_check_answer_an_unchanged_tree_from_the_last_run(
    command: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_plans(project)
    first = run_cli(command, "--format", "json", cwd=project)
    selected = run_cli(command, "--select", "MVK001", "--format", "json", cwd=project)
    assert selected.stdout != first.stdout  # other arguments, another answer (not the slot's)
    _refuse_parsing(monkeypatch)
    _refuse_rebuilding(monkeypatch)
    again = run_cli(command, "--format", "json", cwd=project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again
    assert run_cli(command, "--select", "MVK001", "--format", "json", cwd=project).stdout == \
        selected.stdout


def test_lint_answer_follows_a_changed_rule_option(project: Path) -> None:
    _copy_plans(project)
    before = run_cli("lint", cwd=project)
    (project / "mvkplan.toml").write_text('paths = ["plans"]\nignore = ["MVK"]\n', encoding="utf-8")
    after = run_cli("lint", cwd=project)
    assert "MVK0" in before.stdout and "MVK0" not in after.stdout, after


def _kept_whole(project: Path) -> set[str]:
    """Documents a streaming run keeps whole (catalogs, follow-ups, the plans follow-ups
    name): validated in the main process, so not among those whose validation is cached."""
    paths = list((project / "plans").rglob("*.yaml"))
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    followed = {found[1] for text in texts.values() if re.search(r"^kind: follow-up\s*$", text, re.M)
                for found in [re.search(r"^plan: (\S+)\s*$", text, re.M)] if found}
    return {path.relative_to(project).as_posix() for path, text in texts.items()
            if re.search(r"^kind: (catalog|follow-up)\s*$", text, re.M) or path.stem in followed}


@pytest.mark.parametrize("command", ["validate", "lint", "check"])
def test_after_one_change_only_that_file_is_validated_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """What validate made of each file (its index entries, its own problems) is cached beside
    the file's entry, so an unchanged plan is neither parsed nor validated again in the main
    process; lint and check read the same entries (and the plain data beside them)."""
    _copy_plans(project)
    run_cli("validate", cwd=project)
    plan = project / "plans" / "kalmar" / "kalmar-2021.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# ändrad\n", encoding="utf-8")
    fresh = run_cli(command, "--no-cache", "--format", "json", cwd=project)
    validated: list[str] = []
    for name in ("document_from_plain", "load_with_data"):  # from an entry; from the file
        real = getattr(mvkplan.loading.many, name)

        def counting(data: object, shown: str, real: Any = real, **kwargs: object) -> object:
            validated.append(shown)
            return real(data, shown, **kwargs)

        monkeypatch.setattr(mvkplan.loading.many, name, counting)
    again = run_cli(command, "--format", "json", cwd=project)
    assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout)
    assert "plans/kalmar/kalmar-2021.yaml" in validated
    invalid = {"plans/bad-status.yaml", "plans/unknown-item.yaml"}  # no model to know them by
    assert set(validated) - _kept_whole(project) - invalid == {"plans/kalmar/kalmar-2021.yaml"}


def test_one_entry_per_file_holds_what_validate_made_of_it(project: Path) -> None:
    _copy_plans(project)
    run_cli("validate", cwd=project)
    files = [p for p in (project / "plans").rglob("*.yaml")]
    entries = [p for p in (project / ".mvkplan_cache" / "v1").rglob("*") if p.is_file()]
    assert len(entries) == len(files)
    decoded = [decode_entry(entry.read_bytes(), entry.name) for entry in entries]  # signed for its key
    validated = [entry.prepared.known for entry in decoded if entry.prepared is not None]  # type: ignore[union-attr]
    # Catalogs are validated where they are used; follow-ups and their plans are known by
    # their entries too (validated again only for a check a later run does not remember);
    # two files do not validate.
    catalogs = [p for p in files if re.search(r"^kind: catalog\s*$", p.read_text(encoding="utf-8"), re.M)]
    assert len(validated) == len(files) - len(catalogs) - 2
    assert {answer.kind for answer in validated} >= {"regional-plan", "strategy"}
