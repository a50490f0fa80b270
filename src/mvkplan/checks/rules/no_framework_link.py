"""An area or goal is linked to no framework goal.

Why: every part of a regional plan should stand under a goal of the national strategy, the
gender-equality policy or the county's strategy; that is what lets the county and the
government see which national goals the plan serves and what coverage looks like across
counties. An area that links nowhere falls out of every such overview.

How to fix: link the area (or, when the area cannot be linked as a whole, each goal) to the
framework goal it serves: ``links: [nationell-strategi/1]``. A goal inherits its area's links,
an area its document's, and a link to another plan's goal counts when that goal's chain of
links reaches a framework.

Passing:
    ```yaml
    areas:
      - id: forebygga
        links: [nationell-strategi/1]
        goals:
          - {id: kunskap, title: Ökad kunskap}
    ```

Failing:
    ```yaml
    areas:
      - id: forebygga
        goals:
          - {id: kunskap, title: Ökad kunskap}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, Term
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK004"
NAME = "no-framework-link"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK004.summary"),
    N_("MVK004.message"),
    N_("MVK004.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Areas (and, in them, goals) from which no chain of links reaches a framework goal."""
    graph = context.graph
    for document, plan in context.plans():
        for i, area in enumerate(plan.areas):
            if graph.reaches_framework(f"{document.id}/{area.id}"):
                continue
            loose = [(j, goal) for j, goal in enumerate(area.goals)
                     if not graph.reaches_framework(f"{document.id}/{goal.id}")]
            children = [a.id for a in area.activities] + [r.id for r in area.rows]
            children_linked = any(
                graph.reaches_framework(f"{document.id}/{child}") for child in children
            )
            every_goal_loose = bool(area.goals) and len(loose) == len(area.goals)
            if every_goal_loose or (not area.goals and not children_linked):
                yield Finding(document, ("areas", i),
                              values={"what": Term(N_("MVK004.what.area")), "id": area.id})
                continue
            for j, goal in loose:
                yield Finding(document, ("areas", i, "goals", j),
                              values={"what": Term(N_("MVK004.what.goal")), "id": goal.id})
