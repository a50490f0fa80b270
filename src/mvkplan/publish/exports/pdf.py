"""A tagged PDF (PDF/UA-1) of one document, laid out by WeasyPrint from the same HTML.

The PDF is the document's standalone HTML page with its print styles, plus
``templates/print/pdf.css`` (A4, fonts) and margin boxes made here: the short title as a
running header, the organisations and "Sida N av M" as a footer. WeasyPrint tags the
structure (headings, lists, tables), writes bookmarks from the headings, embeds font subsets
and takes title, author, language and dates from the metadata set below.

Unless ``plain``, a cover page and a printed table of contents come first (see
``frontmatter``), in the configured look (``[tool.mvkplan.look]``: logo, colours, fonts). The
page is laid out once to learn where the headings fall, then again with the front matter; the
contents' page numbers are the first layout's shifted by the front matter's length, which the
second layout's bookmarks confirm.

The bytes depend on the input alone: the creation date is ``SOURCE_DATE_EPOCH`` when set,
else the document's date (the same "senast uppdaterad" the HTML shows), and no random
identifier is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import DocumentBase
from mvkplan.project.look import Look
from mvkplan.publish.exports import MissingExtra
from mvkplan.publish.exports.frontmatter import (
    PAGE_BREAKS,
    Cover,
    bookmarks,
    contents_html,
    cover_html,
    with_front_matter,
)
from mvkplan.publish.exports.htmltree import parse_html
from mvkplan.publish.exports.pdftags import repair_tags
from mvkplan.publish.render.document import RenderError
from mvkplan.publish.render.environment import look_stylesheet, make_environment
from mvkplan.publish.render.pages import render_document
from mvkplan.publish.report.render import render_report
from mvkplan.views.report.build import Report

PRINT_STYLESHEET = "print/pdf.css"
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF says about itself and prints in its margins."""

    title: str
    short_title: str
    authors: list[str]
    created: str | None
    lang: str = "sv"
    running: bool = True
    """Whether the pages carry the running header (short title) and the organisations; not
    with ``--plain``, where the pages hold the adopted text and the page numbers only."""


def render_pdf(
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
    """The document as a tagged A4 PDF (raises MissingExtra without WeasyPrint)."""
    html = render_document(index, document_id, "html", templates=templates, updated=updated,
                           site_url=site_url, errors=errors, plain=plain)
    return _document_pdf(html, index.documents[document_id].model, updated, templates, plain, look)


def render_report_pdf(report: Report, *, templates: Path | None = None,
                      updated: str | None = None, look: Look | None = None) -> bytes:
    """The annual report (``mvkplan report``) as a tagged A4 PDF, like a plan's."""
    html = render_report(report, "html", templates=templates)
    return _document_pdf(html, report.model, updated, templates, False, look)


def _document_pdf(html: str, model: DocumentBase, updated: str | None, templates: Path | None,
                  plain: bool, look: Look | None) -> bytes:
    """A rendered page as the document's PDF: in the look, with cover and contents unless plain."""
    meta = document_metadata(model, updated)
    if plain:  # the running header and footer are the tool's, not the adopted text
        meta = replace(meta, running=False)
    look = look or Look()
    cover = None if plain else Cover(kind=_kind(html), title=model.title, subtitle=model.subtitle,
                                     organisations=list(model.organisations), date=updated)
    stylesheet = print_stylesheet(templates) + "\n" + look_stylesheet(look)
    return html_to_pdf(html, meta, stylesheet, cover=cover, look=look)


def document_metadata(model: DocumentBase, updated: str | None) -> PdfMetadata:
    """Title, running header, authors and date of a document's PDF."""
    title = model.title if not model.subtitle else f"{model.title} – {model.subtitle}"
    return PdfMetadata(title=title, short_title=model.short_title or model.subtitle or model.title,
                       authors=list(model.organisations), created=creation_date(updated))


def print_stylesheet(templates: Path | None) -> str:
    """``print/pdf.css``, from the project's templates when it overrides it."""
    env = make_environment("html", templates)
    source, _, _ = env.loader.get_source(env, PRINT_STYLESHEET)  # type: ignore[union-attr]
    return source


def _kind(html: str) -> str:
    """The document's kind as its page names it ("Regional handlingsplan")."""
    return next((p.text() for p in parse_html(html).iter("p") if "kind" in p.classes), "")


def html_to_pdf(html: str, meta: PdfMetadata, stylesheet: str, *, cover: Cover | None = None,
                look: Look | None = None) -> bytes:
    """Lay out ``html`` with ``stylesheet`` and the margin boxes, then write PDF/UA-1 bytes.

    With ``cover``, a cover page (in ``look``) and the printed contents come first.
    """
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except ImportError:
        raise MissingExtra("pdf", "WeasyPrint") from None
    # Nothing is fetched: the page is self-contained (inline CSS, data: images only).
    fetcher = URLFetcher(allowed_protocols=["data"])
    sheets = [weasyprint.CSS(string=stylesheet, url_fetcher=fetcher),
              weasyprint.CSS(string=margin_boxes(meta), url_fetcher=fetcher)]
    if cover is not None:
        sheets.append(weasyprint.CSS(string=PAGE_BREAKS, url_fetcher=fetcher))

    def layout(page: str) -> Any:
        return weasyprint.HTML(string=page, url_fetcher=fetcher, base_url="about:blank").render(
            stylesheets=sheets, pdf_variant=PDF_VARIANT)

    try:
        document = layout(html)
        if cover is not None:
            document = _with_front_matter(html, document, cover, look or Look(), layout)
        document.metadata.title = meta.title
        document.metadata.authors = meta.authors
        document.metadata.lang = meta.lang
        document.metadata.generator = "mvkplan"
        document.metadata.created = meta.created
        document.metadata.modified = meta.created
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    except (ValueError, TypeError, AssertionError) as exc:
        raise RenderError(f"PDF: {exc}") from None
    assert isinstance(data, bytes)
    return repair_tags(data)


def _with_front_matter(html: str, body: Any, cover: Cover, look: Look, layout: Any) -> Any:
    """The document laid out again with cover and contents before it.

    The front matter starts on a page of its own and the body after it, so the body's pages
    are the first layout's, shifted. The shift is guessed (cover + one contents page), then
    read from the new layout's first bookmark; a longer contents list takes one more layout.
    """
    marks = bookmarks(body.make_bookmark_tree())
    shift = 2 if marks else 1
    for _attempt in range(3):
        front = cover_html(cover, look) + "\n" + contents_html(marks, shift)
        document = layout(with_front_matter(html, front))
        moved = bookmarks(document.make_bookmark_tree())
        actual = moved[0].page - marks[0].page if marks and moved else shift
        if actual == shift:
            return document
        shift = actual
    raise RenderError("PDF: the table of contents did not settle on its pages")


def margin_boxes(meta: PdfMetadata) -> str:
    """The running header and footer as CSS (text from the document, quoted for CSS)."""
    authors = " · ".join(meta.authors) if meta.running else ""
    title = meta.short_title if meta.running else ""
    return (
        "@page {"
        f" @top-left {{ content: {css_string(title)}; }}"
        f" @bottom-left {{ content: {css_string(authors)}; }}"
        ' @bottom-right { content: "Sida " counter(page) " av " counter(pages); }'
        " }"
    )


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character outside plain ASCII escaped."""
    out = []
    for char in " ".join(text.split()):
        if char.isascii() and (char.isalnum() or char in " .,:;–-()/&!?'"):
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x} ")  # the space ends the escape and is consumed
    return '"' + "".join(out) + '"'


def creation_date(updated: str | None) -> str | None:
    """``SOURCE_DATE_EPOCH`` (reproducible builds) when set, else the document's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise RenderError(f"SOURCE_DATE_EPOCH is not a number of seconds: '{epoch}'") from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return updated
