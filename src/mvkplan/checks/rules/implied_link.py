"""An item links both a framework target and the goal the target stands under.

Why: a link to an Agenda 2030 target implies its goal: ``agenda2030/5.2`` is part of
``agenda2030/5``, and coverage counts it there. Linking both says the same thing twice, and
the rendered plan lists the goal beside its own target as if they were two commitments.

How to fix: keep the most precise link (the target) and remove the link to the goal. A
section's links are not checked: a section may print a goal's text above its targets.

Passing:
    ```yaml
    links: [nationell-strategi/1, agenda2030/5.2]
    ```

Failing:
    ```yaml
    links: [nationell-strategi/1, agenda2030/5, agenda2030/5.2]
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.index.linkindex import Link
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK015"
NAME = "implied-link"
SEVERITY = Severity.INFO
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK015.summary"),
    N_("MVK015.message"),
    N_("MVK015.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Links to a framework goal from an item that also links one of the goal's targets."""
    graph = context.graph
    documents = {document.id: document for document in context.documents}
    by_source: dict[tuple[str, str], list[Link]] = {}
    for document_id in documents:
        for link in graph.serving_links(document_id):
            by_source.setdefault((document_id, link.source_key), []).append(link)
    for (document_id, _source), links in by_source.items():
        # Goal → the linked targets under it; one pass, so 30 000 links stay linear.
        implying: dict[str, set[str]] = {}
        for target in {link.target for link in links}:
            for ancestor in graph.ancestors(target):
                implying.setdefault(ancestor, set()).add(target)
        for link in links:
            implied_by = sorted(implying.get(link.target, ()))
            if implied_by:
                yield Finding(documents[document_id], link.path,
                              values={"goal": link.target, "target": implied_by[0]})
