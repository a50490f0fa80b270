"""The real plans in plans/: valid, linked, and complete against the counts of their sources."""

from __future__ import annotations

import pytest

from conftest import PLANS, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.index.linkindex import LinkIndex
from mvkplan.project.config import find_project


@pytest.fixture(scope="module")
def index() -> LinkIndex:
    return load_corpus(find_project(PLANS.parent)).index


def test_validate_is_clean_on_the_shipped_plans() -> None:
    result = run_cli("validate")
    assert result.exit_code == 0, result
    assert "files are valid" in result.stdout


def goals_per_area(index: LinkIndex, document: str) -> list[int]:
    return [len(area.goals) for area in index.documents[document].model.areas]


# Counts as printed in the sources (shared/seeds/README.md).
@pytest.mark.parametrize(("document", "expected"), [
    ("kalmar-2021", [3, 3, 1, 4]),
    ("kalmar-2024", [4, 4, 1, 4]),
    ("kronoberg-2018-reviderad", [4, 6, 3, 3]),
])
def test_goals_per_national_goal(index: LinkIndex, document: str, expected: list[int]) -> None:
    assert goals_per_area(index, document) == expected
    areas = index.documents[document].model.areas
    assert [area.links for area in areas] == [[f"nationell-strategi/{n}"] for n in (1, 2, 3, 4)]


def test_jonkoping_activities_per_area(index: LinkIndex) -> None:
    areas = index.documents["jonkoping-2022"].model.areas
    assert [len(area.activities) for area in areas] == [6, 5, 7, 14, 5]
    for area in areas:
        for activity in area.activities:
            assert activity.links, activity.id
            assert all(link.startswith("jonkoping-strategi-2020-2026/") for link in activity.links)


def test_kalmar_strategy_focus_areas(index: LinkIndex) -> None:
    model = index.documents["kalmar-jamstalldhetsstrategi-2024"].model
    assert [len(area.rows) for area in model.areas] == [3, 3, 4, 3, 5]
    assert index.item("kalmar-jamstalldhetsstrategi-2024/7") is not None
    assert len(model.indicator_lists) >= 6


def test_document_relations(index: LinkIndex) -> None:
    kalmar_2024 = index.documents["kalmar-2024"].model
    assert kalmar_2024.supersedes == "kalmar-2021"
    assert kalmar_2024.annex_of == "kalmar-jamstalldhetsstrategi-2024"
    assert index.documents["kalmar-2021"].model.status == "superseded"
    kronoberg = index.documents["kronoberg-2018-reviderad"].model
    assert kronoberg.period is not None
    assert (kronoberg.period.start, kronoberg.period.end) == (None, 2026)


def test_every_goal_is_followed_up(index: LinkIndex) -> None:
    for document in ("kalmar-2021", "kalmar-2024", "kronoberg-2018-reviderad"):
        for area in index.documents[document].model.areas:
            for goal in area.goals:
                assert goal.indicators, f"{document}/{goal.id}"


def test_no_personal_contact_details_in_plans() -> None:
    import re

    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"\b0\d{1,3}[- ]?\d{2,3}[ ]?\d{2}[ ]?\d{2}\b")
    for path in PLANS.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not email.search(text), path
        assert not phone.search(text), path
