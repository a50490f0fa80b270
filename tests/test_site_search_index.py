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
from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from mvkplan.publish.render import search
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


def _indexed_in_parts(site: Path) -> dict[str, list[str]]:
    """Index folder → the pages its fragments hold, for every part the search page merges."""
    listed = json.loads((site / "pagefind" / "mvkplan-delar.json").read_text(encoding="utf-8"))
    found = {}
    for folder in ["pagefind", *(f.rstrip("/") for f in listed["delar"])]:
        pages = []
        for fragment in (site / folder / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes())
            pages.append(json.loads(data[data.index(b"{"):])["url"].lstrip("/"))
        found[folder] = sorted(pages)
    return found


def test_an_index_in_parts_holds_every_page_once_with_the_same_text(site, tmp_path, monkeypatch):
    # The real plans' site indexed again, a part per 200 kB of pages (a big site's is in parts
    # so that Pagefind never holds more than PART_BYTES of pages).
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    monkeypatch.setattr(search, "PART_BYTES", 200_000)
    written = search.index_site(copy, [])
    parts = _indexed_in_parts(copy)
    assert len(parts) >= 3
    assert sorted(page for pages in parts.values() for page in pages) == sorted(_indexed(site))
    whole = {}
    for folder in parts:
        for fragment in (copy / folder / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes())
            record = json.loads(data[data.index(b"{"):])
            whole[record["url"].lstrip("/")] = " ".join(record["content"].split())
    assert whole == _indexed(site)
    # Every file written is reported (the build's manifest lists them), and nothing else is left.
    on_disk = sorted(p.relative_to(copy).as_posix() for p in (copy / "pagefind").rglob("*") if p.is_file())
    assert written == on_disk
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in site.iterdir())


@given(st.dictionaries(st.from_regex(r"dokument/[a-z0-9åäö.\-]{1,12}\.html", fullmatch=True),
                       st.integers(0, 400), max_size=30),
       st.integers(1, 500))
def test_parts_cut_the_pages_in_order_and_each_within_the_limit(sizes, limit):
    made = search.parts(sizes, limit)
    assert [page for part in made for page in part.pages] == sorted(sizes)
    assert [part.folder for part in made] == ["pagefind"] + [f"pagefind/{n}" for n in range(2, len(made) + 1)]
    for number, part in enumerate(made):
        filled = sum(sizes[page] for page in part.pages)
        assert filled <= limit or len(part.pages) == 1
        if number + 1 < len(made):  # a part ends only where the next page would not fit
            assert filled + sizes[made[number + 1].pages[0]] > limit
