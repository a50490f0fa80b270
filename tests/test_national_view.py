"""The national view (issue 26.7): with plans from several counties in one repository, the start
page and the coverage page set the counties side by side, which goals of the national strategy
each county's published plans serve and which follow-ups it has, with the examples apart.

Repositories are generated: counties, plans linking goals, example plans and follow-ups; the
table on both pages must say what the generated files say.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli

COUNTIES = {"stockholm": "Stockholms län", "jonkoping": "Jönköpings län",
            "kronoberg": "Kronobergs län", "kalmar": "Kalmar län", "skane": "Skåne län"}
ORDER = list(COUNTIES)  # the catalog's order
GOALS = ("1", "2", "3", "4")


class _Table(HTMLParser):
    """The rows of the table of class ``national``: each cell's whole text (hidden text too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.inside = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and "national" in (dict(attrs).get("class") or "").split():
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join(" ".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def national_rows(page: Path) -> list[list[str]]:
    """The national table of a built page (empty when the page has none)."""
    parser = _Table()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.rows


plan_links = st.frozensets(st.sampled_from(GOALS))
county_plans = st.lists(plan_links, min_size=1, max_size=3)


@st.composite
def repositories(draw):
    """County → its plans (each the goals it links); example plans; follow-ups per plan."""
    counties = draw(st.lists(st.sampled_from(ORDER), min_size=1, max_size=4, unique=True))
    plans = {county: draw(county_plans) for county in counties}
    examples = draw(st.lists(st.tuples(st.sampled_from(counties), plan_links), max_size=2))
    follow_ups = draw(st.lists(st.tuples(st.sampled_from(counties), st.integers(0, 2),
                                         st.integers(2024, 2026), st.booleans()),
                               max_size=4, unique_by=lambda f: (f[0], f[1], f[2])))
    return plans, examples, follow_ups


def _plan(plan_id: str, county: str, goals: frozenset[str], example: bool) -> dict:
    plan = {"id": plan_id, "kind": "regional-plan", "title": f"Plan {plan_id}", "county": county,
            "organisations": [f"Länsstyrelsen {county}"], "status": "adopted",
            "period": {"start": 2024, "end": 2026},
            "areas": [{"id": "omrade", "title": "Område",
                       "goals": [{"id": f"mal-{goal}", "title": f"Mål {goal}",
                                  "links": [f"nationell-strategi/{goal}"]}
                                 for goal in sorted(goals)]}]}
    if example:
        plan["example"] = True
    return plan


def _write(project: Path, document: dict) -> None:
    (project / "plans" / f"{document['id']}.yaml").write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


@settings(max_examples=20, derandomize=True, deadline=None)
@given(repository=repositories())
def test_counties_side_by_side_on_start_and_coverage_pages(tmp_path_factory, repository):
    plans, examples, follow_ups = repository
    project = tmp_path_factory.mktemp("national")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (project / "plans").mkdir()
    for county, goal_sets in plans.items():
        for n, goals in enumerate(goal_sets):
            _write(project, _plan(f"{county}-{n}", county, goals, example=False))
    for n, (county, goals) in enumerate(examples):
        _write(project, _plan(f"exempel-{n}", county, goals, example=True))
    expected_follow_ups: dict[str, list[str]] = {c: [] for c in plans}
    expected_follow_ups["Exempel"] = []
    for county, number, year, example in follow_ups:
        plan_id = f"{county}-{min(number, len(plans[county]) - 1)}"
        document = {"id": f"{plan_id}-{year}", "kind": "follow-up", "plan": plan_id,
                    "title": f"Uppföljning {year}", "year": year, "county": county,
                    "status": "adopted"}
        if (project / "plans" / f"{document['id']}.yaml").exists():
            continue
        if example:
            document["example"] = True
        _write(project, document)
        expected_follow_ups["Exempel" if example else county].append(f"{year} – Plan {plan_id}")
    result = run_cli("build", "--no-cache", cwd=project)
    assert result.exit_code == 0, result

    site = project / "site"
    for page in (site / "index.html", site / "tackning.html"):
        rows = national_rows(page)
        if len(plans) < 2:  # one county has nothing to be compared with
            assert rows == [], page
            continue
        apart = bool(examples or expected_follow_ups["Exempel"])
        columns = [c for c in ORDER if c in plans] + (["Exempel"] if apart else [])
        heads = rows[0][1:]
        assert [h.split(" ")[0] for h in heads] == \
            [COUNTIES[c].split(" ")[0] if c in COUNTIES else c for c in columns], page
        if apart:
            assert "påhittade, inga verkliga planer" in heads[-1]
        for goal, row in zip(GOALS, rows[1:5], strict=True):
            assert row[0].startswith(f"Mål {goal}"), row
            for column, cell in zip(columns, row[1:], strict=True):
                sets = plans[column] if column in plans else [g for _, g in examples]
                serving = sum(goal in goals for goals in sets)
                assert cell == (f"{serving} av {len(sets)}" if serving else "– ingen plan"), \
                    (page.name, goal, column, cell)
        follow_up_row = rows[5]
        assert follow_up_row[0] == "Uppföljningar"
        for column, cell in zip(columns, follow_up_row[1:], strict=True):
            wanted = sorted(expected_follow_ups.get(column, []))
            shown = [] if cell == "– inga uppföljningar" else cell
            assert (shown == []) == (wanted == []), (column, cell, wanted)
            for line in wanted:
                assert line in cell, (column, cell, line)
