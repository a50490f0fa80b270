"""A person's e-mail address or phone number stands in a document.

Why: plans are published and kept for years; people change jobs. A named officer's address
or direct line in a plan goes stale, sends the public to someone who has left, and is
personal data that the organisation must be able to remove again. A shared mailbox or the
switchboard does not have those problems.

How to fix: replace the address with the organisation's shared mailbox or web page, and the
number with the switchboard. An e-mail address counts as a person's when its local part is
written like a name (``anna.andersson@…``); every phone number counts, since a text cannot
tell a direct line from a switchboard. List addresses and numbers that are fine in
``allow``, e.g. ``allow = ["010-223 80 00", "kalmar@lansstyrelsen.se"]``.

Passing:
    ```yaml
    body: Kontakta Länsstyrelsen via kalmar@lansstyrelsen.se.
    ```

Failing:
    ```yaml
    body: Kontakta anna.andersson@lansstyrelsen.se eller 070-123 45 67.
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, RuleOptions
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK012"
NAME = "personal-contact"
SEVERITY = Severity.WARNING
SCOPE = "document"  # reads its own document only: findings kept per file
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK012.summary"),
    N_("MVK012.message.email"),
    N_("MVK012.message.phone"),
    N_("MVK012.message"),
    N_("MVK012.hint"),
)
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
NAME_LIKE = re.compile(r"^[^\W\d_]+(?:[._][^\W\d_]+)+$")
PHONE = re.compile(
    r"(?<![\w+])(?:\+46[ \u2013-]*(?:\(0\))?[ ]*|0)\d{1,3}(?:[ ]?[\u2013-][ ]?|[ ])?\d{2,4}"
    r"(?:[ -]?\d{2,4}){0,3}(?![\w-])"
)
TRIGGERS = (
    re.compile("@"),
    # A phone number starts with '0' or '+' (not after a letter, digit or '+') and has 8 to 12
    # digits, between which stand only spaces, dashes and brackets. Each trigger starts with a
    # plain character, which the regular expression engine finds fast.
    re.compile(r"0(?<![\w+]0)(?:[ ()\u2013+-]*\d){7}"),
    re.compile(r"\+(?<![\w+]\+)(?:[ ()\u2013+-]*\d){7}"),
)
"""Every e-mail address and phone number holds a match of one: only those values are searched."""
PHONE_IN_SOURCE = (re.compile(rb"0(?<![\w+]0)(?:[\s()+-]*[\d\x80-\xff]){7}"),
                   re.compile(rb"\+(?<![\w+]\+)(?:[\s()+-]*[\d\x80-\xff]){7}"))
"""The phone TRIGGERS in a file's bytes: a folded line break is a space, a non-ASCII byte a digit."""


class Options(RuleOptions):
    """Options of personal-contact."""

    allow: list[str] = []
    """E-mail addresses and phone numbers that may stand in documents (shared ones)."""


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """Person-like e-mail addresses and phone numbers in any text of a document."""
    allowed = {_normal(text) for text in options.allow}
    for document in context.documents:
        source = context.source(document)
        if not source.may_hold(b"@") and not source.may_match(*PHONE_IN_SOURCE):
            continue
        text = context.text(document)
        for i in text.holding(*TRIGGERS):
            for message, found in _contacts(text.values[i]):
                if _normal(found) in allowed:
                    continue
                path = text.path(i)
                position = context.locate_value(document, path, found)
                yield Finding(document, path, message, {"text": found}, position=position)


def _contacts(text: str) -> Iterator[tuple[str, str]]:
    for match in EMAIL.finditer(text):
        if NAME_LIKE.match(match.group(1)):
            yield "message.email", match.group(0)
    for match in PHONE.finditer(text):
        if 8 <= sum(c.isdigit() for c in match.group(0)) <= 12:
            yield "message.phone", match.group(0).strip()


def _normal(text: str) -> str:
    text = text.strip().casefold()
    return "".join(c for c in text if c.isdigit()) if "@" not in text else text
