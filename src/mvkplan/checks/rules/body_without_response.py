"""A body asked in a consultation has not responded, and the deadline has passed.

Why: the summary of a consultation (remissammanställning) must say who was asked and did
not answer; a silent body may also mean the draft never reached it. After the deadline the
coordinator either records the response that came in, or notes that none came.

How to fix: import the body's response workbook (``mvkplan consultation import``). When no
response came, leave the body listed (the summary prints it as "inget svar") and set the
consultation's ``status: adopted`` once the round is closed, which ends this warning.

Passing:
    ```yaml
    deadline: "2023-10-31"
    bodies:
      - {id: kalmar-kommun, name: Kalmar kommun, replied: "2023-10-20"}
    ```

Failing:
    ```yaml
    deadline: "2023-10-31"   # and today is later
    bodies:
      - {id: polisen-syd, name: Polisregion Syd}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import Consultation

CODE = "MVK025"
NAME = "body-without-response"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK025.summary"),
    N_("MVK025.message"),
    N_("MVK025.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Bodies of a draft consultation past its deadline with neither ``replied`` nor a response."""
    today = date.today().isoformat()
    for document in context.documents:
        model = document.model
        if not isinstance(model, Consultation) or model.status != "draft" or _end_of(model.deadline) >= today:
            continue
        answered = {response.body for response in model.responses}
        for i, body in enumerate(model.bodies):
            if body.replied is None and body.id not in answered:
                yield Finding(document, ("bodies", i, "id"), values={"body": body.id, "deadline": model.deadline})


def _end_of(partial: str) -> str:
    """The last day a partial date stands for, as 'YYYY-MM-DD' (comparable as text)."""
    return {4: f"{partial}-12-31", 7: f"{partial}-31"}.get(len(partial), partial)
