"""The ``sic`` check reads the models' own strings and respaces the text only when it must
(issue 27): it accepts and refuses exactly what the definition does, the document dumped,
every string joined, case folded and every run of white space made one space."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mvkplan.models import DOCUMENT_MODELS
from mvkplan.models.documents import _strings

SPACE = st.sampled_from([" ", "  ", "\t", "\n", "\n\n", "\u00a0", "\u2028", "\u3000", " \r\n "])
WORD = st.text(st.sampled_from("aAbBßSsσΣςİiıIKk\u212aåÅ-.,"), min_size=1, max_size=5)
TEXT = st.lists(st.tuples(WORD, SPACE), min_size=1, max_size=8).map(
    lambda parts: "".join(word + space for word, space in parts).strip() or "x")


def _defined(data: dict[str, object]) -> bool:
    """The definition: is every ``sic`` entry in the document's text?"""
    model = DOCUMENT_MODELS["regional-plan"].model_validate({**data, "sic": []})
    text = " ".join(" ".join(_strings(model.model_dump(exclude={"sic"}))).casefold().split())
    return all(" ".join(entry["printed"].casefold().split()) in text for entry in data["sic"])


def _plan(texts: list[str], printed: list[str]) -> dict[str, object]:
    return {"kind": "regional-plan", "id": "x-2024", "title": texts[0], "county": "kalmar",
            "period": {"start": 2024, "end": 2026},
            "sections": [{"id": f"s{i}", "title": f"Rubrik {i}", "body": text}
                         for i, text in enumerate(texts[1:])],
            "areas": [{"id": "a", "title": texts[-1], "goals": [{"id": "g", "title": texts[0]}]}],
            "sic": [{"printed": p, "correction": "rätt"} for p in printed]}


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4), st.data())
def test_the_check_accepts_and_refuses_as_defined(texts: list[str], data: st.DataObject) -> None:
    whole = "\n".join(texts)
    printed = []
    for _ in range(data.draw(st.integers(1, 3))):
        # a piece of the text (maybe across two strings), spaced and cased anew, or changed
        start = data.draw(st.integers(0, len(whole) - 1))
        piece = whole[start:data.draw(st.integers(start + 1, len(whole)))]
        respaced = data.draw(SPACE).join(piece.split()) if data.draw(st.booleans()) else piece
        cased = data.draw(st.sampled_from([str, str.upper, str.lower, str.swapcase]))(respaced)
        printed.append(data.draw(st.sampled_from([cased, cased + "q", "q" + cased]))
                       if cased.strip() else "x")
    plan = _plan(texts, printed)
    if _defined(plan):
        DOCUMENT_MODELS["regional-plan"].model_validate(plan)
    else:
        with pytest.raises(ValidationError, match="is not in the document's text"):
            DOCUMENT_MODELS["regional-plan"].model_validate(plan)
