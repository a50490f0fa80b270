"""A method, indicator source, regulation or form of violence is not in its catalog.

Why: the renderer prints a method's full name, an indicator source's title and a
regulation's number from the catalogs, and lint follows regulations to their successors. An id
that is not in the catalog is most often a typo, and then nothing of that works: the rendered
plan shows a bare id and the follow-up loses the source.

How to fix: use the id the hint suggests, or add the entry to your repository's own catalog:
a document ``kind: catalog`` with ``extends: methods`` (or ``indicator-sources``,
``regulations``, ``violence-forms``) and the new entries. The shipped catalogs are in the
package under ``mvkplan/data/catalogs``.

Passing:
    ```yaml
    methods: [mvp, vip, bygga-broar]
    ```

Failing:
    ```yaml
    methods: [mvp, vpi]
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, Term
from mvkplan.index.linkindex import CATALOG_RELATIONS
from mvkplan.index.lookup import closest_entry
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK007"
NAME = "unknown-catalog-entry"
SEVERITY = Severity.ERROR
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK007.summary"),
    N_("MVK007.message"),
    N_("MVK007.hint"),
    N_("MVK007.hint.none"),
)
_WHAT = {
    "method": Term(N_("MVK007.what.method")),
    "indicator-source": Term(N_("MVK007.what.indicator-source")),
    "regulation": Term(N_("MVK007.what.regulation")),
    "violence-form": Term(N_("MVK007.what.violence-form")),
}


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Catalog links that resolve to no entry, with the closest entry as a hint."""
    index = context.index
    for document in context.documents:
        for link in context.links_from(document):
            if link.relation not in CATALOG_RELATIONS or index.item(link.target):
                continue
            catalog, value = link.target_document, link.target_item or ""
            values = {"what": _WHAT[link.relation], "value": value, "catalog": catalog}
            close = closest_entry(index, catalog, value)
            if close is None:
                yield Finding(document, link.path, values=values, hint="hint.none")
            else:
                values |= {"close": close.id, "name": close.name}
                yield Finding(document, link.path, values=values)
