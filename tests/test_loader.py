"""The YAML boundary keeps what the author wrote and refuses what could hurt."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from mvkplan.loading.validation import load_bytes
from mvkplan.source.nodes import YamlError, to_data
from mvkplan.source.parse import parse_yaml


def test_yaml_11_traps_stay_text() -> None:
    data = to_data(parse_yaml(
        b"code: 07\nother: 08\nanswer: no\non: yes\nday: 2024-01-01\ntarget: 5.10\nn: ~\n"
    ))
    assert data == {"code": "07", "other": "08", "answer": "no", "on": "yes",
                    "day": "2024-01-01", "target": "5.10", "n": None}


def test_text_fields_keep_no_and_dates_as_written() -> None:
    document, problems = load_bytes(
        b"id: x\nkind: regional-plan\ntitle: no\nsubtitle: 2024-01-01\nvision: 07\n", "x.yaml"
    )
    assert problems == []
    assert document is not None
    assert (document.model.title, document.model.subtitle, document.model.vision) == (
        "no", "2024-01-01", "07")


def test_bom_and_crlf_are_fine() -> None:
    document, problems = load_bytes(b"\xef\xbb\xbfid: x\r\nkind: regional-plan\r\ntitle: T\r\n", "x")
    assert problems == [] and document is not None and document.model.title == "T"


def test_positions_are_one_based() -> None:
    root = parse_yaml(b"id: x\nareas:\n  - id: a\n")
    areas = root.get("areas")
    assert (areas.line, areas.column) == (3, 3)  # type: ignore[union-attr]


BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_quickly_with_bounded_memory() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlError) as caught:
        parse_yaml(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert caught.value.code == "E105"
    assert (caught.value.line, caught.value.column) == (1, 4)
    assert elapsed < 1.0
    assert peak < 5 * 1024 * 1024


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(b"a: " + b"[" * 200 + b"]" * 200 + b"\n")
    assert caught.value.code == "E111"


def test_positions_are_built_on_demand_from_the_file_and_agree_with_a_full_parse(
    tmp_path: object,
) -> None:
    """A loaded document keeps no nodes; asked for a position, it parses its file again."""
    from pathlib import Path

    from conftest import PLANS
    from mvkplan.loading.load import load_file

    source = PLANS / "kalmar" / "kalmar-2024.yaml"
    copy = Path(str(tmp_path)) / "kalmar-2024.yaml"
    copy.write_bytes(source.read_bytes())
    document, problems = load_file(copy, "kalmar-2024.yaml")
    assert problems == [] and document is not None
    assert document._root is None  # nothing built while loading
    full = parse_yaml(source.read_bytes())
    assert document.plain() == to_data(full)
    assert document._root is None  # plain data needs no nodes either
    goal = full.get("areas").items[0].get("goals").items[0]  # type: ignore[union-attr]
    assert document.fast
    assert document.position(("areas", 0, "goals", 0)) == (goal.line, goal.column)
    assert document._root is None  # one position: a walk along the path, still no nodes
    from mvkplan.loading.documents import _LOCATED_BEFORE_NODES

    for _ in range(_LOCATED_BEFORE_NODES + 1):  # asked again and again: the nodes are built once
        assert document.position(("areas", 0, "goals", 0)) == (goal.line, goal.column)
    assert document._root is not None
    other = copy.with_name("gone.yaml")
    other.write_bytes(source.read_bytes())
    gone, _ = load_file(other, "gone.yaml")
    other.unlink()  # a file removed since it was loaded: the top of the file, never an error
    assert gone is not None and gone.position(("areas", 0, "goals", 0)) == (1, 1)
