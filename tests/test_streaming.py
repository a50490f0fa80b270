"""``mvkplan validate`` streams: each document is checked and indexed as it is loaded, then
its model is let go (catalogs and follow-ups are kept), so memory holds the index, not the
corpus. What it reports must be what a validate holding every model reports."""

from __future__ import annotations

import gc
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import mvkplan.checks.followups
import mvkplan.loading.hints
from conftest import run_cli
from mvkplan.checks.followups import follow_up_problems
from mvkplan.checks.validate import streamed_corpus, validate
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.many import PARALLEL_MINIMUM
from mvkplan.models import DocumentBase
from mvkplan.project.config import find_project

TESTS = Path(__file__).parent
PLAN = Path(__file__).parent.parent / "plans" / "kalmar" / "kalmar-2024.yaml"


def _mixed_project(root: Path) -> None:
    """The real plans, the broken follow-ups beside their plans, and the broken documents."""
    shutil.copy(TESTS / "broken_followup" / "_plan.yaml", root / "plans" / "plan-2024.yaml")
    shutil.copy(TESTS / "broken_followup" / "_activities.yaml", root / "plans" / "vp-2024.yaml")
    for folder in ("broken_followup", "broken"):
        target = root / "plans" / folder
        target.mkdir()
        for path in (TESTS / folder).glob("[!_]*.yaml"):
            shutil.copy(path, target / path.name)


@pytest.mark.parametrize("cache", [False, True])
def test_streaming_reports_what_holding_every_model_reports(real_project: Path, cache: bool) -> None:
    _mixed_project(real_project)
    project = find_project(real_project)
    whole = validate(project, cache=cache)[1]
    streamed = validate(project, cache=cache, streaming=True)[1]
    assert len(whole) > 40
    assert streamed == whole
    assert [p.message for p in streamed] == [p.message for p in whole]


def test_workers_that_validate_give_the_same_answer(
    real_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enough files for worker processes, which then validate and send back index entries."""
    _mixed_project(real_project)
    text = PLAN.read_text(encoding="utf-8")
    for n in range(PARALLEL_MINIMUM):
        (real_project / "plans" / f"stream-copy-{n}.yaml").write_text(
            text.replace("id: kalmar-2024\n", f"id: stream-copy-{n}\n", 1)
            .replace("supersedes: kalmar-2021", "supersedes: kalmar-2012", n % 2), encoding="utf-8")
    monkeypatch.setenv("MVKPLAN_JOBS", "2")
    project = find_project(real_project)
    whole = validate(project, cache=False)[1]
    prepared: list[object] = []
    real_add = LinkIndex.add

    def add(index: LinkIndex, document: LoadedDocument, summary: object = None) -> None:
        prepared.append(summary)
        real_add(index, document, summary)  # type: ignore[arg-type]

    monkeypatch.setattr(LinkIndex, "add", add)
    streamed = validate(project, cache=False, streaming=True)[1]
    assert sum(summary is not None for summary in prepared) >= PARALLEL_MINIMUM
    assert streamed == whole
    assert [p.message for p in streamed] == [p.message for p in whole]
    assert sum(p.code == "E301" for p in whole) >= PARALLEL_MINIMUM // 2


def test_streaming_lets_go_of_plans_and_keeps_follow_ups(real_project: Path) -> None:
    corpus, _ = streamed_corpus(find_project(real_project), None, cache=False, discovered=None)
    own = [d for d in corpus.index.documents.values() if not d.shipped]
    assert {"regional-plan", "strategy", "follow-up"} <= {d.kind for d in own}
    # Each follow-up was checked as soon as it was loaded (after its plan), then let go, and
    # each plan they follow once its last follow-up was checked.
    for document in own:
        assert document.released is (document.kind != "catalog"), document
    followed = {d.model.plan for d in own if d.kind == "follow-up"}  # type: ignore[attr-defined]
    assert followed == {"kalmar-2024", "jonkoping-2022"}
    assert list(follow_up_problems(corpus.index)) == []


def test_a_released_document_keeps_no_model_object_alive(project: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    for n in range(5):
        (project / "plans" / f"stream-copy-{n}.yaml").write_text(
            text.replace("id: kalmar-2024\n", f"id: stream-copy-{n}\n", 1), encoding="utf-8")
    corpus, _ = streamed_corpus(find_project(project), None, cache=False, discovered=None)
    gc.unfreeze()  # loading froze what it made: get_objects() would not see it
    gc.collect()
    alive = [o for o in gc.get_objects()
             if isinstance(o, DocumentBase) and o.id.startswith("stream-copy-")]
    assert alive == []
    assert len(corpus.index.items["stream-copy-3"]) > 30  # the index is still whole


def test_items_read_the_same_objects_from_a_released_document(real_project: Path) -> None:
    corpus, _ = streamed_corpus(find_project(real_project), None, cache=False, discovered=None)
    compared = 0
    for document_id, items in corpus.index.items.items():
        loaded = corpus.index.documents[document_id]
        if not loaded.released:
            continue
        again = [item.obj for item in items.values()]  # validated again from the file
        for item, obj in zip(items.values(), again, strict=True):
            if item.kind in ("section", "area", "goal", "activity", "row", "entry", "reference",
                             "framework-item", "indicator-list", "target-group"):
                assert obj.id == item.id, item
            compared += 1
    assert compared > 200


def test_a_plan_changed_during_the_run_is_reported_not_raised(
    real_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A follow-up the hint misses: its plan is let go, and validated again from its file when
    # the follow-up is checked (as soon as it is loaded); the plan is edited just before.
    monkeypatch.setattr(mvkplan.loading.hints, "followed_plans", lambda files, known=None: Counter())
    plan = real_project / "plans" / "kalmar" / "kalmar-2024.yaml"
    settled = mvkplan.checks.followups.settled

    def edited_then_settled(index: LinkIndex, model: Any) -> bool:
        text = plan.read_text(encoding="utf-8")
        if model.plan == "kalmar-2024" and not text.endswith("# edited\n"):
            plan.write_text(text + "\n# edited\n", encoding="utf-8")
        return settled(index, model)

    monkeypatch.setattr(mvkplan.checks.followups, "settled", edited_then_settled)
    _, own = streamed_corpus(find_project(real_project), None, cache=False, discovered=None)
    found = [p for p in own if p.code == "E110"]
    assert [(p.path, p.line) for p in found] == [("plans/kalmar/kalmar-2024.yaml", 0)]


def test_a_released_document_whose_file_is_gone_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    shutil.copy(PLAN, path)
    from mvkplan.loading.validation import load_bytes

    document, _ = load_bytes(path.read_bytes(), "x.yaml", source=path)
    assert isinstance(document, LoadedDocument)
    document.release()
    path.unlink()
    from mvkplan.loading.documents import SourceChanged

    with pytest.raises(SourceChanged):
        _ = document.model


def test_the_command_line_validate_streams_and_prints_the_same(real_project: Path) -> None:
    _mixed_project(real_project)
    first = run_cli("validate", "--no-cache", "--format", "json", cwd=real_project)
    second = run_cli("validate", "--format", "json", cwd=real_project)
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout


def _copies_with_findings(root: Path) -> None:
    """Enough copies of a plan for worker processes, some marked as examples and some
    linking to one, so that the lint rules find something different in each kind."""
    text = PLAN.read_text(encoding="utf-8")
    for n in range(PARALLEL_MINIMUM):
        copy = text.replace("id: kalmar-2024\n", f"id: stream-copy-{n}\n", 1)
        if n == 0:
            copy = copy.replace("id: stream-copy-0\n", "id: stream-copy-0\nexample: true\n", 1)
        elif n % 5 == 1:
            copy = copy.replace("supersedes: kalmar-2021", "supersedes: stream-copy-0", 1)
        elif n % 7 == 2:
            copy = copy.replace("target_groups:", "target_groups_:", 1)
        (root / "plans" / f"stream-copy-{n}.yaml").write_text(copy, encoding="utf-8")


@pytest.mark.parametrize("command", ["lint", "check"])
def test_lint_in_workers_reports_what_one_process_reports(
    real_project: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """With workers, the rules run in forked workers: over the models this process loaded
    (a cold run loads every file here), and over documents known by their cache entries,
    which the workers validate again from the plain data kept for them."""
    _mixed_project(real_project)
    _copies_with_findings(real_project)
    monkeypatch.setenv("MVKPLAN_JOBS", "1")
    alone = run_cli(command, "--no-cache", "--format", "json", cwd=real_project)
    import mvkplan.project.parallel

    slices: list[int] = []
    real_map = mvkplan.project.parallel.map_ordered

    def map_ordered(function: Any, items: Any, *, minimum: int) -> Any:
        slices.append(len(items))
        return real_map(function, items, minimum=minimum)

    monkeypatch.setattr(mvkplan.project.parallel, "map_ordered", map_ordered)
    monkeypatch.setenv("MVKPLAN_JOBS", "2")
    parallel = run_cli(command, "--no-cache", "--format", "json", cwd=real_project)
    assert slices and slices[0] >= 2  # the rules ran in workers
    assert parallel.exit_code == alone.exit_code == 1
    assert parallel.stdout == alone.stdout
    codes = {problem["code"] for problem in json.loads(alone.stdout)["problems"]}
    assert {"MVK011", "MVK018"} <= codes, codes


def test_a_released_document_with_its_plain_data_kept_needs_no_file(tmp_path: Path) -> None:
    """What ``lint``'s workers rely on: the model comes back from the plain data kept."""
    path = tmp_path / "x.yaml"
    shutil.copy(PLAN, path)
    from mvkplan.loading.validation import load_bytes

    document, _ = load_bytes(path.read_bytes(), "x.yaml", source=path)
    assert isinstance(document, LoadedDocument)
    before = document.model
    document.keep(document.plain())
    document.release()
    path.unlink()
    assert document.released
    assert document.model == before
    assert document.plain()["id"] == "kalmar-2024"
