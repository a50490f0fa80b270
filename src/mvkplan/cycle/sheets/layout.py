"""The tables of a plan as sheets: which columns, under which headings, showing what.

A sheet per area, a row per goal (or activity), the first column the item's id. The printed
columns come first, under the plan's own headings (those the rendered plan prints), and show
the cell as printed: the printed wording (``examples_written``, ``indicators_written``,
``links_written``) where the plan has one. The structured items follow in columns of their
own, headed by their YAML key (``examples``, ``methods``, ``links`` …), one item a line. The
examples (and an activity's links) stand there only where the printed column shows a printed
wording; otherwise the printed column is the items, and the structured cell is left empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from mvkplan.models import Activity, Area, Goal, PlanBase
from mvkplan.models.common import TableHeadings

FORMAT = "mvkplan-sheets 1"
META_SHEET = "mvkplan"
ID_HEADING = "Id"
AREA_HEADING = "Område"
"""The CSV's first column: the id of the area a row belongs to (one CSV holds every area)."""

Item = Goal | Activity
TableKind = Literal["goals", "activities"]
Edit = Literal["text", "lines", "examples", "indicators", "links", "derived"]
"""How a changed cell is written back: a text field, a list (one item a line), the printed
examples / indicators / links cell (see :func:`edited_fields`), or not at all (derived)."""


@dataclass(frozen=True)
class Column:
    """One column: its heading, the field it stands for and how its cell is shown."""

    heading: str
    field: str
    edit: Edit
    show: Callable[[Item], str]


@dataclass(frozen=True)
class AreaTable:
    """One area's table: its sheet name, the area and the items in the order of the plan."""

    sheet: str
    area_index: int
    area: Area
    items: list[Item]


@dataclass(frozen=True)
class PlanTables:
    """Every table of a plan: its kind (goals or activities), its columns and one table per area."""

    kind: TableKind
    columns: list[Column]
    tables: list[AreaTable]


def _text(name: str) -> Callable[[Item], str]:
    return lambda item: getattr(item, name) or ""


def _lines(name: str) -> Callable[[Item], str]:
    return lambda item: "\n".join(getattr(item, name))


def _items_beside(name: str, written: str) -> Callable[[Item], str]:
    """The items, one a line, where a printed wording stands in the printed column; else empty
    (the printed column holds the items then, and one field is never in two cells)."""
    return lambda item: "\n".join(getattr(item, name)) if getattr(item, written) is not None else ""


def printed_examples(goal: Item) -> str:
    """The examples cell as printed: the printed wording, else the examples one a line."""
    assert isinstance(goal, Goal)
    return goal.examples_written if goal.examples_written is not None else "\n".join(goal.examples)


def printed_indicators(goal: Item) -> str:
    """The follow-up cell as printed: the printed wording, else each indicator a line
    (its text, else its source id, and the qualifier in parentheses, as the render shows it)."""
    assert isinstance(goal, Goal)
    if goal.indicators_written is not None:
        return goal.indicators_written
    lines = [(i.text or i.source or "") + (f" ({i.qualifier})" if i.qualifier else "") for i in goal.indicators]
    return "\n".join(lines)


def printed_frequency(goal: Item) -> str:
    """The frequency cell: the indicators' frequencies, each once (derived, not edited here)."""
    assert isinstance(goal, Goal)
    return ", ".join(dict.fromkeys(i.frequency for i in goal.indicators if i.frequency))


def printed_links(activity: Item) -> str:
    """The goal-link cell of an activity: the printed wording, else the links one a line."""
    assert isinstance(activity, Activity)
    return activity.links_written if activity.links_written is not None else "\n".join(activity.links)


def goal_columns(plan: PlanBase) -> list[Column]:
    """Id, the printed columns (headings as the plan prints them), then the structured items."""
    h = plan.table_headings or TableHeadings()
    goals = [g for area in plan.areas for g in area.goals]
    columns = [Column(ID_HEADING, "id", "derived", _text("id")),
               Column(h.goal or "Målsättningar", "title", "text", _text("title")),
               Column(h.examples or "Exempel på aktiviteter", "examples_written", "examples", printed_examples),
               Column(h.indicators or "Indikatorer/uppföljning", "indicators_written", "indicators",
                      printed_indicators)]
    if any(i.frequency for g in goals for i in g.indicators):
        columns.append(Column(h.frequency or "Frekvens", "frequency", "derived", printed_frequency))
    columns += [Column(name, name, "text", _text(name)) for name in ("description", "examples_lead", "note")]
    columns.append(Column("examples", "examples", "lines", _items_beside("examples", "examples_written")))
    columns += [Column(name, name, "lines", _lines(name)) for name in ("methods", "links")]
    return columns


def activity_columns(plan: PlanBase) -> list[Column]:
    """Id, the printed activity columns, then responsible, items and links."""
    h = plan.table_headings or TableHeadings()
    return [Column(ID_HEADING, "id", "derived", _text("id")),
            Column(h.activity or "Aktivitet", "title", "text", _text("title")),
            Column(h.target_group or "Målgrupp", "target_group", "text", _text("target_group")),
            Column(h.outcome or "Utfall", "outcome", "text", _text("outcome")),
            Column(h.links or "Delmål", "links_written", "links", printed_links),
            Column("responsible", "responsible", "text", _text("responsible")),
            Column("items", "items", "lines", _lines("items")),
            Column("links", "links", "lines", _items_beside("links", "links_written"))]


class NoTables(Exception):
    """The plan has no goal or activity table to export, or both kinds (one kind a workbook)."""


def plan_tables(plan: PlanBase) -> PlanTables:
    """The plan's areas as tables; :class:`NoTables` when there is nothing (or too much) to export."""
    has_goals = any(area.goals for area in plan.areas)
    has_activities = any(area.activities for area in plan.areas)
    if has_goals == has_activities:
        raise NoTables("both" if has_goals else "none")
    kind: TableKind = "goals" if has_goals else "activities"
    columns = goal_columns(plan) if has_goals else activity_columns(plan)
    names: set[str] = set()
    tables = []
    for index, area in enumerate(plan.areas):
        items: list[Item] = list(area.goals if has_goals else area.activities)
        tables.append(AreaTable(_sheet_name(area.id, names), index, area, items))
    return PlanTables(kind, columns, tables)


def _sheet_name(area_id: str, taken: set[str]) -> str:
    """The area's id as a sheet name: at most 31 characters (Excel's limit), unique in the workbook."""
    name, number = area_id[:31], 2
    while name.casefold() in taken or name.casefold() == META_SHEET:
        suffix = f"~{number}"
        name, number = area_id[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name
