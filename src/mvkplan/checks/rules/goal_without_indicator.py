"""A goal has no indicator.

Why: a goal that names no indicator cannot be followed up. The county board reports on the
plan every year; a goal without a source of data is the one nobody can say anything about.

How to fix: add at least one indicator under the goal, with its ``source`` (an id from the
indicator-sources catalog) and ``frequency``. If the source really states no follow-up for
the goal, keep the finding: it is true, and the plan's reviewers should see it.

Passing:
    ```yaml
    goals:
      - id: likvardig-kunskap
        title: Likvärdig kunskap om våldsförebyggande metoder
        indicators:
          - {source: lansstyrelsens-arliga-kartlaggning, frequency: årlig}
    ```

Failing:
    ```yaml
    goals:
      - id: likvardig-kunskap
        title: Likvärdig kunskap om våldsförebyggande metoder
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK001"
NAME = "goal-without-indicator"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK001.summary"),
    N_("MVK001.message"),
    N_("MVK001.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every goal with an empty ``indicators`` list."""
    for document, plan in context.plans():
        for i, area in enumerate(plan.areas):
            for j, goal in enumerate(area.goals):
                if not goal.indicators:
                    yield Finding(document, ("areas", i, "goals", j), values={"goal": goal.id})
