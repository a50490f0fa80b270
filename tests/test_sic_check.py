"""A document's ``sic:`` list names text it prints: the check reads every string of the
document, in order, and refuses an entry that is not among them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mvkplan.models import DOCUMENT_MODELS
from mvkplan.models.documents import _strings


def _recursive(data: object) -> list[str]:
    """The definition: every string of dumped data, depth first, in order."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _recursive(value)]
    if isinstance(data, list):
        return [s for value in data for s in _recursive(value)]
    return []


_dumped = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=30,
)


@given(_dumped)
def test_every_string_in_order(data: object) -> None:
    assert _strings(data) == _recursive(data)


_word = st.text(st.characters(whitelist_categories=("Ll", "Lu")), min_size=1, max_size=8)


def _plan(paragraphs: list[str], printed: str) -> dict[str, object]:
    return {"kind": "regional-plan", "id": "x-2024", "title": "Plan", "county": "kalmar",
            "period": {"start": 2024, "end": 2026}, "status": "adopted",
            "sections": [{"id": f"s{i}", "title": f"Rubrik {i}", "body": text}
                         for i, text in enumerate(paragraphs)],
            "sic": [{"printed": printed, "correction": "rätt"}]}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_word, min_size=1, max_size=6), min_size=1, max_size=4), st.data())
def test_printed_text_is_found_and_other_text_refused(
    paragraphs: list[list[str]], data: st.DataObject
) -> None:
    texts = [" ".join(words) for words in paragraphs]
    words = data.draw(st.sampled_from(paragraphs))
    start = data.draw(st.integers(0, len(words) - 1))
    stop = data.draw(st.integers(start + 1, len(words)))
    printed = "  ".join(words[start:stop]).upper()  # other spacing and case still match
    DOCUMENT_MODELS["regional-plan"].model_validate(_plan(texts, printed))
    absent = "Qzx" + printed
    if " ".join(absent.casefold().split()) in " ".join(" ".join(texts).casefold().split()):
        return
    with pytest.raises(ValidationError, match="is not in the document's text"):
        DOCUMENT_MODELS["regional-plan"].model_validate(_plan(texts, absent))
