"""The report compares like with like (issue 24.1, 24.2, 24.7): a change between two years is
computed over the respondents who answered both years and says how many; a year's sum says
whom it covers; the rate counts those sent a workbook (``asked:``); the chart shows how many
respondents each year covers. Built through the CLI on real files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli

KRONOBERG = ["alvesta-kommun", "lessebo-kommun", "ljungby-kommun", "markaryd-kommun",
             "tingsryd-kommun", "uppvidinge-kommun", "vaxjo-kommun", "almhult-kommun"]

PLAN = """\
id: testplan
kind: regional-plan
title: Testplan för Kronobergs län
county: kronoberg
period: {start: 2024, end: 2026}
status: adopted
areas:
  - id: stod
    title: Stöd
    goals:
      - id: mal
        title: Fler får stöd
        indicators:
          - id: antal
            text: Antal som fått stöd
            type: count
            reported_by: [municipality]
"""


def follow_up(year: int, values: dict[str, int], asked: list[str]) -> str:
    """A follow-up of ``testplan``: who answered, who was asked, one count each."""
    lines = [f"id: testplan-{year}", "kind: follow-up", f"title: Uppföljning {year}",
             "plan: testplan", f"year: {year}", "county: kronoberg", "status: adopted",
             "respondents:" if values else "respondents: []"]
    lines += [f"  - municipality: {key}" for key in values]
    if asked:
        lines += ["asked:"] + [f"  - {key}" for key in asked]
    lines += ["values:" if values else "values: []"]
    lines += [f"  - {{indicator: mal/antal, respondent: {key}, value: '{value}'}}"
              for key, value in values.items()]
    return "\n".join(lines) + "\n"


def make_project(root: Path, first: dict[str, int], second: dict[str, int],
                 asked: list[str]) -> Path:
    """A project with the plan and its follow-ups of 2024 and 2025."""
    (root / "plans" / "uppfoljning").mkdir(parents=True, exist_ok=True)
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (root / "plans" / "testplan.yaml").write_text(PLAN, encoding="utf-8")
    (root / "plans" / "uppfoljning" / "testplan-2024.yaml").write_text(
        follow_up(2024, first, []), encoding="utf-8")
    (root / "plans" / "uppfoljning" / "testplan-2025.yaml").write_text(
        follow_up(2025, second, asked), encoding="utf-8")
    return root


def report(root: Path, fmt: str) -> str:
    result = run_cli("report", "testplan", "--year", "2025", "--format", fmt, "-o", "-", cwd=root)
    assert result.exit_code == 0, result
    return result.stdout


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def test_the_two_year_case(tmp_path: Path) -> None:
    """A answers 100 both years, B 500 only in 2025; eight municipalities got a workbook."""
    root = make_project(tmp_path, {"alvesta-kommun": 100},
                        {"alvesta-kommun": 100, "vaxjo-kommun": 500}, KRONOBERG)
    assert run_cli("validate", cwd=root).exit_code == 0
    text = _text(report(root, "html"))
    assert "Förändring från 2024 (summa) bland de 1 som svarat båda åren: ±0." in text
    assert "+500" not in text
    assert "Svar från 2 av 8 tillfrågade." in text
    assert "Summa 2025: 600 (de 2 som svarat: Alvesta kommun, Växjö kommun; 6 utan värde)." in text
    data = json.loads(report(root, "json"))
    [area] = data["areas"]
    [indicator] = area["goals"][0]["indicators"]
    assert indicator["rollup"]["change"] == 0
    assert indicator["rollup"]["both_years"] == ["alvesta-kommun"]
    assert [(h["year"], h["headline"], h["respondents"]) for h in indicator["history"]] == [
        (2024, 100.0, 1), (2025, 600.0, 2)]
    html = report(root, "html")
    [svg] = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.DOTALL)
    labels = re.findall(r'class="chart-(label|note)"[^>]*>([^<]*)<', svg)
    assert labels == [("label", "2024"), ("note", "1 svar"), ("label", "2025"), ("note", "2 svar")]
    # the six asked who never answered are rows of the table, with no value
    assert html.count('<th scope="row">Lessebo kommun</th><td class="num">–</td>') == 1


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roles=st.lists(st.sampled_from(["none", "2024", "2025", "both"]), min_size=8, max_size=8),
       values=st.lists(st.integers(0, 10_000), min_size=16, max_size=16),
       record_asked=st.booleans())
def test_a_change_is_over_those_who_answered_both_years(
        tmp_path_factory: pytest.TempPathFactory, roles: list[str], values: list[int],
        record_asked: bool) -> None:
    """Any mix of who answered which year: the change is over those in both years only."""
    first = {k: values[n] for n, (k, r) in enumerate(zip(KRONOBERG, roles, strict=True))
             if r in ("2024", "both")}
    second = {k: values[8 + n] for n, (k, r) in enumerate(zip(KRONOBERG, roles, strict=True))
              if r in ("2025", "both")}
    if not second:
        second = {"vaxjo-kommun": 7}  # the report's year needs a value to report on
    both = [k for k in second if k in first]
    root = make_project(tmp_path_factory.mktemp("p"), first, second,
                        KRONOBERG if record_asked else [])
    data = json.loads(report(root, "json"))
    rollup = data["areas"][0]["goals"][0]["indicators"][0]["rollup"]
    text = _text(report(root, "html"))
    if both:
        assert rollup["change"] == sum(second[k] - first[k] for k in both)
        assert f"bland de {len(both)} som svarat båda åren:" in text
    elif first:
        assert rollup["change"] is None
        assert "kan inte beräknas, ingen har svarat båda åren." in text
    if record_asked:
        assert f"Svar från {len(second)} av {len(KRONOBERG)} tillfrågade." in text
    else:
        assert f"Svar från {len(second)} av {len(second)} förväntade svarande (räknat" in text
    assert f"Summa 2025: {_number(sum(second.values()))} (de {len(second)} som svarat" in text


def _number(value: int) -> str:
    """A whole number the Swedish way, as the report prints it ('12 345')."""
    return f"{value:,}".replace(",", " ")
