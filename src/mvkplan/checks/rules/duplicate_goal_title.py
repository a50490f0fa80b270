"""Two goals of a document have the same title.

Why: a goal written twice is usually a copy-and-paste slip, or one goal placed under two
areas. Either way the follow-up counts it twice and readers wonder whether the two differ.

How to fix: remove the copy, or, when the goal truly belongs under two areas, keep it in one
and link the other area's goal to it. Titles are compared ignoring case, spacing and the
final full stop.

Passing:
    ```yaml
    goals:
      - {id: kunskap, title: Ökad kunskap om våld}
      - {id: samverkan, title: Stärkt samverkan}
    ```

Failing:
    ```yaml
    goals:
      - {id: kunskap, title: Ökad kunskap om våld}
      - {id: kunskap-2, title: Ökad kunskap om våld.}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, Path_
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK010"
NAME = "duplicate-goal-title"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK010.summary"),
    N_("MVK010.message"),
    N_("MVK010.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every goal whose normalised title an earlier goal of the document already has."""
    for document, plan in context.plans():
        first: dict[str, tuple[str, Path_]] = {}
        for i, area in enumerate(plan.areas):
            for j, goal in enumerate(area.goals):
                path = ("areas", i, "goals", j)
                key = " ".join(goal.title.casefold().split()).rstrip(".")
                if key in first:
                    earlier, earlier_path = first[key]
                    line = document.position(earlier_path)[0]  # only for a finding: it parses
                    values = {"goal": goal.id, "first": earlier, "line": line}
                    yield Finding(document, (*path, "title"), values=values)
                else:
                    first[key] = (goal.id, path)
