"""``mvkplan build``: the static site's pages, links, safety and determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render_support import broken_links, copy_fixture, parse_page

from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.render.paths import UnsafePathError
from mvkplan.publish.render.site import build_site, site_pages


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


@pytest.fixture
def built(cli, fixture_project) -> Path:
    result = cli("build", cwd=fixture_project)
    assert result.exit_code == 0, result
    return fixture_project / "site"


def _pages(site: Path) -> list[str]:
    """The site's files, without the build's manifest (.mvkplan-manifest.json)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def test_build_writes_index_county_document_coverage_and_method_pages(built):
    pages = _pages(built)
    for page in ("index.html", "tackning.html", "lan/kalmar.html", "lan/jonkoping.html",
                 "dokument/exempel-2024.html", "dokument/methods.html",
                 "dokument/nationell-strategi.html", "dokument/agenda2030.html"):
        assert page in pages
    assert "dokument/exempel-profil.html" not in pages  # the county page shows it
    # Besides pages: open data (data/, dcat.jsonld) and search (sok.js, pagefind/).
    assert all(p.endswith(".html") or p.startswith(("data/", "pagefind/"))
               or p in ("dcat.jsonld", "sok.js") for p in pages)


def test_every_relative_link_leads_to_a_page_and_anchor(built):
    assert broken_links(built) == []


def test_no_external_resources_and_no_scripts(built):
    for page in built.rglob("*.html"):
        parsed = parse_page(page)
        text = page.read_text(encoding="utf-8")
        if page.relative_to(built).as_posix() == "sok.html":  # search: the site's own script
            assert parsed.sources == [("script", "src", "sok.js")], page
            assert text.count("<script") == 1
        else:
            assert parsed.sources == [], page
            assert "<script" not in text
        assert 'http-equiv="Content-Security-Policy"' in text
        assert "default-src &#39;none&#39;" in text


def test_county_page_reads_like_the_county_boards_page(built):
    html = (built / "lan" / "kalmar.html").read_text(encoding="utf-8")
    assert "<h1>Länsstyrelsen Kalmar</h1>" in html
    assert "Arbetar du inom kommun eller region" in html
    assert "Publikationer i urval" in html
    assert 'href="../dokument/exempel-2024.html"' in html
    assert "Alla dokument för Kalmar län" in html


def test_coverage_page_counts_goals_per_national_goal(built):
    html = (built / "tackning.html").read_text(encoding="utf-8")
    assert 'id="mvk-nationell-strategi"' in html
    assert '<th scope="row"><a href="dokument/exempel-2024.html">' in html
    assert '<td class="hit">' in html


def test_the_build_is_deterministic(cli, fixture_project, tmp_path):
    assert cli("build", "--out", "site-a", cwd=fixture_project).exit_code == 0
    assert cli("build", "--out", "site-b", cwd=fixture_project).exit_code == 0
    a, b = fixture_project / "site-a", fixture_project / "site-b"
    assert _pages(a) == _pages(b)
    for page in _pages(a):
        assert (a / page).read_bytes() == (b / page).read_bytes(), page


def test_the_build_does_not_depend_on_hash_seeds(fixture_project):
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "mvkplan", "build", "--out", f"seed-{seed}"],
                       cwd=fixture_project, check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    a, b = fixture_project / "seed-1", fixture_project / "seed-2"
    assert _pages(a) == _pages(b)
    assert all((a / p).read_bytes() == (b / p).read_bytes() for p in _pages(a))


def test_build_writes_where_the_user_says_even_outside_the_project(cli, fixture_project):
    result = cli("build", "--out", "../utanfor", cwd=fixture_project)
    assert result.exit_code == 0, result
    assert (fixture_project.parent / "utanfor" / "index.html").is_file()


def test_build_refuses_the_project_folder_itself(cli, fixture_project):
    result = cli("build", "--out", ".", cwd=fixture_project)
    assert result.exit_code == 2, result


def test_a_document_id_that_is_no_safe_file_name_stops_the_build_before_writing(fixture_project):
    index = load_corpus(find_project(fixture_project)).index
    loaded = index.documents.pop("exempel-2021")
    index.documents["../../utanfor"] = loaded
    out = fixture_project / "site"
    with pytest.raises(UnsafePathError):
        build_site(index, out)
    assert not out.exists()


def test_a_broken_override_template_leaves_the_old_site_untouched(cli, fixture_project, built):
    before = {p: (built / p).read_bytes() for p in _pages(built)}
    override = fixture_project / "mallar" / "html" / "site"
    override.mkdir(parents=True)
    (override / "coverage.html").write_text("{% if %}", encoding="utf-8")
    result = cli("build", "--templates", "mallar", cwd=fixture_project)
    assert result.exit_code == 2, result
    assert {p: (built / p).read_bytes() for p in _pages(built)} == before


def test_pages_are_listed_before_rendering_for_the_progress_bar(fixture_project):
    index = load_corpus(find_project(fixture_project)).index
    pages = site_pages(index)
    assert pages[0].path == "index.html"
    assert len({p.path for p in pages}) == len(pages)


def test_the_real_plans_build_with_working_links(cli, tmp_path):
    from conftest import PLANS

    if not (PLANS / "kalmar" / "kalmar-2024.yaml").exists():
        pytest.skip("real plans not transcribed yet")
    project = tmp_path / "real"
    project.mkdir()
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    import shutil

    shutil.copytree(PLANS, project / "plans")
    result = cli("build", cwd=project)
    assert result.exit_code == 0, result
    assert broken_links(project / "site") == []
