"""A document is still ``adopted`` although another document supersedes it.

Why: readers and the coverage overview take ``status: adopted`` to mean "in force". When
kalmar-2024 says ``supersedes: kalmar-2021``, kalmar-2021 is no longer in force, and a status
that says otherwise puts two plans side by side as current.

How to fix: set ``status: superseded`` in the older document. Nothing is reported while the
newer document is only a draft: the old one is then still in force.

Passing:
    ```yaml
    id: kalmar-2021
    status: superseded
    ```

Failing:
    ```yaml
    id: kalmar-2021
    status: adopted   # while kalmar-2024 has 'supersedes: kalmar-2021'
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK009"
NAME = "superseded-still-adopted"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK009.summary"),
    N_("MVK009.message"),
    N_("MVK009.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Adopted documents with an adopted (or superseded) successor."""
    index = context.index
    for document in context.documents:
        if document.model.status != "adopted":
            continue
        successor = index.successor_of(document.id)
        newer = index.document(successor) if successor else None
        if newer is None or newer.status == "draft":
            continue
        path = ("status",) if document.key_position(("status",)) else ("id",)
        yield Finding(document, path, values={"successor": successor})
