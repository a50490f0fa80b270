"""A warm run (nothing changed since the last) is answered without the rules or the models.

Finding the last run's answer needs the run's key, not what computes an answer: a warm
``validate``, ``lint`` or ``check`` that imports the rule registry or the document models pays
for them (about a tenth of a second, as much as the rest of the run) and uses neither. Each
command runs as a whole process, as a commit hook runs it; what it imported is read from the
process itself, and its output must be what the same command prints without the cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLANS, REPO

HEAVY = ("mvkplan.models", "mvkplan.checks.rules", "mvkplan.checks.lint", "mvkplan.index")
"""Modules (and their submodules) a warm answer has no use for."""

PROBE = """
import atexit, json, sys
from mvkplan.__main__ import main

def said():
    sys.stderr.write("\\nIMPORTED " + json.dumps(sorted(sys.modules)) + "\\n")

atexit.register(said)
sys.argv = ["mvkplan", *sys.argv[1:]]
main()
"""


def _run(root: Path, *args: str) -> tuple[int, str, list[str]]:
    """Exit code, standard output and the modules imported of ``mvkplan ARGS`` in ``root``."""
    env = {**os.environ, "MVKPLAN_LANG": "en", "PYTHONPATH": str(REPO / "src")}
    env.pop("MVKPLAN_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    head, _, imported = done.stderr.rpartition("\nIMPORTED ")
    assert imported, done.stderr
    return done.returncode, done.stdout, json.loads(imported)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plans with one broken file (so that answers hold problems of every kind)."""
    folder = tmp_path_factory.mktemp("warm-imports") / "project"
    folder.mkdir()
    (folder / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, folder / "plans")
    shutil.copy(REPO / "tests" / "broken" / "unknown-document.yaml", folder / "plans")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("command", ["validate", "lint", "check"])
def test_a_warm_run_imports_neither_rules_nor_models_and_answers_as_a_cold_one(
    root: Path, command: str, fmt: str,
) -> None:
    cold = _run(root, command, "--format", fmt, "--no-cache")
    _run(root, command, "--format", fmt)  # keeps the answer
    code, out, imported = _run(root, command, "--format", fmt)
    assert (code, out) == cold[:2]
    assert "unknown-document.yaml" in out, "the answer is not an empty one"
    heavy = [name for name in imported if name.startswith(HEAVY)]
    assert not heavy, f"a warm {command} imported {heavy[:5]}"


def test_a_warm_sarif_report_still_describes_every_rule(root: Path) -> None:
    """SARIF lists the rules: that format (and only it) loads the registry, warm or cold."""
    cold = _run(root, "check", "--format", "sarif", "--no-cache")
    _run(root, "check", "--format", "sarif")
    code, out, _imported = _run(root, "check", "--format", "sarif")
    assert (code, out) == cold[:2]
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert any(rule.get("fullDescription") for rule in rules), rules[:2]


def test_settings_naming_an_unknown_rule_fail_warm_as_cold(root: Path, tmp_path: Path) -> None:
    """The answer is looked up before the lint settings are resolved: settings that do not
    resolve never kept one, so a warm run still says what is wrong with them."""
    project = tmp_path / "project"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns(".mvkplan_cache"))
    _run(project, "check")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\nselect = ["MVK999"]\n', encoding="utf-8")
    runs = [_run(project, "check") for _ in range(2)]
    assert [code for code, _out, _imported in runs] == [2, 2]


def test_a_command_built_alone_is_the_command_built_among_all() -> None:
    """``main`` builds only the command its first word names; that command (its parameters,
    their types, defaults and help) is the one the whole command line holds, for every
    command; and the app holds every command again afterwards."""
    from typer.core import TyperGroup
    from typer.main import get_command

    from mvkplan.cli.app import _name, _only_the_command_named
    from mvkplan.cli.main import app

    def described(group: TyperGroup, name: str) -> list[object]:
        command = group.commands[name]
        fields = ("name", "opts", "secondary_opts", "default", "required", "help", "is_flag",
                  "multiple", "nargs", "envvar", "hidden", "show_default")
        return [getattr(command.callback, "__qualname__", None), command.help, command.short_help, command.hidden, *(
            [type(param).__name__, repr(getattr(getattr(param, "type_descriptor", None), "annotation", None)),
             *(repr(getattr(param, field, None)) for field in fields)]
            for param in command.params)]

    whole = get_command(app)
    assert isinstance(whole, TyperGroup)
    names = [_name(info) for info in app.registered_commands]
    assert len(names) > 15
    for name in names:
        assert name is not None
        with _only_the_command_named(app, [name]):
            alone = get_command(app)
        assert isinstance(alone, TyperGroup)
        assert list(alone.commands) == [name]
        assert described(alone, name) == described(whole, name), name
    for first in (["survey"], ["--lang"], [], ["no-such-command"]):
        with _only_the_command_named(app, first):
            assert list(get_command(app).commands) == list(whole.commands), first  # type: ignore[attr-defined]
    assert [_name(info) for info in app.registered_commands] == names
