"""A Word file of one document, for consultation rounds (remiss), written with python-docx.

The body is read from the document's rendered HTML page, so that order, headings and words
are the same as in the HTML and the PDF: headings become Word's heading styles, lists its
list styles, tables real tables (header row repeated on every page, rows not split), footnote
markers superscript numbers. Styles, page set-up, headers and footers come from the county's
``reference.docx`` when configured, else from the shipped default (``reference``). What the
page only offers on screen (skip link, table of contents, back-links) is left out, as in print.
The same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import DocumentBase
from mvkplan.project.look import Look
from mvkplan.publish.exports import MissingExtra
from mvkplan.publish.exports.htmltree import Element, parse_html
from mvkplan.publish.exports.pdf import creation_date
from mvkplan.publish.exports.reference import reference_document
from mvkplan.publish.render.pages import render_document
from mvkplan.publish.report.render import render_report
from mvkplan.views.report.build import Report

SCREEN_ONLY = {"skip-link", "toc", "backlinks", "backref", "visually-hidden", "site-nav",
               "breadcrumbs", "site-footer", "masthead"}
SKIPPED_TAGS = {"head", "script", "style", "nav", "details", "caption", "template"}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "dl", "blockquote",
              "div", "section", "article", "header", "footer", "main", "figure", "dt", "dd",
              "aside", "hr", "body", "html"}
HEADING_LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 5}


def render_docx(
    index: LinkIndex,
    document_id: str,
    *,
    templates: Path | None = None,
    updated: str | None = None,
    site_url: str | None = None,
    errors: Sequence[str] = (),
    plain: bool = False,
    look: Look | None = None,
) -> bytes:
    """The document as a .docx file in the look's reference template (MissingExtra without python-docx)."""
    html = render_document(index, document_id, "html", templates=templates, updated=updated,
                           site_url=site_url, errors=errors, plain=plain)
    return html_to_docx(html, index.documents[document_id].model, updated, look)


def render_report_docx(report: Report, *, templates: Path | None = None,
                       updated: str | None = None, look: Look | None = None) -> bytes:
    """The annual report (``mvkplan report``) as a .docx file, like a plan's."""
    return html_to_docx(render_report(report, "html", templates=templates), report.model, updated, look)


def html_to_docx(html: str, model: DocumentBase, updated: str | None, look: Look | None = None) -> bytes:
    """The ``<main>`` of a rendered page as a Word file in the look's reference template, with the
    document's properties."""
    try:
        import docx  # noqa: F401  (present, or the extra is missing)
    except ImportError:
        raise MissingExtra("docx", "python-docx") from None
    word = reference_document(look or Look())
    _properties(word, model.title if not model.subtitle else f"{model.title} – {model.subtitle}",
                list(model.organisations), creation_date(updated))
    tree = parse_html(html)
    article = next(iter(tree.iter("main")), tree)
    _Writer(word).blocks(article, word)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


def _fixed_zip_dates(data: bytes) -> bytes:
    """The same parts with one fixed timestamp, so that the same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _properties(word: Any, title: str, authors: list[str], created: str | None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = word.core_properties
    props.title = title
    props.author = ", ".join(authors)
    props.language = "sv-SE"
    props.last_modified_by = "mvkplan"
    props.revision = 1
    if created:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00")) if "T" in created else \
            datetime.strptime((created + "-01-01")[:10], "%Y-%m-%d")
        props.created = props.modified = moment.replace(tzinfo=moment.tzinfo or UTC)
    # Swedish as the language of every run (spell-checking, screen readers).
    # (A reference template made elsewhere may lack the defaults: they are added.)
    parent = word.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr"):
        found = parent.find(qn(tag))
        if found is None:
            found = OxmlElement(tag)
            parent.insert(0, found) if tag == "w:docDefaults" else parent.append(found)
        parent = found
    run_props = parent
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), "sv-SE")


class _Writer:
    """Walks the HTML tree and writes paragraphs, lists and tables into a container."""

    def __init__(self, word: Any) -> None:
        self.word = word

    def blocks(self, node: Element, container: Any, list_depth: int = 0) -> None:
        """Write ``node``'s children: block elements as such, runs of inline content as paragraphs."""
        pending: list[Element | str] = []
        for child in node.children:
            if isinstance(child, Element) and _skipped(child):
                continue
            if isinstance(child, str) or child.tag not in BLOCK_TAGS | {"li"}:
                pending.append(child)
                continue
            self._flush(pending, container)
            pending = []
            self.block(child, container, list_depth)
        self._flush(pending, container)

    def block(self, node: Element, container: Any, list_depth: int) -> None:
        """One block element."""
        tag = node.tag
        if tag in HEADING_LEVELS:
            self._heading(node, HEADING_LEVELS[tag])
        elif tag == "p":
            style = "Intense Quote" if "vision" in node.classes else None
            self._paragraph(node.children, container, style)
        elif tag in {"ul", "ol"}:
            self._list(node, container, tag, list_depth + 1)
        elif tag == "table":
            self._table(node, container)
        elif tag == "dt":
            paragraph = container.add_paragraph()
            paragraph.add_run(node.text()).bold = True
        elif tag == "blockquote":
            for child in node.iter("p") or [node]:
                self._paragraph(child.children, container, "Quote")
        elif tag != "hr":
            self.blocks(node, container, list_depth)

    def _heading(self, node: Element, level: int) -> None:
        subtitle = [c for c in node.children if isinstance(c, Element) and "subtitle" in c.classes]
        main = [c for c in node.children if c not in subtitle]
        heading = self.word.add_heading("", level=level)
        self._runs(heading, main)
        for part in subtitle:
            self.word.add_paragraph(part.text(), style="Subtitle")

    def _list(self, node: Element, container: Any, tag: str, depth: int) -> None:
        base = "List Number" if tag == "ol" else "List Bullet"
        style = base if depth == 1 else f"{base} {min(depth, 3)}"
        for item in node.children:
            if not isinstance(item, Element) or item.tag != "li" or _skipped(item):
                continue
            inline = [c for c in item.children
                      if isinstance(c, str) or (c.tag not in BLOCK_TAGS and not _skipped(c))]
            nested = [c for c in item.children if isinstance(c, Element) and c.tag in BLOCK_TAGS]
            first_p = next((c for c in nested if c.tag == "p"), None)
            if not "".join(_texts(inline)).strip() and first_p is not None:
                inline, nested = first_p.children, [c for c in nested if c is not first_p]
            self._paragraph(inline, container, style)
            for child in nested:
                if not _skipped(child):
                    self.block(child, container, depth)

    def _table(self, node: Element, container: Any) -> None:
        rows = [row for row in node.iter("tr")]
        if not rows:
            return
        width = max(len(_cells(row)) for row in rows)
        table = container.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            header = row in node.iter("thead")[0].iter("tr") if node.iter("thead") else False
            word_row = table.add_row()
            _keep_row_together(word_row, repeat=header)
            for cell, source in zip(word_row.cells, _cells(row), strict=False):
                cell.paragraphs[0].text = ""
                self.blocks(source, cell)
                if len(cell.paragraphs) > 1 and not cell.paragraphs[0].text:
                    cell._element.remove(cell.paragraphs[0]._element)
                if header:
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.bold = True
        if isinstance(container, type(self.word)):
            self.word.add_paragraph()

    def _flush(self, pending: list[Element | str], container: Any) -> None:
        if "".join(_texts(pending)).strip():
            self._paragraph(pending, container, None)

    def _paragraph(self, children: list[Element | str], container: Any, style: str | None) -> None:
        paragraph = container.add_paragraph(style=style)
        self._runs(paragraph, children)

    def _runs(self, paragraph: Any, children: list[Element | str], bold: bool = False,
              italic: bool = False, sup: bool = False) -> None:
        for child in children:
            if isinstance(child, str):
                text = " ".join(child.split())
                if child[:1].isspace() and paragraph.text and not paragraph.text.endswith(" "):
                    text = " " + text
                if child[-1:].isspace() and text and not text.endswith(" "):
                    text += " "
                if text:
                    run = paragraph.add_run(text)
                    run.bold, run.italic, run.font.superscript = bold or None, italic or None, sup or None
            elif not _skipped(child):
                if child.tag == "br":
                    paragraph.add_run().add_break()
                    continue
                self._runs(paragraph, child.children,
                           bold or child.tag in {"strong", "b"} or "goal-title" in child.classes,
                           italic or child.tag in {"em", "i"}, sup or child.tag == "sup")


def _skipped(node: Element) -> bool:
    return node.tag in SKIPPED_TAGS or bool(node.classes & SCREEN_ONLY) or "hidden" in node.attrs


def _texts(children: list[Element | str]) -> list[str]:
    return [c if isinstance(c, str) else c.text() for c in children]


def _cells(row: Element) -> list[Element]:
    return [c for c in row.children if isinstance(c, Element) and c.tag in {"th", "td"}]


def _keep_row_together(row: Any, *, repeat: bool) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if repeat:
        properties.append(OxmlElement("w:tblHeader"))
