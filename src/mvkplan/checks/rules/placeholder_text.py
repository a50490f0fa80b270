"""Placeholder text is left in a document.

Why: "TODO", "xxx" and "Lorem ipsum" mark text someone meant to write later. Published, they
make the plan look unfinished, and an empty promise in a goal or an indicator is easy to miss
in review.

How to fix: write the real text, or remove the field until it is known. Notes to the editors
belong in YAML comments (``# TODO: …``), which are never published and never checked. Add
patterns of your own (regular expressions, matched ignoring case) with the option
``patterns``. The title ``mvkplan new`` gives a document until it is named ("Ny
handlingsplan") is a placeholder too, when it is the whole title.

Passing:
    ```yaml
    title: Ökad kunskap om hedersrelaterat våld
    ```

Failing:
    ```yaml
    title: TODO skriv målet
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pydantic import field_validator

from mvkplan.checks.rules.base import Finding, LintContext, RuleOptions
from mvkplan.checks.rules.text import source_words
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK013"
NAME = "placeholder-text"
SEVERITY = Severity.ERROR
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK013.summary"),
    N_("MVK013.message"),
    N_("MVK013.hint"),
)
PLACEHOLDERS = (
    r"\bTODO\b", r"\bFIXME\b", r"\bTBD\b", r"\bx{3,}\b", r"\blorem ipsum\b", r"\?{3,}",
    r"\[\s*fyll i[^\]]*\]", r"<\s*fyll i[^>]*>",
)
TRIGGERS = ("todo", "fixme", "tbd", "xxx", "lorem ipsum", "???", "fyll i")
"""A word every match of PLACEHOLDERS holds: only values holding one are searched."""
IN_SOURCE = source_words(TRIGGERS)
NULL_SPELLINGS = ("", "~", "null", "Null", "NULL")
PLACEHOLDER_TITLES = ("Ny handlingsplan",)
"""Titles ``mvkplan new`` writes until the user gives one (its ``--title`` default)."""


class Options(RuleOptions):
    """Options of placeholder-text."""

    patterns: list[str] = []
    """More placeholders, as regular expressions (matched ignoring case)."""

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a regular expression: {exc}") from None
        return value


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """Every match of a placeholder pattern in a document's text values."""
    placeholder = re.compile("|".join((*PLACEHOLDERS, *options.patterns)), re.IGNORECASE)
    # Patterns of one's own have no trigger word: every value is searched, and a null value
    # as it is written, when a pattern could match how nulls are written.
    nulls_too = any(placeholder.search(spelling) for spelling in NULL_SPELLINGS)
    for document in context.documents:
        yield from _placeholder_title(context, document)
        if not options.patterns and not context.source(document).may_match(*IN_SOURCE, lowered=True):
            continue
        text = context.text(document)
        candidates: Iterable[int] = (
            range(len(text.values)) if options.patterns else text.holding_words(TRIGGERS))
        for i in candidates:
            value = text.written(i) if nulls_too else text.values[i]
            for match in placeholder.finditer(value):
                found = match.group(0)
                path = text.path(i)
                position = context.locate_value(document, path, found)
                yield Finding(document, path, values={"text": found}, position=position)


def _placeholder_title(context: LintContext, document: LoadedDocument) -> Iterator[Finding]:
    """The whole title is one that ``mvkplan new`` writes for the user to replace."""
    title = getattr(document.model, "title", None)
    if isinstance(title, str) and " ".join(title.split()).casefold() in _TITLES:
        path = ("title",)
        yield Finding(document, path, values={"text": title},
                      position=context.locate_value(document, path, title))


_TITLES = frozenset(title.casefold() for title in PLACEHOLDER_TITLES)
