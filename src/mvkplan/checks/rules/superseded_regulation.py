"""A document cites a regulation that was superseded before the document's period began.

Why: regulations are replaced. SOSFS 2014:4, Socialstyrelsen's regulations on violence in
close relationships, was replaced by HSLF-FS 2022:39 from 1 January 2023. A plan for
2021–2023 rightly cites SOSFS 2014:4; a plan whose period starts in 2024 and still cites it
sends its readers to rules that no longer apply.

How to fix: cite the successor instead (``regulation: hslf-fs-2022-39``). A reference list
that also cites the successor is left alone, since the document evidently knows; a text (a
sentence, a table cell, a reference's title) is judged on its own: one that names the old
regulation is reported unless it names the successor too, whatever the document cites
elsewhere ("rutiner i enlighet med SOSFS 2014:4" is out of date even beside a reference to
HSLF-FS 2022:39; "SOSFS 2014:4, sedan 2023 HSLF-FS 2022:39" is not). The
dates come from the regulations catalog (``superseded`` and ``superseded_by``); a repository
can add regulations with a catalog document of its own that ``extends: regulations``. A
document with no start year is compared by its adoption date. Regulations cited in running text
count too: "enligt SOSFS 2014:4" in a section, a goal or a reference's title is found by the
regulation's code (its short name in the catalog), just as ``regulation: sosfs-2014-4`` is.

Passing:
    ```yaml
    period: {start: 2021, end: 2023}
    references:
      - {type: regulation, title: SOSFS 2014:4, regulation: sosfs-2014-4}
    ```

Failing:
    ```yaml
    period: {start: 2024, end: 2026}
    references:
      - {type: regulation, title: SOSFS 2014:4, regulation: sosfs-2014-4}
    sections:
      - {id: underlag, title: Underlag, body: Arbetet följer SOSFS 2014:4.}
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext
from mvkplan.checks.rules.text import DocumentText
from mvkplan.index.linkindex import Link, LinkIndex
from mvkplan.index.lookup import entries
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import CatalogEntry, DocumentBase

CODE = "MVK006"
NAME = "superseded-regulation"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK006.summary"),
    N_("MVK006.message"),
    N_("MVK006.hint"),
)
CODE_TRIGGER = re.compile(r":(?<=\d{4}:)\d")
"""Every code searched for holds 'dddd:d' (see _codes): only values holding it are searched."""


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Regulations, linked or named in the text, superseded on or before the document's start."""
    index = context.index
    catalog = context.once(f"{NAME}.catalog", lambda: entries(index, "regulations"))
    codes = context.once(f"{NAME}.codes", lambda: _codes(catalog))
    for document in context.documents:
        start = _start(document.model)
        if start is None:
            continue
        cited = [link for link in context.links_from(document) if link.relation == "regulation"]
        if not any(_due(index, link, start) for link in cited) and \
                not _may_name_due(context, document, catalog, start):
            continue  # nothing it cites or names was superseded by its start: nothing to report
        text = context.text(document)
        in_text = list(_named_in_text(text, codes))
        cited_ids = {link.target_item for link in cited} | {entry.id for _i, entry, _t in in_text}
        # (a link is judged by all the document cites: a reference list keeps the old
        # regulation beside its successor for the record)
        for link in cited:
            item = index.item(link.target)
            entry = item.obj if item else None
            if isinstance(entry, CatalogEntry) and _superseded_for(entry, start, cited_ids):
                yield Finding(document, link.path, values=_values(index, entry, start))
        linked = {link.path[:2] for link in cited}
        named_in: dict[tuple[int, int], set[str | None]] = {}
        for where, entry, _found in in_text:
            named_in.setdefault(where, set()).add(entry.id)
        for where, entry, found in in_text:
            # A sentence is judged on its own: "enligt SOSFS 2014:4" is out of date whatever the
            # document (or the rest of the section) cites, "SOSFS 2014:4 (nu HSLF-FS 2022:39)"
            # knows it is.
            if not _superseded_for(entry, start, named_in[where]):
                continue
            path = text.path(where[0])
            if path[:2] in linked:
                continue  # a reference with 'regulation:' is reported once, by its link
            yield Finding(document, path, values=_values(index, entry, start),
                          position=context.locate_value(document, path, found))


def _due(index: LinkIndex, link: Link, start: str) -> bool:
    """Whether the entry a link names was superseded by ``start``."""
    item = index.item(link.target)
    entry = item.obj if item else None
    return isinstance(entry, CatalogEntry) and bool(entry.superseded) and \
        start >= str(entry.superseded)


def _may_name_due(
    context: LintContext, document: LoadedDocument, catalog: list[CatalogEntry], start: str,
) -> bool:
    """Whether the file may name a regulation superseded by ``start`` (its code's number)."""
    due = [entry for entry in catalog if entry.superseded and start >= str(entry.superseded)]
    numbers = sorted({match.group(0).encode() for entry in due for code in (entry.short, *entry.aliases)
                      if code and (match := re.search(r"\d{4}:\d+", code))})
    if not numbers:
        return False
    pattern = context.once(f"{NAME}.numbers:{numbers}",
                           lambda: re.compile(b"|".join(re.escape(number) for number in numbers)))
    return context.source(document).may_match(pattern)


def _superseded_for(entry: CatalogEntry, start: str, cited_ids: set[str | None]) -> bool:
    """Superseded by the document's start, and its successor not cited as well."""
    return bool(entry.superseded) and start >= str(entry.superseded) and \
        entry.superseded_by not in cited_ids


def _values(index: LinkIndex, entry: CatalogEntry, start: str) -> dict[str, object]:
    successor = index.item(f"regulations/{entry.superseded_by}")
    return {
        "short": entry.short or entry.name, "date": entry.superseded, "start": start,
        "successor": _short(successor.obj) if successor else entry.superseded_by,
        "successor_id": entry.superseded_by,
    }


def _codes(catalog: list[CatalogEntry]) -> list[tuple[re.Pattern[str], CatalogEntry]]:
    """A pattern per regulation code ('SOSFS 2014:4', any spacing, not inside a longer code)."""
    patterns = []
    for entry in catalog:
        for code in (entry.short, *entry.aliases):
            if code and re.search(r"\d{4}:\d+", code):
                words = r"\s+".join(re.escape(part) for part in code.split())
                patterns.append((re.compile(rf"(?<![\w-]){words}(?![\d:])", re.IGNORECASE), entry))
    return patterns


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9«»\"'(])|\n\s*\n|\n\s*[-*•]\s")
"""Where one sentence (or paragraph, or list item) of a text value ends and the next begins."""


def _named_in_text(
    text: DocumentText, codes: list[tuple[re.Pattern[str], CatalogEntry]],
) -> Iterator[tuple[tuple[int, int], CatalogEntry, str]]:
    """((value index, sentence number), entry, matched text) for every regulation code written
    in the document: a sentence is what MVK006 judges, not a whole section body."""
    for i in text.holding(CODE_TRIGGER):
        value = text.values[i]
        ends = [m.start() for m in _SENTENCE_END.finditer(value)]
        for pattern, entry in codes:
            for match in pattern.finditer(value):
                sentence = sum(1 for end in ends if end < match.start())
                yield (i, sentence), entry, match.group(0)


def _start(model: DocumentBase) -> str | None:
    """First day the document applies, as an ISO date (or as precise as known)."""
    if model.period and model.period.start is not None:
        return f"{model.period.start}-01-01"
    if model.adoption and model.adoption.date:
        return model.adoption.date
    return None


def _short(entry: object) -> str:
    if isinstance(entry, CatalogEntry):
        return entry.short or entry.name
    return str(entry)
