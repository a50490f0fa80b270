"""A tagged PDF (PDF/UA-1) of one document, laid out by WeasyPrint from the same HTML.

The PDF is the document's standalone HTML page with its print styles, plus
``templates/print/pdf.css`` (A4, fonts) and margin boxes made here: the short title as a
running header, the organisations and "Sida N av M" as a footer. WeasyPrint tags the
structure (headings, lists, tables), writes bookmarks from the headings, embeds font subsets
and takes title, author, language and dates from the metadata set below.

The bytes depend on the input alone: the creation date is ``SOURCE_DATE_EPOCH`` when set,
else the document's date (the same "senast uppdaterad" the HTML shows), and no random
identifier is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import DocumentBase
from mvkplan.publish.exports import MissingExtra
from mvkplan.publish.exports.pdftags import repair_tags
from mvkplan.publish.render.document import RenderError
from mvkplan.publish.render.environment import make_environment
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


def render_pdf(
    index: LinkIndex,
    document_id: str,
    *,
    templates: Path | None = None,
    updated: str | None = None,
    site_url: str | None = None,
    errors: Sequence[str] = (),
    plain: bool = False,
) -> bytes:
    """The document as a tagged A4 PDF (raises MissingExtra without WeasyPrint)."""
    html = render_document(index, document_id, "html", templates=templates, updated=updated,
                           site_url=site_url, errors=errors, plain=plain)
    model = index.documents[document_id].model
    return html_to_pdf(html, document_metadata(model, updated), print_stylesheet(templates))


def render_report_pdf(report: Report, *, templates: Path | None = None,
                      updated: str | None = None) -> bytes:
    """The annual report (``mvkplan report``) as a tagged A4 PDF, like a plan's."""
    html = render_report(report, "html", templates=templates)
    return html_to_pdf(html, document_metadata(report.model, updated), print_stylesheet(templates))


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


def html_to_pdf(html: str, meta: PdfMetadata, stylesheet: str) -> bytes:
    """Lay out ``html`` with ``stylesheet`` and the margin boxes, then write PDF/UA-1 bytes."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except ImportError:
        raise MissingExtra("pdf", "WeasyPrint") from None
    # Nothing is fetched: the page is self-contained (inline CSS, data: images only).
    fetcher = URLFetcher(allowed_protocols=["data"])
    sheets = [weasyprint.CSS(string=stylesheet, url_fetcher=fetcher),
              weasyprint.CSS(string=margin_boxes(meta), url_fetcher=fetcher)]
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url="about:blank").render(
            stylesheets=sheets, pdf_variant=PDF_VARIANT)
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


def margin_boxes(meta: PdfMetadata) -> str:
    """The running header and footer as CSS (text from the document, quoted for CSS)."""
    authors = " · ".join(meta.authors)
    return (
        "@page {"
        f" @top-left {{ content: {css_string(meta.short_title)}; }}"
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
