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

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.index.linkindex import CATALOG_RELATIONS
from mvkplan.index.lookup import closest_entry
from mvkplan.messages.problems import Severity

CODE = "MVK007"
NAME = "unknown-catalog-entry"
SEVERITY = Severity.ERROR
MESSAGES = {
    "summary": ("A method, indicator source, regulation or form of violence is not in its "
                "catalog.",
                "En metod, indikatorkälla, författning eller våldsform finns inte i sin katalog."),
    "message": ("unknown {what} '{value}'", "okänd {what_sv} '{value}'"),
    "hint": ("did you mean '{close}' ({name})?", "menade du '{close}' ({name})?"),
    "hint.none": ("add it to a catalog of your own with 'extends: {catalog}'",
                  "lägg till den i en egen katalog med 'extends: {catalog}'"),
}
_WHAT = {
    "method": ("method", "metod"),
    "indicator-source": ("indicator source", "indikatorkälla"),
    "regulation": ("regulation", "författning"),
    "violence-form": ("form of violence", "våldsform"),
}


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Catalog links that resolve to no entry, with the closest entry as a hint."""
    index = context.index
    for document in context.documents:
        for link in context.links_from(document):
            if link.relation not in CATALOG_RELATIONS or index.item(link.target):
                continue
            catalog, value = link.target_document, link.target_item or ""
            english, swedish = _WHAT[link.relation]
            values = {"what": english, "what_sv": swedish, "value": value, "catalog": catalog}
            close = closest_entry(index, catalog, value)
            if close is None:
                yield Finding(document, link.path, values=values, hint="hint.none")
            else:
                values |= {"close": close.id, "name": close.name}
                yield Finding(document, link.path, values=values)
