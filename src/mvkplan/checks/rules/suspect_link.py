"""A reviewed link's target has been reworded since the link was reviewed.

Why: a municipal goal linked to a county goal says "we do our part of that". When the county
rewords its goal, the link may no longer hold, and nobody reading the municipal plan would
notice. A link written with the fingerprint of its target's wording (``…/1@3f9a0c12``) remembers
what it was reviewed against; when the target's title or text changes, the link is *suspect*.
The finding shows the target's current wording; ``mvkplan review`` finds the old one in
git (the version of the target's file whose wording has the fingerprint) and shows both.

How to fix: read the target's new wording. If the link still holds, run
``mvkplan review FILE``, which writes the new fingerprint beside the link (nothing else in the
file changes). If it no longer holds, link to the goal that fits, or remove the link.

Passing:
    ```yaml
    goals:
      - id: kunskap
        title: Ökad kunskap om våld
        links: [lan-2024/kunskap@1b2c3d4e]   # the fingerprint of lan-2024/kunskap as it reads now
    ```

Failing:
    ```yaml
    goals:
      - id: kunskap
        title: Ökad kunskap om våld
        links: [lan-2024/kunskap@00000000]   # lan-2024/kunskap was reworded since
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.index.review import reviewed_links, wording
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK026"
NAME = "suspect-link"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK026.summary"),
    N_("MVK026.message"),
    N_("MVK026.hint"),
)

_FINGERPRINTED = re.compile(rb"@[0-9a-f]{8}")


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Links whose fingerprint differs from their target's wording now."""
    for document in context.documents:
        links = context.links_from(document)
        # Most files carry no fingerprint: their bytes say so without parsing anything.
        if not links or not context.source(document).may_match(_FINGERPRINTED):
            continue
        for found in reviewed_links(context.index, document, links):
            if found.suspect:
                link = found.link
                yield Finding(document, position=(link.line, link.column), values={
                    "target": link.target, "reviewed": found.reviewed, "current": found.current,
                    "wording": "«" + wording(found.target).replace("\n", " / ") + "»",
                    "file": document.path})
