"""Values as the follow-up writes them ('12,5', 'ja') and as they compare (12.5 == '12.5' == '12,5')."""

from __future__ import annotations

import re

Typed = str | int | float | bool

SURVEY_SOURCE = "Enkät {year}"
KOLADA_SOURCE = "Kolada {kpi}"


def value_text(value: Typed) -> str:
    """The text a follow-up records: 'ja'/'nej', whole numbers plain, decimals with a comma."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        if value == int(value):
            return str(int(value))
        return repr(round(value, 6)).replace(".", ",")
    return str(value)


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def canonical(text: str, value_type: str | None) -> object:
    """A comparable form of a recorded value: numbers as floats, yes/no as bools, text folded."""
    plain = text.strip()
    compact = re.sub(r"[ \u00a0\u202f]", "", plain)
    if value_type in (None, "number", "percent", "count") and _NUMBER.match(compact):
        return float(compact.replace(",", "."))
    if value_type in (None, "yes-no") and plain.lower() in ("ja", "yes", "nej", "no"):
        return plain.lower() in ("ja", "yes")
    return plain.casefold()


ORIGIN_LABELS = {"survey": "enkät", "kolada": "Kolada", "manual": "inskrivet för hand"}


def origin(source: str | None) -> str:
    """Where a recorded value came from: 'survey', 'kolada' or 'manual' (typed by hand).

    The imports write ``source: Enkät 2025`` and ``source: Kolada N00945``; a value without a
    source, or with any other, was typed by hand.
    """
    words = (source or "").casefold()
    if "kolada" in words:
        return "kolada"
    if "enkät" in words:
        return "survey"
    return "manual"


def origin_summary(sources: list[str | None]) -> str | None:
    """'enkät (12), Kolada (3)': how many values came from where, in a fixed order."""
    counts = {key: 0 for key in ORIGIN_LABELS}
    for source in sources:
        counts[origin(source)] += 1
    parts = [f"{ORIGIN_LABELS[key]} ({n})" for key, n in counts.items() if n]
    return ", ".join(parts) or None
