"""A plan followed up every year has a year without a follow-up.

Why: the plan says its indicators are followed up yearly ("Årsvis", "Årlig uppföljning").
When the follow-ups jump a year, the change the annual report shows spans two years and the
missing year's work is never reported.

How to fix: add the missing year's follow-up (``kind: follow-up``, ``plan:`` and ``year:``),
even if it only holds the coordinator's assessment. The years checked run from the plan's
first year to its latest follow-up.

Passing:
    ```yaml
    # kalmar-2024 (period 2024–2026, indicators 'årlig') with follow-ups for 2024 and 2025
    ```

Failing:
    ```yaml
    # kalmar-2024 with follow-ups for 2024 and 2026, none for 2025
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import FollowUp, PlanBase

CODE = "MVK021"
NAME = "follow-up-year-missing"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK021.summary"),
    N_("MVK021.message"),
    N_("MVK021.hint"),
)
YEARLY = re.compile(r"års|årlig|yearly|annual", re.IGNORECASE)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Plans with a yearly indicator and a gap in their follow-up years."""
    for document, plan in context.plans():
        follow_ups = _follow_ups(context, plan.id)
        if not follow_ups or plan.period is None or plan.period.start is None or not _yearly(plan):
            continue
        # A real plan's years are its real follow-ups' (an example never fills a real gap).
        years = {f.model.year for f in follow_ups if isinstance(f.model, FollowUp)
                 and (plan.example or not f.example)}
        if not years:
            continue
        missing = [y for y in range(plan.period.start, max(years)) if y not in years]
        if missing:
            yield Finding(document, ("period",), values={
                "plan": plan.id, "years": ", ".join(str(y) for y in missing)})


def _follow_ups(context: LintContext, plan_id: str) -> list[LoadedDocument]:
    """The follow-ups that name the plan (``plan:``), known by the link each writes to it:
    only theirs are read, not every follow-up's model (a run after one change sees one plan)."""
    return [link.owner for link in context.index.backlinks_to_document(plan_id)
            if link.relation == "follow-up" and link.path == ("plan",) and link.target == plan_id]


def _yearly(plan: PlanBase) -> bool:
    return any(indicator.frequency and YEARLY.search(indicator.frequency)
               for area in plan.areas for goal in area.goals for indicator in goal.indicators)
