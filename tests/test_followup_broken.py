"""Every broken follow-up in tests/broken_followup/ is reported with its code, line and column.

Each case is validated beside the plans it refers to (``_plan.yaml`` as plan-2024 and
``_activities.yaml`` as vp-2024), in English and in Swedish, as text and as JSON.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

BROKEN = Path(__file__).parent / "broken_followup"

# file → (code, line, column)
EXPECTED = {
    "wrong-type.yaml": ("E507", 9, 66),
    "not-a-number.yaml": ("E507", 9, 56),
    "not-yes-no.yaml": ("E507", 9, 35),
    "percent-over-100.yaml": ("E508", 9, 56),
    "bad-baseline.yaml": ("E508", 11, 35),
    "not-a-choice.yaml": ("E509", 9, 38),
    "respondent-not-in-catalog.yaml": ("E307", 7, 19),
    "respondent-outside-county.yaml": ("E510", 7, 19),
    "unknown-respondent.yaml": ("E506", 9, 40),
    "year-outside-period.yaml": ("E502", 5, 7),
    "value-year-after.yaml": ("E502", 9, 34),
    "unknown-indicator.yaml": ("E503", 9, 17),
    "unknown-measured-indicator.yaml": ("E503", 9, 16),
    "unknown-activity.yaml": ("E504", 7, 15),
    "unknown-goal.yaml": ("E505", 7, 11),
    "unknown-plan.yaml": ("E301", 4, 7),
    "not-a-plan.yaml": ("E501", 4, 7),
    "duplicate-value.yaml": ("E511", 10, 5),
    "sex-not-reported.yaml": ("E513", 9, 33),
    "indicator-clash.yaml": ("E515", 7, 10),
    "bad-status.yaml": ("E204", 8, 13),
}


def setup(project: Path, name: str) -> None:
    shutil.copy(BROKEN / "_plan.yaml", project / "plans" / "plan-2024.yaml")
    shutil.copy(BROKEN / "_activities.yaml", project / "plans" / "vp-2024.yaml")
    shutil.copy(BROKEN / name, project / "plans" / name)


def test_every_case_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.glob("[!_]*.yaml")) == sorted(EXPECTED)


def test_the_plans_alone_are_valid(project: Path) -> None:
    shutil.copy(BROKEN / "_plan.yaml", project / "plans" / "plan-2024.yaml")
    shutil.copy(BROKEN / "_activities.yaml", project / "plans" / "vp-2024.yaml")
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 0, result


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_follow_up_is_reported_at_its_place(name: str, project: Path) -> None:
    setup(project, name)
    code, line, column = EXPECTED[name]
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert f"plans/{name}:{line}:{column}: {code} " in result.stdout, result
    assert result.stdout.count(": E") == 1, result  # exactly one problem, the expected one
    data = json.loads(run_cli("validate", "--format", "json", cwd=project).stdout)
    assert [(p["line"], p["column"], p["code"]) for p in data["problems"]] == [(line, column, code)]
    swedish = run_cli("validate", "--lang", "sv", cwd=project)
    assert f"plans/{name}:{line}:{column}: {code} " in swedish.stdout, swedish
    assert "Traceback" not in result.stdout + result.stderr + swedish.stdout


@pytest.mark.parametrize("name", ["duplicate-value.yaml", "unknown-activity.yaml", "not-a-number.yaml"])
def test_check_reports_what_validate_reports_in_a_follow_up(name: str, project: Path) -> None:
    """``check`` is validate and lint in one pass: the follow-up checks are part of it."""
    setup(project, name)
    code, line, column = EXPECTED[name]
    result = run_cli("check", cwd=project)
    assert result.exit_code == 1, result
    assert f"plans/{name}:{line}:{column}: {code} " in result.stdout, result


def test_did_you_mean_for_indicators_respondents_and_activities(project: Path) -> None:
    for name in ("unknown-indicator.yaml", "unknown-respondent.yaml", "unknown-activity.yaml"):
        setup(project, name)
    result = run_cli("validate", cwd=project)
    assert "did you mean 'kunskap/oppna-jamforelser-vald'?" in result.stdout, result
    assert "did you mean 'utbildning'?" in result.stdout, result


def test_two_follow_ups_of_one_plan_and_year(project: Path) -> None:
    setup(project, "unknown-goal.yaml")
    text = (BROKEN / "unknown-goal.yaml").read_text().replace("unknown-goal", "second")
    (project / "plans" / "second.yaml").write_text(text.replace("kunskaper", "kunskap"))
    result = run_cli("validate", cwd=project)
    assert "E514" in result.stdout, result


def test_the_example_follow_ups_are_valid() -> None:
    result = run_cli("validate", "plans/kalmar/uppfoljning", "plans/jonkoping/uppfoljning")
    assert result.exit_code == 0, result
