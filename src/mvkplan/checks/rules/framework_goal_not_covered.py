"""A goal of the framework the document is organised by is not covered.

Why: a regional plan under the national strategy is expected to say something about each of
its four goals; a county's yearly plan about each of the regional strategy's delmål. A goal
that no area, goal or activity links to is a gap the reviewer will ask about. It may be a
deliberate choice, which is why this is only information.

How to fix: link an area, goal or activity to the uncovered goal, or leave the finding as it
is when the gap is intended (suppress it with ``# mvkplan: ignore[MVK005]`` on the line of
``areas:``). The frameworks checked are those that the document's areas, activities or
focus-area rows link to; set ``frameworks`` to name them yourself. A link to a target counts
for its goal (``agenda2030/5.2`` covers ``agenda2030/5``).

Passing:
    ```yaml
    areas:
      - {id: forebygga, links: [nationell-strategi/1]}
      - {id: skydd, links: [nationell-strategi/2]}
      - {id: brott, links: [nationell-strategi/3]}
      - {id: kunskap, links: [nationell-strategi/4]}
    ```

Failing:
    ```yaml
    areas:
      - {id: forebygga, links: [nationell-strategi/1]}
      - {id: skydd, links: [nationell-strategi/2]}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, RuleOptions
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import Framework

CODE = "MVK005"
NAME = "framework-goal-not-covered"
SEVERITY = Severity.INFO
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK005.summary"),
    N_("MVK005.message"),
    N_("MVK005.hint"),
)
_STRUCTURAL = frozenset({"area", "activity", "row"})


class Options(RuleOptions):
    """Options of framework-goal-not-covered."""

    frameworks: list[str] | None = None
    """Ids of the frameworks every document must cover (default: those its areas link to)."""


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """Top-level goals of served frameworks that no serving link reaches."""
    index, graph = context.index, context.graph
    for document, _plan in context.plans():
        kind_of = {item_id: item.kind for item_id, item in index.items[document.id].items()}
        serving = graph.serving_links(document.id)
        served = options.frameworks
        if served is None:
            served = sorted({
                link.target_document for link in serving
                if link.source and kind_of.get(link.source) in _STRUCTURAL
                and isinstance(index.document(link.target_document), Framework)
            })
        covered = set()
        for link in serving:
            covered.add(link.target)
            covered.update(graph.ancestors(link.target))
        for framework_id in served:
            framework = index.document(framework_id)
            if not isinstance(framework, Framework):
                continue
            gaps = [
                f"{framework_id}/{goal.id} ({goal.title})" for goal in framework.items
                if f"{framework_id}/{goal.id}" not in covered and framework_id not in covered
            ]
            if gaps:
                key = document.key_position(("areas",)) or document.key_position(("id",))
                position = key or (1, 1)
                yield Finding(document, position=position, values={"targets": "; ".join(gaps)})
