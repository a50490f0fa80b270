"""``diff`` speaks the run's language in the terminal and in Markdown; its HTML is a page of the
site and stays Swedish, like the plans."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli
from mvkplan.messages.i18n import MESSAGES

PAIRS = [("kalmar-2021", "kalmar-2024")]
FIELD_LABELS = {key: MESSAGES[key] for key in MESSAGES if key.startswith("diff.field.")}
SWEDISH_WORDING = ("Mål per område", "oförändrade", "Regelverk:", "ordändringar:", "remissvar:",
                   "Övriga ändringar i dokumentet", "flyttat från", "(ändrad text)", "nytt område",
                   "Mål (", "Aktivitet (", "Rad (")


def _diff(old: str, new: str, *args: str) -> str:
    result = run_cli("diff", old, new, *args)
    assert result.exit_code == 0, result
    return result.stdout


def _labels(text: str) -> set[str]:
    """The field labels of a text diff: indented lines that are a label and a colon."""
    return {match.group(1) for match in re.finditer(r"^ +([^\s:+-][^:\n]*):$", text, re.M)}


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_text_and_markdown_in_english_carry_no_swedish_wording(old: str, new: str) -> None:
    english = {en for en, _ in FIELD_LABELS.values()} | {"word changes"}
    for fmt in ("text", "md"):
        out = _diff(old, new, "-f", fmt, "--lang", "en")
        for wording in SWEDISH_WORDING:
            assert wording not in out, (fmt, wording)
        if fmt == "text":
            assert _labels(out) and _labels(out) <= english, _labels(out) - english


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_swedish_run_prints_the_plans_own_labels(old: str, new: str) -> None:
    swedish = {sv for _, sv in FIELD_LABELS.values()} | {"ordändringar"}
    out = _diff(old, new, "--lang", "sv")
    assert "Goals per area" not in out and " unchanged" not in out
    assert _labels(out) and _labels(out) <= swedish, _labels(out) - swedish


def test_the_html_page_is_swedish_whatever_the_run() -> None:
    swedish = _diff(*PAIRS[0], "-f", "html", "--lang", "sv")
    assert _diff(*PAIRS[0], "-f", "html", "--lang", "en") == swedish
    assert "Mål per område" in swedish


def test_every_label_has_both_languages_and_they_differ_where_the_words_do() -> None:
    for key, (english, swedish) in FIELD_LABELS.items():
        assert english and swedish, key
        assert english.isascii(), (key, english)
