"""Text fields to output: Markdown rendered and sanitised for HTML, escaped for Markdown.

Two writers with the same methods, one per output format, so the context builder never
asks which format it writes. Every value they return is :class:`markupsafe.Markup`: the
HTML environment's autoescaping leaves it alone, and the Markdown environment escapes
everything that is *not* Markup (see ``environment.py``). A field that skips the writer
is therefore escaped, never trusted.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

FOOTNOTE = re.compile(r"\[\^([A-Za-z0-9_.-]{1,40})\]")

# Raw HTML in a field is shown as text (html=False) and nh3 then keeps only these tags, so
# neither a <script> nor an onerror= attribute can reach the page.
_PARSER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)
_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
# No title attributes: attribute values then never contain '[^', which keeps the footnote
# substitution below on text only.
_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}

# Markdown output: characters that would otherwise start markup in a plain-text field.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>])")
# Only after a line break inside the value: where a value starts, the template decides.
_MD_LINE_START = re.compile(r"(?<=\n)([ \t]*)(?:([#>+=-])|(\d+)([.)]))")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_BAD_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data|file):", re.IGNORECASE)
_MD_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)


def sanitise_html(html: str) -> str:
    """Keep only harmless tags, attributes and link schemes."""
    return nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
        link_rel="noopener noreferrer", strip_comments=True,
    )


def escape_markdown(text: str) -> str:
    """Plain text made literal in Markdown: no emphasis, links, tables, headings or HTML."""
    text = _MD_ENTITY.sub("&amp;", text)
    text = _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "\\" + m.group(1), text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, digits, punct = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{digits}\\{punct}"


# The same text always gives the same HTML (footnote links are added per page, after), so
# each process converts and sanitises a text once: a goal's title shown on many pages, a
# catalog's descriptions, a page rendered again by a watching server.
@lru_cache(maxsize=16384)
def _block_html(text: str, level: int) -> str:
    tokens = _PARSER.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + level - 1)}"
        elif token.type == "th_open":
            token.attrSet("scope", "col")
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return sanitise_html(html).strip()


@lru_cache(maxsize=16384)
def _inline_html(text: str) -> str:
    return sanitise_html(_PARSER.renderInline(text)).strip()


class HtmlWriter:
    """Markdown fields to sanitised HTML, with footnote markers as links to the notes."""

    format = "html"

    def __init__(self, footnote_ids: Iterable[str] = ()) -> None:
        self.footnote_ids = set(footnote_ids)
        self._uses: Counter[str] = Counter()

    def block(self, text: str, level: int = 3) -> Markup:
        """A Markdown field as block HTML; its own headings start at ``h{level}``."""
        return Markup(self._footnotes(_block_html(text, level)))

    def inline(self, text: str) -> Markup:
        """A short Markdown field (a title, a table cell) as inline HTML."""
        return Markup(self._footnotes(_inline_html(text.strip())))

    def _footnotes(self, html: str) -> str:
        return FOOTNOTE.sub(self._footnote, html)

    def _footnote(self, match: re.Match[str]) -> str:
        note = match.group(1)
        if note not in self.footnote_ids:
            return match.group(0)
        self._uses[note] += 1
        uses = self._uses[note]
        ref = f"mvk-fnref-{note}" + (f"-{uses}" if uses > 1 else "")
        return (
            f'<sup class="fn"><a href="#mvk-fn-{note}" id="{ref}">'
            f'<span class="visually-hidden">Fotnot </span>{note}</a></sup>'
        )

    def first_reference(self, note: str) -> str | None:
        """The id of the first marker pointing at ``note``, if the text has one."""
        return f"mvk-fnref-{note}" if self._uses[note] else None


class MarkdownWriter:
    """Markdown fields kept as Markdown (GitHub-flavoured), with raw HTML made inert."""

    format = "md"

    def __init__(self, footnote_ids: Iterable[str] = ()) -> None:
        self.footnote_ids = set(footnote_ids)

    def block(self, text: str, level: int = 3) -> Markup:
        """A Markdown field as a block; its own headings start at level ``level``."""
        text = _MD_HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + level - 1), text)
        return Markup(_inert(text).strip())

    def inline(self, text: str) -> Markup:
        """A short Markdown field on one line."""
        return Markup(" ".join(_inert(text).split()))

    def first_reference(self, note: str) -> str | None:
        """Markdown renderers link footnotes themselves."""
        return None


def _inert(text: str) -> str:
    text = _MD_BAD_LINK.sub("](#", text.replace("<", "&lt;"))
    # However the link is written (inline, reference definition, entities, &colon;, percent
    # escapes), a renderer downstream resolves it as CommonMark does: parse it the same way,
    # and if any destination has a scheme other than http(s)/mailto, keep no markup at all.
    if any(_dangerous(url) for url in _destinations(text)):
        return escape_markdown(text.replace("&lt;", "<"))
    return text


# Accepts every destination, so that the check below sees what a permissive renderer would.
_LINK_FINDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_LINK_FINDER.validateLink = lambda url: True  # type: ignore[method-assign]
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def _destinations(text: str) -> Iterable[str]:
    for token in _LINK_FINDER.parse(text):
        for child in [token, *(token.children or [])]:
            for name in ("href", "src"):
                value = child.attrGet(name)
                if isinstance(value, str):
                    yield value


def _dangerous(url: str) -> bool:
    """Whether a link destination names a scheme other than http, https or mailto."""
    cleaned = _INVISIBLE.sub("", unquote(html.unescape(unquote(url)))).lower().lstrip("<'\"")
    match = _SCHEME.match(cleaned)
    return match is not None and match.group(1) not in _SCHEMES


Writer = HtmlWriter | MarkdownWriter


def plain(text: str) -> Markup:
    """Plain text as HTML (for values built in Python, e.g. joined link texts)."""
    return escape(text)
