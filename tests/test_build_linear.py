"""A site's build grows with its documents, not with their square: what a document's page
(or a follow-up's report) looks up among all documents is worked out once per index.

Measured without a clock: every walk over the index's documents is counted while each page
of the site is rendered, for corpora of one and of several groups of copies of the real
documents. Per page, the walks must not grow with the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render_one import write_groups

from mvkplan.checks.validate import load_corpus
from mvkplan.index.linkindex import LinkIndex
from mvkplan.project.config import find_project
from mvkplan.publish.render.site import site_pages


class _Counted(dict):  # type: ignore[type-arg]
    """The index's documents, counting every document handed out by a walk over them."""

    handed = 0

    def items(self):  # type: ignore[no-untyped-def]
        _Counted.handed += len(self)
        return super().items()

    def values(self):  # type: ignore[no-untyped-def]
        _Counted.handed += len(self)
        return super().values()

    def __iter__(self):  # type: ignore[no-untyped-def]
        _Counted.handed += len(self)
        return super().__iter__()


def _walks_per_page(root: Path, groups: int, folder: str = "dokument/") -> float:
    root.mkdir()
    write_groups(root, groups)
    index: LinkIndex = load_corpus(find_project(root), cache=False).index
    index.documents = _Counted(index.documents)
    pages = [page for page in site_pages(index) if page.path.startswith(folder)]
    _Counted.handed = 0
    for page in pages:
        page.render()
    return _Counted.handed / len(pages)


@pytest.mark.parametrize("groups", [3, 5])
def test_document_pages_do_not_walk_every_document_each(tmp_path: Path, groups: int) -> None:
    """The documents handed out per document page stay about what one group needs, however
    many groups there are (a page that walked the whole index grows with them)."""
    one = _walks_per_page(tmp_path / "one", 1)
    many = _walks_per_page(tmp_path / "many", groups)
    assert many <= 1.2 * one + 2, (one, many)
    print(one, many)


def test_what_changed_pages_do_not_walk_every_document_each(tmp_path: Path) -> None:
    """A superseding plan's "what changed" page (``nytt/``) names the consultation responses
    behind each change: the consultations are found once per index, not by each page
    walking every document (six groups, as the shipped documents hide the growth at fewer)."""
    one = _walks_per_page(tmp_path / "one", 1, "nytt/")
    many = _walks_per_page(tmp_path / "many", 6, "nytt/")
    assert many <= 1.2 * one + 2, (one, many)


class _CountedList(list):  # type: ignore[type-arg]
    """A coverage matrix's documents or columns, counting every entry handed out by a walk."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        _Counted.handed += len(self)
        return super().__iter__()


def _coverage_work_per_document(root: Path, groups: int, monkeypatch: pytest.MonkeyPatch) -> float:
    """The cells looked up and the matrix entries walked while the coverage page is
    rendered, per document of the repository."""
    from mvkplan.publish.render import siteviews
    from mvkplan.views import coverage

    root.mkdir()
    write_groups(root, groups)
    index: LinkIndex = load_corpus(find_project(root), cache=False).index
    made = coverage.coverage_matrix

    def counted_matrix(*args, **kwargs):  # type: ignore[no-untyped-def]
        matrix = made(*args, **kwargs)
        matrix.columns = _CountedList(matrix.columns)
        matrix.documents = _CountedList(matrix.documents)
        return matrix

    real_count = coverage.Coverage.count

    def counted_count(self, document, column):  # type: ignore[no-untyped-def]
        _Counted.handed += 1
        return real_count(self, document, column)

    monkeypatch.setattr(siteviews, "coverage_matrix", counted_matrix)
    monkeypatch.setattr(coverage.Coverage, "count", counted_count)
    page = next(page for page in site_pages(index) if page.path == "tackning.html")
    _Counted.handed = 0
    page.render()
    monkeypatch.undo()
    return _Counted.handed / len([d for d in index.documents.values() if not d.shipped])


def test_the_coverage_page_grows_with_the_documents(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Every group of copies brings frameworks of its own (the strategies) and documents that
    serve them: the coverage page's tables grow with both, but the work per document must
    not (looking up every document in every framework's table grows with their product;
    twelve groups, as one group's fixed tables hide the growth at fewer)."""
    one = _coverage_work_per_document(tmp_path / "one", 1, monkeypatch)
    many = _coverage_work_per_document(tmp_path / "many", 12, monkeypatch)
    assert many <= 1.1 * one + 2, (one, many)
