"""Both YAML engines give the same nodes, positions and refusals; positions are an editor's.

rapidyaml is the engine when installed, libyaml the fallback (``mvkplan.source.engines``).
Every test here runs against both, so the fallback cannot drift from the fast path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_validate_broken import BROKEN, EXPECTED

from conftest import REPO, run_cli
from mvkplan.source import libyaml, rapid
from mvkplan.source.locate import Locator, locate
from mvkplan.source.nodes import MappingNode, Node, ScalarNode, SequenceNode, YamlError, to_data
from mvkplan.source.parse import parse_yaml
from mvkplan.source.plain import parse_plain

ENGINES = {"rapidyaml": rapid, "libyaml": libyaml}
SOURCES = sorted([*REPO.glob("plans/**/*.yaml"), *REPO.glob("src/mvkplan/data/**/*.yaml")])


@pytest.fixture(params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Every parse in the test goes through one engine."""
    module = ENGINES[request.param]
    monkeypatch.setattr("mvkplan.source.engines.engine", lambda name=None: module)
    return module


def parse_with(module: ModuleType, data: bytes) -> Node | tuple[str, int, int]:
    import mvkplan.source.engines as engines

    saved = engines.engine
    engines.engine = lambda name=None: module  # type: ignore[assignment]
    try:
        return parse_yaml(data)
    except YamlError as exc:
        return exc.code, exc.line, exc.column
    finally:
        engines.engine = saved  # type: ignore[assignment]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_suite_reports_the_same_place_with_each_engine(
    name: str, project: Path, engine: ModuleType
) -> None:
    shutil.copy(BROKEN / name, project / "plans" / name)
    code, line, column = EXPECTED[name]
    result = run_cli("validate", cwd=project)
    assert f"plans/{name}:{line}:{column}: {code} " in result.stdout, result


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_real_documents_give_identical_nodes(path: Path) -> None:
    data = path.read_bytes()
    fast, fallback = parse_with(rapid, data), parse_with(libyaml, data)
    assert isinstance(fast, MappingNode)
    assert fast == fallback


def test_rapid_engine_takes_the_real_documents_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real document needs the libyaml engine: the fast path is the path."""
    def refuse(*_args: object) -> Node:
        raise AssertionError("handed to libyaml")

    monkeypatch.setattr(libyaml, "parse", refuse)
    for path in SOURCES:
        assert isinstance(parse_with(rapid, path.read_bytes()), MappingNode), path


def test_scalars_stay_text_as_written(engine: ModuleType) -> None:
    root = parse_yaml(b'a: 07\nb: no\nc: 2024-01-01\nd: ~\ne:\nf: "~"\ng: 1.50\nh: true\n')
    values = {k.value: (v.value, v.is_null) for k, v in root.pairs if isinstance(v, ScalarNode)}
    assert values == {"a": ("07", False), "b": ("no", False), "c": ("2024-01-01", False),
                      "d": ("~", True), "e": ("", True), "f": ("~", False),
                      "g": ("1.50", False), "h": ("true", False)}


# -- positions: code points, \n and \r\n line breaks, for every code -------------------------

LINE = st.text(st.sampled_from("abc åäö–é€😀 :\t"), max_size=12).map(str.strip)
DOCUMENT = st.lists(LINE, min_size=1, max_size=8)


def _body(lines: list[str]) -> list[str]:
    return [f"k{i}: '{text.replace(chr(39), '')}'" for i, text in enumerate(lines)]


@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=DOCUMENT, data=st.data(), control=st.sampled_from(["\x07", "\x1b", "\x7f", "\x85", "\x00"]))
def test_control_character_is_refused_where_an_editor_shows_it(
    lines: list[str], data: st.DataObject, control: str
) -> None:
    body = _body(lines)
    row = data.draw(st.integers(0, len(body) - 1))
    column = data.draw(st.integers(len(f"k{row}: '"), len(body[row])))
    body[row] = body[row][:column] + control + body[row][column:]
    source = "\n".join(body).encode()
    for module in ENGINES.values():
        assert parse_with(module, source) == ("E103", row + 1, column + 1)


@settings(max_examples=30, derandomize=True, deadline=None)
@given(lines=DOCUMENT, separator=st.sampled_from(["\u2028", "\u2029"]), crlf=st.booleans())
def test_unicode_separators_and_crlf_do_not_move_positions(
    lines: list[str], separator: str, crlf: bool
) -> None:
    body = _body(lines)
    body[0] = body[0][:-1] + separator + "'"
    newline = "\r\n" if crlf else "\n"
    source = (newline.join(body) + f"{newline}k0: x{newline}").encode()
    for module in ENGINES.values():
        assert parse_with(module, source) == ("E104", len(body) + 1, 1)


@settings(max_examples=30, derandomize=True, deadline=None)
@given(prefix=st.text(st.sampled_from("aåä€😀 "), max_size=10))
def test_invalid_utf8_is_located_in_code_points(prefix: str) -> None:
    source = b"id: x\ntitle: " + prefix.encode() + b"\xff\n"
    for module in ENGINES.values():
        assert parse_with(module, source) == ("E101", 2, len("title: " + prefix) + 1)


# -- mutated real documents: whatever one engine says, the other says too --------------------

MUTATION_EXAMPLES = int(os.environ.get("MVKPLAN_MUTATION_EXAMPLES", "150"))
MUTATIONS = ["", "&a ", "*a", "!!str ", "\t", ":", "- ", "'", '"', "[", "{", "#", "|\n", "\n---\n",
             "? ", "\n  ", "x: y\n"]


def _mutated(source: Path, data: st.DataObject) -> bytes:
    """A real document with one of MUTATIONS written somewhere over up to three bytes."""
    text = source.read_bytes()
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    insert = data.draw(st.sampled_from(MUTATIONS)).encode()
    return text[:at] + insert + text[at + cut:]


@settings(max_examples=MUTATION_EXAMPLES, derandomize=True, deadline=None)
@given(source=st.sampled_from(SOURCES), data=st.data())
def test_mutated_documents_give_the_same_answer_from_both_engines(
    source: Path, data: st.DataObject
) -> None:
    mutated = _mutated(source, data)
    assert _shape(parse_with(rapid, mutated)) == _shape(parse_with(libyaml, mutated))


# -- the fast path: plain data without nodes, exactly where the engine takes a document -------


def _full_data(data: bytes) -> object:
    """What the full path makes of ``data``: plain data, or the code it refuses it with."""
    result = parse_with(rapid, data)
    return result if isinstance(result, tuple) else to_data(result)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_fast_path_takes_every_real_document_with_the_same_data(path: Path) -> None:
    data = path.read_bytes()
    assert parse_plain(data) == _full_data(data)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fast_path_declines_every_broken_document(name: str) -> None:
    data = (BROKEN / name).read_bytes()
    full = _full_data(data)
    plain = parse_plain(data)
    assert plain is None if isinstance(full, tuple) else plain in (None, full), (full, plain)


@pytest.mark.parametrize("source", [b"id: x\n`example: true` marks it\n", b"id: x\ntitle: @home\n",
                                    b"id: x\nlist:\n  - `x`\n", b"id: x\n@key: y\n"])
def test_reserved_indicators_start_no_plain_text_in_either_engine(source: bytes) -> None:
    """'@' and '`' cannot start plain text; rapidyaml took it, libyaml refuses it (E103)."""
    assert parse_plain(source) is None
    assert _shape(parse_with(rapid, source)) == _shape(parse_with(libyaml, source))
    assert isinstance(parse_with(libyaml, source), tuple)


def test_fast_path_keeps_scalars_as_written() -> None:
    source = b'a: 07\nb: no\nc: 2024-01-01\nd: ~\ne:\nf: "~"\ng: 1.50\nh: true\ni: [x, {j: k}]\n'
    assert parse_plain(source) == {"a": "07", "b": "no", "c": "2024-01-01", "d": None, "e": None,
                                   "f": "~", "g": "1.50", "h": "true", "i": ["x", {"j": "k"}]}
    assert parse_plain(source) == _full_data(source)


@settings(max_examples=MUTATION_EXAMPLES, derandomize=True, deadline=None)
@given(source=st.sampled_from(SOURCES), data=st.data())
def test_mutated_documents_give_the_same_data_from_the_fast_path(
    source: Path, data: st.DataObject
) -> None:
    """The fast path gives the full path's data, or declines; it never takes a refused file."""
    mutated = _mutated(source, data)
    plain = parse_plain(mutated)
    if plain is not None:
        assert plain == _full_data(mutated)


# -- one position without the nodes: the same place as the nodes give ------------------------


def _paths(node: Node, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Node]]:
    yield path, node
    if isinstance(node, MappingNode):
        for key, value in node.pairs:
            yield from _paths(value, (*path, key.value))
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.items):
            yield from _paths(item, (*path, i))


def _deepest(root: MappingNode, path: tuple[str | int, ...]) -> Node:
    from mvkplan.loading.documents import LoadedDocument

    document = LoadedDocument("x", None, root=root)  # type: ignore[arg-type]
    return document.node_at(path)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_one_position_is_where_the_nodes_place_it(path: Path) -> None:
    data = path.read_bytes()
    root = parse_yaml(data)
    once = Locator(data)  # one parse answering every question in turn, as a document asks
    for steps, node in _paths(root):
        assert locate(data, steps) == once.locate(steps) == (node.line, node.column), steps
        for missing in ((*steps, "no-such-key"), (*steps, 10_000), (*steps, -1, "x")):
            deepest = _deepest(root, missing)
            assert locate(data, missing) == once.locate(missing) == (deepest.line, deepest.column)
        assert once.locate((*steps, "no-such-key"), key=True) == (0, 0)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_one_key_position_is_where_the_nodes_place_the_key(path: Path) -> None:
    from mvkplan.loading.validation import load_bytes

    data = path.read_bytes()
    document, _ = load_bytes(data, "x.yaml")
    assert document is not None
    slow = load_bytes(data, "x.yaml")[0]
    assert slow is not None
    slow.fast = False  # the same question answered from the nodes
    for steps, node in _paths(parse_yaml(data)):
        if not isinstance(node, MappingNode):
            continue
        for key, _ in node.pairs:
            assert locate(data, (*steps, key.value), key=True) == (key.line, key.column)
            assert slow.key_position((*steps, key.value)) == (key.line, key.column)
        assert locate(data, (*steps, "no-such-key"), key=True) == (0, 0)
        assert document.key_position((*steps, "no-such-key")) is None
        assert slow.key_position((*steps, "no-such-key")) is None
    assert slow.key_position(("no", "such", "path")) is None


@settings(max_examples=MUTATION_EXAMPLES, derandomize=True, deadline=None)
@given(source=st.sampled_from(SOURCES), data=st.data())
def test_one_position_in_a_mutated_document_is_where_the_nodes_place_it(
    source: Path, data: st.DataObject
) -> None:
    """Wherever the fast path takes a document, a single position agrees with the nodes."""
    mutated = _mutated(source, data)
    if parse_plain(mutated) is None:
        return
    root = parse_yaml(mutated)
    every = list(_paths(root))
    for steps, node in every[:: max(1, len(every) // 40)]:
        assert locate(mutated, steps) == (node.line, node.column), steps


def _shape(result: Node | tuple[str, int, int]) -> object:
    if isinstance(result, tuple):
        return result
    return _nodes(result)


def _nodes(node: Node) -> object:
    if isinstance(node, MappingNode):
        return (node.line, node.column, [(_nodes(k), _nodes(v)) for k, v in node.pairs])
    if isinstance(node, SequenceNode):
        return (node.line, node.column, [_nodes(item) for item in node.items])
    assert isinstance(node, ScalarNode)
    return (node.line, node.column, node.value, node.plain)


@settings(max_examples=15, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(separators=st.lists(st.sampled_from(["\u2028", "\u2029", "\u00a0"]), min_size=1, max_size=4),
       crlf=st.booleans())
def test_lint_findings_are_located_on_editor_lines(
    project: Path, separators: list[str], crlf: bool
) -> None:
    newline = "\r\n" if crlf else "\n"
    lines = ["id: plan", "kind: regional-plan", f"title: 'Plan{''.join(separators)} för länet'",
             "subtitle: 'En rad'", "areas:", "  - id: a", "    goals:",
             "      - id: g", "        title: TODO skriv målet"]
    (project / "plans" / "plan.yaml").write_bytes(newline.join(lines).encode() + newline.encode())
    result = run_cli("lint", "--select", "MVK", "--format", "json", "--no-cache", cwd=project)
    import json

    found = [(p["line"], p["column"]) for p in json.loads(result.stdout)["problems"]
             if p["path"] == "plans/plan.yaml" and "TODO" in p["message"] + (p.get("hint") or "")]
    assert found == [(9, 16)], result
