"""A real document links to an example document.

Why: example documents (``example: true``) describe no real plan; they ship to show how the
tool works. A real plan that links to one would carry fiction into its back-links, coverage
and published pages.

How to fix: link to the real document instead, or mark the linking document
``example: true`` if it is an example too.

Passing:
    ```yaml
    id: kommun-2025
    goals: [{id: a, title: …, links: [kalmar-2024/likvardig-kunskap]}]
    ```

Failing:
    ```yaml
    id: kalmar-2024
    links: [exempelkommun-2025]   # exempelkommun-2025 has example: true
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK018"
NAME = "link-to-example"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK018.summary"),
    N_("MVK018.message"),
    N_("MVK018.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Links from documents without ``example: true`` to documents with it."""
    index = context.index
    examples = context.once(f"{NAME}.examples", lambda: frozenset(
        document_id for document_id, loaded in index.documents.items() if loaded.example))
    for document in context.documents:
        if document.example or not examples:
            continue
        for link in context.links_from(document):
            if link.target.partition("/")[0] in examples:
                yield Finding(document, position=(link.line, link.column),
                              values={"target": link.target_document})
