"""Suspect links and ``mvkplan review`` on copies of the real plans (issue 25.1).

A municipal plan started with ``new --from kronoberg-2018-reviderad`` links each of its goals to
the county goal it follows, stamped with the fingerprint of that goal's wording. Rewording a
county goal makes exactly the links to it suspect (MVK026); ``review`` stamps them again and
changes no other byte; a newer county plan that supersedes the old one gets the links moved to
its matching goals by ``review --retarget`` (asked, or ``--yes``), never without either.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli
from mvkplan.source.parse import load_data

COUNTY = "kronoberg-2018-reviderad"
COUNTY_FILE = Path("plans/kronoberg") / f"{COUNTY}.yaml"
LOCAL_FILE = Path("plans/kronoberg/vaxjo-2025.yaml")
LINK = re.compile(rf"{COUNTY}/([^\s,\]@]+)@([0-9a-f]{{8}})")


def _project(root: Path) -> Path:
    """A copy of the real plans with a municipal plan made from the county's by ``new --from``."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    made = run_cli("new", "local-plan", "vaxjo-2025", "--municipality", "vaxjo", "--from", COUNTY,
                   "--dir", "plans/kronoberg", cwd=root)
    assert made.exit_code == 0, made
    return root


def _goals(root: Path) -> list[tuple[str, str]]:
    """The county plan's goals as (id, title), in order."""
    data = load_data((root / COUNTY_FILE).read_bytes())[0]
    return [(goal["id"], goal["title"]) for area in data["areas"] for goal in area.get("goals", [])]


def _prepend_to_title(text: str, goal: str, word: str) -> str:
    """``text`` with ``word`` put before the title of ``goal`` (inside its quotes, if any)."""
    at = text.index(f"- id: {goal}\n")
    at = text.index("title: ", at) + len("title: ")
    if text[at] in "\"'":
        at += 1
    elif text[at] in ">|":  # a folded or literal title: its text starts on the next line
        at = text.index("\n", at) + 1
        at += len(text[at:]) - len(text[at:].lstrip(" "))
    return text[:at] + word + " " + text[at:]


def _suspect(root: Path) -> list[tuple[str, int]]:
    result = run_cli("lint", "--format", "json", cwd=root)
    found = json.loads(result.stdout)
    problems = found["problems"] if isinstance(found, dict) else found
    return sorted((p["path"], p["line"]) for p in problems if p["code"] == "MVK026")


def _lines_linking(path: Path, goal: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(rf"{COUNTY}/{re.escape(goal)}@", line)]


@pytest.fixture(scope="module")
def stamped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project made once; each example copies it."""
    return _project(tmp_path_factory.mktemp("review") / "base")


def test_new_from_stamps_every_link_it_writes(stamped: Path) -> None:
    text = (stamped / LOCAL_FILE).read_text(encoding="utf-8")
    written = re.findall(rf"links: \[({COUNTY}/[^\]]+)\]", text)
    assert written and all(LINK.fullmatch(link) for link in written), written
    assert _suspect(stamped) == []


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_reworded_goal_makes_exactly_its_links_suspect_and_review_clears_only_the_fingerprints(
        stamped: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    root = tmp_path_factory.mktemp("reworded")
    shutil.copytree(stamped, root, dirs_exist_ok=True)
    local = root / LOCAL_FILE
    linked = sorted(set(LINK.findall(local.read_text(encoding="utf-8"))))
    goal, old_fp = data.draw(st.sampled_from(linked), label="goal")
    word = data.draw(st.sampled_from(["Regionalt", "Samtliga", "Förstärkt", "Nytt –"]), label="word")
    county = root / COUNTY_FILE
    text = county.read_text(encoding="utf-8")
    reworded = _prepend_to_title(text, goal, word)
    county.write_text(reworded, encoding="utf-8")

    # Spacing is not wording: a reflowed title does not make the links suspect.
    expected = [(str(LOCAL_FILE), line) for line in _lines_linking(local, goal)]
    assert expected
    assert _suspect(root) == expected

    before = local.read_bytes()
    result = run_cli("review", cwd=root)
    assert result.exit_code == 0, result
    after = local.read_bytes()
    new_fps = {fp for g, fp in LINK.findall(after.decode()) if g == goal}
    assert len(new_fps) == 1 and old_fp not in new_fps
    # Every other byte unchanged: only '@old' became '@new' at the links to the reworded goal.
    assert after == before.replace(f"{COUNTY}/{goal}@{old_fp}".encode(),
                                   f"{COUNTY}/{goal}@{new_fps.pop()}".encode())
    assert _suspect(root) == []
    assert run_cli("review", cwd=root).exit_code == 0
    assert local.read_bytes() == after


def test_reflowed_wording_is_not_a_change(stamped: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(stamped, root)
    county = root / COUNTY_FILE
    goal, title = _goals(root)[0]
    words = title.split()
    spaced = "  ".join(words)
    text = county.read_text(encoding="utf-8")
    assert f"title: {title}" in text
    county.write_text(text.replace(f"title: {title}", f'title: "{spaced} "', 1), encoding="utf-8")
    assert _suspect(root) == []


def _supersede(root: Path) -> dict[str, str]:
    """A newer county plan with every goal under a new id, one of them reworded; old id → new id."""
    old = root / COUNTY_FILE
    text = old.read_text(encoding="utf-8")
    goals = _goals(root)
    renamed = {goal: f"{goal}-2026" for goal, _title in goals}
    new = text.replace(f"id: {COUNTY}\n", "id: kronoberg-2026\n", 1)
    for goal in renamed:
        new = re.sub(rf"(- id: ){re.escape(goal)}$", rf"\g<1>{renamed[goal]}", new, count=1, flags=re.M)
    new = re.sub(r"^supersedes: .*\n", "", new, flags=re.M)
    new = new.replace("\nstatus:", f"\nsupersedes: {COUNTY}\nstatus:", 1)
    new = _prepend_to_title(new, renamed[goals[0][0]], "Regionalt")
    (old.parent / "kronoberg-2026.yaml").write_text(new, encoding="utf-8")
    old.write_text(re.sub(r"^status: .*$", "status: superseded", text, count=1, flags=re.M), encoding="utf-8")
    return renamed


def test_a_superseding_plan_proposes_its_matching_goals_and_retarget_moves_them_after_a_yes(
        stamped: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(stamped, root)
    renamed = _supersede(root)
    local = root / LOCAL_FILE
    before = local.read_bytes()
    linked = [goal for goal, _fp in LINK.findall(before.decode())]

    listed = run_cli("review", str(LOCAL_FILE), cwd=root)
    assert listed.exit_code == 1, listed
    for goal in linked:
        assert f"proposed: 'kronoberg-2026/{renamed[goal]}'" in listed.stdout, listed
    assert local.read_bytes() == before

    declined = run_cli("review", "--retarget", str(LOCAL_FILE), cwd=root)  # no answer: no
    assert declined.exit_code == 1, declined
    assert local.read_bytes() == before

    moved = run_cli("review", "--retarget", "--yes", str(LOCAL_FILE), cwd=root)
    assert moved.exit_code == 0, moved
    after = local.read_text(encoding="utf-8")
    assert COUNTY not in after
    targets = re.findall(r"kronoberg-2026/([^\s,\]@]+)@[0-9a-f]{8}", after)
    assert targets == [renamed[goal] for goal in linked]
    assert run_cli("validate", str(LOCAL_FILE), cwd=root).exit_code == 0
    assert _suspect(root) == []
    # Nothing but the links changed.
    pattern = re.compile(rb"links: \[[^\]]*\]")
    assert pattern.sub(b"", local.read_bytes()) == pattern.sub(b"", before)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.mark.parametrize("commit_rewording", [True, False])
def test_review_shows_the_old_wording_from_git_beside_the_new(
        stamped: Path, tmp_path: Path, commit_rewording: bool) -> None:
    root = tmp_path / "p"
    shutil.copytree(stamped, root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "plans")
    goal, title = _goals(root)[1]
    county = root / COUNTY_FILE
    county.write_text(_prepend_to_title(county.read_text(encoding="utf-8"), goal, "Förstärkt"), encoding="utf-8")
    if commit_rewording:
        _git(root, "commit", "-qam", "reworded")
    result = run_cli("review", cwd=root)
    assert result.exit_code == 0, result
    was = next(line for line in result.stdout.splitlines() if line.strip().startswith("was:"))
    now = next(line for line in result.stdout.splitlines() if line.strip().startswith("now:"))
    assert was.strip() == f"was: «{' '.join(title.split())}»"
    assert now.strip() == f"now: «Förstärkt {' '.join(title.split())}»"


def test_review_without_git_history_says_the_old_wording_is_unknown(stamped: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(stamped, root)
    goal, _title = _goals(root)[1]
    county = root / COUNTY_FILE
    county.write_text(_prepend_to_title(county.read_text(encoding="utf-8"), goal, "Förstärkt"), encoding="utf-8")
    result = run_cli("review", cwd=root)
    assert result.exit_code == 0, result
    assert "was: (not in this file's git history" in result.stdout


@pytest.mark.parametrize("broken", ["kronoberg-2018-reviderad/finns-inte", "ingen-plan/1"])
def test_an_error_the_file_already_has_does_not_keep_its_links_from_being_reviewed(
        stamped: Path, tmp_path: Path, broken: str) -> None:
    root = tmp_path / "p"
    shutil.copytree(stamped, root)
    local = root / LOCAL_FILE
    text = local.read_text(encoding="utf-8")
    first = LINK.search(text)
    assert first
    local.write_text(text.replace(first.group(0), f"{first.group(0)}, {broken}", 1), encoding="utf-8")
    assert run_cli("validate", str(LOCAL_FILE), cwd=root).exit_code == 1
    goal = first.group(1)
    county = root / COUNTY_FILE
    county.write_text(_prepend_to_title(county.read_text(encoding="utf-8"), goal, "Förstärkt"), encoding="utf-8")
    before = local.read_bytes()
    result = run_cli("review", cwd=root)
    assert result.exit_code == 0, result
    after = local.read_bytes()
    assert after != before and broken.encode() in after
    assert _suspect(root) == []


def test_review_all_stamps_every_link_of_a_file_and_adds_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    example = root / "plans/examples/exempelkommun-2025.yaml"
    before = example.read_bytes()
    result = run_cli("review", "--all", "plans/examples", cwd=root)
    assert result.exit_code == 0, result
    after = example.read_bytes()
    stamps = re.findall(rb"@[0-9a-f]{8}\b", after)
    assert len(stamps) == result.stdout.count("stamped") > 0
    assert re.sub(rb"@[0-9a-f]{8}\b", b"", after) == before
    assert run_cli("review", "--all", "plans/examples", cwd=root).stdout.count("stamped") == 0
    assert example.read_bytes() == after


def test_retarget_moves_links_when_the_question_is_answered_yes(stamped: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mvkplan.cli.main import app

    root = tmp_path / "p"
    shutil.copytree(stamped, root)
    renamed = _supersede(root)
    linked = [goal for goal, _fp in LINK.findall((root / LOCAL_FILE).read_text(encoding="utf-8"))]
    old_cwd = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(app, ["review", "--retarget", str(LOCAL_FILE)], input="y\n",
                                    env={"MVKPLAN_LANG": "en"}, catch_exceptions=False)
    finally:
        os.chdir(old_cwd)
    assert result.exit_code == 0, result.stdout
    assert "Move these" in result.stdout
    after = (root / LOCAL_FILE).read_text(encoding="utf-8")
    assert COUNTY not in after
    assert re.findall(r"kronoberg-2026/([^\s,\]@]+)@[0-9a-f]{8}", after) == [renamed[g] for g in linked]
