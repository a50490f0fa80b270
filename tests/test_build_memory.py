"""What ``mvkplan build`` holds while it renders pages: not what the site leaves out.

Issue 27 asks the build's peak memory to stay within a few times the YAML it reads. Every
worker rendering pages is forked from the build's process and starts with all it holds, so
whatever that process keeps beyond what the pages need counts once per process. Measured
without a clock, by weak references and tracemalloc:

- while pages render, one link index is alive (the published documents'), not also the
  corpus's own from which it was made, and the documents the site leaves out (drafts) are
  not (but for the one loading keeps for its next question about positions);
- the open data's tables do not hold their rows (a follow-up's values, row by row) from
  the moment the pages are listed to the end of the build: what they keep does not grow
  with the rows.
"""

from __future__ import annotations

import re
import tracemalloc
import weakref
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render_one import write_groups

from conftest import PLANS, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.project.config import find_project
from mvkplan.publish.opendata import Table, data_tables
from mvkplan.publish.opendata.tables import FOLLOW_UP_COLUMNS, Rows
from mvkplan.publish.render import incremental
from mvkplan.publish.render.site import site_pages

_STATUS = re.compile(r"(?m)^status: *\S+")


def _write_project(root: Path, published: int, drafts: int) -> None:
    """``published + drafts`` groups of copies of the real documents; in the last ``drafts``
    groups every document with a status is a draft (left out of the site)."""
    write_groups(root, published + drafts)
    for group in range(published, published + drafts):
        for path in (root / "plans" / f"g{group}").rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(_STATUS.sub("status: draft", text), encoding="utf-8")


class _Alive:
    """Weak references to every link index and loaded document made while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.indexes: list[weakref.ref[LinkIndex]] = []
        self.documents: list[weakref.ref[LoadedDocument]] = []
        index_init, document_init = LinkIndex.__init__, LoadedDocument.__init__

        def made_index(index: LinkIndex, *args: object, **kwargs: object) -> None:
            index_init(index, *args, **kwargs)  # type: ignore[arg-type]
            self.indexes.append(weakref.ref(index))

        def made_document(document: LoadedDocument, *args: object, **kwargs: object) -> None:
            document_init(document, *args, **kwargs)  # type: ignore[arg-type]
            self.documents.append(weakref.ref(document))

        monkeypatch.setattr(LinkIndex, "__init__", made_index)
        monkeypatch.setattr(LoadedDocument, "__init__", made_document)

    def indexes_alive(self) -> list[LinkIndex]:
        return [index for ref in self.indexes if (index := ref()) is not None]

    def ids_alive(self) -> list[str]:
        return [document.id for ref in self.documents if (document := ref()) is not None]


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(published=st.integers(1, 2), drafts=st.integers(1, 2))
def test_pages_render_without_the_corpus_or_what_is_left_out(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    published: int, drafts: int,
) -> None:
    """While the pages of a site with drafts left out render (in this process: one job),
    one link index is alive and not one of the drafts' documents."""
    root = tmp_path_factory.mktemp("memory")
    _write_project(root, published, drafts)
    draft_groups = tuple(f"g{group}-" for group in range(published, published + drafts))
    with monkeypatch.context() as patched:
        alive = _Alive(patched)
        seen: list[tuple[list[set[str]], list[str]]] = []
        render_into = incremental.render_into

        def probed(*args: object, **kwargs: object) -> None:
            indexes = [set(index.documents) for index in alive.indexes_alive()]
            seen.append((indexes, alive.ids_alive()))
            render_into(*args, **kwargs)  # type: ignore[arg-type]

        patched.setattr(incremental, "render_into", probed)
        result = run_cli("build", "--no-cache", "-o", "site", cwd=root,
                         env={"MVKPLAN_JOBS": "1"})
    assert result.exit_code == 0, result.stderr
    assert "draft" in result.stderr  # the drafts were left out, and said so
    (indexes, ids), = seen
    assert len(indexes) == 1, f"{len(indexes)} link indexes alive while pages render"
    published_ids = indexes[0]
    drafted = sum(1 for path in root.rglob("*.yaml") if path.parent.name != "plans"
                  and "status: draft" in path.read_text(encoding="utf-8"))
    assert drafted and sum(i.startswith(draft_groups) for i in published_ids) < drafted
    # (Loading keeps the last document whose position a message asked for, with its parsed
    # tree, for the next question: one slot, whatever the corpus.)
    left_out = sorted(i for i in ids if i not in published_ids)
    assert len(left_out) <= 1, f"{len(left_out)} documents left out of the site still alive: {left_out[:5]}"
    assert any(i.startswith("g0-") for i in ids)  # the probe sees the published ones


_FOLLOW_UP = PLANS / "kalmar" / "uppfoljning" / "kalmar-2024-2024.yaml"
_VALUE = re.compile(r"(?ms)^values:\n(  - .*?)(?=^\S|\Z)")


def _with_values(root: Path, copies: int) -> None:
    """A project of the real documents whose follow-up has its values ``copies`` times over
    (each copy with values of its own)."""
    write_groups(root, 1)
    target = root / "plans" / "g0" / _FOLLOW_UP.relative_to(PLANS).parent / f"g0-{_FOLLOW_UP.name}"
    text = target.read_text(encoding="utf-8")
    found = _VALUE.search(text)
    assert found is not None
    values = "".join(re.sub(r'(?m)^(    value: )"?([^"\n]*)"?$', rf'\1"\2 ({n})"', found.group(1))
                     for n in range(copies))
    target.write_text(text[:found.start(1)] + values + text[found.end(1):], encoding="utf-8")


def _kept_by_tables(root: Path) -> int:
    """Bytes allocated by the open data's tables and still held once the site's pages are
    listed (as the build holds them until its last page is rendered)."""
    index = load_corpus(find_project(root), cache=False).index
    tracemalloc.start()
    try:
        pages = site_pages(index)
        snapshot = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    assert any(page.path == "data/g0-kalmar-2024-2024.csv" for page in pages)
    held = snapshot.filter_traces([tracemalloc.Filter(True, "*/mvkplan/publish/opendata/tables.py")])
    return sum(stat.size for stat in held.statistics("filename"))


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(copies=st.integers(2, 40))  # (the follow-up stays under max-file-size)
def test_open_data_tables_do_not_hold_their_rows(
    tmp_path_factory: pytest.TempPathFactory, copies: int,
) -> None:
    """What the tables keep while the pages are listed is the same for a follow-up with its
    values once and many times over: the rows are made when a file is written."""
    once = tmp_path_factory.mktemp("once")
    many = tmp_path_factory.mktemp("many")
    _with_values(once, 1)
    _with_values(many, copies)
    kept_once, kept_many = _kept_by_tables(once), _kept_by_tables(many)
    assert kept_many <= kept_once + 512, (
        f"tables hold {kept_many} bytes with the values {copies} times over, {kept_once} once")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.tuples(*[_TEXT] * len(FOLLOW_UP_COLUMNS)), max_size=6))
def test_rows_made_when_read_write_what_held_rows_write(rows: list[tuple[str, ...]]) -> None:
    """A table whose rows are made when read writes, for any text, the same CSV and JSON
    bytes as one holding them, and counts them alike; read twice, it gives them twice."""
    made = Table("x", "follow-up", FOLLOW_UP_COLUMNS, Rows(lambda: list(rows), lambda: len(rows)))
    held = Table("x", "follow-up", FOLLOW_UP_COLUMNS, rows)
    assert made.csv_bytes() == held.csv_bytes() and made.json_bytes() == held.json_bytes()
    assert made.csv_bytes() == held.csv_bytes()
    assert len(made.rows) == len(rows) and list(made.rows) == rows
    assert all(made.rows[i] == rows[i] for i in range(len(rows)))


def test_every_table_counts_the_rows_it_writes(tmp_path: Path) -> None:
    """The data page and the catalog say how many rows a table has without making them: for
    every plan and follow-up of the real documents, the count is the rows written."""
    write_groups(tmp_path, 1)
    tables = data_tables(load_corpus(find_project(tmp_path), cache=False).index)
    assert {table.kind for table in tables} == {"plan", "follow-up"}
    assert [len(table.rows) for table in tables] == [len(list(table.rows)) for table in tables]
