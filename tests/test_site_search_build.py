"""Search in ``build`` and ``serve`` (issue 26.1): with Pagefind the site gets ``sok.html``, its
script and the index; without it the build still works, says search was left out, and no
page links to a search that is not there. And ``[tool.mvkplan.site]`` is checked like any
configuration."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_support import copy_fixture

from conftest import run_cli
from mvkplan.publish.render import sitepages
from mvkplan.publish.render.search import search_available

needs_pagefind = pytest.mark.skipif(not search_available(), reason="Pagefind not installed")


def _site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@needs_pagefind
def test_without_pagefind_the_build_says_search_was_left_out_and_removes_it(tmp_path, monkeypatch):
    project = copy_fixture(tmp_path / "project")
    assert run_cli("build", cwd=project).exit_code == 0
    site = project / "site"
    assert {"sok.html", "sok.js", "pagefind/pagefind.js"} <= _site_files(site)
    monkeypatch.setattr(sitepages, "search_available", lambda: False)
    result = run_cli("build", cwd=project)
    assert result.exit_code == 0, result
    assert "search was left out of the site" in result.stderr
    assert "pip install 'mvkplan[search]'" in result.stderr
    files = _site_files(site)
    assert not any(f == "sok.html" or f == "sok.js" or f.startswith("pagefind/") for f in files)
    for page in site.rglob("*.html"):  # every page was made again without the search link
        assert "sok.html" not in page.read_text(encoding="utf-8"), page


@needs_pagefind
def test_serve_builds_the_search_index_too(tmp_path):
    from mvkplan.publish.serve.server import build_preview

    project = copy_fixture(tmp_path / "project")
    outcome = build_preview(project, tmp_path / "preview")
    assert outcome.failure is None, outcome
    files = _site_files(tmp_path / "preview")
    assert {"sok.html", "sok.js", "pagefind/pagefind.js", "pagefind/pagefind-entry.json"} <= files
    entry = (tmp_path / "preview" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"sv"' in entry  # Swedish stemming


@needs_pagefind
def test_only_document_and_report_bodies_are_marked_for_the_index(tmp_path):
    project = copy_fixture(tmp_path / "project")
    assert run_cli("build", cwd=project).exit_code == 0
    site = project / "site"
    for page in site.rglob("*.html"):
        marked = "data-pagefind-body" in page.read_text(encoding="utf-8")
        assert marked is (page.parent.name == "dokument"), page


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(["accessibility-reviewed = \"30 november\"", "publisher = 3",
                        "unknown-key = \"x\"", "accessibility-reviewed = \"2026-1-30\"",
                        "license = []"]))
def test_a_wrong_site_table_is_a_configuration_error_with_its_line(tmp_path_factory, line):
    project = copy_fixture(tmp_path_factory.mktemp("config") / "project")
    (project / "mvkplan.toml").write_text(f'paths = ["plans"]\n\n[site]\n{line}\n', encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.exit_code == 2, result
    assert re.search(r"mvkplan\.toml: .*line 4: site\.", result.stderr + result.stdout), result
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_the_statement_names_only_a_configured_contact(tmp_path):
    project = copy_fixture(tmp_path / "project")
    shutil.copy(project / "mvkplan.toml", tmp_path / "kept.toml")
    (project / "mvkplan.toml").write_text(
        'paths = ["plans"]\n[site]\npublisher = "Region Exempel"\n', encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.exit_code == 0
    assert "accessibility-contact, accessibility-reviewed" in result.stderr
    statement = (project / "site" / "tillganglighet.html").read_text(encoding="utf-8")
    assert "Region Exempel står bakom den här webbplatsen" in statement
    assert "Ingen kontaktuppgift för tillgänglighetsfrågor är angiven" in statement
