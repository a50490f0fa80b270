"""An import that writes several follow-ups is all or nothing across them, even when killed.

A real process is made to exit at once (``os._exit``, as a kill would) at its k-th rename of
any file (k = 0: before the first), whatever code does the renaming; every file must then be,
after the next mvkplan command, all old or all new. Before the journal, a kill between two
renames left some files new and some old for good.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from survey_support import fill, follow_up, survey_project

from conftest import PLANS, REPO

# Every rename counts; the CRASH_AT-th one (from 0) exits instead of renaming.
KILLER = """\
import os
_replace, _done = os.replace, [0]
def _counted(src, dst, *args, **kwargs):
    if _done[0] == int(os.environ["CRASH_AT"]):
        os._exit(70)
    _done[0] += 1
    return _replace(src, dst, *args, **kwargs)
os.replace = _counted
"""

WRITE = KILLER + """\
import json, sys
from pathlib import Path
from mvkplan.cycle.recording.commit import write_all
from mvkplan.cycle.recording.record import Prepared
root = Path(sys.argv[1])
batch = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
print(write_all(root, [Prepared(path, text) for path, text in batch.items()]))
"""

FILES = sorted(str(p.relative_to(PLANS.parent)) for p in PLANS.rglob("*.yaml"))


CLI = KILLER + """\
import sys
from mvkplan.__main__ import main
sys.argv[0] = "mvkplan"
main()
"""


def _run(args: list[str], cwd: Path, crash: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en"}
    env.pop("CRASH_AT", None)
    if crash is not None:
        env["CRASH_AT"] = str(crash)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    return root


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_killed_import_leaves_every_file_old_or_after_the_next_command_new(pristine, tmp_path_factory, data):
    count = data.draw(st.integers(2, 5), label="files")
    paths = data.draw(st.lists(st.sampled_from(FILES), min_size=count, max_size=count, unique=True), label="paths")
    crash = data.draw(st.integers(0, count + 2), label="renames before the kill")
    root = tmp_path_factory.mktemp("killed")
    shutil.copytree(pristine, root, dirs_exist_ok=True)
    old = {p: (root / p).read_text(encoding="utf-8") for p in paths}
    new = {p: text + f"# ändrad av inläsningen: {p}?\n" for p, text in old.items()}

    batch = root.parent / f"{root.name}-batch.json"
    batch.write_text(json.dumps(new), encoding="utf-8")
    killed = _run(["-c", WRITE, str(root), str(batch)], root, crash)
    assert killed.returncode in (0, 70), killed.stderr
    assert {(root / p).read_text(encoding="utf-8") in (old[p], new[p]) for p in paths} == {True}

    after = _run(["-m", "mvkplan", "validate"], root)
    assert "Traceback" not in after.stderr
    settled = {p: (root / p).read_text(encoding="utf-8") for p in paths}
    assert settled in (old, new), f"killed at rename {crash}: some files new, some old"
    if crash == 0:
        assert settled == old  # killed before anything was renamed: nothing may change
    assert not (root / ".mvkplan_cache" / "recording-journal.json").exists()
    assert not list(root.rglob("*.mvkplan-new"))


@pytest.mark.parametrize("crash", [0, 1, 2])
def test_survey_import_killed_half_way_is_settled_by_the_next_command(tmp_path, crash):
    project = survey_project(tmp_path)
    exported = _run(["-m", "mvkplan", "survey", "export", "kalmar-2024", "--year", "2025"], project)
    assert exported.returncode == 0, exported.stderr
    folder = project / "build" / "enkat" / "kalmar-2024-2025"
    for index, path in enumerate(sorted(folder.glob("*.xlsx"))):
        fill(path, index)
    target = project / "plans" / "kalmar" / "uppfoljning" / "kalmar-2024-2025.yaml"
    before = target.read_bytes()
    killed = _run(["-c", CLI, "survey", "import", str(folder)], project, crash)
    assert killed.returncode == 70, killed.stderr
    assert "Traceback" not in killed.stderr
    after = _run(["-m", "mvkplan", "validate"], project)
    assert after.returncode == 0, after.stdout + after.stderr
    assert target.read_bytes() == before or len(follow_up(project).values) == 84
    assert not list(project.rglob("*.mvkplan-new"))


@pytest.mark.parametrize("journal", [
    "{", "[]", '{"state": "renaming", "files": ["../../etc/passwd"]}', '{"state": "renaming", "files": ["/tmp/x"]}',
    '{"state": "maybe", "files": []}', '{"state": "renaming", "files": [1]}', "\udcff",
])
def test_a_journal_that_cannot_be_used_is_a_message_not_a_traceback(pristine, tmp_path, journal):
    shutil.copytree(pristine, tmp_path, dirs_exist_ok=True)
    (tmp_path / ".mvkplan_cache").mkdir(exist_ok=True)
    (tmp_path / ".mvkplan_cache" / "recording-journal.json").write_bytes(journal.encode("utf-8", "surrogateescape"))
    result = _run(["-m", "mvkplan", "validate"], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "recording-journal.json" in result.stderr
    assert (tmp_path / ".mvkplan_cache" / "recording-journal.json").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_journal_committed_with_the_repository_swaps_nothing(pristine, tmp_path):
    """A cloned repository that commits a journal and staged files (``git add -f``) would
    otherwise have its next command swap in texts that no reviewer saw in the files."""
    shutil.copytree(pristine, tmp_path, dirs_exist_ok=True)
    target = next(tmp_path.glob("plans/**/uppfoljning/*.yaml"))
    before = target.read_bytes()
    relative = target.relative_to(tmp_path).as_posix()
    target.with_name(f".{target.name}.mvkplan-new").write_bytes(before + b"# swapped in\n")
    journal = tmp_path / ".mvkplan_cache" / "recording-journal.json"
    journal.parent.mkdir(exist_ok=True)
    journal.write_text(json.dumps({"state": "renaming", "files": [relative]}), encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-f", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "planted"], cwd=tmp_path, check=True)
    result = _run(["-m", "mvkplan", "validate"], tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "R106" in result.stderr or "tracked by git" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before
