"""Issue 28.1: ``validate``, ``lint`` and ``check`` on named files in a folder that is no project.

Named files are checked with the shipped frameworks and catalogs; a link to a document that is
not among them is an E301 that says why (no project to find it in), not a crash nor exit 2;
nothing is written into the folder; only a bare command with nothing named needs a project.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli

PLAN_FILES = sorted(PLANS.rglob("*.yaml"))
COMMANDS = ("validate", "lint", "check")


def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    chosen=st.lists(st.sampled_from(PLAN_FILES), min_size=1, max_size=3, unique=True),
    command=st.sampled_from(COMMANDS),
    nested=st.booleans(),
    lang=st.sampled_from(("sv", "en")),
)
def test_named_files_are_checked_anywhere(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[Path], command: str, nested: bool,
    lang: str,
) -> None:
    """Any shipped plan named outside a project: read and reported, exit 0 or 1, nothing written."""
    here = tmp_path_factory.mktemp("elsewhere")
    folder = here / "sub" if nested else here
    folder.mkdir(exist_ok=True)
    names = []
    for path in chosen:
        shutil.copy(path, folder / path.name)
        names.append(f"sub/{path.name}" if nested else path.name)
    before = _tree(here)
    result = run_cli(command, *names, "--format", "json", "--lang", lang, cwd=here)
    assert result.exit_code in (0, 1), result
    report = json.loads(result.stdout)
    assert report["files"] == len(names)
    assert {p["path"] for p in report["problems"]} <= set(names), result
    assert _tree(here) == before, "a run outside a project writes nothing (no cache)"
    ids = {path.stem for path in chosen}
    for problem in report["problems"]:
        if problem["code"] == "E301":  # only links to documents not named may be unknown
            assert not any(f"'{i}'" in problem["message"] for i in ids)


@pytest.mark.parametrize("command", ["validate", "check"])  # lint does not check links
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_link_to_a_document_not_named_says_why(tmp_path: Path, command: str, lang: str) -> None:
    """The example plan links to kalmar-2024: alone, each link is an E301 that says the
    document is not among the files read, in the run's language."""
    shutil.copy(PLANS / "examples" / "exempelkommun-2025.yaml", tmp_path)
    result = run_cli(command, "exempelkommun-2025.yaml", "--lang", lang, cwd=tmp_path)
    assert result.exit_code == 1, result
    assert "E301" in result.stdout, result
    words = "inget planarkiv här" if lang == "sv" else "no project here"
    assert words in result.stdout, result
    assert "Traceback" not in result.stdout + result.stderr


def test_the_linked_document_named_too_resolves(tmp_path: Path) -> None:
    """Naming the linked document's file as well makes the links resolve."""
    shutil.copy(PLANS / "examples" / "exempelkommun-2025.yaml", tmp_path)
    shutil.copy(PLANS / "kalmar" / "kalmar-2024.yaml", tmp_path)
    result = run_cli("validate", "exempelkommun-2025.yaml", "kalmar-2024.yaml", cwd=tmp_path)
    assert "exempelkommun-2025.yaml:" not in result.stdout, result
    assert result.exit_code in (0, 1), result


@pytest.mark.parametrize("command", COMMANDS)
def test_a_bare_command_still_needs_a_project(tmp_path: Path, command: str) -> None:
    """Nothing named and no project: the usage error (exit 2) that says what to do."""
    result = run_cli(command, cwd=tmp_path)
    assert result.exit_code == 2, result
    assert "mvkplan init" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_file_that_is_missing_is_a_usage_error(tmp_path: Path, command: str) -> None:
    """A named path that does not exist: exit 2 naming it, outside a project too."""
    result = run_cli(command, "nowhere.yaml", cwd=tmp_path)
    assert result.exit_code == 2, result
    assert "nowhere.yaml" in result.stderr
