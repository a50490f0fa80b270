"""A follow-up gives no value for a goal of its plan that has indicators.

Why: the annual report says, goal by goal, how far the plan has come. A goal that names an
indicator but gets no value in the year's follow-up is a blank line in that report, and the
reader cannot tell whether nothing happened or nobody asked.

How to fix: add values for one of the goal's indicators (or for an indicator the follow-up
adds under the goal, e.g. a survey question), or write the coordinator's assessment of the
goal under ``assessments`` saying why there is no value this year.

Passing:
    ```yaml
    plan: kalmar-2024
    year: 2025
    values:
      - {indicator: likvardig-kunskap/mvp-i-grundskolan, respondent: kalmar-kommun, value: ja}
    ```

Failing:
    ```yaml
    plan: kalmar-2024
    year: 2025
    values: []      # likvardig-kunskap has indicators but no value
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.index.followups import goals_of, plan_of
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import FollowUp

CODE = "MVK019"
NAME = "goal-without-follow-up-value"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK019.summary"),
    N_("MVK019.message"),
    N_("MVK019.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every goal with indicators and no value (nor assessment) in a follow-up."""
    for document in context.documents:
        model = document.model
        if not isinstance(model, FollowUp):
            continue
        plan = plan_of(context.index, model)
        if plan is None:
            continue
        valued = {value.indicator.split("/", 1)[0] for value in model.values}
        assessed = {a.goal for a in model.assessments}
        for goal_id, (_, goal, _) in goals_of(plan.model).items():  # type: ignore[arg-type]
            has_indicators = goal.indicators or any(i.goal == goal_id for i in model.indicators)
            if has_indicators and goal_id not in valued and goal_id not in assessed:
                yield Finding(document, ("plan",),
                              values={"goal": goal_id, "plan": model.plan, "year": model.year})
