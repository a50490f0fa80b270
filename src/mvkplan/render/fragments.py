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

from markupsafe import Markup, escape

from mvkplan.render.views import LinkView

_Key = tuple[bool, object, object, object]

_KEPT: dict[_Key, str] = {}
LIMIT = 400_000
"""Links kept at most (a long ``serve`` session forgets them all and starts again)."""


def link_html(link: LinkView) -> str:
    """The HTML of one link, as the ``link`` macro writes it."""
    text = link.text
    key = (isinstance(text, Markup), text, link.href, link.hint)
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= LIMIT:
            _KEPT.clear()
        html = _KEPT[key] = _write(link)
    return html


def _write(link: LinkView) -> str:
    shown = escape(link.text)
    if link.hint:
        shown = Markup('<abbr title="{}">{}</abbr>').format(link.hint, link.text)
    if link.href:
        return f'<a href="{escape(link.href)}">{shown}</a>'
    return str(shown)


def link_list(links: Iterable[LinkView], sep: str = ", ") -> Markup:
    """Links one after another, ``sep`` between them (escaped unless it is markup)."""
    return Markup(str(escape(sep)).join([link_html(link) for link in links]))


def link_items(links: Iterable[LinkView]) -> Markup:
    """Links as the items of a list: ``<li>…</li>`` each."""
    return Markup("".join([f"<li>{link_html(link)}</li>" for link in links]))


_CALLS: dict[tuple[object, ...], object] = {}


def kept(macro: Callable[..., object], *args: Hashable) -> object:
    """``macro(*args)``, kept by the macro and its arguments: for a line of a list of every
    document, written again only when what it shows changed. The arguments must be all the
    macro reads, hashable, and hold plain text (not markup: a text and markup with the same
    characters compare equal). A macro is the same object while its template is unchanged
    (an environment kept between builds, as ``mvkplan serve`` keeps one)."""
    key = (macro, *args)
    html = _CALLS.get(key)
    if html is None:
        if len(_CALLS) >= LIMIT:
            _CALLS.clear()
        html = _CALLS[key] = macro(*args)
    return html


FILTERS = {"link_list": link_list, "link_items": link_items}
"""The filters HTML templates use (see :func:`~mvkplan.render.environment.make_environment`)."""
GLOBALS = {"kept": kept}
"""The functions HTML templates call."""
