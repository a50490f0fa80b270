"""Narrative sections: their text, sub-sections, the parts they place and their additions."""

from __future__ import annotations

from collections.abc import Callable

from mvkplan.models import Section
from mvkplan.models.common import BODY_PLACEHOLDER
from mvkplan.publish.render.additions import item_aside
from mvkplan.publish.render.links import Urls
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.render.quotes import quote_blocks
from mvkplan.publish.render.views import AsideEntry, Block, BodyPart, SectionView

Place = Callable[[str, int], Block | None]
"""Builds the part a ``[[name]]`` placeholder names, at a heading level; None if absent."""


def walk_sections(sections: list[Section]) -> list[Section]:
    """Every section and sub-section, depth first."""
    found = []
    for section in sections:
        found.append(section)
        found.extend(walk_sections(section.sections))
    return found


def section_view(section: Section, level: int, doc: str, urls: Urls, writer: Writer,
                 place: Place | None = None) -> SectionView:
    """A section ready for the templates; ``place`` builds what ``[[name]]`` places.

    Framework texts the section links to are the tool's addition: they are quoted in the
    section's aside, beside the source's own wording, never instead of it.
    """
    parts = _body_parts(section.body, level, writer, place) if section.body and place else []
    aside: list[AsideEntry] = item_aside(f"{doc}/{section.id}", None, None, [], urls)
    quotes = quote_blocks(section.links, urls, writer)
    if quotes:
        aside = [*aside, AsideEntry(None, None, [], [], quotes)] if aside else \
            [AsideEntry(None, None, [], [], quotes)]
    return SectionView(
        anchor=section.id,
        title=section.title,
        level=min(level, 6),
        body=writer.block(section.body, level + 1) if section.body and not parts else None,
        parts=parts,
        aside=aside,
        sections=[section_view(s, level + 1, doc, urls, writer, place) for s in section.sections],
        title_added=not section.title_printed,
    )


def _body_parts(body: str, level: int, writer: Writer, place: Place) -> list[BodyPart]:
    """A body split at its placeholders; empty when it has none (then it renders whole)."""
    pieces = BODY_PLACEHOLDER.split(body)
    if len(pieces) == 1:
        return []
    parts = []
    for i, piece in enumerate(pieces):
        if i % 2:  # the captured placeholder names sit at odd positions
            block = place(piece, level)
            if block is not None:
                parts.append(BodyPart(block=block))
        elif piece.strip():
            parts.append(BodyPart(text=writer.block(piece.strip(), level + 1)))
    return parts
