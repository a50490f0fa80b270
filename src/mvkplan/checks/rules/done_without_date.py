"""An activity is marked as done (genomförd) without a date.

Why: the annual report and the next plan's review ask when things happened. A completed
activity without a date cannot be placed in the year, and a status copied from last year
looks the same as one that is new.

How to fix: add ``date:`` to the status, as precise as known ('2025', '2025-05' or
'2025-05-14').

Passing:
    ```yaml
    activities:
      - {activity: utbildning-freda, status: done, date: "2022-05"}
    ```

Failing:
    ```yaml
    activities:
      - {activity: utbildning-freda, status: done}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import FollowUp

CODE = "MVK022"
NAME = "done-without-date"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK022.summary"),
    N_("MVK022.message"),
    N_("MVK022.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every status 'done' without a date."""
    for document in context.documents:
        if not isinstance(document.model, FollowUp):
            continue
        for i, status in enumerate(document.model.activities):
            if status.status == "done" and status.date is None:
                yield Finding(document, ("activities", i, "status"),
                              values={"activity": status.activity})
