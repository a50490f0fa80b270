"""Pairing by similarity (``mvkplan.views.diff.match.pair``) rules pairs out by difflib's quick
upper bounds first: it pairs exactly as comparing every old text with every new one does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mvkplan.views.diff.match import THRESHOLD, pair, similarity

WORDS = ["våld", "mot", "kvinnor", "barn", "stöd", "kunskap", "insatser", "metoder", "länet", "och"]


def _pair_every_way(old: list[str], new: list[str], key, bonus, threshold: float):  # type: ignore[no-untyped-def]
    """The pairing as it was written before the quick bounds: every pair's full ratio."""
    paired: dict[int, int] = {}
    old_by_key = {key(item): i for i, item in enumerate(old) if key(item)}
    for j, item in enumerate(new):
        i = old_by_key.get(key(item))
        if i is not None and i not in paired.values():
            paired[j] = i
    scores = []
    for j, b in enumerate(new):
        if j in paired:
            continue
        for i, a in enumerate(old):
            if i in paired.values():
                continue
            score = similarity(a, b)
            if score >= threshold:
                scores.append((score + bonus(a, b), -j, -i, j, i))
    taken_old = set(paired.values())
    for _score, _nj, _ni, j, i in sorted(scores, reverse=True):
        if j not in paired and i not in taken_old:
            paired[j] = i
            taken_old.add(i)
    pairs = [(old[paired[j]], new[j]) for j in sorted(paired)]
    return (pairs, [a for i, a in enumerate(old) if i not in taken_old],
            [b for j, b in enumerate(new) if j not in paired])


texts = st.lists(st.lists(st.sampled_from(WORDS), max_size=7).map(" ".join), max_size=6)


@settings(max_examples=300)
@given(old=texts, new=texts, threshold=st.sampled_from([0.0, 0.3, THRESHOLD, 0.9, 1.0]),
       keyed=st.booleans())
def test_pairs_as_comparing_every_old_text_with_every_new_one(
    old: list[str], new: list[str], threshold: float, keyed: bool,
) -> None:
    def key(text: str) -> str | None:
        return text.split(" ")[0] or None if keyed else None

    def bonus(a: str, b: str) -> float:
        return 0.05 if a[:1] == b[:1] else 0.0

    assert pair(old, new, key=key, text=lambda t: t, bonus=bonus, threshold=threshold) == (
        _pair_every_way(old, new, key, bonus, threshold))
