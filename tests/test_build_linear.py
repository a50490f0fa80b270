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


def _walks_per_page(root: Path, groups: int) -> float:
    root.mkdir()
    write_groups(root, groups)
    index: LinkIndex = load_corpus(find_project(root), cache=False).index
    index.documents = _Counted(index.documents)
    pages = [page for page in site_pages(index) if page.path.startswith("dokument/")]
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
