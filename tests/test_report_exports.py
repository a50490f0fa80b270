"""``mvkplan report --format pdf|docx``: the annual report for the board meeting, as plans are.

The PDF passes the structure checks of plan PDFs (tags, /Lang sv, title, author, bookmarks
equal to the printed headings, A4, embedded fonts, same bytes twice); the Word file has real
headings and tables, Swedish as its language, and LibreOffice converts it headless (skipped
without soffice unless MVKPLAN_REQUIRE_LIBREOFFICE=1). Every follow-up of the repository is a
variant: each plan and year, both formats.
"""

from __future__ import annotations

import io
import subprocess
import sys
from functools import cache
from pathlib import Path

import docx
import pikepdf
import pytest
from test_publish_docx import SOFFICE, converted_text
from test_publish_pdf import _outline, _printed_headings, _roles
from test_render_support import require_or_skip

from conftest import PLANS, REPO, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import FollowUp
from mvkplan.project.config import find_project
from mvkplan.publish.exports.htmltree import parse_html

FOLLOW_UPS = sorted(
    (path.stem.rsplit("-", 1)[0], int(path.stem.rsplit("-", 1)[1]))
    for path in PLANS.glob("*/uppfoljning/*.yaml"))


@cache
def _index() -> LinkIndex:
    return load_corpus(find_project(REPO)).index


def _follow_up(plan: str, year: int) -> FollowUp:
    model = _index().documents[f"{plan}-{year}"].model
    assert isinstance(model, FollowUp)
    return model


def _report(project: Path, plan: str, year: int, fmt: str, target: str) -> bytes:
    result = run_cli("report", plan, "--year", str(year), "-f", fmt, "-o", target, cwd=project)
    assert result.exit_code == 0, result
    return (project / target).read_bytes()


def test_the_repository_has_follow_ups():
    assert ("kalmar-2024", 2025) in FOLLOW_UPS and len(FOLLOW_UPS) >= 3


@pytest.mark.parametrize(("plan", "year"), FOLLOW_UPS)
def test_report_pdf_is_tagged_swedish_titled_bookmarked_and_the_same_twice(real_project, plan, year):
    data = _report(real_project, plan, year, "pdf", f"out/{plan}-{year}.pdf")
    html = run_cli("report", plan, "--year", str(year), "-f", "html", "-o", "-", cwd=real_project)
    assert html.exit_code == 0, html
    model = _follow_up(plan, year)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert data.startswith(b"%PDF-1.7")
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == model.title
        assert str(pdf.docinfo.Author) == ", ".join(model.organisations)
        assert {"/H1", "/H2", "/P", "/Table", "/TR", "/TH", "/TD"} <= _roles(pdf)
        assert _outline(pdf) == _printed_headings(parse_html(html.stdout))
        assert all(str(page.MediaBox[2])[:5] == "595.2" for page in pdf.pages)  # A4 portrait
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert any(k in descendant.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert _report(real_project, plan, year, "pdf", "out/again.pdf") == data


@pytest.mark.parametrize(("plan", "year"), FOLLOW_UPS)
def test_report_docx_has_headings_tables_and_swedish_and_the_same_twice(real_project, plan, year):
    data = _report(real_project, plan, year, "docx", f"out/{plan}-{year}.docx")
    word = docx.Document(io.BytesIO(data))
    model = _follow_up(plan, year)
    styles = [p.style.name for p in word.paragraphs]
    assert styles.count("Title") == 1
    assert [p.text for p in word.paragraphs if p.style.name == "Title"] == [model.title]
    assert any(s.startswith("Heading") for s in styles)
    assert word.tables, "the report's value tables"
    assert word.core_properties.title == model.title
    assert word.core_properties.language == "sv-SE"
    assert _report(real_project, plan, year, "docx", "out/again.docx") == data


def test_report_docx_converts_with_libreoffice(real_project, tmp_path):
    require_or_skip(SOFFICE is not None, "MVKPLAN_REQUIRE_LIBREOFFICE", "LibreOffice (soffice)")
    source = tmp_path / "rapport.docx"
    source.write_bytes(_report(real_project, "kalmar-2024", 2025, "docx", "out/rapport.docx"))
    text = converted_text(source)
    assert _follow_up("kalmar-2024", 2025).title in text


def test_report_pdf_to_standard_output_is_the_file(real_project):
    written = _report(real_project, "kalmar-2024", 2024, "pdf", "out/r.pdf")
    result = subprocess.run([sys.executable, "-m", "mvkplan", "report", "kalmar-2024", "--year", "2024",
                             "-f", "pdf", "-o", "-"], cwd=real_project, capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout == written


def test_default_file_names(real_project):
    for fmt in ("pdf", "docx"):
        result = run_cli("report", "kalmar-2024", "-f", fmt, cwd=real_project)
        assert result.exit_code == 0, result
        assert (real_project / "build" / f"kalmar-2024-uppfoljning-2025.{fmt}").stat().st_size > 0


@pytest.mark.parametrize(("fmt", "module", "extra"), [("pdf", "weasyprint", "pdf"), ("pdf", "pikepdf", "pdf"),
                                                      ("docx", "docx", "docx")])
def test_missing_extra_is_a_clear_message_and_writes_nothing(real_project, monkeypatch, fmt, module, extra):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    result = run_cli("report", "kalmar-2024", "-f", fmt, cwd=real_project)
    assert result.exit_code == 2, result
    assert f"pip install 'mvkplan[{extra}]'" in result.stderr
    swedish = run_cli("report", "kalmar-2024", "-f", fmt, cwd=real_project, env={"MVKPLAN_LANG": "sv"})
    assert swedish.exit_code == 2 and "kräver" in swedish.stderr, swedish
    assert not (real_project / "build").exists()
