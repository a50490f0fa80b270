"""A follow-up is still a draft after its deadline.

Why: the county board reports each spring (to the government, the region, the
municipalities). A follow-up still marked ``draft`` after its deadline means the report
went out on unconfirmed values, or has not gone out at all.

How to fix: finish the follow-up and set ``status: adopted``, or move ``deadline:``. The
deadline is the document's own ``deadline``; with the option ``deadline = "03-31"`` a
follow-up without one is due on that day of the year after the year it follows up.

Passing:
    ```yaml
    year: 2024
    status: adopted
    deadline: "2025-03-31"
    ```

Failing:
    ```yaml
    year: 2024
    status: draft
    deadline: "2025-03-31"   # and today is later
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from pydantic import field_validator

from mvkplan.checks.rules.base import Finding, LintContext, RuleOptions
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import FollowUp

CODE = "MVK023"
NAME = "draft-after-deadline"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK023.summary"),
    N_("MVK023.message"),
    N_("MVK023.hint"),
)


class Options(RuleOptions):
    """Options of draft-after-deadline."""

    deadline: str | None = None
    """Default deadline as 'MM-DD' in the year after the year followed up, e.g. '03-31'."""

    @field_validator("deadline")
    @classmethod
    def _month_day(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{2}-\d{2}", value):
            raise ValueError(f"{value!r} is not 'MM-DD'")
        return value


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """Draft follow-ups whose deadline (own, or from the option) has passed."""
    today = date.today().isoformat()
    for document in context.documents:
        model = document.model
        if not isinstance(model, FollowUp) or model.status != "draft":
            continue
        deadline = model.deadline
        if deadline is None and options.deadline:
            deadline = f"{model.year + 1}-{options.deadline}"
        if deadline is not None and _end_of(deadline) < today:
            path = ("deadline",) if model.deadline else ("status",)
            yield Finding(document, path, values={"year": model.year, "deadline": deadline})


def _end_of(partial: str) -> str:
    """The last day a partial date stands for, as 'YYYY-MM-DD' (comparable as text)."""
    if len(partial) == 4:
        return f"{partial}-12-31"
    if len(partial) == 7:
        return f"{partial}-31"
    return partial
