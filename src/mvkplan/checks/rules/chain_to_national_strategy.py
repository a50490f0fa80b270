"""A goal's chain of links does not reach the national strategy.

Why: the point of linking a municipality's goal to the county's goal, and the county's goal to
the national strategy, is that every local commitment can be traced to a national goal. A
chain that stops short (at a county goal whose area links nowhere, or at a gender-equality
sub-goal only) breaks that trace, and the national coverage overview misses the goal.

How to fix: link the goal to a goal of the county's plan whose area stands under the national
strategy, or link it to ``nationell-strategi/<n>`` directly. A goal inherits the links of its
area and document. Goals and activities that link nothing at all are left to MVK003 and
MVK004. By default local, regional and activity plans are checked; set ``kinds`` and
``target`` (the framework every chain must reach) to change that.

Passing:
    ```yaml
    # kalmar-2024's area 'forebygga' links nationell-strategi/1
    goals:
      - {id: kunskap, title: Ökad kunskap, links: [kalmar-2024/likvardig-kunskap]}
    ```

Failing:
    ```yaml
    goals:
      - {id: kunskap, title: Ökad kunskap, links: [jamstalldhetsmal/6]}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, RuleOptions, Term
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import Activity, Goal

CODE = "MVK016"
NAME = "chain-to-national-strategy"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK016.summary"),
    N_("MVK016.message"),
    N_("MVK016.hint"),
)


class Options(RuleOptions):
    """Options of chain-to-national-strategy."""

    kinds: list[str] = ["local-plan", "regional-plan", "activity-plan"]
    """Document kinds whose goals and activities must reach ``target``."""
    target: str = "nationell-strategi"
    """Id of the framework every chain must reach."""


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """Linked goals and activities from which no chain reaches the target framework."""
    graph, prefix = context.graph, options.target + "/"
    for document, plan in context.plans():
        if getattr(plan, "kind", None) not in options.kinds:
            continue
        for i, area in enumerate(plan.areas):
            held: list[tuple[str, Term, int, Goal | Activity]] = [
                ("goals", Term(N_("MVK016.what.goal")), j, goal) for j, goal in enumerate(area.goals)]
            held += [("activities", Term(N_("MVK016.what.activity")), j, activity)
                     for j, activity in enumerate(area.activities)]
            for field_name, what, j, item in held:
                if not item.links:
                    continue
                if graph.reaches(f"{document.id}/{item.id}",
                                 lambda r: r == options.target or r.startswith(prefix)):
                    continue
                values = {"what": what, "id": item.id,
                          "links": ", ".join(item.links), "target": options.target}
                yield Finding(document, ("areas", i, field_name, j), values=values)
