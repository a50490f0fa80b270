"""``mvkplan render``: escaping, Markdown, links, footnotes, paths, determinism and the CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup
from test_render_support import copy_fixture

from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.render.environment import make_environment, table_cell
from mvkplan.publish.render.markdown import HtmlWriter, MarkdownWriter, escape_markdown
from mvkplan.publish.render.pages import render_document
from mvkplan.publish.render.paths import UnsafePathError, inside, safe_name


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


@pytest.fixture
def index(fixture_project: Path):
    corpus = load_corpus(find_project(fixture_project))
    assert not corpus.loaded.problems, corpus.loaded.problems
    return corpus.index


# -- text fields -----------------------------------------------------------------------


def test_markdown_fields_are_rendered_and_raw_html_is_shown_as_text():
    html = HtmlWriter().block("Ett *viktigt* stycke <script>alert(1)</script>")
    assert html == "<p>Ett <em>viktigt</em> stycke &lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_dangerous_link_schemes_are_dropped_and_links_get_rel():
    html = HtmlWriter().inline("[a](javascript:alert(1)) [b](https://example.org)")
    assert 'href="javascript' not in html  # left as plain text
    assert '<a href="https://example.org" rel="noopener noreferrer">b</a>' in html


def test_headings_in_a_field_start_below_the_section_heading():
    assert HtmlWriter().block("# Rubrik", level=3) == "<h3>Rubrik</h3>"
    assert MarkdownWriter().block("# Rubrik", level=3) == "### Rubrik"


def test_footnote_markers_link_to_known_notes_only():
    writer = HtmlWriter(["1"])
    html = writer.inline("Fakta.[^1] Igen.[^1] Okänd.[^9]")
    assert 'href="#mvk-fn-1" id="mvk-fnref-1"' in html
    assert 'id="mvk-fnref-1-2"' in html
    assert "[^9]" in html
    assert writer.first_reference("1") == "mvk-fnref-1"


@pytest.mark.parametrize(("text", "escaped"), [
    ("*inte kursiv*", "\\*inte kursiv\\*"),
    ("<b>", "&lt;b\\>"),
    ("a | b", "a \\| b"),
    ("rad\n# inte rubrik", "rad\n\\# inte rubrik"),
    ("rad\n2. inte lista", "rad\n2\\. inte lista"),
    ("&amp;", "&amp;amp;"),
    ("16.10", "16.10"),
])
def test_plain_text_is_literal_in_markdown(text, escaped):
    assert escape_markdown(text) == escaped


def test_markdown_output_makes_raw_html_and_script_links_inert():
    md = MarkdownWriter().block("<script>x</script> [a](javascript:x)")
    assert "<script" not in md and "javascript:" not in md


def test_table_cells_are_one_line_with_escaped_pipes():
    assert table_cell("a | b\n\nc") == "a \\| b<br><br>c"
    assert table_cell(Markup("**x**\nmer")) == "**x** mer"


# -- paths -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["..", "../etc", "a/b", "a\\b", ".hidden", "", "con", "nul.txt",
                                  "x" * 200, "a b"])
def test_unsafe_file_names_are_refused(name):
    with pytest.raises(UnsafePathError):
        safe_name(name)


@pytest.mark.parametrize("relative", ["../x.html", "/etc/passwd", "a/../../x", "a\\..\\x"])
def test_paths_never_leave_the_output_folder(tmp_path, relative):
    with pytest.raises(UnsafePathError):
        inside(tmp_path / "out", relative)


def test_a_symbolic_link_out_of_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "dokument").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError):
        inside(out, "dokument/x.html")


# -- documents -------------------------------------------------------------------------


def test_framework_texts_come_from_the_shipped_frameworks(index):
    html = render_document(index, "exempel-2024")
    agenda = index.item("agenda2030/5.2").obj.text
    equality = index.item("jamstalldhetsmal/6").obj.text
    assert " ".join(agenda.split()) in html
    assert " ".join(equality.split()) in html


def test_goal_tables_use_the_documents_own_headings(index):
    html = render_document(index, "exempel-2024")
    for heading in ("Målsättningar", "Exempel på lokala aktiviteter", "Årlig uppföljning"):
        assert '<th scope="col" class="col-' in html and f">{heading}</th>" in html
    assert ">Frekvens</th>" not in html
    assert ">Frekvens</th>" in render_document(index, "exempel-2021")


def test_a_single_document_links_within_itself_and_names_other_documents(index):
    html = render_document(index, "exempel-2024")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("#", "https://")) for h in hrefs), hrefs
    assert "Jämställdhetsmålen: Delmål 6" in html  # named, not linked


def test_numeric_links_read_as_the_sources_write_them(index):
    html = render_document(index, "exempel-verksamhetsplan-2022")
    assert "Delmål 1–5" in html
    assert "Delmål 3-4, 5" in html  # links_written, as printed


def test_back_links_show_where_other_documents_link_to_an_item(index):
    html = render_document(index, "exempel-2024")
    aside = html[html.index('<div class="additions">', html.index('id="likvardig-kunskap"')):]
    assert '<span class="label">Kopplat från:</span>' in aside
    assert "Handlingsplan mot våld i nära relationer 2024–2026: MVP i alla högstadieskolor" in aside


def test_superseded_documents_say_by_what(index):
    html = render_document(index, "exempel-2021")
    assert "Dokumentet har ersatts av Exempelplanen 2024–2026" in html


def test_same_input_gives_byte_identical_output(index, fixture_project):
    again = load_corpus(find_project(fixture_project)).index
    for document in index.documents:
        for fmt in ("html", "md"):
            assert render_document(index, document, fmt) == render_document(again, document, fmt)


def test_an_override_folder_replaces_single_templates(index, tmp_path):
    override = tmp_path / "mallar" / "html"
    override.mkdir(parents=True)
    (override / "regional-plan.html").write_text(
        '{% extends "html/plan.html" %}{% block footer %}Egen sidfot{% endblock %}',
        encoding="utf-8")
    html = render_document(index, "exempel-2024", templates=tmp_path / "mallar")
    assert "Egen sidfot" in html and "Publicerad med mvkplan" not in html
    assert "Publicerad med mvkplan" in render_document(index, "exempel-strategi",
                                                       templates=tmp_path / "mallar")


def test_the_environment_is_strict_about_undefined_values():
    env = make_environment("html")
    with pytest.raises(UndefinedError):
        env.from_string("{{ page.nothing }}").render(page={})


# -- the command -----------------------------------------------------------------------


def test_render_writes_build_id_html_by_default(cli, fixture_project):
    result = cli("render", "exempel-2024", cwd=fixture_project)
    assert result.exit_code == 0, result
    assert "build/exempel-2024.html" in result.stdout
    html = (fixture_project / "build" / "exempel-2024.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html


def test_render_markdown_to_stdout(cli, fixture_project):
    result = cli("render", "exempel-2024", "--format", "md", "--output", "-", cwd=fixture_project)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("# Att förebygga och bekämpa mäns våld mot kvinnor")
    assert not (fixture_project / "build").exists()


def test_senast_uppdaterad_comes_from_the_document_without_git(cli, fixture_project):
    result = cli("render", "exempel-profil", "-o", "-", cwd=fixture_project)
    assert 'Senast uppdaterad: <time datetime="2021-11-18">2021-11-18</time>' in result.stdout


def test_senast_uppdaterad_is_the_pages_own_and_the_commit_date_the_files(cli, fixture_project):
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": "2023-05-17T12:00:00", "GIT_COMMITTER_DATE": "2023-05-17T12:00:00"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "plans"]):
        subprocess.run(["git", *args], cwd=fixture_project, env=env, check=True)
    result = cli("render", "exempel-profil", "-o", "-", cwd=fixture_project)
    # The page's own date wins; the commit date is printed apart, labelled as the file's.
    assert 'Senast uppdaterad: <time datetime="2021-11-18">' in result.stdout, result
    assert 'Filen ändrad i arkivet: <time datetime="2023-05-17">' in result.stdout, result


def test_unknown_document_is_a_usage_error_with_a_suggestion(cli, fixture_project):
    result = cli("render", "exempel-202", cwd=fixture_project)
    assert result.exit_code == 2, result
    assert "unknown document 'exempel-202'" in result.stderr
    assert "did you mean 'exempel-2021'" in result.stderr or "exempel-2024" in result.stderr


def test_a_broken_document_is_reported_not_rendered(cli, fixture_project):
    path = fixture_project / "plans" / "exempellan" / "exempel-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: superseded",
                                                               "status: forgotten"),
                    encoding="utf-8")
    result = cli("render", "exempel-2021", cwd=fixture_project)
    assert result.exit_code == 1, result
    assert "could not be loaded" in result.stderr and "E204 [error] 'forgotten'" in result.stderr


def test_render_writes_where_the_user_says_even_outside_the_project(cli, fixture_project):
    result = cli("render", "exempel-2024", "--output", "../elsewhere.html", cwd=fixture_project)
    assert result.exit_code == 0, result
    assert (fixture_project.parent / "elsewhere.html").read_text(encoding="utf-8").startswith("<!")


def test_a_failed_render_leaves_no_file(cli, fixture_project):
    broken = fixture_project / "mallar" / "html"
    broken.mkdir(parents=True)
    (broken / "regional-plan.html").write_text("{% extends 'html/plan.html' %}{{ page.oops }}",
                                               encoding="utf-8")
    (broken / "regional-plan.html").write_text("{% for %}", encoding="utf-8")
    result = cli("render", "exempel-2024", "--templates", "mallar", cwd=fixture_project)
    assert result.exit_code == 2, result
    assert "template html/regional-plan.html" in result.stderr
    assert not (fixture_project / "build").exists()


def test_existing_output_is_replaced_whole(cli, fixture_project):
    target = fixture_project / "build" / "exempel-2024.md"
    target.parent.mkdir()
    target.write_text("x" * 100_000, encoding="utf-8")
    assert cli("render", "exempel-2024", "-f", "md", cwd=fixture_project).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ") and "xxxx" not in text
    assert [p.name for p in target.parent.iterdir()] == ["exempel-2024.md"]


def test_version_does_not_import_the_renderer():
    import subprocess
    import sys

    code = ("import sys; from mvkplan.cli.main import app; "
            "print(any(m in sys.modules for m in ('jinja2', 'pydantic', 'mvkplan.publish.render')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
