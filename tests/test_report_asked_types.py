"""The response rate over those asked counts only those of the types a question is for: a
municipality that did not answer is not expected to answer a region's question, nor the region
(or the county board) a municipality's (review finding; it said "11 av 13 tillfrågade")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_cli

FOLLOW_UP = Path("plans/kalmar/uppfoljning/kalmar-2024-2025.yaml")
MUNICIPALITIES = ["borgholm-kommun", "emmaboda-kommun", "hultsfred-kommun", "hogsby-kommun",
                  "kalmar-kommun", "monsteras-kommun", "morbylanga-kommun", "nybro-kommun",
                  "oskarshamn-kommun", "torsas-kommun", "vimmerby-kommun", "vastervik-kommun"]


def _report(project: Path) -> dict:
    result = run_cli("report", "kalmar-2024", "--year", "2025", "--format", "json", "-o", "-", cwd=project)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def _expected(data: dict) -> dict[str, int]:
    found = {}
    for area in data["areas"]:
        for goal in area["goals"]:
            for indicator in goal["indicators"]:
                found[indicator["key"]] = indicator["rollup"]["expected"]
    return found


@pytest.mark.parametrize("silent", ["torsas-kommun", "kalmar"])
def test_the_rate_counts_only_those_asked_of_the_questions_types(real_project: Path, silent: str) -> None:
    """12 municipalities, the region and the county board asked; one of them silent. A question
    for municipalities expects the 12, never 13 or 14; the region's question expects the region
    and the county board (a county respondent is of type 'region', as `Respondent` says), never a
    municipality."""
    path = real_project / FOLLOW_UP
    text = path.read_text(encoding="utf-8")
    asked = [*MUNICIPALITIES, "region-kalmar-lan", "kalmar"]
    text = text.replace("\nrespondents:", "\nasked: [" + ", ".join(asked) + "]\nrespondents:", 1)
    if silent != "kalmar":  # the county board is asked but was never a respondent
        text = re.sub(rf"\n  - municipality: {silent}\n", "\n", text, count=1)
    path.write_text(text, encoding="utf-8")
    expected = sorted(set(_expected(_report(real_project)).values()) - {0})
    assert expected == [2, 12], expected
