"""The annual report in Chromium at 1280 and 390 px (issue 24.4, 26.6): every column of the
value tables visible on a phone, readable charts (axis, target, women/men) that keep their
text and axes under forced colours, scroll boxes that are keyboard stops only where they
scroll and show the site's focus ring, axe 0 and HTML_CodeSniffer (WCAG2AA, H43) 0 errors.

Pages are the real plans' follow-up reports (plans/**/uppfoljning) and the two-year case of
test_report_respondents. Set MVKPLAN_SCREENSHOTS=DIR to keep a screenshot of each page at both
widths. Skipped without Chromium unless MVKPLAN_REQUIRE_BROWSER is set.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_render_support import (
    REPO,
    browser_fixture,  # noqa: F401  (the fixture "browser": one Chromium per module)
)
from test_report_respondents import KRONOBERG, make_project

from conftest import PLANS, run_cli

REPORTS = (("kalmar-2024", "2024"), ("kalmar-2024", "2025"), ("jonkoping-2022", "2022"))
HTMLCS = REPO / "tests" / "vendor" / "HTMLCS.js"
WIDTHS = (1280, 390)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The reports as standalone pages: the real plans' follow-ups and the two-year case."""
    project = tmp_path_factory.mktemp("reports")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, project / "plans")
    # a third year, so that the per-sex tables have more columns than a 320 px screen holds
    earlier = project / "plans" / "kalmar" / "uppfoljning" / "kalmar-2024-2025.yaml"
    text = earlier.read_text(encoding="utf-8").replace("id: kalmar-2024-2025", "id: kalmar-2024-2026")
    text = text.replace("\nyear: 2025\n", "\nyear: 2026\n").replace("Årlig uppföljning 2025", "Årlig uppföljning 2026")
    (earlier.parent / "kalmar-2024-2026.yaml").write_text(text, encoding="utf-8")
    found = []
    for plan, year in (*REPORTS, ("kalmar-2024", "2026")):
        out = project / "out" / f"{plan}-{year}.html"
        result = run_cli("report", plan, "--year", year, "-o", str(out), cwd=project)
        assert result.exit_code == 0, result
        found.append(out)
    two = make_project(tmp_path_factory.mktemp("two-years"), {"alvesta-kommun": 100},
                       {"alvesta-kommun": 100, "vaxjo-kommun": 500}, KRONOBERG)
    out = two / "out" / "two-years.html"
    result = run_cli("report", "testplan", "--year", "2025", "-o", str(out), cwd=two)
    assert result.exit_code == 0, result
    return [*found, out]


TABLES_OUT_OF_VIEW = """(width) => [...document.querySelectorAll('.report-indicator table')]
  .filter(t => t.getBoundingClientRect().right > width + 0.5)
  .map(t => t.caption.textContent)"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_column_is_visible_and_axe_passes(browser: Any, pages: list[Path], width: int) -> None:
    from test_browser import _axe

    page = browser.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    shots = os.environ.get("MVKPLAN_SCREENSHOTS")
    problems: dict[str, Any] = {}
    for path in pages:
        page.goto(path.resolve().as_uri())
        wide = page.evaluate("document.documentElement.scrollWidth")
        cut = page.evaluate(TABLES_OUT_OF_VIEW, width)
        violations = _axe(page)
        if wide > width or cut or violations:
            problems[path.name] = {"page width": wide, "tables cut": cut, "axe": violations}
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{path.stem}-{width}.png"), full_page=True)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_charts_have_a_labelled_axis_the_target_and_women_and_men(browser: Any, pages: list[Path]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(next(p for p in pages if p.name == "kalmar-2024-2025.html").resolve().as_uri())
    charts = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(svg => ({
        axis: svg.querySelector('.chart-axis-title')?.textContent || '',
        ticks: svg.querySelectorAll('.chart-tick').length,
        target: !!svg.querySelector('.chart-target'),
        sexes: svg.querySelectorAll('.chart-women').length > 0 && svg.querySelectorAll('.chart-men').length > 0,
        notes: [...svg.querySelectorAll('.chart-note')].map(n => n.textContent),
        script: svg.querySelectorAll('script').length}))""")
    assert charts and all(c["axis"] and c["ticks"] >= 3 and not c["script"] for c in charts), charts
    assert all(c["notes"] and all(n.endswith(" svar") for n in c["notes"]) for c in charts), charts
    assert any(c["target"] for c in charts) and any(c["sexes"] for c in charts), charts


def test_forced_colours_keep_chart_text_and_axes_visible(browser: Any, pages: list[Path]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.emulate_media(forced_colors="active", color_scheme="dark")
    found: dict[str, Any] = {}
    for path in pages:
        page.goto(path.resolve().as_uri())
        faded = page.evaluate("""() => {
            const probe = document.createElement('span');
            probe.style.color = 'CanvasText'; probe.style.backgroundColor = 'Canvas';
            document.body.append(probe);
            const ink = getComputedStyle(probe).color, paper = getComputedStyle(probe).backgroundColor;
            probe.remove();
            const bad = [];
            for (const t of document.querySelectorAll('svg.chart text')) {
                const fill = getComputedStyle(t).fill;
                if (fill !== ink) bad.push('text ' + t.textContent + ': ' + fill);
            }
            for (const l of document.querySelectorAll('svg.chart .chart-axis')) {
                const stroke = getComputedStyle(l).stroke;
                if (stroke !== ink) bad.push('axis: ' + stroke);
            }
            if (ink === paper) bad.push('CanvasText is Canvas');
            return bad.slice(0, 5);
        }""")
        if faded:
            found[path.name] = faded
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_scroll_boxes_scroll_at_320_px_and_show_the_focus_ring(browser: Any, pages: list[Path]) -> None:
    """At 320 px (400 % zoom) the page does not scroll sideways; a scroll box is a keyboard
    stop only around a table that scrolls there, and focus by keyboard draws the site's ring
    (its --focus colour), not the browser's default."""
    page = browser.new_page(viewport={"width": 320, "height": 900}, is_mobile=True)
    found: dict[str, Any] = {}
    for path in pages:
        page.goto(path.resolve().as_uri())
        wide = page.evaluate("document.documentElement.scrollWidth")
        still = page.evaluate("""() => [...document.querySelectorAll('[tabindex="0"]')]
            .filter(b => b.scrollWidth <= b.clientWidth).map(b => b.getAttribute('aria-label'))""")
        boxes = page.locator(".report-scroll")
        rings = []
        for n in range(boxes.count()):
            boxes.nth(n).focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            rings.append(boxes.nth(n).evaluate("b => getComputedStyle(b).boxShadow"))
        plain = [r for r in rings if "255, 191, 71" not in r]
        if wide > 320 or still or plain:
            found[path.name] = {"page width": wide, "keyboard stops that do not scroll": still,
                                "without the ring": plain}
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_html_codesniffer_finds_no_wcag2aa_errors(browser: Any, pages: list[Path]) -> None:
    """pa11y's htmlcs engine: e.g. H43 (two-row heads without headers/scope) is an error."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found: dict[str, Any] = {}
    for path in pages:
        page.goto(path.resolve().as_uri())
        page.evaluate(HTMLCS.read_text(encoding="utf-8"))
        errors = page.evaluate("""() => new Promise(done => HTMLCS.process('WCAG2AA', document, () =>
            done(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
                 .map(m => m.code + ': ' + m.element.outerHTML.slice(0, 100)))))""")
        if errors:
            found[path.name] = errors[:10]
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
