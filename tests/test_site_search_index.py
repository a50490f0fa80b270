"""What the search index holds: each document's own text, without mvkplan's "Kopplingar" boxes.

Those boxes repeat other documents' titles (a framework's page lists every goal linking to
it: a fifth of the indexed text of the realistic corpus, and a tenth of Pagefind's memory),
and a search for a plan's words found every framework that plan links to. Checked on the
index Pagefind wrote (its fragments are gzip'd JSON with each page's indexed text), for
every page of the real plans.
"""

from __future__ import annotations

import gzip
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli
from mvkplan.publish.render.search import search_available

REPO = Path(__file__).resolve().parent.parent
BOX = "Kopplingar (tillägg av mvkplan"


class _Headings(HTMLParser):
    """The headings of a page's indexed body, outside the "Kopplingar" boxes and outside
    what Pagefind leaves out of its own accord (navigation, such as the contents list)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.headings: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "col", "wbr"}:
            return
        box = "additions" in (dict(attrs).get("class") or "").split() or tag == "nav"
        self.open.append((tag, box or any(inside for _, inside in self.open)))
        if tag in {"h1", "h2", "h3"} and not self.open[-1][1]:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3"} and self._text is not None:
            self.headings.append(" ".join("".join(self._text).split()))
            self._text = None
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not search_available():
        pytest.skip("Pagefind not installed")
    root = tmp_path_factory.mktemp("plans")
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    result = run_cli("build", "--force", "-o", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    return root / "site"


def _indexed(site: Path) -> dict[str, str]:
    """Page path → the text Pagefind indexed for it."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        pages[record["url"].lstrip("/")] = " ".join(record["content"].split())
    return pages


def test_the_index_holds_no_kopplingar_box(site: Path) -> None:
    pages = _indexed(site)
    boxed = [p for p in sorted(site.glob("dokument/*.html"))
             if 'class="additions"' in p.read_text(encoding="utf-8")]
    assert len(boxed) >= 5  # the real plans and frameworks have boxes
    for page in boxed:
        assert BOX not in pages[page.relative_to(site).as_posix()], page


def test_every_heading_of_a_document_is_still_found(site: Path) -> None:
    pages = _indexed(site)
    assert len(pages) >= 10
    for path, content in pages.items():
        parser = _Headings()
        parser.feed((site / path).read_text(encoding="utf-8"))
        body = [h for h in parser.headings if h]
        assert body, path
        for heading in body:
            assert heading in content, (path, heading)
