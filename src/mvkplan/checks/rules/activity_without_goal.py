"""An activity is linked to no goal.

Why: an activity plan exists to carry out goals. An activity that names none cannot be
counted towards any of them in the follow-up, and readers cannot tell why it is in the plan.

How to fix: add ``links:`` with the goals the activity serves, e.g.
``jonkoping-strategi-2020-2026/3`` for "Delmål 3". If the source prints no goal for the
activity, keep the finding: it is true of the source.

Passing:
    ```yaml
    activities:
      - id: utbildning-freda
        title: Utbildning i FREDA för socialtjänsten
        links: [jonkoping-strategi-2020-2026/2]
    ```

Failing:
    ```yaml
    activities:
      - id: utbildning-freda
        title: Utbildning i FREDA för socialtjänsten
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK003"
NAME = "activity-without-goal"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK003.summary"),
    N_("MVK003.message"),
    N_("MVK003.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every activity with no links."""
    for document, plan in context.plans():
        for i, area in enumerate(plan.areas):
            for j, activity in enumerate(area.activities):
                if not activity.links:
                    yield Finding(document, ("areas", i, "activities", j),
                                  values={"activity": activity.id})
