"""The follow-up document kind and the indicator fields: what loads, what is refused, what resolves."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.shipped import shipped_documents
from mvkplan.loading.validation import load_bytes
from mvkplan.models import FollowUp, RegionalPlan

PLAN = """\
id: plan-2024
kind: regional-plan
title: Plan
county: kalmar
period: {start: 2024, end: 2026}
areas:
  - id: forebygga
    goals:
      - id: kunskap
        title: Kunskap
        indicators:
          - source: oppna-jamforelser-vald
            type: percent
            kolada: N00945
            baseline: {year: 2023, value: "48,5"}
            target: {year: 2026, direction: increase}
            reported_by: [municipality]
            per_sex: true
          - text: Egen indikator
"""

FOLLOW_UP = """\
id: plan-2024-2025
kind: follow-up
title: Uppföljning 2025
plan: plan-2024
year: 2025
respondents:
  - municipality: kalmar-kommun
  - {id: region-kalmar, name: Region Kalmar län, type: region}
indicators:
  - {id: mvp, goal: kunskap, title: Arbetar kommunen med MVP?, type: yes-no}
values:
  - {indicator: kunskap/oppna-jamforelser-vald, respondent: kalmar-kommun, sex: women, value: "12,5"}
  - {indicator: kunskap/mvp, respondent: kalmar-kommun, value: ja}
"""


def load(text: str) -> object:
    document, problems = load_bytes(text.encode(), "x.yaml")
    assert document is not None, problems
    return document


def test_follow_up_loads_with_respondents_and_values() -> None:
    model = load(FOLLOW_UP).model  # type: ignore[attr-defined]
    assert isinstance(model, FollowUp)
    assert [r.key for r in model.respondents] == ["kalmar-kommun", "region-kalmar"]
    assert [r.respondent_type for r in model.respondents] == ["municipality", "region"]
    assert model.values[0].sex == "women"


def test_indicator_fields_load() -> None:
    model = load(PLAN).model  # type: ignore[attr-defined]
    assert isinstance(model, RegionalPlan)
    indicator = model.areas[0].goals[0].indicators[0]
    assert indicator.type == "percent" and indicator.kolada == "N00945"
    assert indicator.target is not None and indicator.target.direction == "increase"


def test_indicators_are_items_named_goal_slash_indicator() -> None:
    index = LinkIndex.build([*shipped_documents(), load(PLAN), load(FOLLOW_UP)])  # type: ignore[list-item]
    assert index.resolves("plan-2024/kunskap/oppna-jamforelser-vald")
    assert index.resolves("plan-2024/kunskap/2")  # no id, no source: its position
    assert index.resolves("plan-2024-2025/kunskap/mvp")
    assert [link.document for link in index.backlinks("plan-2024")] == ["plan-2024-2025"]


def test_bad_kolada_id_and_choice_without_choices_are_located(project: Path) -> None:
    text = PLAN.replace("N00945", "X123").replace("- text: Egen indikator",
                                                   "- {text: Egen, type: choice}")
    (project / "plans" / "plan-2024.yaml").write_text(text)
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert "plans/plan-2024.yaml:14:21: E204 " in result.stdout, result
    assert "plans/plan-2024.yaml:19:13: " in result.stdout, result


def test_respondent_needs_one_identity(project: Path) -> None:
    (project / "plans" / "plan-2024.yaml").write_text(PLAN)
    text = FOLLOW_UP.replace("  - municipality: kalmar-kommun\n",
                             "  - {municipality: kalmar-kommun, county: kalmar}\n")
    (project / "plans" / "plan-2024-2025.yaml").write_text(text)
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert "plans/plan-2024-2025.yaml:7:5: " in result.stdout, result
    assert "exactly one of" in result.stdout


def test_links_shows_a_plans_follow_ups_and_indicator_links(project: Path) -> None:
    (project / "plans" / "plan-2024.yaml").write_text(PLAN)
    (project / "plans" / "plan-2024-2025.yaml").write_text(FOLLOW_UP)
    assert run_cli("validate", cwd=project).exit_code == 0
    result = run_cli("links", "plan-2024", cwd=project)
    assert "plan-2024-2025" in result.stdout, result
