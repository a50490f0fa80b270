"""Accessibility beyond axe, in Debian's Chromium, on the site built from the repository's own
plans (issue 26, item 6): reflow at 320 CSS px, forced colours, link cues, meta descriptions,
link texts, and HTML_CodeSniffer (WCAG2AA, the engine of pa11y's htmlcs runner) with no error.

HTML_CodeSniffer is vendored (``tests/vendor/HTMLCS.js``) and run inside the page through
Playwright, as pa11y does, so CI needs no Node. Skipped without /usr/bin/chromium unless
MVKPLAN_REQUIRE_BROWSER=1 (CI sets it).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
from test_render_support import (
    REPO,
    browser_fixture,  # noqa: F401  (the fixture "browser": one Chromium per module)
)

from conftest import PLANS, run_cli

pytestmark = pytest.mark.browser

HTMLCS = REPO / "tests" / "vendor" / "HTMLCS.js"
NARROW = 320  # CSS px: 1280 px at 400 % zoom (WCAG 2.1 1.4.10 Reflow)

# Swedish builds words by compounding; a generated compound of these pieces is as long as
# "riksbedömningsinstrument" or longer, with no place to break but its letters.
_PIECES = ("riks", "bedömnings", "instrument", "våldsutsatthets", "kartläggnings", "hedersrelaterade",
           "samverkans", "överenskommelse", "kvinnofrids", "stödverksamhets", "ansvars")


_PLAIN_TEXT = re.compile(r"^(\s*(?:- )?(?:title|name|description|short_title): )"
                         r"([A-ZÅÄÖa-zåäö][^\n#:\"'{}\[\]|>&*!%@`]*)$", re.MULTILINE)


def long_words(count: int, seed: int = 26) -> list[str]:
    """Compound words of three to six pieces, different each, reproducible by ``seed``."""
    rng = random.Random(seed)
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(_PIECES) for _ in range(rng.randint(3, 6)))
        if word not in words:
            words.append(word)
    return words


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's plans (drafts too, so the example is there), built once."""
    project = tmp_path_factory.mktemp("a11y")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, project / "plans")
    result = run_cli("build", "--drafts", "--no-cache", cwd=project)
    assert result.exit_code == 0, result
    return project / "site"


@pytest.fixture(scope="module")
def long_word_site(tmp_path_factory) -> Path:
    """The repository's plans with generated long compounds in titles, links and body text."""
    project = tmp_path_factory.mktemp("a11y-long")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, project / "plans")
    words = iter(long_words(400))
    for path in sorted((project / "plans").rglob("*.yaml")):
        # Every plain (unquoted, one-line) title, name and description starts with a long word.
        # (Not an indicator's `text`: a cell written as printed must hold each item's words.)
        text = _PLAIN_TEXT.sub(lambda m: f"{m[1]}{next(words)} {m[2]}",
                               path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    result = run_cli("build", "--drafts", "--no-cache", cwd=project)
    assert result.exit_code == 0, result
    return project / "site"


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of a built site, in a stable order."""
    found = sorted(site.rglob("*.html"))
    assert len(found) > 20 and {"index.html", "tackning.html"} <= {p.name for p in found}
    return found


def _overflow(browser, site: Path, width: int) -> dict[str, int]:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for path in pages_of(site):
        page.goto(path.as_uri())
        overflow = page.evaluate(f"document.documentElement.scrollWidth - {width}")
        if overflow > 0:
            found[path.relative_to(site).as_posix()] = overflow
    context.close()
    return found


def test_no_page_scrolls_sideways_at_320_css_px(browser, site):
    assert _overflow(browser, site, NARROW) == {}


def test_long_compound_words_wrap_at_320_css_px(browser, long_word_site):
    text = "".join(p.read_text(encoding="utf-8") for p in pages_of(long_word_site))
    assert sum(word in text for word in long_words(400)) > 50  # the words did reach the pages
    assert _overflow(browser, long_word_site, NARROW) == {}


# -- forced colours --------------------------------------------------------------------

_MARK = """(a) => { const s = getComputedStyle(a);
  const width = (side) => s.getPropertyValue(`border-${side}-style`) === 'none' ? 0
      : parseFloat(s.getPropertyValue(`border-${side}-width`));
  return {border: ['top', 'right', 'bottom', 'left'].map(width),
          borderColor: s.borderBottomColor, decoration: s.textDecorationLine,
          thickness: s.textDecorationThickness, weight: s.fontWeight,
          outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth)}; }"""


def _transparent(colour: str) -> bool:
    return colour == "transparent" or colour.replace(" ", "").endswith(",0)")


def _shape(mark: dict) -> tuple:
    """What a mark looks like without its colours (transparent borders are no mark)."""
    border = tuple(0 if _transparent(mark["borderColor"]) else w for w in mark["border"])
    return (border, mark["decoration"], mark["thickness"], mark["weight"], mark["outline"])


def test_current_page_mark_survives_forced_colours(page, site):
    page.emulate_media(forced_colors="active")
    checked = 0
    for path in pages_of(site):
        page.goto(path.as_uri())
        current = page.query_selector(".site-nav a[aria-current='page']")
        if current is None:
            continue
        others = page.query_selector_all(".site-nav a:not([aria-current])")
        assert others, path
        mark = _shape(current.evaluate(_MARK))
        for other in others:
            assert _shape(other.evaluate(_MARK)) != mark, (
                f"{path.relative_to(site)}: the current page looks like any other link "
                f"in forced colours: {mark}")
        checked += 1
    assert checked >= 2  # the start page and the coverage page


# -- link cues -------------------------------------------------------------------------

_LUMINANCE = """(colour) => { const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number)
  .map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; }"""


def test_reference_and_footnote_links_have_a_cue_besides_colour(page, site):
    checked = 0
    for path in pages_of(site):
        page.goto(path.as_uri())
        for link in page.query_selector_all("main a.ref, main sup.fn a, main a.backref"):
            style = link.evaluate(
                "(a) => { const s = getComputedStyle(a); const p = getComputedStyle("
                "a.parentElement.closest('p, li, td, dd, div') || document.body);"
                " return [s.textDecorationLine, s.color, p.color]; }")
            decoration, colour, text = style
            if "underline" in decoration:
                checked += 1
                continue
            light, dark = sorted(page.evaluate(_LUMINANCE, c) for c in (colour, text))
            ratio = (dark + 0.05) / (light + 0.05)
            assert ratio >= 3, f"{path.relative_to(site)}: {link.evaluate('a => a.outerHTML')}" \
                               f" is told from text by colour alone ({ratio:.2f}:1)"
            checked += 1
    assert checked > 10


# -- meta description and link texts ---------------------------------------------------


def test_every_page_has_its_own_meta_description(page, site):
    seen: dict[str, str] = {}
    for path in pages_of(site):
        page.goto(path.as_uri())
        description = page.evaluate(
            "document.querySelector('meta[name=description]')?.content ?? ''").strip()
        name = path.relative_to(site).as_posix()
        assert len(description) >= 12, f"{name}: meta description {description!r}"
        assert description != page.title(), f"{name}: the description only repeats the title"
        assert description not in seen, f"{name} and {seen.get(description)} share {description!r}"
        seen[description] = name


# Lighthouse's link-text audit (lighthouse-core/audits/seo/link-text.js) fails these texts.
_NOT_DESCRIPTIVE = {"start", "här", "klicka här", "läs mer", "mer", "click here", "here", "more",
                    "read more", "learn more", "go", "this"}


def test_navigation_and_breadcrumb_link_texts_are_descriptive_and_distinct(page, site):
    for path in pages_of(site):
        page.goto(path.as_uri())
        links = page.eval_on_selector_all(
            ".site-nav a, .breadcrumbs a",
            "as => as.map(a => [a.closest('nav').className, a.textContent.trim(), a.href])")
        name = path.relative_to(site).as_posix()
        targets: dict[str, set[str]] = {}
        for where, text, href in links:
            assert text.lower() not in _NOT_DESCRIPTIVE, f"{name}: {where} link {text!r}"
            targets.setdefault(text, set()).add(href)
        for text, hrefs in targets.items():
            assert len(hrefs) == 1, f"{name}: one name {text!r}, several targets: {hrefs}"


# -- HTML_CodeSniffer ------------------------------------------------------------------

_RUN_HTMLCS = """() => new Promise((resolve) => HTMLCS.process('WCAG2AA', document, () => resolve(
  HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => ({code: m.code, msg: m.msg,
    element: m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : String(m.element)}))),
  () => resolve([{code: 'failed', msg: 'HTML_CodeSniffer did not run'}]), 'en'))"""


def _htmlcs_errors(page, site: Path, paths: list[Path]) -> dict[str, list[dict]]:
    source = HTMLCS.read_text(encoding="utf-8")
    found = {}
    for path in paths:
        page.goto(path.as_uri())
        page.evaluate(source)
        errors = page.evaluate(_RUN_HTMLCS)
        if errors:
            found[path.relative_to(site).as_posix()] = errors[:5]
    return found


def test_html_codesniffer_wcag2aa_finds_no_error_on_any_page(page, site):
    paths = [p for p in pages_of(site) if p.name not in REPORT_PAGES]
    found = _htmlcs_errors(page, site, paths)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


REPORT_PAGES = {"kalmar-2024-2024.html", "kalmar-2024-2025.html", "jonkoping-2022-2022.html"}


def test_html_codesniffer_wcag2aa_finds_no_error_on_the_annual_reports(page, site):
    paths = [p for p in pages_of(site) if p.name in REPORT_PAGES]
    assert len(paths) == len(REPORT_PAGES)
    found = _htmlcs_errors(page, site, paths)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
