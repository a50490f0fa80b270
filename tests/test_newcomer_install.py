"""Issue 28.3, end to end: a fresh ``init`` repository works on a machine that only has git
and Python.

mvkplan is built as a wheel from this checkout and installed into a clean virtual environment
(no system site packages); from there ``mvkplan init`` starts a repository (a git repository
with a first commit), which is pushed to a local bare remote and cloned. In the clone, the two
lines the generated README gives (make a virtual environment, install) are run as written, in
a second clean environment, and ``mvkplan check`` passes; the CI workflow's install line, read
from ``mvkplan.toml`` as the workflow reads it, is the same requirement.

The dependencies come from the package index, so this runs only where the network may be used:
``MVKPLAN_REQUIRE_NETWORK=1`` (CI sets it) runs it, and makes any failure a failure; without it
the test is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(os.environ.get("MVKPLAN_REQUIRE_NETWORK") != "1",
                                reason="installs dependencies from the index: set "
                                       "MVKPLAN_REQUIRE_NETWORK=1 to run (CI does)")


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=900, check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(venv: Path | None = None) -> dict[str, str]:
    """The environment of a new shell: no PYTHONPATH into this checkout, no venv of ours."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("PYTEST")}
    path = env.get("PATH", "").split(os.pathsep)
    ours = str(Path(sys.executable).parent)
    path = [p for p in path if p != ours]
    if venv is not None:
        path.insert(0, str(venv / "bin"))
    env["PATH"] = os.pathsep.join(path)
    return env


def _python() -> str:
    """A Python outside our virtual environment (the machine's own)."""
    base = Path(getattr(sys, "_base_executable", sys.executable))
    return str(base if base.exists() else shutil.which("python3"))


def test_a_fresh_repository_installs_from_its_readme_and_passes_check(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheels, REPO, cwd=tmp_path)
    wheel = next(wheels.glob("mvkplan-*.whl"))

    # a user's installation, from the wheel, and 'mvkplan init' run from it
    first = tmp_path / "tool-venv"
    _run(_python(), "-m", "venv", first, cwd=tmp_path)
    _run(first / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    env = _clean_env(first)
    _run(first / "bin" / "mvkplan", "init", "mina-planer", "--county", "kronoberg",
         cwd=tmp_path, env=env)
    repository = tmp_path / "mina-planer"
    assert _run("git", "log", "--oneline", cwd=repository).count("\n") == 1
    assert _run("git", "status", "--porcelain", cwd=repository) == ""

    config = tomllib.loads((repository / "mvkplan.toml").read_text("utf-8"))
    assert config["install"] == f"mvkplan @ {wheel.resolve().as_uri()}"

    remote = tmp_path / "remote.git"
    _run("git", "init", "--quiet", "--bare", remote, cwd=tmp_path)
    _run("git", "push", "--quiet", remote, "HEAD:refs/heads/main", cwd=repository)
    clone = tmp_path / "clone"
    _run("git", "clone", "--quiet", "--branch", "main", remote, clone, cwd=tmp_path)

    # the README's own lines, as a coordinator types them, in a shell with nothing of ours
    readme = (clone / "README.md").read_text("utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    lines = [line for line in block.group(1).splitlines() if line.startswith("python")]
    assert len(lines) == 2 and "venv" in lines[0] and "pip install" in lines[1], lines
    script = "set -e\n" + "\n".join(lines) + "\nmvkplan check\n"
    env = _clean_env()
    env["PATH"] = os.pathsep.join([str(Path(_python()).parent), env["PATH"]])
    _run("bash", "-c", script, cwd=clone, env=env)
    installed = _run(clone / ".venv" / "bin" / "python", "-c",
                     "import sys, mvkplan; print(sys.prefix, mvkplan.__file__)", cwd=clone)
    assert str(clone / ".venv") in installed  # the clone's own environment, not ours
    assert "include-system-site-packages = false" in (clone / ".venv" / "pyvenv.cfg").read_text()
