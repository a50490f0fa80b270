"""``render_document``: one document to HTML or Markdown, as a string, by the page its kind gets.

Every kind of document has a page maker with the same signature: most get the document page
(:func:`mvkplan.publish.render.document.document_page`), a follow-up its annual report
(:func:`mvkplan.publish.report.render.render_follow_up`). A new kind of page is one entry
in :data:`PAGE_MAKERS`; neither the document page nor the report knows of the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import Environment

from mvkplan.index.linkindex import LinkIndex
from mvkplan.publish.consultation.render import render_consultation
from mvkplan.publish.render.context import kind_of
from mvkplan.publish.render.document import FORMATS, RenderError, document_page, render_page
from mvkplan.publish.render.environment import make_environment
from mvkplan.publish.render.links import Urls, external_url
from mvkplan.publish.report.render import render_follow_up


def _document(index: LinkIndex, document_id: str, fmt: str, env: Environment, urls: Urls, *,
              updated: str | None, errors: Sequence[str], plain: bool) -> str:
    page = document_page(env, index, document_id, urls, updated, nav=[], breadcrumbs=[],
                         errors=errors, plain=plain)
    text = render_page(env, page)
    if errors and fmt == "md":
        banner = "> **Dokumentet innehåller fel.** Det har publicerats trots att kontrollen hittade fel:\n"
        text = banner + "".join(f">\n> - {error}\n" for error in errors) + "\n" + text
    return text


def _follow_up(index: LinkIndex, document_id: str, fmt: str, env: Environment, urls: Urls, *,
               updated: str | None, errors: Sequence[str], plain: bool) -> str:
    return render_follow_up(index, document_id, fmt, env, urls)


def _consultation(index: LinkIndex, document_id: str, fmt: str, env: Environment, urls: Urls, *,
                  updated: str | None, errors: Sequence[str], plain: bool) -> str:
    return render_consultation(index, document_id, fmt, env, urls)


PageMaker = Callable[..., str]
PAGE_MAKERS: dict[str, PageMaker] = {"follow-up": _follow_up, "consultation": _consultation}
"""The page maker of each kind that does not get the document page."""


def render_document(
    index: LinkIndex,
    document_id: str,
    fmt: str = "html",
    *,
    templates: Path | None = None,
    updated: str | None = None,
    env: Environment | None = None,
    site_url: str | None = None,
    errors: Sequence[str] = (),
    plain: bool = False,
) -> str:
    """The document as a standalone HTML page or a GitHub-flavoured Markdown file.

    With ``site_url`` (where ``mvkplan build``'s site is published), links to other
    documents become hyperlinks into that site; without it they are shown as text.
    ``errors`` (for a document published despite them) are shown in a banner at the top.
    ``updated`` is the file's last change in the repository, printed as the file's date
    (the document's own dates come from the document). ``plain`` leaves out everything
    the tool adds, to print the document exactly as adopted.
    """
    if fmt not in FORMATS:
        raise RenderError(f"unknown format '{fmt}'")
    if document_id not in index.documents:
        raise RenderError(f"unknown document '{document_id}'")
    env = env or make_environment(fmt, templates)
    if site_url is not None:
        base = external_url(site_url)
        if base is None or not base.startswith(("http://", "https://")):
            raise RenderError(f"site URL must start with http:// or https://: '{site_url}'")
        urls = Urls(index, document_id, ext=".html", site=True, root=base.rstrip("/") + "/")
    else:
        urls = Urls(index, document_id, ext=FORMATS[fmt])
    make = PAGE_MAKERS.get(kind_of(index.documents[document_id].model), _document)
    return make(index, document_id, fmt, env, urls, updated=updated, errors=errors, plain=plain)
