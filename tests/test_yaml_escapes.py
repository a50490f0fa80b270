"""Escapes in double-quoted scalars: any ``\\uXXXX`` (surrogates included) gives data or a
located problem, the same with either YAML engine, and never a traceback.

rapidyaml writes an escaped surrogate (``"\\ud83d\\ude00"``, as ``json.dumps`` writes an emoji)
as bytes that are no UTF-8; the engines used to crash decoding them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from mvkplan.source.engines import engine
from mvkplan.source.nodes import YamlError
from mvkplan.source.parse import load_data

_ESCAPES = st.one_of(
    st.integers(0xD800, 0xDFFF).map(lambda c: f"\\u{c:04x}"),
    st.integers(0x20, 0xFFFF).map(lambda c: f"\\u{c:04X}"),
    st.integers(0x20, 0x10FFFF).map(lambda c: f"\\U{c:08x}"),
    st.sampled_from(["\\ud83d\\ude00", "\\uD83D\\uDE00", "\\n", "\\t", "\\\\", '\\"', "\\x41"]),
)
FAST, FULL = engine("rapidyaml"), engine("libyaml")
_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters='"\\'), max_size=5)


def _document(parts: list[str]) -> bytes:
    return ("id: t\nkind: framework\ntitle: \"" + "".join(parts) + "\"\n").encode()


def _with(engine: object, data: bytes, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr("mvkplan.source.engines.engine", lambda name=None: engine)
    try:
        return load_data(data)[0]
    except YamlError as exc:
        return exc.code, exc.line, exc.column


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(_ESCAPES, _TEXT), min_size=1, max_size=6))
def test_escapes_give_the_same_answer_with_either_engine(parts: list[str]) -> None:
    data = _document(parts)
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast = _with(FAST, data, monkeypatch)  # rapidyaml's plain-data path, then its nodes
        full = _with(FULL, data, monkeypatch)
    assert fast == full, data


@pytest.mark.parametrize("escape", ["\\ud83d\\ude00", "\\ud800", "\\udfff b", "a \\uDBFF\\uDFFF"])
def test_validate_locates_an_escaped_surrogate(tmp_path: Path, escape: str) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "t.yaml").write_bytes(_document([escape]))
    result = run_cli("validate", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 1, result
    assert "plans/t.yaml:3:" in result.stdout and "E103" in result.stdout, result
    assert "\\u escape" in result.stdout, result
    assert "Traceback" not in str(result)
