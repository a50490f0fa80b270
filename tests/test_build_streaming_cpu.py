"""A streaming ``build`` costs no more CPU than one holding every model (issue 27, round 2).

A streaming build knows its documents by their index entries and cards; their models are
let go and made again, from the plain data kept pickled, where a page reads one. What made
its first version cost twice the CPU, each guarded here on generated corpora:

- the lists across every document (the counties compared on the start and coverage pages,
  the selection of what is published and what is left out, the index of the published
  documents, the names of catalogs' entries and survey sources) made every plan's and
  follow-up's model again; they read cards, the index and the catalogs (kept whole);
- a document loaded in this process (one job, or the follow-ups and their plans, which
  are checked here) kept no plain data: made again, it was parsed again from its file;
- workers took pages in order of weight only, so a plan's page, its data files and its
  follow-ups' reports went to different workers, each making the same models.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render_one import validated_ids, write_groups

from mvkplan.checks.gate import select_documents
from mvkplan.checks.validate import validate
from mvkplan.index.cards import PLAN_KINDS
from mvkplan.index.followups import survey_sources
from mvkplan.index.linkindex import LinkIndex
from mvkplan.project.config import find_project
from mvkplan.publish.opendata import downloads
from mvkplan.publish.render.rendering import SitePage, work_order
from mvkplan.publish.render.site import published_index, site_pages
from mvkplan.publish.render.sitepages import site_options
from mvkplan.views.diff import _catalog_names
from mvkplan.views.national import compare_counties

_SETTINGS = settings(max_examples=3, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
_STATUS = re.compile(r"(?m)^status: *\S+")


def _streamed(root: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> LinkIndex:
    """The index a streaming build loads (its documents let go, their plain data kept)."""
    monkeypatch.setenv("MVKPLAN_JOBS", jobs)
    corpus, _problems = validate(find_project(root), cache=False, streaming=True,
                                 keep_plain=True)
    return corpus.index


def _drafted(root: Path, every: int) -> None:
    """Make every ``every``-th plan a draft (left out of the site, with its follow-ups)."""
    for number, path in enumerate(sorted((root / "plans").rglob("*.yaml"))):
        text = path.read_text(encoding="utf-8")
        if number % every == 0 and re.search(r"(?m)^kind: *regional-plan", text):
            path.write_text(_STATUS.sub("status: draft", text, count=1), encoding="utf-8")


@_SETTINGS
@given(groups=st.integers(1, 3), every=st.integers(2, 5))
def test_lists_across_documents_make_no_model(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    groups: int, every: int,
) -> None:
    """Comparing counties, selecting what is published, the published index and the
    catalogs' names make no plan's or follow-up's model again."""
    root = tmp_path_factory.mktemp("lists")
    write_groups(root, groups)
    _drafted(root, every)
    index = _streamed(root, "1", monkeypatch)
    kinds = {document_id: loaded.kind for document_id, loaded in index.documents.items()}
    with validated_ids() as seen:
        compare_counties(index)
        selection = select_documents(index)
        published = published_index(index, selection.published)
        _catalog_names(index)
        survey_sources(index)
    made = sorted({i for i in seen if kinds.get(i) in PLAN_KINDS | {"follow-up"}})
    assert not made, f"made again for a list: {made[:5]}"
    assert selection.left_out  # the drafts and their follow-ups
    expected = LinkIndex.build(loaded for document_id, loaded in index.documents.items()
                               if document_id in selection.published)
    assert published.documents == expected.documents
    assert published.items == expected.items
    assert published.links == expected.links
    assert published.duplicates == expected.duplicates


@_SETTINGS
@given(groups=st.integers(1, 5), jobs=st.sampled_from(["1", "2"]))
def test_a_document_let_go_is_made_again_without_its_file(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    groups: int, jobs: str,
) -> None:
    """Every document a streaming build let go, loaded here or by a worker, is made again
    from the plain data it kept: the same model, with its file no longer readable."""
    root = tmp_path_factory.mktemp("kept")
    write_groups(root, groups)
    index = _streamed(root, jobs, monkeypatch)
    released = [loaded for loaded in index.documents.values()
                if not loaded.shipped and loaded.released]
    assert released
    expected = {loaded.id: _model_of(root, loaded.path) for loaded in released}
    for path in (root / "plans").rglob("*.yaml"):
        path.write_bytes(b"\x00 not the document any more")
    for loaded in released:
        assert loaded.model == expected[loaded.id], loaded.path


def _model_of(root: Path, shown: str) -> object:
    from mvkplan.loading.validation import load_with_data

    document = load_with_data((root / shown).read_bytes(), shown, source=None).loaded[0]
    assert document is not None
    return document.model


@_SETTINGS
@given(groups=st.integers(1, 3), every=st.integers(2, 5))
def test_a_groups_pages_go_to_workers_together(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    groups: int, every: int,
) -> None:
    """A plan's page, its data files and its follow-ups' reports share a group, and the
    order workers take pages in keeps each group's pages of one weight side by side."""
    root = tmp_path_factory.mktemp("groups")
    write_groups(root, groups)
    _drafted(root, every)
    index = _streamed(root, "1", monkeypatch)
    project = find_project(root)
    published = published_index(index, select_documents(index).published)
    pages = site_pages(published, options=site_options(project.settings.site, project.look))
    group_of = {page.path: page.group for page in pages}
    for document_id, loaded in published.documents.items():
        if loaded.kind == "follow-up" and f"dokument/{document_id}.html" in group_of:
            plan = loaded.card.plan if loaded.card is not None else None  # type: ignore[attr-defined]
            assert group_of[f"dokument/{document_id}.html"] == plan
            assert group_of.get(downloads(document_id)[0], plan) == plan
        elif loaded.kind in PLAN_KINDS and f"dokument/{document_id}.html" in group_of:
            assert group_of.get(downloads(document_id)[0], document_id) == document_id
    _assert_grouped(pages, work_order(pages))


@given(pages=st.lists(st.tuples(st.integers(1, 3), st.sampled_from(["", "a", "b", "c"])),
                      max_size=40))
def test_work_order_keeps_groups_together(pages: list[tuple[int, str]]) -> None:
    """For any pages, the work order is every page once, heaviest first, each group's
    pages of one weight side by side."""
    site = [SitePage(f"p{n}", lambda: "", weight, group) for n, (weight, group) in enumerate(pages)]
    _assert_grouped(site, work_order(site))


def _assert_grouped(pages: list[SitePage], order: list[int]) -> None:
    assert sorted(order) == list(range(len(pages)))
    weights = [pages[i].weight for i in order]
    assert weights == sorted(weights, reverse=True)
    runs: list[tuple[int, str]] = []
    for i in order:
        key = (pages[i].weight, pages[i].group)
        if not runs or runs[-1] != key:
            runs.append(key)
    assert len(runs) == len(set(runs)), "a group's pages are split"
