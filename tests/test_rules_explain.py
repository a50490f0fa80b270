"""`mvkplan rules CODE` reads as one text in one language: the summary once, no docstring
markup, the options described in the language asked for (issue 28.6)."""

from __future__ import annotations

import pytest

from conftest import REPO, run_cli
from mvkplan.checks.rules import RULES
from mvkplan.messages.i18n import set_language


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rules_code_says_each_thing_once_in_one_language(rule, lang):
    result = run_cli("rules", rule.code, "--lang", lang, cwd=REPO)
    assert result.exit_code == 0, result
    out = result.stdout
    assert "``" not in out  # neither ``code`` markup nor the ```yaml fences of the examples
    paragraphs = [p.strip() for p in out.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(set(paragraphs))
    # The documentation's first paragraph is a second summary: not printed beside the summary.
    set_language(lang)
    try:
        first = rule.documentation.split("\n\n")[0].strip()
        assert out.count(first) <= 1 and (first == rule.summary or first not in out)
    finally:
        set_language("en")
    if lang == "sv":
        assert "Options (" not in out
        if rule.options is not None:
            english = set(rule.options.descriptions().values())
            assert not any(text in out for text in english), out
