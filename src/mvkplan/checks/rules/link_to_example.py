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
from mvkplan.messages.problems import Severity

CODE = "MVK018"
NAME = "link-to-example"
SEVERITY = Severity.WARNING
MESSAGES = {
    "summary": ("A real document links to an example document.",
                "Ett verkligt dokument länkar till ett exempeldokument."),
    "message": ("'{target}' is an example document (example: true); a real document should "
                "not link to it",
                "'{target}' är ett exempeldokument (example: true); ett verkligt dokument bör "
                "inte länka dit"),
    "hint": ("link to the real document, or mark this document 'example: true'",
             "länka till det verkliga dokumentet, eller markera detta dokument 'example: true'"),
}


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
