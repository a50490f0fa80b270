"""Pairing items of two versions: by id first, then by similarity of their text.

Renamed items keep most of their words, so after the ids have paired what they can, the rest
are paired greedily, most similar first, above a threshold. Words are compared, not letters,
and punctuation and spacing do not count ("insatser/metoder" = "insatser /metoder").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
THRESHOLD = 0.6
_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, in order."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """The words alone, lower-cased: what decides whether a text was reworded."""
    return list(_words(text))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    # Pairing compares every old item with every new one: each text is split once.
    return tuple(token.lower() for token in tokens(text) if token[0].isalnum() or token[0] == "_")


def similarity(old: str, new: str) -> float:
    """0 (nothing in common) … 1 (the same words in the same order)."""
    a, b = _words(old), _words(new)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _similarity_from(matcher: SequenceMatcher[str], old: tuple[str, ...], new: tuple[str, ...],
                     threshold: float) -> float | None:
    """:func:`similarity` of ``old`` and ``new`` (the matcher's second sequence), None when
    it is below ``threshold``: difflib's quick upper bounds rule most pairs out unmatched."""
    if not old and not new:
        return 1.0 if 1.0 >= threshold else None
    matcher.set_seq1(old)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return None
    score = matcher.ratio()
    return score if score >= threshold else None


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The text as (op, text) runs: '=' kept, '-' removed, '+' added; spacing as in ``new``."""
    a, b = tokens(old), tokens(new)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", _join(b[j1:j2])))
            continue
        if op in {"delete", "replace"}:
            runs.append(("-", _join(a[i1:i2])))
        if op in {"insert", "replace"}:
            runs.append(("+", _join(b[j1:j2])))
    return runs


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text and (part[0].isalnum() or part[0] in "(–-") and not text.endswith(("(", "/")):
            text += " "
        text += part
    return text


def pair(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str | None],
    text: Callable[[T], str],
    *,
    bonus: Callable[[T, T], float] = lambda _a, _b: 0.0,
    threshold: float = THRESHOLD,
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pairs (old, new) in ``new``'s order, the unpaired old and the unpaired new items.

    ``bonus`` raises the score of likely pairs (e.g. two goals in the same area) so that
    ties break towards them; it never makes a pair out of texts below ``threshold``.
    """
    paired: dict[int, int] = {}
    old_by_key = {key(item): i for i, item in enumerate(old) if key(item)}
    for j, item in enumerate(new):
        i = old_by_key.get(key(item))
        if i is not None and i not in paired.values():
            paired[j] = i
    scores = []
    taken_old = set(paired.values())
    for j, b in enumerate(new):
        if j in paired:
            continue
        # One matcher per new text: difflib keeps what it works out about the second
        # sequence, and each old text is compared against it.
        matcher = SequenceMatcher(None, autojunk=False)
        new_words = _words(text(b))
        matcher.set_seq2(new_words)
        for i, a in enumerate(old):
            if i in taken_old:
                continue
            score = _similarity_from(matcher, _words(text(a)), new_words, threshold)
            if score is not None:
                scores.append((score + bonus(a, b), -j, -i, j, i))
    for _score, _nj, _ni, j, i in sorted(scores, reverse=True):
        if j not in paired and i not in taken_old:
            paired[j] = i
            taken_old.add(i)
    pairs = [(old[paired[j]], new[j]) for j in sorted(paired)]
    return (pairs, [a for i, a in enumerate(old) if i not in taken_old],
            [b for j, b in enumerate(new) if j not in paired])
