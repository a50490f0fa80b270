"""Reading a follow-up value by its indicator's type, and writing numbers the Swedish way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mvkplan.models.items import IndicatorSpec

_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$")
_GROUPING = re.compile(r"[ \u00a0\u202f]")
YES = frozenset({"ja", "yes", "true", "j", "y"})
NO = frozenset({"nej", "no", "false", "n"})

Reading = float | bool | str
"""A value read by its type: a number, a yes/no answer, or text (a choice or free text)."""


@dataclass(frozen=True)
class BadValue:
    """Why a value does not fit its indicator: a message key and its values."""

    key: str
    values: dict[str, Any]


def read_number(text: str) -> float | None:
    """``12``, ``12,5``, ``12.5``, ``1 234`` → a float; None when it is not a number."""
    cleaned = text.strip().removesuffix("%").strip().replace("\u2212", "-")
    if cleaned.isascii() and cleaned.isdigit():  # most values: read once per value per run
        return float(cleaned)
    if not _NUMBER.match(cleaned):
        return None
    return float(_GROUPING.sub("", cleaned).replace(",", "."))


def read_value(text: str, spec: IndicatorSpec) -> Reading | BadValue:
    """The value read by ``spec.type``, or why it cannot be (percent outside 0–100 included)."""
    kind = spec.type
    if kind is None:
        return _inferred(text)
    if kind in ("number", "percent", "count"):
        number = read_number(text)
        if number is None:
            return BadValue("E507", {"value": text, "type": kind})
        if kind == "count" and (number < 0 or not number.is_integer()):
            return BadValue("E507", {"value": text, "type": kind})
        if kind == "percent" and not 0 <= number <= 100:
            return BadValue("E508", {"value": text})
        return number
    if kind == "yes-no":
        lowered = text.strip().lower()
        if lowered in YES or lowered in NO:
            return lowered in YES
        return BadValue("E507", {"value": text, "type": kind})
    if kind == "choice":
        if text.strip() in spec.choices:
            return text.strip()
        matches = [c for c in spec.choices if c.lower() == text.strip().lower()]
        if matches:
            return matches[0]
        return BadValue("E509", {"value": text, "choices": ", ".join(spec.choices)})
    return text


def _inferred(text: str) -> Reading:
    """An untyped indicator's value: a number or a yes/no answer when it reads as one."""
    number = read_number(text)
    if number is not None:
        return number
    lowered = text.strip().lower()
    if lowered in ("ja", "nej"):
        return lowered == "ja"
    return text


def format_number(number: float, decimals: int = 1) -> str:
    """Swedish style: '1 234', '12,5' (a narrow no-break space groups thousands)."""
    rounded = round(number, decimals)
    if float(rounded).is_integer():
        whole = f"{int(rounded):,}".replace(",", "\u00a0")
        return whole.replace("-", "\u2212")
    text = f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")


def format_reading(reading: Reading | None, spec: IndicatorSpec) -> str:
    """A read value as the report shows it: '12,5 %', 'ja', '1 234'."""
    if reading is None:
        return "–"
    if isinstance(reading, bool):
        return "ja" if reading else "nej"
    if isinstance(reading, float):
        shown = format_number(reading)
        return f"{shown}\u00a0%" if spec.type == "percent" else shown
    return reading
