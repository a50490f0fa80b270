"""Rule options' descriptions read when asked equal what pydantic's ``use_attribute_docstrings``
gives (issue 27): any docstring text, in either literal style, on the class or a base."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvkplan.checks.rules import RULES

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
_numbers = itertools.count()


def _triple_quoted(text: str) -> str:
    """``text`` as a triple-quoted literal: line breaks kept as written, the rest escaped."""
    def char(c: str) -> str:
        if c == "\n":
            return c
        if c in '\\"' or ord(c) < 32 or c in "\x7f\x85\u2028\u2029":
            return f"\\U{ord(c):08x}" if c not in '\\"' else "\\" + c
        return c
    return '"""' + "".join(char(c) for c in text) + '"""'


def _literal(text: str, triple: bool) -> str:
    return _triple_quoted(text) if triple else repr(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TEXT, st.booleans()), min_size=1, max_size=4), st.booleans())
def test_descriptions_equal_pydantics_attribute_docstrings(tmp_path: Path, docs: list, inherit: bool) -> None:
    fields = [f"    option_{n}: int = {n}\n    {_literal(text, triple)}\n" for n, (text, triple) in enumerate(docs)]
    number = next(_numbers)
    source = (
        "from pydantic import ConfigDict\n"
        "from mvkplan.checks.rules.base import RuleOptions\n\n\n"
        "class Options(RuleOptions):\n"
        '    """Options under test."""\n\n'
        "    model_config = ConfigDict(use_attribute_docstrings=True)\n\n" + "".join(fields) +
        "\n\nclass Derived(Options):\n"
        '    """Options inherited, and one of its own."""\n\n'
        "    extra: int = 0\n    'Its own.'\n"
    )
    path = tmp_path / f"generated_options_{number}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    try:
        spec.loader.exec_module(module)
        cls = module.Derived if inherit else module.Options
        # pydantic's own reading of the same class bodies, made when the classes were
        expected = {name: field.description for name, field in cls.model_fields.items()
                    if field.description is not None}
        assert len(expected) == len(docs) + inherit
        assert cls.descriptions() == expected
    finally:
        del sys.modules[path.stem]


@pytest.mark.parametrize("rule", [r for r in RULES if r.options], ids=lambda r: r.code)
def test_every_rule_option_is_described(rule) -> None:
    described = rule.options.descriptions()
    assert set(described) == set(rule.options.model_fields), "every option needs a docstring"
    assert all(text.strip() for text in described.values())
