"""How the report words things: Swedish labels, numbers, changes and targets."""

from __future__ import annotations

import re

from mvkplan.models.items import IndicatorSpec
from mvkplan.models.values import format_number, format_reading, read_value
from mvkplan.views.report.build import Report

_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
SEX_LABELS = {"women": "Kvinnor", "men": "Män", "total": "Totalt"}
STATUS_LABELS = {"planned": "Planerad", "ongoing": "Pågår", "done": "Genomförd",
                 "postponed": "Uppskjuten", "cancelled": "Inställd"}
JUDGEMENT_LABELS = {"green": "Grön", "yellow": "Gul", "red": "Röd"}
JUDGEMENT_TEXT = {"green": "på väg mot målet", "yellow": "delvis på väg mot målet",
                  "red": "inte på väg mot målet"}
TYPE_LABELS = {"number": "tal", "percent": "procent", "count": "antal", "yes-no": "ja/nej",
               "choice": "svarsalternativ", "text": "text"}
RESPONDENT_SINGULAR = {"municipality": "kommun", "region": "region", "authority": "myndighet",
                       "organisation": "organisation"}
RESPONDENT_PLURAL = {"municipality": "kommuner", "region": "regioner",
                     "authority": "myndigheter", "organisation": "organisationer"}


def change_text(change: float, spec: IndicatorSpec) -> str:
    """'+6,1 procentenheter', '−12', '±0'."""
    if round(change, 1) == 0:
        return "±0"
    sign = "+" if change > 0 else "\u2212"
    number = format_number(abs(change))
    if spec.type == "percent" or spec.type in ("yes-no", "choice"):
        return f"{sign}{number} procentenheter"
    return f"{sign}{number}"


def headline_text(value: float, spec: IndicatorSpec) -> str:
    """A headline figure: '52,3 %' for shares, '1 234' for counts."""
    if spec.type in ("percent", "yes-no", "choice"):
        return f"{format_number(value)}\u00a0%"
    return format_number(value)


def headline_label(spec: IndicatorSpec) -> str:
    """What the headline figure is."""
    if spec.type == "count":
        return "summa"
    if spec.type == "yes-no":
        return "andel ja"
    if spec.type == "choice":
        return "andel som svarar målets alternativ"
    return "medelvärde"


def written(text: str, spec: IndicatorSpec) -> str:
    """A baseline or target value as the report prints it (as written when unreadable)."""
    reading = read_value(text, spec)
    return text if not isinstance(reading, (float, bool, str)) else format_reading(reading, spec)


def target_text(spec: IndicatorSpec) -> str:
    """The target in words: '75 % senast 2026', 'ökning', 'alla senast 2026'."""
    target = spec.target
    assert target is not None
    words = {"increase": "ökning", "decrease": "minskning", "all": "alla"}
    parts = []
    if target.value is not None:
        parts.append(written(target.value, spec))
    if target.direction:
        parts.append(words[target.direction])
    text = ", ".join(parts)
    return f"{text} senast {target.year}" if target.year else text


def labelled(text: str) -> str:
    """``text`` as a label before a colon: 'Mål:', but 'Arbetar ni med MVP?' and 'Ett förebyggande
    arbete.' as they are, never 'arbete.:' or 'MVP?:' (issue 24.7)."""
    stripped = text.rstrip()
    return stripped if stripped.endswith((".", "?", "!", ":", "…")) else f"{stripped}:"


def respondent_name(report: Report, key: str | None) -> str:
    """A respondent's name from the catalogs; 'Länet' for a value of the whole county."""
    if key is None:
        return "Länet"
    for r in [*report.respondents, *report.not_answering]:
        if r.key == key:
            return r.name
    return key
