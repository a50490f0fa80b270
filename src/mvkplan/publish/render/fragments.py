"""Lists of links written in Python, each link's HTML kept by what it shows.

The back-link lists of catalogs and frameworks run to tens of thousands of links a page
at national scale; a template loop spends most of a page's time on them. The filters here
write the same HTML as the ``link`` macro of ``html/macros.html`` (a link, an abbreviation
with its full name, or plain text), and keep each link's HTML by its text (and whether
that text is markup), target and hint: a page rendered again after a save (``mvkplan
serve``) writes anew only the links whose text or target changed, and joins the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from markupsafe import Markup, escape

from mvkplan.publish.render.views import LinkView

Finalize = Callable[[Any], Any]
"""What an environment does to each printed value before escaping it (Markdown's escapes
plain text as Markdown): the filters do the same, so that they write what a template would."""
_Key = tuple[object, bool, object, object, object]

_KEPT: dict[_Key, str] = {}
LIMIT = 200_000
"""Links kept at most (a long ``serve`` session forgets them all and starts again)."""


def _same(value: Any) -> Any:
    return value


def link_html(link: LinkView, finalize: Finalize = _same) -> str:
    """The HTML of one link, as the ``link`` macro writes it."""
    text = link.text
    key = (finalize, isinstance(text, Markup), text, link.href, link.hint)
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= LIMIT:
            _KEPT.clear()
        html = _KEPT[key] = _write(link, finalize)
    return html


def _write(link: LinkView, finalize: Finalize) -> str:
    shown = escape(finalize(link.text))
    if link.hint:
        shown = Markup('<abbr title="{}">{}</abbr>').format(finalize(link.hint), finalize(link.text))
    if link.href:
        return f'<a href="{escape(finalize(link.href))}">{shown}</a>'
    return str(shown)


def link_list(links: Iterable[LinkView], sep: str = ", ", finalize: Finalize = _same) -> Markup:
    """Links one after another, ``sep`` between them (escaped unless it is markup)."""
    return Markup(str(escape(finalize(sep))).join([link_html(link, finalize) for link in links]))


def link_items(links: Iterable[LinkView], finalize: Finalize = _same) -> Markup:
    """Links as the items of a list: ``<li>…</li>`` each."""
    return Markup("".join([f"<li>{link_html(link, finalize)}</li>" for link in links]))


_CALLS: dict[tuple[object, ...], object] = {}
CALLS_LIMIT = 50_000
"""Lines kept at most."""


def kept(macro: Callable[..., object], *args: Hashable) -> object:
    """``macro(*args)``, kept by the macro and its arguments: for a line of a list of every
    document, written again only when what it shows changed. The arguments must be all the
    macro reads, hashable, and hold plain text (not markup: a text and markup with the same
    characters compare equal). A macro is the same object while its template is unchanged
    (an environment kept between builds, as ``mvkplan serve`` keeps one)."""
    key = (macro, *args)
    html = _CALLS.get(key)
    if html is None:
        if len(_CALLS) >= CALLS_LIMIT:
            _CALLS.clear()
        html = _CALLS[key] = macro(*args)
    return html


def forget_calls() -> None:
    """Drop the kept lines (their macros' environment is no longer used)."""
    _CALLS.clear()


def filters(finalize: Finalize | None = None) -> dict[str, Callable[..., Markup]]:
    """The filters for HTML templates, in an environment with ``finalize`` (see
    :func:`~mvkplan.publish.render.environment.make_environment`)."""
    done = finalize or _same
    return {"link_list": lambda links, sep=", ": link_list(links, sep, done),
            "link_items": lambda links: link_items(links, done)}


GLOBALS = {"kept": kept}
"""The functions HTML templates call."""
