"""Issue 28.6: what the terminal shows. Paths named with detours are printed normalised;
piped output is as wide as ``COLUMNS`` says (``rules`` fits 80 columns into a pipe);
``diff --rev`` outside git says it is not a git repository, in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli

CLI = settings(max_examples=12, deadline=None, phases=(Phase.explicit, Phase.generate),
               suppress_health_check=[HealthCheck.function_scoped_fixture])
KRONOBERG = PLANS / "kronoberg" / "kronoberg-2018-reviderad.yaml"


@pytest.fixture(scope="module")
def beside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project 'mina-planer' and, beside it, a folder of answers with a broken plan."""
    top = tmp_path_factory.mktemp("top")
    project = top / "mina-planer"
    (project / "plans").mkdir(parents=True)
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n')
    (project / "a" / "b").mkdir(parents=True)
    (top / "svar-2025").mkdir()
    (top / "svar-2025" / "plan.yaml").write_text("id: plan\nkind: regional-plan\ntitle: Plan\nvison: x\n")
    return project


@CLI
@given(detour=st.lists(st.sampled_from(["a/..", "a/b/../..", ".", "a/./b/../.."]), max_size=4),
       command=st.sampled_from(["validate", "check"]), absolute=st.booleans())
def test_a_path_with_detours_is_printed_normalised(
    beside: Path, detour: list[str], command: str, absolute: bool,
) -> None:
    """However the file is reached, the report names it without '..' or '.' segments."""
    named = "/".join([*detour, "../svar-2025/plan.yaml"])
    if absolute:
        named = f"{beside}/{named}"
    result = run_cli(command, named, cwd=beside)
    assert result.exit_code == 1, result
    reported = [line.split(":")[0] for line in result.stdout.splitlines() if ": E202" in line]
    assert reported, result
    for path in reported:
        assert "/../" not in f"/{path}/" and "/./" not in f"/{path}/", result
        assert path.endswith("svar-2025/plan.yaml")


@CLI
@given(width=st.integers(60, 200), command=st.sampled_from(["list", "rules", "coverage"]))
def test_piped_output_is_as_wide_as_columns(real_project: Path, width: int, command: str) -> None:
    result = run_cli(command, cwd=real_project, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result
    assert max(len(line) for line in result.stdout.splitlines()) <= width, result


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_rules_fit_80_columns_into_a_pipe(lang: str) -> None:
    result = run_cli("rules", "--lang", lang, env={"COLUMNS": ""})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, result
    assert sum(line.startswith("MVK") for line in lines) >= 20  # every rule still listed


@pytest.mark.parametrize(("lang", "words"), [("en", "is not inside a git repository"),
                                             ("sv", "ligger inte i ett git-förråd")])
@pytest.mark.parametrize("rev", ["HEAD", "HEAD~1..HEAD", "main"])
def test_diff_rev_outside_git_says_so(tmp_path: Path, lang: str, words: str, rev: str) -> None:
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n')
    (tmp_path / "plans").mkdir()
    shutil.copy(KRONOBERG, tmp_path / "plans")
    result = run_cli("diff", "kronoberg-2018-reviderad", "--rev", rev, "--lang", lang, cwd=tmp_path)
    assert result.exit_code == 2, result
    assert words in result.stderr, result
    assert "revision" not in result.stderr.replace("git", ""), result
