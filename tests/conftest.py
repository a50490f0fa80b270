"""Shared test helpers: run the real CLI in a project folder and show its output on failure."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mvkplan.cli.main import app

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"

# What mvkplan keeps outside a project (the cache's signing key, the survey key) goes to a
# folder of this test run, never to the user's own ~/.cache or ~/.config.
_OUTSIDE = Path(tempfile.mkdtemp(prefix="mvkplan-tests-"))
os.environ["XDG_CACHE_HOME"] = str(_OUTSIDE / "cache")
os.environ["XDG_CONFIG_HOME"] = str(_OUTSIDE / "config")


@dataclass
class CliResult:
    """Exit code and output of one CLI run; ``str()`` shows everything for assertion messages."""

    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliResult:
    """Run ``mvkplan ARGS`` in-process in ``cwd`` (English messages unless ``env`` says otherwise)."""
    from mvkplan.messages.i18n import get_language, set_language

    runner = CliRunner()
    old = Path.cwd()
    language = get_language()  # a run with --lang sv must not leave later tests in Swedish
    os.chdir(cwd or REPO)
    try:
        result = runner.invoke(app, list(args), env={"MVKPLAN_LANG": "en", **(env or {})},
                               catch_exceptions=False)
    finally:
        os.chdir(old)
        set_language(language)
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    """The :func:`run_cli` helper as a fixture."""
    return run_cli


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty project folder with ``mvkplan.toml`` and an empty ``plans/``."""
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (tmp_path / "plans").mkdir()
    yield tmp_path


@pytest.fixture
def real_project(tmp_path: Path) -> Iterator[Path]:
    """A copy of the shipped ``plans/`` in a project folder of its own, safe to modify."""
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, tmp_path / "plans")
    yield tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file by ``new`` (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (a built site), relative path → bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pages_written(output: str) -> int:
    """The number in a build's "Wrote N pages"."""
    match = re.search(r"Wrote (\d+) pages", output)
    assert match, output
    return int(match.group(1))


def title_line(path: Path) -> str:
    """The document's ``title:`` line as written."""
    match = re.search(r"^title: .*$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match
    return match.group(0)


def _plans_state() -> dict[str, str]:
    """Every file under the shipped ``plans/``, by path, with its SHA-256."""
    import hashlib

    return {str(path.relative_to(PLANS)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(PLANS.rglob("*")) if path.is_file()}


_PLANS_AT_START: dict[str, str] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Remember the shipped plans: no test may write into them (tests use copies)."""
    _PLANS_AT_START.update(_plans_state())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test changed, added or removed a file under ``plans/``: a command
    that writes (survey export records who was asked) run on the repository itself."""
    if not _PLANS_AT_START:
        return
    now = _plans_state()
    changed = sorted(set(now) ^ set(_PLANS_AT_START)
                     | {path for path in now if _PLANS_AT_START.get(path) not in (None, now[path])})
    if changed:
        print(f"\nA test wrote into the repository's plans/: {', '.join(changed)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
