"""A suppression comment names no rule, or a rule that does not exist.

Why: ``# mvkplan: ignore[MVK012]`` silences one rule on one line. A comment with a mistyped
code silences nothing, and a bare ``# mvkplan: ignore`` would silence everything; either way
the line is not what its author believes it is.

How to fix: write the rule's code or name in the brackets, several separated by commas:
``# mvkplan: ignore[MVK001, personal-contact]``. The comment stands at the end of the line the
problem is reported on, or alone on the line just above it. ``mvkplan rules`` lists the codes.

Passing:
    ```yaml
    title: Kontakta Anna på 070-123 45 67  # mvkplan: ignore[MVK012]
    ```

Failing:
    ```yaml
    title: Kontakta Anna på 070-123 45 67  # mvkplan: ignore[MVK12]
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.messages.textmatch import closest

CODE = "MVK017"
NAME = "suppression-comment"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK017.summary"),
    N_("MVK017.message"),
    N_("MVK017.hint"),
    N_("MVK017.message.empty"),
    N_("MVK017.hint.empty"),
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every suppression comment without rules or with an unknown code or name."""
    known = context.known_selectors
    for document in context.documents:
        for comment in context.suppressions(document):
            position = (comment.line, comment.column)
            if not comment.selectors:
                yield Finding(document, message="message.empty", hint="hint.empty",
                              position=position)
            for selector in comment.selectors:
                if selector.upper() in known or selector.lower() in known:
                    continue
                close = closest(selector.upper(), known) or closest(selector.lower(), known)
                yield Finding(document, values={"selector": selector, "close": close},
                              hint="hint" if close else None, position=position)
