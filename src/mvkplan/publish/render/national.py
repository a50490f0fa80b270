"""The national view of the site: the counties side by side (issue 26.7).

Shown on the start page and the coverage page when the repository holds plans from two counties
or more: for each goal of the national strategy, how many of each county's published plans serve
it, and which follow-ups each county has. The example documents have a column of their own, last
and labelled, so that no invented plan reads as a county's.
"""

from __future__ import annotations

from dataclasses import dataclass

from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.titles import document_title
from mvkplan.models import Framework
from mvkplan.publish.render.links import Urls, marked
from mvkplan.publish.render.views import LinkView
from mvkplan.views.national import NATIONAL_STRATEGY, CountyColumn, compare_counties

EXAMPLES_LABEL = "Exempel"
EXAMPLES_NOTE = "påhittade dokument, inga verkliga planer"


@dataclass(frozen=True)
class CountyHead:
    """A column's heading: the county (linked to its page), or the examples."""

    link: LinkView
    plans: int
    example: bool


@dataclass(frozen=True)
class GoalRow:
    """A national goal and, per column, how many of the column's plans serve it."""

    number: str
    title: str
    href: str | None
    counts: list[int]


@dataclass(frozen=True)
class FollowUpLink:
    """A follow-up in a county's column: its year shown, the plan's title told to a screen
    reader (so that no two links read alike)."""

    year: int
    plan: str
    href: str | None


@dataclass(frozen=True)
class NationalTable:
    """The goals of the national strategy × the counties, and each county's follow-ups."""

    anchor: str
    framework: LinkView
    heads: list[CountyHead]
    rows: list[GoalRow]
    follow_ups: list[list[FollowUpLink]]
    """Per column, its follow-ups."""


def national_table(index: LinkIndex, urls: Urls) -> NationalTable | None:
    """The counties compared, or None when the repository holds fewer than two counties."""
    if not isinstance(index.document(NATIONAL_STRATEGY), Framework):
        return None
    comparison = compare_counties(index, NATIONAL_STRATEGY)
    if len(comparison.real_counties) < 2:
        return None
    heads = [_head(index, urls, column) for column in comparison.counties]
    rows = [GoalRow(goal.item, goal.title, urls.document(NATIONAL_STRATEGY, goal.item),
                    [len(c.covering.get(goal.key, [])) for c in comparison.counties])
            for goal in comparison.goals]
    follow_ups = [[FollowUpLink(f.year, marked(index, f.plan, document_title(index, f.plan)),
                                urls.document(f.document)) for f in column.follow_ups]
                  for column in comparison.counties]
    return NationalTable("mvk-lanen", LinkView(document_title(index, NATIONAL_STRATEGY),
                                               urls.document(NATIONAL_STRATEGY)),
                         heads, rows, follow_ups)


def _head(index: LinkIndex, urls: Urls, column: CountyColumn) -> CountyHead:
    if column.county is None:
        return CountyHead(LinkView(EXAMPLES_LABEL), len(column.plans), True)
    item = index.item(f"counties/{column.county}")
    name = item.title if item is not None else column.county
    return CountyHead(LinkView(name, urls.county(column.county)), len(column.plans), False)
