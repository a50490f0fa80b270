"""A consultation response point has no decision.

Why: a consultation (remiss) is finished when every point a body made has been answered:
accepted, partly accepted or not accepted, with the reason. The *remissammanställning*
shows each body how its points were handled; a point without a decision reads as ignored.

How to fix: give the response a ``decision:`` (``accepted``, ``partly`` or ``not-accepted``),
with a ``reason:`` unless it was accepted.

Passing:
    ```yaml
    responses:
      - body: kalmar-kommun
        date: "2023-10-20"
        concerns: likvardig-kunskap
        text: Lägg till skolan.
        decision: accepted
    ```

Failing:
    ```yaml
    responses:
      - body: kalmar-kommun
        date: "2023-10-20"
        text: Lägg till skolan.
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import Consultation

CODE = "MVK024"
NAME = "point-without-decision"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK024.summary"),
    N_("MVK024.message"),
    N_("MVK024.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every response of a consultation without ``decision``."""
    for document in context.documents:
        model = document.model
        if not isinstance(model, Consultation):
            continue
        for i, response in enumerate(model.responses):
            if response.decision is None:
                yield Finding(document, ("responses", i, "body"),
                              values={"body": response.body, "concerns": response.concerns or model.plan})
