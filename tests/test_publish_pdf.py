"""The PDF of every real document: tagged, Swedish, bookmarked, complete, and deterministic.

Checked with pikepdf (structure) and pdftotext from poppler-utils (text in content-stream
order, ``-raw``). Without pdftotext the text checks skip locally; CI sets
MVKPLAN_REQUIRE_PDFTOOLS=1 and installs poppler-utils, turning the skip into a failure.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pikepdf
import pytest
from test_render_support import require_or_skip

from conftest import PLANS, REPO, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.exports.htmltree import Element, parse_html
from mvkplan.publish.exports.pdf import render_pdf
from mvkplan.publish.render.pages import render_document

PDFTOTEXT = shutil.which("pdftotext")


@cache
def _index():
    return load_corpus(find_project(REPO)).index


def _real_documents() -> list[str]:
    index = _index()
    return sorted(i for i, d in index.documents.items() if not d.shipped and not d.model.example)


@cache
def _pdf(document_id: str) -> bytes:
    return render_pdf(_index(), document_id, updated="2024-01-01")


def _html(document_id: str) -> Element:
    return parse_html(render_document(_index(), document_id, "html", updated="2024-01-01"))


def _printed_headings(tree: Element) -> list[str]:
    """Headings a reader of the printed page sees: not the on-screen table of contents."""
    hidden = {"toc", "backlinks", "visually-hidden"}
    found: list[str] = []

    def walk(node: Element) -> None:
        if node.classes & hidden:
            return
        if re.fullmatch(r"h[1-6]", node.tag):
            found.append(node.text())
            return
        for child in node.children:
            if isinstance(child, Element):
                walk(child)

    walk(tree)
    return found


def _visible(node: Element) -> str:
    """Text without the visually hidden parts (e.g. 'Fotnot ' before a footnote number), squeezed."""
    parts = [c if isinstance(c, str) else _visible(c) for c in node.children
             if isinstance(c, str) or "visually-hidden" not in c.classes]
    return "".join("".join(parts).split())


def _outline(pdf: pikepdf.Pdf) -> list[str]:
    titles: list[str] = []
    with pdf.open_outline() as outline:
        def walk(items) -> None:  # type: ignore[no-untyped-def]
            for item in items:
                titles.append(" ".join(str(item.title).split()))
                walk(item.children)
        walk(outline.root)
    return titles


def _roles(pdf: pikepdf.Pdf) -> set[str]:
    roles: set[str] = set()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                roles.add(str(node.S))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(node, pikepdf.Array):
            stack.extend(node)
    return roles


def test_real_documents_exist():
    assert {"kalmar-2021", "kalmar-2024", "kronoberg-2018-reviderad", "jonkoping-2022"} <= set(_real_documents())


@pytest.mark.parametrize("document_id", _real_documents())
def test_pdf_is_tagged_swedish_titled_and_bookmarked(document_id, record_property):
    model = _index().documents[document_id].model
    with pikepdf.open(io.BytesIO(_pdf(document_id))) as pdf:
        record_property("pages", len(pdf.pages))
        print(f"{document_id}: {len(pdf.pages)} pages")
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.MarkInfo.Marked is True
        title = model.title if not model.subtitle else f"{model.title} – {model.subtitle}"
        assert str(pdf.docinfo.Title) == title
        if model.organisations:
            assert str(pdf.docinfo.Author) == ", ".join(model.organisations)
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert {"/H1", "/H2", "/P"} <= _roles(pdf)
        if model.areas if hasattr(model, "areas") else False:
            assert {"/Table", "/TR", "/TH", "/TD"} <= _roles(pdf)
        assert _outline(pdf) == _printed_headings(_html(document_id))
        if model.footnotes:  # footnote markers link to the notes, as in the HTML
            names = pdf.Root.Names.Dests.Names
            destinations = {str(names[i]) for i in range(0, len(names), 2)}
            linked = {str(a.Dest) for page in pdf.pages for a in page.get("/Annots", []) if "/Dest" in a}
            for note in model.footnotes:
                assert f"mvk-fn-{note.id}" in destinations & linked, note.id
        assert all(str(page.MediaBox[2])[:5] == "595.2" for page in pdf.pages)  # A4 portrait
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


@pytest.mark.parametrize("document_id", _real_documents())
def test_pdf_text_has_every_goal_in_order_and_page_numbers(document_id, tmp_path):
    require_or_skip(PDFTOTEXT is not None, "MVKPLAN_REQUIRE_PDFTOOLS", "pdftotext (poppler-utils)")
    path = tmp_path / "doc.pdf"
    path.write_bytes(_pdf(document_id))
    raw = subprocess.run([PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    text = " ".join(raw.split())
    squeezed = "".join(raw.split())  # line breaks inside a title vanish, spacing is not checked
    titles = [_visible(span) for span in _html(document_id).iter("span") if "goal-title" in span.classes]
    model = _index().documents[document_id].model
    assert titles or not getattr(model, "areas", None)
    position = 0
    for title in titles:
        found = squeezed.find(title, position)
        assert found >= 0, f"not found after position {position}: {title!r}"
        position = found + len(title)
    pages = len(pikepdf.open(path).pages)
    for number in range(1, pages + 1):
        assert f"Sida {number} av {pages}" in text
    # Table rows are not split across pages: every title lies whole on one page.
    per_page = ["".join(subprocess.run([PDFTOTEXT, "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n),
                                        str(path), "-"], capture_output=True, text=True,
                                       check=True).stdout.split()) for n in range(1, pages + 1)]
    for title in titles:
        assert any(title in page for page in per_page), f"split across pages: {title!r}"
    if pages > 1:
        header = model.short_title or model.subtitle or model.title
        assert text.count(" ".join(header.split())) >= pages - 1  # running header from page 2


def test_two_renders_are_byte_identical_and_dated_by_source_date_epoch(monkeypatch):
    first = render_pdf(_index(), "kalmar-2024", updated="2024-01-01")
    assert first == _pdf("kalmar-2024")
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20240101")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = render_pdf(_index(), "kalmar-2024", updated="2024-01-01")
    assert dated == render_pdf(_index(), "kalmar-2024", updated="2024-01-01")
    with pikepdf.open(io.BytesIO(dated)) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli("render", "kalmar-2024", "--format", "pdf", "-o", "-")
    assert result.exit_code == 2, result
    assert "SOURCE_DATE_EPOCH" in result.stderr


def test_cli_writes_the_pdf_twice_identically(real_project: Path):
    first = run_cli("render", "kalmar-2021", "--format", "pdf", cwd=real_project)
    assert first.exit_code == 0, first
    target = real_project / "build" / "kalmar-2021.pdf"
    data = target.read_bytes()
    assert data.startswith(b"%PDF-1.7")
    again = run_cli("render", "kalmar-2021", "-f", "pdf", "-o", "build/again.pdf", cwd=real_project)
    assert again.exit_code == 0, again
    assert (real_project / "build" / "again.pdf").read_bytes() == data


def test_missing_weasyprint_is_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    result = run_cli("render", "kalmar-2024", "--format", "pdf", "-o", "-")
    assert result.exit_code == 2, result
    assert "pip install 'mvkplan[pdf]'" in result.stderr
    swedish = run_cli("render", "kalmar-2024", "--format", "pdf", "-o", "-", env={"MVKPLAN_LANG": "sv"})
    assert swedish.exit_code == 2 and "kräver WeasyPrint" in swedish.stderr, swedish


def test_build_pdf_puts_a_linked_pdf_beside_every_document_page(real_project: Path):
    result = run_cli("build", "--pdf", "-o", "site", cwd=real_project)
    assert result.exit_code == 0, result
    site = real_project / "site"
    for document_id in _real_documents() + ["exempelkommun-2025"]:
        page = site / "dokument" / f"{document_id}.html"
        if not page.exists():
            continue  # a county profile is shown as the county's page
        assert (site / "dokument" / f"{document_id}.pdf").read_bytes().startswith(b"%PDF")
        assert f'<a href="{document_id}.pdf">Ladda ner som PDF</a>' in page.read_text(encoding="utf-8")
    assert not (site / "dokument" / "methods.pdf").exists()  # shipped catalogs get none
    # A follow-up's page is its annual report: its PDF is the report, linked from that page.
    follow_ups = sorted(path.stem for path in PLANS.glob("*/uppfoljning/*.yaml"))
    assert follow_ups
    for document_id in follow_ups:
        with pikepdf.open(site / "dokument" / f"{document_id}.pdf") as pdf:
            assert str(pdf.docinfo.Title) == _index().documents[document_id].model.title
        assert f'<a href="{document_id}.pdf">Ladda ner som PDF</a>' in \
            (site / "dokument" / f"{document_id}.html").read_text(encoding="utf-8")
    assert PLANS.exists()
