"""Bidirectional embeddings, overrides and isolates are refused where they stand (E112).

Invisible in an editor, U+202A–U+202E and U+2066–U+2069 reorder the text around them on the
site, in Markdown and in Word: a plan holding one says something else than it seems to. Any
of them, put anywhere in any string value of a real plan, is refused at its line and column
by ``mvkplan validate`` with either YAML engine; the direction marks U+200E/U+200F are not
overrides and stay allowed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from mvkplan.messages.i18n import MESSAGES
from mvkplan.source import libyaml, rapid
from mvkplan.source.nodes import MappingNode, Node, ScalarNode, SequenceNode
from mvkplan.source.parse import parse_yaml
from mvkplan.source.positions import BIDI

ENGINES = {"rapidyaml": rapid, "libyaml": libyaml}
OVERRIDES = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
SHIPPED = sorted([*REPO.glob("plans/**/*.yaml"), *REPO.glob("src/mvkplan/data/**/*.yaml")])
PLANS = sorted(REPO.glob("plans/**/*.yaml"))


@pytest.fixture(params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Every parse in the test goes through one engine."""
    module = ENGINES[request.param]
    monkeypatch.setattr("mvkplan.source.engines.engine", lambda name=None: module)
    return module


def _strings(node: Node) -> Iterator[ScalarNode]:
    if isinstance(node, MappingNode):
        for _key, value in node.pairs:
            yield from _strings(value)
    elif isinstance(node, SequenceNode):
        for item in node.items:
            yield from _strings(item)
    elif isinstance(node, ScalarNode) and not node.is_null:
        yield node


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_plans_and_data_hold_no_override(path: Path) -> None:
    assert not BIDI.search(path.read_text(encoding="utf-8"))


def test_the_message_and_hint_exist_in_both_languages() -> None:
    for key in ("E112", "E112.hint"):
        english, swedish = MESSAGES[key]
        assert english and swedish and english != swedish


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_override_in_any_string_value_is_refused_where_it_stands(
    engine: ModuleType, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject,
) -> None:
    source = data.draw(st.sampled_from(PLANS), label="plan")
    text = source.read_text(encoding="utf-8")
    values = list(_strings(parse_yaml(source.read_bytes())))
    value = data.draw(st.sampled_from(values), label="value")
    lines = text.split("\n")
    # Anywhere on the value's first line, from where it starts to the line's end.
    line_text = lines[value.line - 1]
    column = data.draw(st.integers(value.column, len(line_text) + 1), label="column")
    override = data.draw(st.sampled_from(OVERRIDES), label="override")
    lines[value.line - 1] = line_text[:column - 1] + override + line_text[column - 1:]
    project = tmp_path_factory.mktemp("bidi")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (project / "plans").mkdir()
    shutil.copy(source, project / "plans" / source.name)
    (project / "plans" / source.name).write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("validate", "--no-cache", cwd=project)
    assert result.exit_code == 1, result
    shown = f"plans/{source.name}:{value.line}:{column}: E112 "
    assert shown in result.stdout, result
    assert f"U+{ord(override):04X}" in result.stdout, result


@pytest.mark.parametrize("mark", ["\u200e", "\u200f"])
def test_direction_marks_stay_allowed(engine: ModuleType, real_project: Path, mark: str) -> None:
    plan = real_project / "plans" / "kalmar" / "kalmar-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\ntitle: ", f"\ntitle: {mark}", 1), encoding="utf-8")
    result = run_cli("validate", "--no-cache", cwd=real_project)
    assert "E112" not in result.stdout and "E103" not in result.stdout, result
