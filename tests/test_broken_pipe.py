"""A reader that goes away (``mvkplan lint | head``): the command stops quietly and exits 141.

141 is what a shell shows for a program ended by SIGPIPE (128 + 13), as ``cat`` or ``git`` end
when ``head`` has read enough. Exit 1 would say "problems found", which nobody checked. Neither
a traceback nor Python's "Exception ignored … BrokenPipeError" may reach the terminal, whatever
the command and however much of its output was read before the reader went away.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from _realistic import write_corpus  # noqa: E402

BROKEN_PIPE = 141

COMMANDS = [
    ["lint"],
    ["lint", "--format", "json"],
    ["lint", "--format", "sarif"],
    ["check", "--format", "github"],
    ["validate", "--format", "sarif"],
    ["links", "kalmar-2024"],
    ["coverage"],
    ["rules"],
    ["--help"],
    ["lint", "--help"],
]


PIPE_HOLDS = 1 << 16
"""What a pipe holds unread on Linux: output beyond it is written after the reader went away."""


def _copies(root: Path, copies: int) -> Path:
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    for copy in range(copies):
        shutil.copytree(PLANS, root / "plans" / f"kopia-{copy}")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copies(tmp_path_factory.mktemp("pipe"), 1)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies with ids of their own (the speed benchmark's corpus), enough that every command
    below writes far more than a pipe holds."""
    root = tmp_path_factory.mktemp("pipe-big")
    write_corpus(root, 1000)
    return root


def _read_then_close(args: list[str], cwd: Path, read: int) -> tuple[int, str, str]:
    """Run mvkplan with its output into a pipe whose reader takes ``read`` bytes and goes away."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en", "COLUMNS": "100"}
    process = subprocess.Popen([sys.executable, "-m", "mvkplan", *args], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(read) if read else b""
    process.stdout.close()
    err = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    process.wait(timeout=120)
    return process.returncode, head.decode("utf-8", "replace"), err


def _whole(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "mvkplan", *args], cwd=cwd, env=env,
                          capture_output=True, check=False)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_gone_before_the_first_byte_ends_the_command_quietly(project, args):
    code, _head, err = _read_then_close(args, project, 0)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert code == BROKEN_PIPE, (code, err)


WHOLE: dict[tuple[str, ...], subprocess.CompletedProcess[bytes]] = {}
LINE_BY_LINE = (["lint"], ["check", "--format", "github"])
"""Formats written a line at a time: a write after the reader went away always fails. (The
JSON formats are one write: Python may hand the pipe part of it and drop the rest without
an error, and the command then ends with its own answer.)"""


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.sampled_from(COMMANDS[:4]), fraction=st.floats(0, 1))
def test_a_reader_gone_part_way_ends_the_command_quietly(big, args, fraction):
    whole = WHOLE.get(tuple(args)) or WHOLE.setdefault(tuple(args), _whole(args, big))
    assert len(whole.stdout) > 2 * PIPE_HOLDS, "the project is too small to break the pipe"
    read = min(int(len(whole.stdout) * fraction), len(whole.stdout) - 2 * PIPE_HOLDS)
    code, head, err = _read_then_close(args, big, read)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert whole.stdout.decode("utf-8", "replace").startswith(head)
    if args in LINE_BY_LINE:  # far more than the pipe holds was left unread: it broke
        assert code == BROKEN_PIPE, (code, err)
    else:  # never 1 ("problems found") for a run that found none
        assert code in (BROKEN_PIPE, whole.returncode), (code, whole.returncode, err)


@pytest.mark.parametrize("args", [["lint"], ["validate", "--format", "sarif"]], ids=" ".join)
def test_a_reader_that_reads_everything_sees_the_usual_exit_code(project, args):
    whole = _whole(args, project)
    code, head, err = _read_then_close(args, project, len(whole.stdout) + 1)
    assert (code, head, err) == (whole.returncode, whole.stdout.decode("utf-8"), whole.stderr.decode("utf-8"))
