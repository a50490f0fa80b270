"""``benchmarks/scale.py``: its realistic corpus is the real plans, and a tiny run prints every target."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PLANS, REPO, run_cli

sys.path.insert(0, str(REPO / "benchmarks"))
from _realistic import real_documents, write_corpus  # noqa: E402 - the benchmark's own helper

TARGETS = [
    "validate cold / floor", "lint cold / floor", "check cold / floor", "validate warm / floor",
    "check warm / floor", "validate after one change / validate cold",
    "lint after one change / lint cold", "render ID / today's render ID", "render ID peak memory",
    "build 5000 / build 1000", "build after build --no-cache / full build",
    "validate peak memory beyond the interpreter / YAML bytes",
    "build peak memory beyond the interpreter / YAML bytes",
    "coverage / coverage --format json", "--version / import typer",
]
PROPOSED = [
    "validate cold, one process / floor (CPU)", "lint cold, one process / floor (CPU)",
    "check cold, one process / floor (CPU)", "validate cold / floor (wall, default workers)",
    "lint cold / floor (wall, default workers)", "check cold / floor (wall, default workers)",
]


@settings(max_examples=5, deadline=None)
@given(documents=st.integers(min_value=1, max_value=3 * len(real_documents())))
def test_every_copy_finds_what_the_real_plans_find(documents: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each group of copies links only inside itself: validate and lint report, per group, the
    real plans' findings under the group's ids, and nothing else."""
    root = tmp_path_factory.mktemp("corpus")
    corpus = write_corpus(root, documents)
    assert corpus.documents == corpus.groups * len(real_documents()) >= documents
    real = run_cli("check", "--no-cache", "--format", "json", cwd=REPO)
    copied = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    assert copied.exit_code == real.exit_code, copied

    def codes(output: str) -> list[str]:
        import json

        return sorted(p["code"] for p in json.loads(output)["problems"])

    assert codes(copied.stdout) == sorted(codes(real.stdout) * corpus.groups), copied
    ids = {path.stem for path in corpus.files}
    assert len(ids) == corpus.documents
    assert all(path.stem.rsplit("-k", 1)[0] in real_documents(PLANS) for path in corpus.files)


def test_a_tiny_run_prints_every_target() -> None:
    """``--sizes 20 --runs 1 --quick`` runs end to end and prints each target, met or not met."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "scale.py"), "--sizes", "20",
                           "--runs", "1", "--quick"], capture_output=True, text=True, env=env,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    proposed = done.stdout.index("## Proposed")
    for target in PROPOSED:  # apart from the issue's own, after them
        assert done.stdout.index(f"| {target} |") > proposed, done.stdout
    for target in TARGETS + PROPOSED:
        row = next((r for r in rows if r.startswith(f"| {target} |")), None)
        assert row is not None, f"no row for {target!r}:\n{done.stdout}"
        assert row.rstrip(" |*").endswith(("met", "not measured")), row
