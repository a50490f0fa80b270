"""Areas and their tables: goals per national goal, activities per area, focus-area rows.

Column headings are the document's own (``table_headings``), with the words the sources
most often use as defaults; a column appears only when some row of the document fills it.
"""

from __future__ import annotations

from mvkplan.index import LinkIndex
from mvkplan.models import Activity, Area, FocusRow, Goal, Indicator, PlanBase, Strategy
from mvkplan.models.common import TableHeadings
from mvkplan.render.links import Urls, backlinks, link_groups
from mvkplan.render.markdown import Writer
from mvkplan.render.views import (
    ActivityView,
    AreaView,
    Column,
    CommitmentView,
    GoalView,
    IndicatorView,
    LinkView,
    RowView,
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


def area_heading(area: Area, plan: PlanBase, index: LinkIndex) -> str:
    """The area's heading; without a title, that of the first framework goal it stands under."""
    title = area.title
    if title is None:
        first = next((index.item(ref) for ref in area.links if index.item(ref)), None)
        title = first.title if first else area.id
    if area.number:
        label = "Fokusområde" if isinstance(plan, Strategy) else "Område"
        return f"{label} {area.number}: {title}"
    return title


def area_view(area: Area, plan: PlanBase, urls: Urls, writer: Writer) -> AreaView:
    """An area with its goal, activity and focus-area tables."""
    doc = plan.id
    goal_cols = goal_columns(plan) if area.goals else []
    h = plan.table_headings or TableHeadings()
    return AreaView(
        anchor=area.id,
        heading=area_heading(area, plan, urls.index),
        intro=writer.block(area.intro) if area.intro else None,
        links=link_groups(area.links, urls),
        goal_columns=goal_cols,
        # Without an examples column (Kalmar 2021) the examples go in the goal cell.
        examples_in_goal_cell=not any(c.key == "examples" for c in goal_cols),
        goals=[_goal(g, doc, urls, writer) for g in area.goals],
        activity_columns=activity_columns(plan) if area.activities else [],
        activities=[_activity(a, doc, urls, writer) for a in area.activities],
        row_caption=h.rows_caption if area.rows else None,
        row_columns=row_columns(plan) if area.rows else [],
        rows=[_row(r, doc, urls, writer) for r in area.rows],
        commitments=[commitment_view(c.actor, c.heading, c.items, writer)
                     for c in area.commitments],
        outro=writer.block(area.outro) if area.outro else None,
        backlinks=backlinks(f"{doc}/{area.id}", urls),
    )


def commitment_view(actor: str, heading: str | None, items: list[str], writer: Writer) -> CommitmentView:
    """'<actor> bidrar genom att:' and the bullets."""
    return CommitmentView(heading or f"{actor} bidrar genom att:",
                          [writer.inline(i) for i in items])


def _goal(goal: Goal, doc: str, urls: Urls, writer: Writer) -> GoalView:
    return GoalView(
        anchor=goal.id,
        title=writer.inline(goal.title),
        description=writer.block(goal.description) if goal.description else None,
        examples=[writer.inline(e) for e in goal.examples],
        methods=[_method(m, urls) for m in goal.methods],
        indicators=[_indicator(i, urls, writer) for i in goal.indicators],
        frequencies=list(dict.fromkeys(i.frequency for i in goal.indicators if i.frequency)),
        links=link_groups(goal.links, urls),
        backlinks=backlinks(f"{doc}/{goal.id}", urls),
        note=writer.block(goal.note) if goal.note else None,
    )


def _method(method_id: str, urls: Urls) -> LinkView:
    item = urls.index.item(f"methods/{method_id}")
    if item is None:
        return LinkView(method_id)
    entry = item.obj
    if entry.short:
        return LinkView(entry.short, urls.document(item.document, item.id), hint=entry.name)
    return LinkView(entry.name, urls.document(item.document, item.id))


def _indicator(indicator: Indicator, urls: Urls, writer: Writer) -> IndicatorView:
    """The indicator as the plan words it, linked to its source in the catalog."""
    text = writer.inline(indicator.text) if indicator.text else None
    source = None
    if indicator.source:
        item = urls.index.item(f"indicator-sources/{indicator.source}")
        href = urls.document(item.document, item.id) if item else None
        name = item.title if item else indicator.source
        source = LinkView(text or name, href, hint=name if text and text != name else None)
        text = None
    return IndicatorView(source, text, indicator.qualifier, indicator.frequency)


def _activity(activity: Activity, doc: str, urls: Urls, writer: Writer) -> ActivityView:
    links = link_groups(activity.links, urls, prefix=_several_documents(activity.links))
    if activity.links_written:
        href = links[0].href if links else None
        links = [LinkView(activity.links_written, href)]
    return ActivityView(
        anchor=activity.id,
        title=writer.inline(activity.title),
        items=[writer.inline(i) for i in activity.items],
        responsible=activity.responsible,
        target_group=writer.inline(activity.target_group) if activity.target_group else None,
        outcome=writer.inline(activity.outcome) if activity.outcome else None,
        links=links,
        backlinks=backlinks(f"{doc}/{activity.id}", urls),
    )


def _row(row: FocusRow, doc: str, urls: Urls, writer: Writer) -> RowView:
    return RowView(
        anchor=row.id,
        problem=writer.inline(row.problem),
        measures=[writer.inline(m) for m in row.measures],
        contributors=list(row.contributors),
        outcomes=[writer.inline(o) for o in row.outcomes],
        links=link_groups(row.links, urls, prefix=_several_documents(row.links)),
        backlinks=backlinks(f"{doc}/{row.id}", urls),
    )



def _several_documents(refs: list[str]) -> bool:
    """Whether links go to more than one document (then each says which)."""
    return len({ref.partition("/")[0] for ref in refs}) > 1
