"""Counties side by side: which national goals each county's plans serve, which follow-ups exist.

With plans from several counties in one repository, the start page and the coverage page
compare them (issue 26.7). A county's column holds its real plans (regional and local plans,
strategies, activity plans) and what they serve by :func:`mvkplan.views.coverage.coverage_matrix`'s
rules. Example documents (``example: true``) describe no real plan: they form a column of their
own, last, and never count for a county; an example follow-up of a real plan goes there too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mvkplan.index.cards import card_of
from mvkplan.index.followups import follow_ups_by_plan
from mvkplan.index.linkindex import LinkIndex
from mvkplan.views.coverage import Column, coverage_matrix

NATIONAL_STRATEGY = "nationell-strategi"


@dataclass(frozen=True)
class FollowUpEntry:
    """A follow-up: its id, the plan it follows up and the year."""

    document: str
    plan: str
    year: int


@dataclass
class CountyColumn:
    """One county's plans (or the examples') and what they serve."""

    county: str | None
    """The county's catalog id; None for the column of example documents."""
    plans: list[str] = field(default_factory=list)
    covering: dict[str, list[str]] = field(default_factory=dict)
    """Goal reference → the plans serving it (some goal, activity or row of theirs, or the
    plan as a whole)."""
    follow_ups: list[FollowUpEntry] = field(default_factory=list)

    @property
    def example(self) -> bool:
        """Whether this is the column of example documents."""
        return self.county is None


@dataclass(frozen=True)
class NationalComparison:
    """The goals of one national framework × the counties (examples last)."""

    framework: str
    goals: list[Column]
    counties: list[CountyColumn]

    @property
    def real_counties(self) -> list[CountyColumn]:
        """The counties' columns without the examples'."""
        return [c for c in self.counties if not c.example]


def compare_counties(index: LinkIndex, framework: str = NATIONAL_STRATEGY) -> NationalComparison:
    """Each county's plans against the goals of ``framework``, with the follow-ups that exist.

    What it reads of each document (kind, county, a follow-up's year) is on its card: a
    streaming build knows the plans without their models."""
    matrix = coverage_matrix(index, frameworks=[framework], examples=True)
    columns: dict[str | None, CountyColumn] = {}

    def column(county: str | None) -> CountyColumn:
        return columns.setdefault(county, CountyColumn(county))

    for document in matrix.documents:
        loaded = index.documents[document]
        card = card_of(loaded)
        if not card.is_plan:
            continue  # an example follow-up is a row of the matrix, not a plan
        group = column(None if loaded.example else card.county or "")
        group.plans.append(document)
        for goal in matrix.columns:
            if matrix.covered(document, goal.key):
                group.covering.setdefault(goal.key, []).append(document)
    for plan, follow_ups in sorted(follow_ups_by_plan(index).items()):
        owner = index.documents.get(plan)
        if owner is None or owner.shipped or not card_of(owner).is_plan:
            continue
        county = card_of(owner).county
        for loaded in follow_ups:
            follow_up = card_of(loaded)
            assert follow_up.kind == "follow-up" and follow_up.year is not None
            example = loaded.example or owner.example
            group = column(None if example else county or "")
            group.follow_ups.append(FollowUpEntry(follow_up.id, plan, follow_up.year))
    return NationalComparison(framework, matrix.columns, _in_catalog_order(index, columns))


def _in_catalog_order(index: LinkIndex,
                      columns: dict[str | None, CountyColumn]) -> list[CountyColumn]:
    order = {county: n for n, county in enumerate(index.item_ids("counties"))}
    counties = sorted((c for key, c in columns.items() if key is not None),
                      key=lambda c: (order.get(c.county or "", len(order)), c.county or ""))
    for group in columns.values():
        group.follow_ups.sort(key=lambda f: (f.plan, f.year, f.document))
    return counties + ([columns[None]] if None in columns else [])

