"""What ``mvkplan new --from`` carries over from the plan it starts from, brought up to date.

A goal copied into a new plan keeps its words, but a regulation it names may have been
replaced since (SOSFS 2014:4 by HSLF-FS 2022:39 from 2023): the new plan names the successor,
so that it does not start with a finding (MVK006). Its indicators keep their source, text,
qualifier and frequency; a frequency nothing states becomes a placeholder to fill in (MVK013)
rather than a missing field (MVK002).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mvkplan.checks.rules.incomplete_indicator import states_frequency
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.lookup import entries
from mvkplan.models.items import Indicator

FREQUENCY_PLACEHOLDER = "[fyll i: hur ofta målet följs upp]"


@dataclass(frozen=True)
class Successor:
    """A regulation code superseded by a date, and the code that replaces it."""

    pattern: re.Pattern[str]
    successor: str


def successors(index: LinkIndex, start: str) -> list[Successor]:
    """Every regulation superseded on or before ``start`` (an ISO date) whose successor is known."""
    catalog = {entry.id: entry for entry in entries(index, "regulations")}
    found = []
    for entry in catalog.values():
        later = catalog.get(entry.superseded_by or "")
        if not (entry.superseded and start >= str(entry.superseded) and later):
            continue
        for code in (entry.short, *entry.aliases):
            if code and re.search(r"\d{4}:\d+", code):
                words = r"\s+".join(re.escape(part) for part in code.split())
                found.append(Successor(re.compile(rf"(?<![\w-]){words}(?![\d:])", re.IGNORECASE),
                                       later.short or later.name))
    return found


def brought_up_to_date(text: str, replaced: list[Successor]) -> str:
    """``text`` with every superseded regulation code written as its successor's."""
    for successor in replaced:
        # a function, not a template: the successor's code is taken literally
        text = successor.pattern.sub(_literal(successor.successor), text)
    return text


def _literal(code: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: code


def carried_indicator(index: LinkIndex, indicator: Indicator, replaced: list[Successor]) -> dict[str, str]:
    """The fields of a copied indicator, in the order they are written."""
    fields: dict[str, str] = {}
    if indicator.source:
        fields["source"] = indicator.source
    if indicator.text:
        fields["text"] = brought_up_to_date(" ".join(indicator.text.split()), replaced)
    if indicator.qualifier:
        fields["qualifier"] = indicator.qualifier
    if indicator.frequency:
        fields["frequency"] = " ".join(indicator.frequency.split())
    elif not states_frequency(index, indicator):
        fields["frequency"] = FREQUENCY_PLACEHOLDER
    return fields

