"""``mvkplan report`` on the real plans and their example follow-ups: content, formats, errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.models import PlanBase
from mvkplan.project.config import find_project

MUNICIPALITIES = ["Borgholm kommun", "Emmaboda kommun", "Kalmar kommun", "Västervik kommun"]


def _text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).replace("&nbsp;", " ").split())


@pytest.fixture(scope="module")
def kalmar_md() -> str:
    result = run_cli("report", "kalmar-2024", "--year", "2025", "--format", "md", "--output", "-")
    assert result.exit_code == 0, result
    return result.stdout


@pytest.fixture(scope="module")
def kalmar_html() -> str:
    result = run_cli("report", "kalmar-2024", "--year", "2025", "--output", "-")
    assert result.exit_code == 0, result
    return result.stdout


def test_every_goal_of_the_plan_is_in_the_report(kalmar_md: str, kalmar_html: str) -> None:
    plan = load_corpus(find_project(REPO)).index.document("kalmar-2024")
    assert isinstance(plan, PlanBase)
    text = _text(kalmar_html)
    for area in plan.areas:
        for goal in area.goals:
            words = " ".join(goal.title.split())
            assert words in text, goal.id
            assert f"### {words}" in kalmar_md, goal.id


def test_values_by_respondent_and_change_from_the_previous_year(kalmar_md: str) -> None:
    assert "# Årlig uppföljning 2025 av regional handlingsplan för Kalmar län 2024–2026" in kalmar_md
    assert "| Svarande | 2024 | 2025 | Förändring från 2024 |" in kalmar_md
    for name in MUNICIPALITIES:
        assert f"| {name} |" in kalmar_md
    # per-sex values: one column per sex and year
    assert "| Svarande | 2024 kvinnor | 2024 män | 2024 totalt | 2025 kvinnor |" in kalmar_md
    assert "Förändring från 2024 (andel ja) bland de 11 som svarat båda åren:" in kalmar_md
    assert "Förändring från utgångsvärdet 2023:" in kalmar_md
    # the example follow-ups record no 'asked:': the rate says what it is counted over
    assert "Svar från 11 av 12 förväntade svarande (räknat över uppföljningens svarande" in kalmar_md
    assert re.search(r"\d+ av 11 når målet \(75\u00a0% senast 2026\)", kalmar_md)


def test_the_example_is_shown_as_an_example(kalmar_md: str) -> None:
    assert "Exempel – uppföljningen visar påhittade värden" in kalmar_md
    assert "Utkast" not in kalmar_md


def test_a_draft_is_shown_as_a_draft(real_project: Path) -> None:
    path = real_project / "plans" / "kalmar" / "uppfoljning" / "kalmar-2024-2025.yaml"
    path.write_text(path.read_text().replace("status: adopted", "status: draft"))
    result = run_cli("report", "kalmar-2024", "-f", "md", "-o", "-", cwd=real_project)
    assert "Utkast – uppföljningen är inte fastställd." in result.stdout, result


def test_numbers_are_written_the_swedish_way(kalmar_md: str) -> None:
    assert re.search(r"\d+,\d\u00a0%", kalmar_md)  # '12,5 %' with a no-break space
    assert not re.search(r"\d\.\d\u00a0%", kalmar_md)


def test_every_value_type_is_shown(kalmar_md: str) -> None:
    for label in ("Typ: ja/nej", "Typ: procent", "Typ: svarsalternativ (Ja, Delvis, Nej)",
                  "Typ: antal", "Typ: tal", "Typ: text"):
        assert label in kalmar_md, label
    assert "Svar: Ja " in kalmar_md and "Delvis" in kalmar_md


def test_the_html_report_has_charts_with_the_same_numbers_in_a_table(kalmar_html: str) -> None:
    charts = re.findall(r'<svg class="chart".*?</svg>', kalmar_html, re.S)
    assert charts
    for chart in charts:
        assert 'role="img"' in chart and "<title id=" in chart and "<desc id=" in chart
    assert "<script" not in kalmar_html
    # the chart's description and the table beside it carry the same figures
    first = charts[0]
    figures = re.findall(r'class="chart-value"[^>]*>([^<]+)<', first)
    after = kalmar_html[kalmar_html.index(first):]
    table = after[:after.index("</table>")]
    for figure in figures:
        assert figure in table


def test_national_indicators_are_shown_beside_the_plans_own(kalmar_md: str) -> None:
    assert "Nationell indikator: 3.19 Andel kommuner där socialtjänsten erbjuder" in kalmar_md
    assert "## Nationella indikatorer" in kalmar_md


def test_jonkoping_report_has_activity_status_per_delmal() -> None:
    result = run_cli("report", "jonkoping-2022", "--year", "2022", "-f", "md", "-o", "-")
    assert result.exit_code == 0, result
    text = result.stdout
    assert "## Aktiviteter per mål" in text
    assert "| Mål | Planerad | Pågår | Genomförd | Uppskjuten | Inställd | Totalt |" in text
    assert "| Mål 4 Effektivare brottsbekämpning |" in text
    for label in ("Planerad", "Pågår", "Genomförd", "Uppskjuten", "Inställd"):
        assert f"| {label} |" in text
    assert "aktiviteter genomförda" in text


def test_json_report(tmp_path: Path) -> None:
    result = run_cli("report", "kalmar-2024", "--year", "2025", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["plan"] == "kalmar-2024" and data["years"] == [2024, 2025] and data["example"]
    goals = [g for a in data["areas"] for g in a["goals"]]
    [mvp] = [i for g in goals for i in g["indicators"] if i["key"].endswith("mvp-i-grundskolan")]
    assert mvp["reference"] == "kalmar-2024/likvardig-kunskap/mvp-i-grundskolan"
    assert mvp["rollup"]["answered"] == 11 and mvp["rollup"]["expected"] == 12
    assert sum(count for _, count in mvp["rollup"]["distribution"]) == 11


def test_report_is_written_atomically_and_deterministically(real_project: Path) -> None:
    first = run_cli("report", "kalmar-2024", "--year", "2025", cwd=real_project)
    assert first.exit_code == 0, first
    target = real_project / "build" / "kalmar-2024-uppfoljning-2025.html"
    before = target.read_bytes()
    assert run_cli("report", "kalmar-2024", "--year", "2025", cwd=real_project).exit_code == 0
    assert target.read_bytes() == before
    follow_up = real_project / "plans" / "kalmar" / "uppfoljning" / "kalmar-2024-2025.yaml"
    assert run_cli("report", "kalmar-2024-2025", "-o", "build/x.md", "-f", "md",
                   cwd=real_project).exit_code == 0
    assert "Årlig uppföljning 2025" in (real_project / "build" / "x.md").read_text()
    follow_up.write_text(follow_up.read_text().replace('value: "ja"', 'value: "kanske"', 1))
    broken = run_cli("report", "kalmar-2024", "--year", "2025", "-o", "build/y.html",
                     cwd=real_project)
    assert broken.exit_code == 1, broken
    assert "kalmar-2024-2025.yaml:" in broken.stderr and "E507" in broken.stderr
    assert not (real_project / "build" / "y.html").exists()


def test_report_usage_errors(real_project: Path) -> None:
    unknown = run_cli("report", "kalmar-2042", "--year", "2025", cwd=real_project)
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr, unknown
    no_year = run_cli("report", "kalmar-2024", "--year", "2026", cwd=real_project)
    assert no_year.exit_code == 2 and "2024, 2025" in no_year.stderr, no_year
    not_plan = run_cli("report", "nationell-strategi", cwd=real_project)
    assert not_plan.exit_code == 2, not_plan
    none = run_cli("report", "kronoberg-2018-reviderad", cwd=real_project)
    assert none.exit_code == 2 and "no follow-ups" in none.stderr, none
    # Any output path the user names is honoured (issue 15); an input document never is.
    outside = run_cli("report", "kalmar-2024", "-o", "plans/kalmar/kalmar-2024.yaml", cwd=real_project)
    assert outside.exit_code == 2 and "refusing to overwrite" in outside.stderr, outside
    for result in (unknown, no_year, not_plan, none, outside):
        assert "Traceback" not in result.stdout + result.stderr


def test_latest_year_is_the_default(real_project: Path) -> None:
    result = run_cli("report", "kalmar-2024", "-f", "md", "-o", "-", cwd=real_project)
    assert result.exit_code == 0 and "Årlig uppföljning 2025" in result.stdout, result


def _make_real(project: Path) -> None:
    """Turn the example follow-ups into real ones (as a county's own would be)."""
    for path in (project / "plans").rglob("uppfoljning/*.yaml"):
        path.write_text(path.read_text().replace("example: true", "example: false"))


def test_the_site_has_report_pages_linked_from_plan_and_county(real_project: Path) -> None:
    assert run_cli("build", cwd=real_project).exit_code == 0
    site = real_project / "site"
    report = (site / "dokument" / "kalmar-2024-2025.html").read_text()
    assert "Årlig uppföljning 2025" in report and "Exempel" in report
    # an example report is listed with the county's examples, never linked from the real plan
    assert 'kalmar-2024-2025.html"' not in (site / "dokument" / "kalmar-2024.html").read_text()
    county = (site / "lan" / "kalmar.html").read_text()
    examples = county[county.index("Exempel – påhittade dokument"):]
    assert 'kalmar-2024-2025.html"' in examples
    coverage = (site / "tackning.html").read_text()
    national = coverage[coverage.index('id="mvk-nationella-indikatorer"'):]
    assert "Andel kommuner där socialtjänsten erbjuder stödsamtal" in national
    assert "(exempel, ingen verklig plan)" in national
    assert "Andel individer utsatta för misshandel" not in national  # followed by no plan
    shutil.rmtree(site)
    _make_real(real_project)
    assert run_cli("build", cwd=real_project).exit_code == 0
    for page in (site / "dokument" / "kalmar-2024.html", site / "lan" / "kalmar.html"):
        assert 'kalmar-2024-2025.html"' in page.read_text(), page
    assert "Senaste uppföljning" in (site / "lan" / "kalmar.html").read_text()


def test_coverage_shows_which_national_indicators_a_county_follows(real_project: Path) -> None:
    def followed(*options: str) -> dict[str, set[str]]:
        result = run_cli("coverage", "--framework", "nationella-indikatorer", "--county", "kalmar",
                         "-f", "json", *options, cwd=real_project)
        assert result.exit_code == 0, result
        return {d["id"]: {k for k, v in d["cells"].items() if v["count"]}
                for d in json.loads(result.stdout)["documents"]}

    national = {"nationella-indikatorer/1.1", "nationella-indikatorer/3.19"}
    assert followed()["kalmar-2024"] == set()  # examples never count for a real plan
    with_examples = followed("--examples")
    assert with_examples["kalmar-2024"] == set()
    assert with_examples["kalmar-2024-2025"] == national
    _make_real(real_project)
    assert followed()["kalmar-2024"] == national
    assert followed()["kalmar-2021"] == set()


def test_links_to_a_plans_indicators_land_on_its_goal(real_project: Path) -> None:
    from test_render_support import broken_links

    plan = real_project / "plans" / "kalmar" / "kalmar-2024.yaml"
    text = plan.read_text()
    old = "          - source: lansstyrelsens-arliga-kartlaggning\n            text: Länsstyrelsens kartläggning\n"
    assert old in text
    plan.write_text(text.replace(old, old + "            links: [nationella-indikatorer/1.6]\n", 1))
    assert run_cli("validate", cwd=real_project).exit_code == 0
    assert run_cli("build", cwd=real_project).exit_code == 0
    page = (real_project / "site" / "dokument" / "nationella-indikatorer.html").read_text()
    assert "kalmar-2024.html#likvardig-kunskap" in page
    assert broken_links(real_project / "site") == []


def test_list_shows_follow_ups_with_their_year_as_examples() -> None:
    result = run_cli("list", "--format", "json")
    assert result.exit_code == 0, result
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["kalmar-2024-2025"]["kind"] == "follow-up"
    assert rows["kalmar-2024-2025"]["period"] == "2025"
    assert rows["kalmar-2024-2025"]["status"] == "adopted, example"
