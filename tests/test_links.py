"""Cross-linking: resolution, back-links, coverage, graph export and link formatting."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import run_cli
from mvkplan.index.linkformat import format_numbers


@pytest.mark.parametrize(("ids", "written"), [
    (["1", "2", "3", "4", "5"], "1–5"),
    (["2", "3", "5"], "2, 3, 5"),
    (["3", "4", "5"], "3–5"),
    (["5", "1", "2", "3"], "1–3, 5"),
    (["1", "2"], "1, 2"),
    (["6"], "6"),
    (["16.10", "5.2", "16.a", "16.1", "5"], "5, 5.2, 16.1, 16.10, 16.a"),
    (["2", "2", "3"], "2, 3"),
])
def test_numeric_links_are_written_as_the_sources_write_them(ids: list[str], written: str) -> None:
    assert format_numbers(ids) == written


def test_group_links_uses_the_frameworks_label() -> None:
    from mvkplan.checks.validate import load_corpus
    from mvkplan.index.linkformat import group_links
    from mvkplan.project.config import find_project

    index = load_corpus(find_project()).index
    refs = [f"jonkoping-strategi-2020-2026/{n}" for n in (1, 2, 3, 4, 5)] + ["agenda2030/5.2"]
    texts = [g.text for g in group_links(refs, index)]
    assert texts == ["Delmål 1–5", "Mål 5.2"]


def test_links_of_kalmar_2024_show_national_goals_and_the_municipality_linking_back() -> None:
    result = run_cli("links", "kalmar-2024", "--format", "json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    targets = {link["target"] for link in data["links_to"]}
    assert {f"nationell-strategi/{n}" for n in (1, 2, 3, 4)} <= targets
    assert "kalmar-2021" in targets  # supersedes
    sources = {link["source"] for link in data["linked_from"]}
    assert "exempelkommun-2025/mvp-i-hogstadiet" in sources
    assert "kalmar-jamstalldhetsstrategi-2024" in {s.split("/")[0] for s in sources}


def test_links_text_tree_names_both_directions() -> None:
    result = run_cli("links", "kalmar-2024/likvardig-kunskap")
    assert result.exit_code == 0, result
    assert "linked from (1)" in result.stdout
    assert "exempelkommun-2025/mvp-i-hogstadiet" in result.stdout


def test_unknown_link_target_is_a_usage_error_with_a_hint() -> None:
    result = run_cli("links", "kalmar-2042")
    assert result.exit_code == 2, result
    assert "did you mean 'kalmar-2024'" in result.stderr


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "json"])
def test_graph_export(fmt: str) -> None:
    result = run_cli("links", "--graph", fmt)
    assert result.exit_code == 0, result
    assert "kalmar-2024" in result.stdout and "kalmar-2021" in result.stdout
    if fmt == "json":
        edges = json.loads(result.stdout)["edges"]
        assert {"source": "kalmar-2024", "target": "kalmar-2021", "relation": "supersedes",
                "count": 1} in edges
    if fmt == "mermaid":
        assert result.stdout.startswith("graph LR")
    if fmt == "dot":
        assert result.stdout.startswith("digraph")


def coverage_csv(*args: str) -> dict[str, dict[str, str]]:
    result = run_cli("coverage", "--format", "csv", *args)
    assert result.exit_code == 0, result
    return {row["document"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_every_county_plan_covers_all_four_national_goals() -> None:
    rows = coverage_csv("--framework", "nationell-strategi")
    for plan in ("kalmar-2021", "kalmar-2024", "kronoberg-2018-reviderad"):
        assert all(rows[plan][f"nationell-strategi/{n}"] for n in (1, 2, 3, 4)), rows[plan]
    assert [rows["kalmar-2024"][f"nationell-strategi/{n}"] for n in (1, 2, 3, 4)] == ["4", "4", "1", "4"]


def test_jonkoping_reaches_the_national_goals_through_its_regional_strategy() -> None:
    rows = coverage_csv("--framework", "nationell-strategi")
    assert all(rows["jonkoping-2022"][f"nationell-strategi/{n}"] for n in (1, 2, 3, 4)), rows["jonkoping-2022"]


def test_jonkoping_activities_per_delmal() -> None:
    rows = coverage_csv("--framework", "jonkoping-strategi-2020-2026")
    counts = [int(rows["jonkoping-2022"][f"jonkoping-strategi-2020-2026/{n}"] or 0) for n in range(1, 6)]
    assert all(count > 0 for count in counts)
    assert max(counts) <= 37


def test_municipality_goals_reach_the_national_strategy_through_the_county_plan() -> None:
    rows = coverage_csv("--framework", "nationell-strategi", "--county", "kalmar", "--examples")
    assert rows["exempelkommun-2025"]["nationell-strategi/1"] == "2"
    assert "kronoberg-2018-reviderad" not in rows


def test_coverage_leaves_example_documents_out_unless_asked() -> None:
    rows = coverage_csv("--framework", "nationell-strategi", "--county", "kalmar")
    assert "exempelkommun-2025" not in rows
    assert "kalmar-2024" in rows


def test_coverage_formats() -> None:
    data = json.loads(run_cli("coverage", "--format", "json").stdout)
    assert {c["framework"] for c in data["columns"]} >= {"nationell-strategi", "jamstalldhetsmal",
                                                         "agenda2030", "jonkoping-strategi-2020-2026"}
    md = run_cli("coverage", "--format", "md", "--framework", "jamstalldhetsmal").stdout
    assert "| Dokument |" in md and "### jamstalldhetsmal" in md
    table = run_cli("coverage", "--framework", "nationell-strategi")
    assert table.exit_code == 0 and "kalmar-2024" in table.stdout
    assert run_cli("coverage", "--framework", "nope").exit_code == 2


def write(project: Path, name: str, text: str) -> None:
    (project / "plans" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_link_to_an_item_of_a_superseded_document_is_a_warning(project: Path) -> None:
    write(project, "old", "id: old\nkind: regional-plan\ntitle: Old\nstatus: superseded\n"
          "areas:\n  - id: a\n    links: [nationell-strategi/1]\n")
    write(project, "new", "id: new\nkind: regional-plan\ntitle: New\nsupersedes: old\n")
    write(project, "local", "id: local\nkind: local-plan\ntitle: Local\nareas:\n  - id: x\n    links: [old/a]\n")
    result = run_cli("validate", cwd=project)
    assert "plans/local.yaml:6:13: E303 [warning]" in result.stdout, result
    assert "hint: link to the corresponding item in 'new'" in result.stdout
    assert result.exit_code == 0, "a warning alone does not fail validate"


def test_back_links_on_a_synthetic_repository(project: Path) -> None:
    from mvkplan.checks.validate import load_corpus
    from mvkplan.project.config import find_project

    write(project, "county", "id: county\nkind: regional-plan\ntitle: C\nareas:\n  - id: a\n"
          "    links: [nationell-strategi/2]\n    goals:\n      - id: g\n        title: G\n")
    write(project, "town", "id: town\nkind: local-plan\ntitle: T\nareas:\n  - id: b\n    goals:\n"
          "      - id: h\n        title: H\n        links: [county/g]\n")
    index = load_corpus(find_project(project)).index
    [backlink] = index.backlinks("county/g")
    assert (backlink.document, backlink.source, backlink.line, backlink.column) == ("town", "h", 9, 17)
    # The shipped indicator framework files its goal 2 indicators under the strategy's goal 2.
    assert sorted(link.document for link in index.backlinks("nationell-strategi/2")) == [
        "county", "nationella-indikatorer"]


def test_list_and_new(project: Path) -> None:
    result = run_cli("new", "regional-plan", "gotland-2025", "--county", "gotland", "--title", "Plan: Gotland",
                     cwd=project)
    assert result.exit_code == 0, result
    assert (project / "plans" / "gotland" / "gotland-2025.yaml").is_file()
    assert run_cli("validate", cwd=project).exit_code == 0
    listed = json.loads(run_cli("list", "--format", "json", cwd=project).stdout)
    assert [(d["id"], d["kind"], d["county"], d["goals"]) for d in listed] == [
        ("gotland-2025", "regional-plan", "gotland", 1)]
    again = run_cli("new", "regional-plan", "gotland-2025", "--county", "gotland", cwd=project)
    assert again.exit_code == 2 and "already exists" in again.stderr
    escape = run_cli("new", "regional-plan", "../../evil", cwd=project)
    assert escape.exit_code == 2 and "not a valid id" in escape.stderr
    outside = run_cli("new", "regional-plan", "evil", "--dir", "/tmp", cwd=project)
    assert outside.exit_code == 2 and "outside the project" in outside.stderr
