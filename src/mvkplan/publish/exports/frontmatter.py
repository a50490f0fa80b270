"""The PDF's front matter: a cover page and a printed table of contents, as HTML.

The contents are made from the bookmarks WeasyPrint made for the document itself (label,
level, page), so that the printed list and the PDF's outline cannot differ. The contents'
own title is a paragraph, not a heading: PDF/UA wants the document's H1 as the first heading
and the outline to hold the document's headings only. Every text is escaped; the logo is a
``data:`` URL of bytes the configuration has checked (an ``<img>`` with its alt text, or a
background, which WeasyPrint marks as an artifact, when it is decoration).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from mvkplan.project.look import Look

BODY_START = re.compile(r"<body\b[^>]*>")
PAGE_BREAKS = ".pdf-cover, .pdf-contents { break-after: page !important; page-break-after: always !important; }"
"""What the page count of the front matter relies on, whatever the print stylesheet says."""


@dataclass(frozen=True)
class Bookmark:
    """One entry of the PDF's outline: its text, depth (1 = top) and page index (0 = first)."""

    label: str
    level: int
    page: int


@dataclass(frozen=True)
class Cover:
    """What the cover page says about the document."""

    kind: str
    title: str
    subtitle: str | None
    organisations: Sequence[str]
    date: str | None


def bookmarks(tree: Sequence[Any], level: int = 1) -> list[Bookmark]:
    """WeasyPrint's bookmark tree, ``(label, (page, x, y), children, state)``, in reading order."""
    found: list[Bookmark] = []
    for label, target, children, _state in tree:
        found.append(Bookmark(" ".join(str(label).split()), level, int(target[0])))
        found.extend(bookmarks(children, level + 1))
    return found


def cover_html(cover: Cover, look: Look) -> str:
    """The cover page: logo, kind, title, subtitle, publishers and date."""
    parts = ['<div class="pdf-cover">']
    if look.logo is not None:
        source = f"data:{look.logo.media_type};base64,{base64.b64encode(look.logo.data).decode('ascii')}"
        if look.logo.alt:
            parts.append(f'<p class="pdf-cover-logo"><img src="{source}" alt="{escape(look.logo.alt)}"></p>')
        else:
            parts.append(f'<div class="pdf-cover-logo pdf-cover-logo-decoration" '
                         f'style="background-image: url(&quot;{source}&quot;)"></div>')
    if cover.kind:
        parts.append(f'<p class="pdf-cover-kind">{escape(cover.kind)}</p>')
    parts.append(f'<p class="pdf-cover-title">{escape(cover.title)}</p>')
    if cover.subtitle:
        parts.append(f'<p class="pdf-cover-subtitle">{escape(cover.subtitle)}</p>')
    for organisation in cover.organisations:
        parts.append(f'<p class="pdf-cover-organisation">{escape(organisation)}</p>')
    if cover.date:
        parts.append(f'<p class="pdf-cover-date">{escape(cover.date)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def contents_html(entries: Sequence[Bookmark], shift: int) -> str:
    """The contents page: every bookmark with the page it is printed on (``shift`` pages later)."""
    if not entries:
        return ""
    parts = ['<div class="pdf-contents">', '<p class="pdf-contents-title">Innehåll</p>']
    for entry in entries:
        parts.append(f'<p class="pdf-contents-entry pdf-contents-level-{min(entry.level, 4)}">'
                     f'<span class="pdf-contents-label">{escape(entry.label)}</span> '
                     f'<span class="pdf-contents-page">{entry.page + shift + 1}</span></p>')
    parts.append("</div>")
    return "\n".join(parts)


def with_front_matter(html: str, front: str) -> str:
    """``html`` with ``front`` placed first in its body."""
    match = BODY_START.search(html)
    if match is None:
        return front + html
    return html[:match.end()] + "\n" + front + html[match.end():]


