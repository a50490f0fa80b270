"""The document's period reaches outside the period of a framework it serves.

Why: a plan that runs past the end of the strategy it implements promises work under goals
that may not exist then. The national strategy runs 2017–2026; a regional plan for
2025–2028 links goals that end in 2026, and its last years need a new basis.

How to fix: end the period with the framework, or, when the plan deliberately runs on, say so
in a section and keep the finding visible to the reviewers. The frameworks checked are the
documents with a period that the document, its areas, goals or activities link to, and the
document it is an annex of. The texts a section quotes do not count.

Passing:
    ```yaml
    period: {start: 2024, end: 2026}
    areas:
      - {id: forebygga, links: [nationell-strategi/1]}
    ```

Failing:
    ```yaml
    period: {start: 2025, end: 2028}
    areas:
      - {id: forebygga, links: [nationell-strategi/1]}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK008"
NAME = "period-outside-framework"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK008.summary"),
    N_("MVK008.message.end"),
    N_("MVK008.message.start"),
    N_("MVK008.message"),
    N_("MVK008.hint"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Each linked document with a period that the document's period does not fit in."""
    index = context.index
    for document in context.documents:
        period = document.model.period
        if period is None:
            continue
        links = [*context.graph.serving_links(document.id), *(
            link for link in context.links_from(document) if link.relation == "annex-of")]
        served = sorted({link.target_document for link in links} - {document.id})
        for framework_id in served:
            framework = index.document(framework_id)
            outer = framework.period if framework else None
            if outer is None:
                continue
            values = {
                "framework": framework_id, "start": period.start, "end": period.end,
                "framework_start": outer.start, "framework_end": outer.end,
            }
            if period.end is not None and outer.end is not None and period.end > outer.end:
                yield Finding(document, ("period", "end"), "message.end", values)
            elif (period.start is not None and outer.start is not None
                  and period.start < outer.start):
                yield Finding(document, ("period", "start"), "message.start", values)
