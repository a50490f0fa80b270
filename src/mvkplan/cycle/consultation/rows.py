"""A draft plan → the rows a body comments on: the plan as a whole, each section, each goal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mvkplan.cycle.consultation import layout as L
from mvkplan.models import PlanBase, Section


@dataclass(frozen=True)
class CommentRow:
    """One row of a response workbook: what it is, where it sits in the plan, and its words."""

    row_id: str
    """The goal's or section's id; :data:`~.layout.WHOLE_PLAN` for the plan as a whole."""
    kind: str
    """'plan', 'section' or 'goal'."""
    part: str
    """The area or section heading it sits under, as printed."""
    text: str
    """The goal or the section's heading as the draft words it."""


def comment_rows(plan: PlanBase) -> tuple[CommentRow, ...]:
    """The rows of ``plan`` in reading order: sections, the areas' goals, the closing sections."""
    rows = [CommentRow(L.WHOLE_PLAN, "plan", "", plan.title)]
    rows.extend(_sections(plan.sections, ""))
    for area in plan.areas:
        heading = area.title or area.id
        rows.extend(CommentRow(goal.id, "goal", heading, goal.title) for goal in area.goals)
    rows.extend(_sections(plan.closing_sections, ""))
    return tuple(rows)


def _sections(sections: list[Section], parent: str) -> Iterator[CommentRow]:
    for section in sections:
        yield CommentRow(section.id, "section", parent, section.title)
        yield from _sections(section.sections, section.title)
