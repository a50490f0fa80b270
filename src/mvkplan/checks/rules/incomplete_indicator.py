"""An indicator lacks a source or a frequency.

Why: an indicator is only useful when the reader knows where the figures come from and how
often they are gathered. "Antal utbildade" with no source cannot be collected; a source with
no frequency leaves the yearly follow-up guessing.

How to fix: give the indicator a ``source`` (an id from the indicator-sources catalog; extend
the catalog in your repository when the source is missing) and a ``frequency`` as the plan
states it ("årlig", "vartannat år"). A frequency also counts as stated when the indicator's
text, its source's name in the catalog or the table heading says how often ("Länsstyrelsens
årsuppföljning", "Länsstyrelsens årliga kartläggning", "Årlig uppföljning").

Passing:
    ```yaml
    indicators:
      - source: oppna-jamforelser-vald
        frequency: årlig
    ```

Failing:
    ```yaml
    indicators:
      - text: Antal kommuner som använder FREDA
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, Term
from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import Indicator, PlanBase

CODE = "MVK002"
NAME = "incomplete-indicator"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK002.summary"),
    N_("MVK002.message"),
    N_("MVK002.hint"),
)
_MISSING = {  # what is missing → (its words, the keys to add)
    (True, False): (Term(N_("MVK002.missing.source")), "'source:'"),
    (False, True): (Term(N_("MVK002.missing.frequency")), "'frequency:'"),
    (True, True): (Term(N_("MVK002.missing.both")), "'source:', 'frequency:'"),
}


# Swedish words that say how often: årlig, årligen, årsvis, årsuppföljning, varje år, halvår …
FREQUENCY_WORDS = re.compile(
    r"\b(?:årlig\w*|års\w+|varje år|vartannat år|halvår\w*|kvartal\w*|månad\w*|"
    r"månatlig\w*|vecka|veckovis|löpande|kontinuerlig\w*)", re.IGNORECASE,
)


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Every indicator without a source, or whose frequency nothing states."""
    for document, plan in context.plans():
        heading = _heading(plan)
        for i, area in enumerate(plan.areas):
            for j, goal in enumerate(area.goals):
                for k, indicator in enumerate(goal.indicators):
                    stated = heading or states_frequency(context.index, indicator)
                    gap = (indicator.source is None, not stated)
                    if gap in _MISSING:
                        missing, keys = _MISSING[gap]
                        values = {"goal": goal.id, "missing": missing, "keys": keys}
                        path = ("areas", i, "goals", j, "indicators", k)
                        yield Finding(document, path, values=values)


def _heading(plan: PlanBase) -> bool:
    """Whether the follow-up column's heading states the frequency for every row."""
    headings = plan.table_headings
    texts = (headings.indicators, headings.frequency) if headings else ()
    return any(text and FREQUENCY_WORDS.search(text) for text in texts)


def states_frequency(index: LinkIndex, indicator: Indicator) -> bool:
    """Whether the indicator's frequency, its text or its source's name says how often."""
    if indicator.frequency:
        return True
    texts = [indicator.text]
    item = index.item(f"indicator-sources/{indicator.source}") if indicator.source else None
    if item is not None:
        texts.append(item.title)
    return any(text and FREQUENCY_WORDS.search(text) for text in texts)
