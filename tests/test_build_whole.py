"""A killed ``mvkplan build`` leaves the output folder exactly the old site or exactly the new one.

The real CLI runs in a subprocess whose file-system calls (rename, link, unlink, mkdir …) are
counted in the main process; at a generated call it ends with ``os._exit``, as a SIGKILL or a
power cut would, before that call happens. The folder is then compared, file by file and byte
by byte, with the site before the change and the site after it; the next build must give the
new site and leave nothing behind beside it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, REPO

# Runs the CLI with every file-system change counted; ``KILL_AT`` = n ends the process just
# before the n-th one, ``COUNT_TO`` names a file that gets the number of calls of a whole run.
_WRAPPER = """
import atexit, os, shutil, sys, tempfile
main, calls, limit = os.getpid(), [0], int(os.environ.get("KILL_AT", "0"))
def counted(call):
    def run(*args, **kwargs):
        if os.getpid() == main:
            calls[0] += 1
            if calls[0] == limit:
                os._exit(137)
        return call(*args, **kwargs)
    return run
for name in ("replace", "rename", "link", "unlink", "remove", "rmdir", "mkdir", "symlink",
             "chmod"):
    setattr(os, name, counted(getattr(os, name)))
if os.environ.get("COUNT_TO"):
    atexit.register(lambda: open(os.environ["COUNT_TO"], "w").write(str(calls[0])))
from mvkplan.cli.main import app
sys.argv[0] = "mvkplan"
app()
"""

_PLAN = PLANS / "kalmar" / "kalmar-2024.yaml"
_FOREIGN = {"CNAME": b"plans.example.org\n", "bilder/logo.svg": b"<svg/>\n"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(work: Path, *args: str, kill_at: int = 0, count_to: Path | None = None) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en",
           "KILL_AT": str(kill_at)}
    if count_to is not None:
        env["COUNT_TO"] = str(count_to)
    done = subprocess.run([sys.executable, "-c", _WRAPPER, "build", *args], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


def _change(work: Path) -> None:
    plan = work / "plans" / _PLAN.relative_to(PLANS)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\ntitle: ", "\ntitle: Ändrad ", 1), encoding="utf-8")


@cache
def _scenario(root: Path, args: tuple[str, ...]) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """The old site (built, with files mvkplan did not write), the new one after the change,
    and how many counted calls the build after the change makes; the project before the
    change is kept in ``root/template``."""
    work, template = root / "work", root / "template"
    shutil.rmtree(root, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, work / "plans")
    assert _run(work) == 0
    for relative, data in _FOREIGN.items():
        (work / "site" / relative).parent.mkdir(parents=True, exist_ok=True)
        (work / "site" / relative).write_bytes(data)
    old = _tree(work / "site")
    shutil.copytree(work, template, symlinks=True)
    _change(work)
    assert _run(work, *args, count_to=root / "count") == 0
    new = _tree(work / "site")
    assert new != old and all(new[f] == d for f, d in _FOREIGN.items() if f in new)
    return old, new, int((root / "count").read_text())


def _killed_build_leaves_old_or_new(root: Path, args: tuple[str, ...], point: float) -> None:
    old, new, calls = _scenario(root, args)
    work = root / "work"
    shutil.rmtree(work)
    shutil.copytree(root / "template", work, symlinks=True)  # same path: the build record holds
    _change(work)
    kill_at = 1 + int(point * calls)
    code = _run(work, *args, kill_at=kill_at)
    now = _tree(work / "site")
    assert now in (old, new), (
        f"killed at call {kill_at} of {calls} (exit {code}): "
        f"{sum(now.get(f) != d for f, d in old.items())} files differ from the old site, "
        f"{sum(now.get(f) != d for f, d in new.items())} from the new one")
    assert _run(work, *args) == 0  # the next build finishes the job …
    assert _tree(work / "site") == new
    assert sorted(p.name for p in work.iterdir()) == sorted(  # … and leaves nothing beside it
        [".mvkplan_cache", "mvkplan.toml", "plans", "site"])


# The publishing steps come last: half the examples fall among the last calls.
_POINTS = st.one_of(st.floats(0, 1), st.floats(0.6, 0.999))


@settings(max_examples=8, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(point=_POINTS)
def test_killed_incremental_build_leaves_old_or_new_site(tmp_path_factory, point: float) -> None:
    root = tmp_path_factory.getbasetemp() / "whole-incremental"
    _killed_build_leaves_old_or_new(root, (), point)


@settings(max_examples=8, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(point=_POINTS)
def test_killed_full_build_leaves_old_or_new_site(tmp_path_factory, point: float) -> None:
    root = tmp_path_factory.getbasetemp() / "whole-full"
    _killed_build_leaves_old_or_new(root, ("--no-cache",), point)
