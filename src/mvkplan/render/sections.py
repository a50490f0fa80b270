"""Narrative sections: their text, sub-sections, quoted framework texts and placed lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from mvkplan.models import Section
from mvkplan.models.common import BODY_PLACEHOLDER
from mvkplan.render.links import Urls, backlinks
from mvkplan.render.markdown import Writer
from mvkplan.render.quotes import quote_blocks
from mvkplan.render.views import BodyPart, ReferenceView, SectionView


def walk_sections(sections: list[Section]) -> list[Section]:
    """Every section and sub-section, depth first."""
    found = []
    for section in sections:
        found.append(section)
        found.extend(walk_sections(section.sections))
    return found


def section_view(section: Section, level: int, doc: str, urls: Urls, writer: Writer,
             lists: PlacedLists | None = None) -> SectionView:
    """A section ready for the templates; ``lists`` are what ``[[name]]`` may place."""
    parts = _body_parts(section.body, level, writer, lists) if section.body and lists else []
    return SectionView(
        anchor=section.id,
        title=section.title,
        level=min(level, 6),
        body=writer.block(section.body, level + 1) if section.body and not parts else None,
        parts=parts,
        # A section that words the goals itself only needs the official texts, not titles again.
        quotes=quote_blocks(section.links, urls, writer, titles=section.body is None),
        sections=[section_view(s, level + 1, doc, urls, writer, lists) for s in section.sections],
        backlinks=backlinks(f"{doc}/{section.id}", urls),
    )


@dataclass
class PlacedLists:
    """The structured lists a section body may place with ``[[name]]``, and which it placed."""

    lists: dict[str, list[ReferenceView]]
    placed: set[str] = field(default_factory=set)


def _body_parts(body: str, level: int, writer: Writer, lists: PlacedLists) -> list[BodyPart]:
    """A body split at its placeholders; empty when it has none (then it renders whole)."""
    pieces = BODY_PLACEHOLDER.split(body)
    if len(pieces) == 1:
        return []
    parts = []
    for i, piece in enumerate(pieces):
        if i % 2:  # the captured placeholder names sit at odd positions
            lists.placed.add(piece)
            parts.append(BodyPart(references=lists.lists.get(piece, [])))
        elif piece.strip():
            parts.append(BodyPart(text=writer.block(piece.strip(), level + 1)))
    return parts
