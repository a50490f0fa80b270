"""Issue 28.4: ``mvkplan new`` writes files whose only problems are their placeholders.

Each placeholder is flagged (MVK013; the default title "Ny handlingsplan" included); the
period ends no later than what the plan serves (no MVK008); ``--from`` writes the successors
of regulations superseded by the new plan's start (no MVK006) and copies each indicator's
source, text, qualifier and frequency (no MVK002). Any ``--title`` round-trips exactly.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli
from mvkplan.loading.validation import load_bytes
from mvkplan.models import PlanBase

NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
"""Each example runs the CLI a few times: a failure is reported as found, not shrunk."""

SOURCES = ("kronoberg-2018-reviderad", "kalmar-2024")  # the plans in force (kalmar-2021 is
# superseded: starting from it is rightly an E303 on every link)
ONCE = settings(max_examples=10, deadline=None, phases=NO_SHRINK,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository made by ``mvkplan init``, with the shipped plans to start from."""
    root = tmp_path_factory.mktemp("repo") / "mina-planer"
    result = run_cli("init", str(root), "--county", "kronoberg", "--no-git")
    assert result.exit_code == 0, result
    shutil.copytree(PLANS, root / "plans", dirs_exist_ok=True)
    return root


def _new(root: Path, *args: str) -> tuple[Path, list[dict[str, object]]]:
    """Run ``new`` with ``args``; the file written and ``check``'s problems in it."""
    result = run_cli("new", *args, cwd=root)
    assert result.exit_code == 0, result
    path = Path(result.stdout.strip())
    report = run_cli("check", str(path), "--format", "json", cwd=root)
    assert report.exit_code in (0, 1), report
    return path, json.loads(report.stdout)["problems"]


def _not_placeholders(problems: list[dict[str, object]]) -> list[dict[str, object]]:
    return [p for p in problems if p["code"] != "MVK013" and p["severity"] != "info"]


def _source_model(document_id: str) -> PlanBase:
    path = next(PLANS.rglob(f"{document_id}.yaml"))
    document, _ = load_bytes(path.read_bytes(), path.name)
    assert document is not None and isinstance(document.model, PlanBase)
    return document.model


@ONCE
@given(kind=st.sampled_from(("regional-plan", "local-plan", "strategy", "activity-plan", "framework")),
       year=st.integers(2017, 2026), municipality=st.sampled_from(("vaxjo", "ljungby", "0780")))
def test_a_fresh_document_has_only_its_placeholders(
    repository: Path, kind: str, year: int, municipality: str,
) -> None:
    """Every kind, any year the strategy runs: each problem is a flagged placeholder, the
    default title among them."""
    for old in repository.rglob("nytt-*.yaml"):
        old.unlink()
    place = ("--municipality", municipality) if kind == "local-plan" else ("--county", "kronoberg")
    path, problems = _new(repository, kind, f"nytt-{kind}-{year}", *place)
    assert _not_placeholders(problems) == [], problems
    title_line = next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                      if line.startswith("title:"))
    assert any(p["line"] == title_line and p["code"] == "MVK013" for p in problems), problems
    path.unlink()


@ONCE
@given(source=st.sampled_from(SOURCES), data=st.data())
def test_starting_from_a_plan_brings_it_up_to_date(
    repository: Path, source: str, data: st.DataObject,
) -> None:
    """--from a plan in force, all or some goals, a year within its period from 2023 (when
    SOSFS 2014:4 gave way): no MVK002, MVK006, MVK008; no superseded regulation code left;
    every indicator's source and frequency as the original has them."""
    model = _source_model(source)
    assert model.period is not None and model.period.end
    year = data.draw(st.integers(max(2023, model.period.start or 0), model.period.end))
    goals = [goal for area in model.areas for goal in area.goals]
    chosen = data.draw(st.lists(st.sampled_from(goals), unique_by=lambda g: g.id, max_size=4))
    options = [arg for goal in chosen for arg in ("--goal", goal.id)]
    new_id = f"fran-{SOURCES.index(source)}-{year}"  # the id's year is the plan's first
    for old in repository.rglob(f"{new_id}.yaml"):
        old.unlink()
    path, problems = _new(repository, "local-plan", new_id, "--municipality", "vaxjo",
                          "--from", source, *options)
    assert _not_placeholders(problems) == [], problems
    text = path.read_text("utf-8")
    assert not re.search(r"SOSFS\s+2014:4", text)
    document, _ = load_bytes(text.encode(), path.name)
    assert document is not None and isinstance(document.model, PlanBase)
    written = {goal.id: goal for area in document.model.areas for goal in area.goals}
    for goal in chosen or goals:
        copied = written[goal.id].indicators
        assert [i.source for i in copied] == [i.source for i in goal.indicators]
        for original, copy in zip(goal.indicators, copied, strict=True):
            if original.frequency:
                assert copy.frequency == " ".join(original.frequency.split())
    path.unlink()


@settings(max_examples=40, deadline=None, phases=NO_SHRINK, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_title_round_trips(repository: Path, title: str) -> None:
    """Whatever the user gives as --title is the document's title, exactly."""
    for old in repository.rglob("titel-2025.yaml"):
        old.unlink()
    result = run_cli("new", "local-plan", "titel-2025", "--municipality", "vaxjo",
                     "--title", title, cwd=repository)
    assert result.exit_code == 0, result
    path = Path(result.stdout.strip())
    document, problems = load_bytes(path.read_bytes(), path.name)
    assert document is not None, problems
    assert document.model.title == title
    path.unlink()
