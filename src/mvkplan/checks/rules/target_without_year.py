"""An indicator's target says what to reach but not by when.

Why: a target without a year cannot be followed up: no follow-up can say whether it was met
in time, and the annual report can only print it. Targets in the follow-up cycle are
judged against a year (usually the plan's last).

How to fix: add ``year:`` to the target, e.g. the last year of the plan's period. A target
that is only a direction (``direction: increase``) is judged year by year and needs none.

Passing:
    ```yaml
    indicators:
      - {source: oppna-jamforelser-vald, type: percent, target: {year: 2026, value: "75"}}
    ```

Failing:
    ```yaml
    indicators:
      - {source: oppna-jamforelser-vald, type: percent, target: {value: "75"}}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, Path_
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import FollowUp, PlanBase
from mvkplan.models.items import IndicatorSpec

CODE = "MVK020"
NAME = "target-without-year"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK020.summary"),
    N_("MVK020.message"),
    N_("MVK020.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Targets with a value, or direction 'all', and no year, in plans and follow-ups."""
    for document in context.documents:
        model = document.model
        specs: list[tuple[str, IndicatorSpec, Path_]] = []
        if isinstance(model, PlanBase):
            for i, area in enumerate(model.areas):
                for j, goal in enumerate(area.goals):
                    for k, indicator in enumerate(goal.indicators):
                        name = f"{goal.id}/{indicator.id or indicator.source or k + 1}"
                        specs.append((name, indicator, ("areas", i, "goals", j, "indicators", k)))
        if isinstance(model, FollowUp):
            for i, added in enumerate(model.indicators):
                specs.append((f"{added.goal}/{added.id}", added, ("indicators", i)))
        for name, spec, path in specs:
            target = spec.target
            if target and target.year is None and (target.value is not None
                                                   or target.direction == "all"):
                yield Finding(document, (*path, "target"), values={"indicator": name})
