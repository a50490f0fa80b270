"""The built site in Debian's Chromium: it loads, links work, axe-core finds nothing, phones
and print are served, and an injected <script> in any text field never runs.

Skipped without /usr/bin/chromium unless MVKPLAN_REQUIRE_BROWSER=1 (CI sets it). Never
downloads a browser: Playwright drives the system Chromium.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from test_render_support import (
    AXE,
    browser_fixture,  # noqa: F401  (the fixture "browser": one Chromium per module)
    copy_fixture,
)

from conftest import PLANS

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    page.on("console", lambda message: page.errors.append(message.text)  # type: ignore[attr-defined]
            if message.type == "error" else None)
    yield page
    context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture project plus the real plans, built once, with single renders beside it."""
    from conftest import run_cli

    project = copy_fixture(tmp_path_factory.mktemp("browser") / "project")
    if (PLANS / "kalmar" / "kalmar-2024.yaml").exists():
        import shutil

        shutil.copytree(PLANS, project / "plans" / "real")
    assert run_cli("build", cwd=project).exit_code == 0
    single = project / "site" / "single"
    single.mkdir()
    for document in ("exempel-2024", "exempel-verksamhetsplan-2022", "exempel-strategi"):
        assert run_cli("render", document, "--output", "site/single", cwd=project).exit_code == 0
    return project / "site"


def _url(path: Path) -> str:
    return path.resolve().as_uri()


def _axe(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }", AXE_TAGS)
    return result


def test_axe_core_reports_no_violations_on_any_page(page, site):
    checked = 0
    found = {}
    for path in sorted(site.rglob("*.html")):
        page.goto(_url(path))
        violations = _axe(page)
        if violations:
            found[path.relative_to(site).as_posix()] = violations
        checked += 1
    assert checked > 20
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_pages_load_styled_without_errors_or_blocked_resources(page, site):
    for path in sorted(site.rglob("*.html")):
        page.goto(_url(path))
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.masthead')).backgroundColor")
        assert background == "rgb(23, 58, 94)", f"{path}: stylesheet not applied (CSP hash?)"
    assert page.errors == []  # type: ignore[attr-defined]


def test_navigation_links_work(page, site):
    page.goto(_url(site / "index.html"))
    assert page.title() == "Handlingsplaner mot mäns våld mot kvinnor"
    page.click("nav.site-nav >> text=Täckning")
    assert page.url.endswith("/tackning.html")
    assert page.locator("h1").inner_text() == "Täckning av de nationella målen"
    page.click("nav.site-nav >> text=Start")
    page.click("text=Kalmar län")
    assert page.url.endswith("/lan/kalmar.html")
    page.click("text=Att förebygga och bekämpa mäns våld mot kvinnor – Regional handlingsplan för "
               "Kalmar län 2024–2026")
    assert page.url.endswith("/dokument/exempel-2024.html")
    page.click("nav.toc >> text=Fotnoter")
    assert page.url.endswith("#mvk-fotnoter")
    assert page.evaluate("document.getElementById('mvk-fotnoter') !== null")
    page.goto(_url(site / "dokument" / "exempel-2024.html"))
    page.keyboard.press("Tab")  # the first stop is the skip link, shown when focused
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator("a.skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.url.endswith("#mvk-main")


def test_every_link_on_every_page_opens_a_page(page, site):
    pages = sorted(site.rglob("*.html"))
    targets = set()
    for path in pages:
        page.goto(_url(path))
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        targets.update(h.split("#")[0] for h in hrefs if h.startswith("file://"))
    for target in sorted(targets):
        if not target.endswith(".html"):
            continue  # open data files download (see test_browser_site_search)
        response = page.goto(target)
        assert response is None or response.ok, target
        assert page.locator("h1").count() == 1, target


def test_phone_width_has_no_horizontal_scrolling(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    pages = sorted(site.rglob("*.html"))
    assert {"tackning.html", "index.html"} <= {p.name for p in pages}
    assert any(p.parent.name == "lan" for p in pages)
    for path in pages:
        page.goto(_url(path))
        # Compare with the device width, not innerWidth: a mobile browser widens its layout
        # viewport to fit content that is too wide, which would hide the very overflow we test.
        overflow = page.evaluate("Math.max(document.documentElement.scrollWidth, "
                                 "window.innerWidth) - 375")
        assert overflow <= 0, f"{path.relative_to(site)} scrolls sideways by {overflow}px"
    context.close()


def test_print_hides_navigation_and_repeats_table_headers(page, site):
    page.goto(_url(site / "dokument" / "exempel-2024.html"))
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('thead')).display") \
        == "table-header-group"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


# -- hostile text ----------------------------------------------------------------------

PAYLOAD = ('<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
           '<svg onload="window.__xss=3"></svg> [klick](javascript:window.__xss=4) '
           '<a href="javascript:window.__xss=5">a</a> "\'><iframe srcdoc="<script>parent.__xss=6'
           '</script>"></iframe> <style>body{display:none}</style>')
IDENTIFIERS = {"id", "kind", "county", "municipality", "status", "supersedes", "annex_of", "links",
               "methods", "regulation", "document", "violence_forms", "qualifier", "date",
               "updated", "extends", "superseded_by", "example", "year", "start", "end", "type",
               "issued", "superseded", "code"}


def _poison(value, key=None):
    """Every text field of a document with the payload added; every URL made hostile."""
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key not in IDENTIFIERS:
        if key == "url":
            return "javascript:window.__xss=7"
        if key == "source":  # an indicator's source is a catalog id
            return value
        return f"{value} {PAYLOAD}"
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from conftest import run_cli

    project = copy_fixture(tmp_path_factory.mktemp("hostile") / "project")
    for path in (project / "plans").rglob("*.yaml"):
        data = _poison(yaml.safe_load(path.read_text(encoding="utf-8")))
        if data["id"] == "exempel-2024":
            data["areas"][0]["goals"][1]["id"] = 'x"onfocus="window.__xss=8"autofocus="'
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 0, result
    assert run_cli("build", cwd=project).exit_code == 0
    for document in ("exempel-2024", "exempel-profil"):
        for fmt in ("html", "md"):
            assert run_cli("render", document, "-f", fmt, "-o", f"site/{document}.single.{fmt}",
                           cwd=project).exit_code == 0
    return project / "site"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def _assert_inert(path: Path, html: str, styles: int) -> None:
    parser = _Elements()
    parser.feed(html)
    tags = [tag for tag, _ in parser.found]
    if path.name == "sok.html":  # the search page runs the site's own script, and only it
        assert [attrs for tag, attrs in parser.found if tag == "script"] == [
            [("src", "sok.js"), ("defer", None)]], path
        tags = [tag for tag in tags if tag != "script"]
    assert not set(tags) & {"script", "iframe", "svg", "img", "object", "embed"}, path
    assert tags.count("style") == styles, path
    for tag, attrs in parser.found:
        for name, value in attrs:
            assert not name.startswith("on"), (path, tag, name)
            assert not (value or "").strip().lower().startswith("javascript"), (path, tag)


def test_hostile_text_is_escaped_in_every_output(hostile_site):
    from markdown_it import MarkdownIt

    for path in hostile_site.rglob("*.html"):
        _assert_inert(path, path.read_text(encoding="utf-8"), styles=1)
    # Markdown: rendered the way a forge would, raw HTML allowed, before any sanitiser.
    forge = MarkdownIt("commonmark", {"html": True}).enable("table")
    markdown_files = list(hostile_site.glob("*.md"))
    assert markdown_files
    for path in markdown_files:
        _assert_inert(path, forge.render(path.read_text(encoding="utf-8")), styles=0)


def test_an_injected_script_never_runs(page, hostile_site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(hostile_site.rglob("*.html"))
    for path in pages:
        page.goto(_url(path))
        for link in page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))"):
            assert not link.lower().startswith("javascript"), (path, link)
        page.keyboard.press("Tab")
        assert page.evaluate("window.__xss") is None, path
        assert page.evaluate("document.body.offsetHeight") > 0, path  # <style> did not apply
    assert dialogs == []
    page.goto(_url(hostile_site / "dokument" / "exempel-2024.html"))
    assert "<script>window.__xss=1</script>" in page.locator("main").inner_text()
