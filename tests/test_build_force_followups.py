"""``build --force`` with a plan that cannot be loaded publishes the site without the pages of
that plan's follow-ups, and says on stderr which they are and why.

For every follow-up in ``plans/``, its plan is broken in generated ways (a schema error: a
field of the wrong type or an unknown one; a YAML error: a tab, an unclosed quote, a
duplicate key); the forced build must succeed, show the error banner, leave the follow-up's
page out and name it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli

FOLLOW_UPS = sorted(PLANS.glob("**/uppfoljning/*.yaml"))


def _plan_of(follow_up: Path) -> str:
    match = re.search(r"^plan: *(\S+)", follow_up.read_text(encoding="utf-8"), re.MULTILINE)
    assert match
    return match.group(1)


def _breakages() -> st.SearchStrategy[tuple[str, str]]:
    """(kind, how to break the plan's text) pairs: a schema error or a YAML error."""
    word = st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=8)
    return st.one_of(
        word.map(lambda w: ("schema", f"\nokand_{w}: 1\n")),  # an unknown field
        st.just(("schema", "\ntitle:\n  - a list\n")),  # wrong type (and a duplicate key)
        word.map(lambda w: ("yaml", f'\n{w}: "unclosed\n')),
        word.map(lambda w: ("yaml", f"\n{w}:\n\t- tab\n")),
        st.just(("yaml", "\n: no key\n  bad: [indent\n")),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(follow_up=st.sampled_from(FOLLOW_UPS), breakage=_breakages())
def test_a_forced_build_leaves_out_the_follow_ups_of_a_broken_plan(
    tmp_path_factory: pytest.TempPathFactory, follow_up: Path, breakage: tuple[str, str],
) -> None:
    root = tmp_path_factory.mktemp("force")
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    plan_id = _plan_of(follow_up)
    [plan] = [p for p in (root / "plans").rglob(f"{plan_id}.yaml")]
    plan.write_text(plan.read_text(encoding="utf-8") + breakage[1], encoding="utf-8")
    refused = run_cli("build", cwd=root)
    assert refused.exit_code == 1 and not (root / "site").exists(), refused
    result = run_cli("build", "--force", cwd=root)
    assert result.exit_code == 0, result
    site = root / "site" / "dokument"
    assert not (site / f"{plan_id}.html").exists()
    assert site.is_dir() and any(site.iterdir())
    left_out = [p.stem for p in FOLLOW_UPS if _plan_of(p) == plan_id]
    for name in left_out:
        assert not (site / f"{name}.html").exists(), name
        assert re.search(rf"^  {re.escape(name)}: its plan '{plan_id}' could not be loaded$",
                         result.stderr, re.MULTILINE), result
    assert f"{len(left_out)} follow-ups are not in the site" in result.stderr, result
    others = [p.stem for p in FOLLOW_UPS if _plan_of(p) != plan_id]
    assert all((site / f"{name}.html").is_file() for name in others), others
