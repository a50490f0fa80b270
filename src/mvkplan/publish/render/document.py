"""A document's page, and what every page shares: its frame, its template, its tidy text.

Which page a document gets is :mod:`mvkplan.publish.render.pages`' choice."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from jinja2 import Environment, TemplateError

from mvkplan.index.linkindex import LinkIndex
from mvkplan.publish.render.context import document_view
from mvkplan.publish.render.environment import content_security_policy, stylesheet
from mvkplan.publish.render.links import Urls
from mvkplan.publish.render.markdown import HtmlWriter, MarkdownWriter, Writer
from mvkplan.publish.render.sic import mark_sic
from mvkplan.publish.render.views import LinkView, Page

FORMATS = {"html": ".html", "md": ".md"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C0 = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_OTHER_LINE_ENDS = ("\r", "\u2028", "\u2029")
_BLANK_RUNS = re.compile(r"\n\n\n+")  # (not "\n{3,}": ten times slower to scan)


class RenderError(Exception):
    """A document that cannot be rendered: unknown id, broken override template."""


def writer_for(fmt: str, footnote_ids: list[str]) -> Writer:
    """The text writer of an output format."""
    return HtmlWriter(footnote_ids) if fmt == "html" else MarkdownWriter(footnote_ids)


def document_page(
    env: Environment,
    index: LinkIndex,
    document_id: str,
    urls: Urls,
    updated: str | None,
    *,
    nav: list[tuple[LinkView, bool]],
    breadcrumbs: list[LinkView],
    errors: Sequence[str] = (),
    plain: bool = False,
) -> Page:
    """The page of one document, in the frame every page shares."""
    model = index.documents[document_id].model
    fmt = "html" if urls.ext == ".html" else "md"
    writer = writer_for(fmt, [note.id for note in model.footnotes])
    view = document_view(model, urls, writer, updated, plain=plain)
    title = model.title if not model.subtitle else f"{model.title} – {model.subtitle}"
    frame = page_frame(env, title, f"{fmt}/{view.kind}.{fmt}", urls.root, nav, breadcrumbs)
    return replace(frame, document=view, errors=tuple(errors))


def page_frame(env: Environment, title: str, template: str, root: str,
               nav: list[tuple[LinkView, bool]], breadcrumbs: list[LinkView]) -> Page:
    """A page with the stylesheet and security policy filled in."""
    css, css_hash = stylesheet(env) if template.startswith("html/") else ("", "")
    return Page(title=title, template=template, css=css,  # type: ignore[arg-type]
                csp=content_security_policy(css_hash), root=root, nav=nav,
                breadcrumbs=breadcrumbs)


def render_page(env: Environment, page: Page) -> str:
    """Fill the page's template; template mistakes become RenderError."""
    try:
        text = env.get_template(page.template).render(page=page)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" ({getattr(exc, 'filename', None) or page.template}:{line})" if line else ""
        raise RenderError(f"template {page.template}: {exc.message}{where}") from None
    if page.document is not None and page.document.sic:
        text = mark_sic(text, [printed for printed, _ in page.document.sic])
    return tidy(text)


def tidy(text: str) -> str:
    """A rendered page as written: no control characters, no trailing blanks on a line, no
    run of blank lines, one newline at the end."""
    # Control characters (NUL, ESC, DEL, C1) are invisible in a page and live in a terminal
    # that shows a .md file: none reaches the output, whatever a document or template holds.
    text = without_controls(text)
    # Lines end only at "\n" unless one of these is left (the others are controls, gone):
    # splitting at "\n" alone is then the same, and twice as fast over a large page.
    lines = text.splitlines() if any(end in text for end in _OTHER_LINE_ENDS) else text.split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip() + "\n"
    return _BLANK_RUNS.sub("\n\n", text)


def without_controls(text: str) -> str:
    """``text`` with each control character replaced by U+FFFD.

    Looked for in the UTF-8 bytes first, where a C0 control (or DEL) is a byte of its own
    and a C1 control the byte 0xC2 before one of 0x80–0x9F: a C-speed check that lets a
    page without any (nearly every page) skip the regular expression, three times slower."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _C0)) == len(data) and (b"\xc2" not in data or not _C1.search(data)):
        return text
    return _CONTROL.sub("\ufffd", text)
