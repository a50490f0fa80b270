"""The shipped framework of nationally recommended indicators (nationella-indikatorer).

The file ships a verified subset of Socialstyrelsen's 2018 proposal (75 indicators, 39 with
kärnstatus): see the comment at the top of the YAML. The counts below pin that subset, so that
completing the list from the report is a deliberate change to both the data and these numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.loading.shipped import shipped_documents
from mvkplan.models import Framework, FrameworkItem
from mvkplan.project.config import find_project

FRAMEWORK = "nationella-indikatorer"
REPORT_TOTAL, REPORT_CORE = 75, 39
# Indicators per national goal that could be verified word for word (of the report's 75).
VERIFIED_PER_GOAL = {"mal-1": 10, "mal-2": 17, "mal-3": 23, "mal-4": 4}
# Core status could not be checked for any indicator (of the report's 39).
VERIFIED_CORE = 0


@pytest.fixture(scope="module")
def framework() -> Framework:
    found = [d.model for d in shipped_documents() if d.model.id == FRAMEWORK]
    assert len(found) == 1
    model = found[0]
    assert isinstance(model, Framework)
    return model


def indicators(model: Framework) -> list[FrameworkItem]:
    return [indicator for goal in model.items for indicator in goal.items]


def test_one_item_per_national_goal_each_linked_to_the_strategy(framework: Framework) -> None:
    assert [goal.id for goal in framework.items] == ["mal-1", "mal-2", "mal-3", "mal-4"]
    for n, goal in enumerate(framework.items, start=1):
        assert goal.links == [f"nationell-strategi/{n}"]
        assert goal.number == str(n)


def test_indicator_count_per_goal_is_the_verified_subset(framework: Framework) -> None:
    counts = {goal.id: len(goal.items) for goal in framework.items}
    assert counts == VERIFIED_PER_GOAL
    assert sum(counts.values()) == 54 < REPORT_TOTAL, "complete the list, then update the counts"


def test_core_count_is_what_could_be_verified(framework: Framework) -> None:
    core = [i.id for i in indicators(framework) if i.core]
    assert len(core) == VERIFIED_CORE <= REPORT_CORE


def test_every_indicator_has_a_data_source_or_is_a_development_indicator(
        framework: Framework) -> None:
    for indicator in indicators(framework):
        assert bool(indicator.data_source) != indicator.development, indicator.id
        assert indicator.area, indicator.id
        assert not indicator.items, "indicators are leaves"
    with_source = [i for i in indicators(framework) if i.data_source]
    assert len(with_source) == 22
    assert all(i.responsible for i in with_source)


def test_ids_are_unique_and_numbered_within_their_goal(framework: Framework) -> None:
    ids = [goal.id for goal in framework.items] + [i.id for i in indicators(framework)]
    assert len(ids) == len(set(ids))
    for n, goal in enumerate(framework.items, start=1):
        assert [i.id for i in goal.items] == [f"{n}.{k}" for k in range(1, len(goal.items) + 1)]
        assert all(i.number == i.id for i in goal.items)


def test_the_examples_the_issue_names_are_there(framework: Framework) -> None:
    by_title = {i.title: i for i in indicators(framework)}
    assault = by_title["Andel individer utsatta för misshandel föregående kalenderår"]
    assert assault.data_source and assault.data_source.startswith("NTU")
    lethal = by_title["Antal individer som avlidit till följd av dödligt våld per år"]
    assert lethal.responsible == "Brå"


def test_links_resolve_in_the_index() -> None:
    index = load_corpus(find_project()).index
    for n in range(1, 5):
        assert index.item(f"nationell-strategi/{n}") is not None
        assert index.item(f"{FRAMEWORK}/mal-{n}") is not None
    assert index.item(f"{FRAMEWORK}/2.3") is not None
    assert index.item(f"{FRAMEWORK}/2.99") is None


def test_a_plan_may_link_to_a_national_indicator(project: Path) -> None:
    (project / "plans" / "local.yaml").write_text(
        "id: local\nkind: local-plan\ntitle: Local\nareas:\n  - id: x\n"
        "    links: [nationella-indikatorer/2.1, nationella-indikatorer/2.99]\n", encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert "plans/local.yaml:6:41: E302 [error] document 'nationella-indikatorer' has no item '2.99'" \
        in result.stdout, result
    assert "1 problem (1 error," in result.stdout, "the link to 2.1 resolves"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_render_shows_source_status_and_the_strategy_link(fmt: str) -> None:
    result = run_cli("render", FRAMEWORK, "--format", fmt, "--output", "-")
    assert result.exit_code == 0, result
    out = result.stdout
    for text in ("Mål 1: Ett utökat och verkningsfullt förebyggande arbete mot våld",
                 "2.1 Andel individer utsatta för misshandel föregående kalenderår",
                 "Datakälla", "NTU-lokal", "Ansvarig", "Polisen och Brå", "Indikatorområde",
                 "Utvecklingsindikator (saknar ännu datakälla)", "54 av de 75 indikatorerna"):
        assert text in out, text
    assert "Kärnindikator" not in out, "no core status is claimed"
    assert out.count("Utvecklingsindikator (saknar ännu datakälla)") == 32
