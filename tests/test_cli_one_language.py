"""One language per run, over every command: its help and a real run say nothing in the other language.

The commands are read from the Typer app (its click group, recursively), so a new command is
covered by the help tests without editing this file; its real run is the one of
:data:`RUNS` when it has one, else the command with no arguments (a usage error, worded by us).
What counts as an English (or Swedish) word is defined in :mod:`language_words`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from consultation_support import add_consultation
from language_words import english_words_in, swedish_words_in

from conftest import PLANS, REPO, CliResult, run_cli
from mvkplan.cli.main import app

KOLADA_RESPONSE = REPO / "tests" / "fixtures" / "kolada" / "u00001-kalmar-2025.json"


def _commands() -> list[tuple[tuple[str, ...], bool]]:
    """Every command path of the app (the root is ``()``) and whether it is a group."""
    found: list[tuple[tuple[str, ...], bool]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        found.append((path, bool(subcommands)))
        for name, sub in (subcommands or {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()
LEAVES = [path for path, group in COMMANDS if not group]

# A real run of each command on a copy of plans/ (output into the copy, no network). Earlier
# entries of a list prepare the later ones (a workbook to import) and are checked too.
RUNS: dict[tuple[str, ...], list[tuple[str, ...]]] = {
    ("diff",): [("kalmar-2021", "kalmar-2024")],
    ("list",): [()],
    ("new",): [("local-plan", "vaxjo-2025", "--municipality", "vaxjo")],
    ("links",): [("kalmar-2024",)],
    ("coverage",): [()],
    ("lint",): [()],
    ("check",): [()],
    ("rules",): [(), ("MVK013",)],
    ("render",): [("kalmar-2024", "-o", "build/kalmar-2024.html")],
    ("build",): [("-o", "site")],
    ("report",): [("kalmar-2024", "-o", "build/rapport.html")],
    ("review",): [()],
    ("export",): [("kalmar-2024", "-o", "build/kalmar-2024.xlsx")],
    ("import",): [("build/kalmar-2024.xlsx", "--dry-run")],
    ("init",): [("nytt-arkiv", "--county", "kronoberg", "--no-git")],
    ("serve",): [("--port", "-1")],
    ("validate",): [()],
    ("schema",): [("-o", "build/schema.json")],
    ("survey", "export"): [("kalmar-2024", "--year", "2025", "-o", "build/enkat")],
    ("survey", "import"): [("build/enkat", "--dry-run")],
    ("survey", "status"): [("kalmar-2024", "--year", "2025")],
    ("consultation", "export"): [("kalmar-2024-remiss", "-o", "build/remiss")],
    ("consultation", "import"): [("build/remiss", "--dry-run")],
    ("kolada", "import"): [(str(KOLADA_RESPONSE), "--plan", "kalmar-2024", "--dry-run")],
    ("kolada", "fetch"): [("kalmar-2024", "--year", "2025", "--api", "http://127.0.0.1:9/",
                           "--retries", "0", "--timeout", "1")],
}
# What a run needs before it (the workbooks it imports), run and checked the same way.
NEEDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("import",): ("export",), ("survey", "import"): ("survey", "export"),
    ("consultation", "import"): ("consultation", "export"),
}


@pytest.fixture
def copy_of_plans(tmp_path: Path) -> Iterator[Path]:
    """The shipped plans (and a consultation of kalmar-2024) in a project of their own."""
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, tmp_path / "plans")
    add_consultation(tmp_path)
    (tmp_path / "build").mkdir()
    yield tmp_path


def _shown(result: CliResult) -> str:
    return result.stdout + "\n" + result.stderr


def _no_traceback(result: CliResult) -> None:
    assert "Traceback" not in _shown(result), result


def _only_swedish(result: CliResult, given: tuple[str, ...] = ()) -> None:
    found = english_words_in(_shown(result), given)
    assert not found, f"English words {found}\n{result}"


def _only_english(result: CliResult) -> None:
    found = swedish_words_in(_shown(result))
    assert not found, f"Swedish words {found}\n{result}"


def _ids(path: tuple[str, ...]) -> str:
    return " ".join(path) or "mvkplan"


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=_ids)
def test_help_in_swedish_has_no_english_word(path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--help", env={"MVKPLAN_LANG": "sv", "COLUMNS": "100"})
    assert result.exit_code == 0, result
    _only_swedish(result)


@pytest.mark.parametrize("path", LEAVES, ids=_ids)
def test_help_with_lang_sv_has_no_english_word_whatever_the_environment(path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--lang", "sv", "--help", env={"MVKPLAN_LANG": "en", "COLUMNS": "100"})
    assert result.exit_code == 0, result
    _only_swedish(result)


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=_ids)
def test_help_in_english_has_no_swedish_word(path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--help", env={"MVKPLAN_LANG": "en", "COLUMNS": "100"})
    assert result.exit_code == 0, result
    _only_english(result)


def _run_all(path: tuple[str, ...], lang: str, cwd: Path) -> list[tuple[tuple[str, ...], CliResult]]:
    results = []
    for needed in ([NEEDS[path]] if path in NEEDS else []) + [path]:
        for args in RUNS.get(needed, [()]):
            other = "en" if lang == "sv" else "sv"
            results.append((args, run_cli(*needed, *args, "--lang", lang, cwd=cwd,
                                          env={"MVKPLAN_LANG": other, "COLUMNS": "100"})))
    return results


@pytest.mark.parametrize("path", LEAVES, ids=_ids)
def test_a_real_run_with_lang_sv_has_no_english_word(path: tuple[str, ...], copy_of_plans: Path) -> None:
    for args, result in _run_all(path, "sv", copy_of_plans):
        _no_traceback(result)
        _only_swedish(result, args)


@pytest.mark.parametrize("path", LEAVES, ids=_ids)
def test_a_usage_error_with_lang_sv_has_no_english_word(path: tuple[str, ...], copy_of_plans: Path) -> None:
    result = run_cli(*path, "--no-such-option", "--lang", "sv", cwd=copy_of_plans,
                     env={"MVKPLAN_LANG": "en", "COLUMNS": "100"})
    assert result.exit_code == 2, result
    _no_traceback(result)
    _only_swedish(result)


@pytest.mark.parametrize("path", LEAVES, ids=_ids)
def test_a_usage_error_with_lang_en_has_no_swedish_word(path: tuple[str, ...], copy_of_plans: Path) -> None:
    result = run_cli(*path, "--no-such-option", "--lang", "en", cwd=copy_of_plans,
                     env={"MVKPLAN_LANG": "sv", "COLUMNS": "100"})
    assert result.exit_code == 2, result
    _no_traceback(result)
    _only_english(result)


def test_every_command_with_a_real_run_exists() -> None:
    """The runs above name commands that exist (a renamed command would silently lose its run)."""
    assert set(RUNS) <= set(LEAVES), set(RUNS) - set(LEAVES)
