"""Areas and their tables: goals per national goal, activities per area, focus-area rows.

Column headings are the document's own (``table_headings``), with the words the sources
most often use as defaults; a column appears only when some row of the document fills it.
"""

from __future__ import annotations

from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import Activity, Area, FocusRow, Goal, Indicator, PlanBase
from mvkplan.models.common import TableHeadings
from mvkplan.publish.render.additions import activity_aside, goal_aside, item_aside, row_aside
from mvkplan.publish.render.links import Urls, link_groups
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.render.views import (
    ActivityView,
    AreaView,
    Column,
    CommitmentView,
    GoalView,
    IndicatorView,
    LinkView,
    RowView,
    Text,
)


def goal_columns(plan: PlanBase) -> list[Column]:
    """The goal table's columns, the same for every area as in the printed plan."""
    h = plan.table_headings or TableHeadings()
    goals = [g for area in plan.areas for g in area.goals]
    indicators = [i for g in goals for i in g.indicators]
    columns = [Column("goal", h.goal or "Målsättningar")]
    if any(g.examples for g in goals) and (h.examples or plan.table_headings is None):
        columns.append(Column("examples", h.examples or "Exempel på aktiviteter"))
    if indicators:
        columns.append(Column("indicators", h.indicators or "Indikatorer/uppföljning"))
    if h.frequency or (any(i.frequency for i in indicators) and plan.table_headings is None):
        columns.append(Column("frequency", h.frequency or "Frekvens"))
    return columns


def activity_columns(plan: PlanBase) -> list[Column]:
    """The activity table's columns."""
    h = plan.table_headings or TableHeadings()
    activities = [a for area in plan.areas for a in area.activities]
    columns = [Column("activity", h.activity or "Aktivitet")]
    if any(a.target_group for a in activities):
        columns.append(Column("target_group", h.target_group or "Målgrupp"))
    if any(a.outcome for a in activities):
        columns.append(Column("outcome", h.outcome or "Utfall"))
    if any(a.links or a.links_written for a in activities):
        columns.append(Column("links", h.links or "Delmål"))
    return columns


def row_columns(plan: PlanBase) -> list[Column]:
    """The focus-area table's columns."""
    h = plan.table_headings or TableHeadings()
    rows = [r for area in plan.areas for r in area.rows]
    columns = [Column("problem", h.problem or "Problemområde"),
               Column("measures", h.measures or "Förslag på insats")]
    if any(r.contributors for r in rows):
        columns.append(Column("contributors", h.contributors or "Du som kan bidra är"))
    if any(r.outcomes for r in rows):
        columns.append(Column("outcomes", h.outcome or "Förväntat resultat"))
    if any(r.links for r in rows):
        columns.append(Column("links", h.links or "Delmål"))
    return columns


def area_heading(area: Area, index: LinkIndex) -> str:
    """The area's heading as printed; without one, that of the first framework goal it
    stands under."""
    if area.heading:
        return area.heading
    title = area.title
    if title is None:
        first = next((index.item(ref) for ref in area.links if index.item(ref)), None)
        title = first.title if first else area.id
    return f"{area.number}. {title}" if area.number else title


def area_view(area: Area, plan: PlanBase, urls: Urls, writer: Writer, level: int = 2) -> AreaView:
    """An area with its goal, activity and focus-area tables; additions in its aside."""
    doc = plan.id
    goal_cols = goal_columns(plan) if area.goals else []
    h = plan.table_headings or TableHeadings()
    aside = item_aside(f"{doc}/{area.id}", None, None, area.links, urls)
    for goal in area.goals:
        aside += goal_aside(goal, doc, urls, writer)
    for activity in area.activities:
        aside += activity_aside(activity, doc, urls)
    for row in area.rows:
        aside += row_aside(row, doc, urls)
    return AreaView(
        anchor=area.id,
        heading=area_heading(area, urls.index),
        level=min(level, 6),
        intro=writer.block(area.intro, level + 1) if area.intro else None,
        goal_columns=goal_cols,
        # Without an examples column (Kalmar 2021) the examples go in the goal cell.
        examples_in_goal_cell=not any(c.key == "examples" for c in goal_cols),
        goals=[_goal(g, urls, writer) for g in area.goals],
        activity_columns=activity_columns(plan) if area.activities else [],
        activities=[_activity(a, urls, writer) for a in area.activities],
        row_caption=h.rows_caption if area.rows else None,
        row_columns=row_columns(plan) if area.rows else [],
        rows=[_row(r, urls, writer) for r in area.rows],
        commitments=[commitment_view(c.actor, c.heading, c.items, writer)
                     for c in area.commitments],
        outro=writer.block(area.outro, level + 1) if area.outro else None,
        aside=aside,
    )


def commitment_view(actor: str, heading: str | None, items: list[str], writer: Writer) -> CommitmentView:
    """'<actor> bidrar genom att:' and the bullets."""
    return CommitmentView(heading or f"{actor} bidrar genom att:",
                          [writer.inline(i) for i in items])


def _goal(goal: Goal, urls: Urls, writer: Writer) -> GoalView:
    return GoalView(
        anchor=goal.id,
        title=writer.inline(goal.title),
        description=writer.block(goal.description) if goal.description else None,
        examples=[writer.inline(e) for e in goal.examples],
        examples_lead=goal.examples_lead,
        examples_written=goal.examples_written,
        indicators=[_indicator(i, urls, writer) for i in goal.indicators],
        indicators_written=goal.indicators_written,
        frequencies=list(dict.fromkeys(i.frequency for i in goal.indicators if i.frequency)),
    )


def _indicator(indicator: Indicator, urls: Urls, writer: Writer) -> IndicatorView:
    """The indicator in the plan's words; the catalog's name only where the plan gives none
    (the catalog entry itself is linked from the goal's aside)."""
    text: Text | None = writer.inline(indicator.text) if indicator.text else None
    if text is None and indicator.source:
        item = urls.index.item(f"indicator-sources/{indicator.source}")
        text = item.title if item else indicator.source
    return IndicatorView(None, text, indicator.qualifier, indicator.frequency)


def _activity(activity: Activity, urls: Urls, writer: Writer) -> ActivityView:
    links = link_groups(activity.links, urls, prefix=_several_documents(activity.links))
    if activity.links_written:
        href = links[0].href if links else None
        links = [LinkView(activity.links_written, href)]
    return ActivityView(
        anchor=activity.id,
        title=writer.inline(activity.title),
        items=[writer.inline(i) for i in activity.items],
        target_group=writer.inline(activity.target_group) if activity.target_group else None,
        outcome=writer.inline(activity.outcome) if activity.outcome else None,
        links=links,
    )


def _row(row: FocusRow, urls: Urls, writer: Writer) -> RowView:
    return RowView(
        anchor=row.id,
        problem=writer.inline(row.problem),
        measures=[writer.inline(m) for m in row.measures],
        contributors=list(row.contributors),
        outcomes=[writer.inline(o) for o in row.outcomes],
        links=link_groups(row.links, urls, prefix=_several_documents(row.links)),
    )


def _several_documents(refs: list[str]) -> bool:
    """Whether links go to more than one document (then each says which)."""
    return len({ref.partition("/")[0] for ref in refs}) > 1
