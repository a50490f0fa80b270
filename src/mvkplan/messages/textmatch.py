"""Closest-match helpers behind every "did you mean" hint."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word``, or ``None`` when nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def slug(text: str) -> str:
    """Lower-case ASCII with hyphens: 'Mentorer i våldsprevention' → 'mentorer-i-valdsprevention'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-")
