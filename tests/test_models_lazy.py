"""The document models build their validators at first use, with the same results (issue 27).

Importing :mod:`mvkplan.models` builds no validator: a run that validates one changed plan
builds that plan's kind only. A validator built late must judge exactly as one built at
import did (the same messages, places and codes for any broken document, in any order the
kinds are first met), and forked workers must inherit every kind from their parent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import mvkplan
from conftest import PLANS, REPO
from mvkplan.loading.validation import load_bytes

SRC = str(Path(mvkplan.__file__).resolve().parent.parent)

CONSULTATION = {
    "id": "remiss-exempel", "kind": "consultation", "title": "Remiss", "plan": "kalmar-2024",
    "revision": "abc123", "sent": "2024-01-10", "deadline": "2024-03-01",
    "bodies": [{"id": "kalmar-kommun", "name": "Kalmar kommun", "municipality": "kalmar-kommun"}],
    "responses": [{"body": "kalmar-kommun", "date": "2024-02-01", "text": "Bra.",
                   "decision": "partly", "reason": "Delvis."}],
}


def _real_documents() -> list[dict[str, Any]]:
    """One real document of every kind, as plain data (the repo's plans, the shipped data)."""
    paths = sorted(PLANS.rglob("*.yaml")) + sorted((REPO / "src" / "mvkplan" / "data").rglob("*.yaml"))
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("kind"), str):
            found.setdefault(data["kind"], data)
    found["consultation"] = CONSULTATION
    return list(found.values())


DOCUMENTS = _real_documents()
WRONG = st.sampled_from([None, 0, -1, 2.5, True, "", " ", "2024-13-01", "2025-02-30", "a b/c",
                         [], ["x"], {}, {"x": 1}, "N1234", "[[okänd]]"])


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every mapping in ``data`` (where a key can be added, changed or removed)."""
    found = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


@st.composite
def broken(draw: st.DrawFn) -> str:
    """A real document of some kind with a few keys removed, added or given a wrong value."""
    data = json.loads(json.dumps(draw(st.sampled_from(DOCUMENTS)), default=str))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(data)))
        target = data
        for step in path:
            target = target[step]
        keys = sorted(target)
        action = draw(st.sampled_from(["remove", "add", "wrong"]))
        if action == "remove" and keys:
            del target[draw(st.sampled_from(keys))]
        elif action == "add":
            target[draw(st.sampled_from(["x-okand", "extra", "Title"]))] = draw(WRONG)
        elif keys:
            target[draw(st.sampled_from(keys))] = draw(WRONG)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


_JUDGE = """
import json, sys
from mvkplan.loading.validation import load_bytes
from mvkplan.models import DOCUMENT_MODELS, build_validators
texts = json.load(sys.stdin)
if sys.argv[1] == "eager":
    build_validators()
out = []
for number, text in enumerate(texts):
    loaded = load_bytes(text.encode(), f"doc{number}.yaml")
    out.append([p.to_dict() for p in loaded.problems])
print(json.dumps(out))
"""


def _judged_in_a_new_process(texts: list[str], order: str) -> list[Any]:
    done = subprocess.run([sys.executable, "-c", _JUDGE, order], input=json.dumps(texts),
                          capture_output=True, text=True, env={"PYTHONPATH": SRC,
                                                              "MVKPLAN_LANG": "en"}, check=True)
    return json.loads(done.stdout)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(broken(), min_size=2, max_size=6))
def test_a_validator_built_late_judges_as_one_built_first(texts: list[str]) -> None:
    # This process built its validators in whatever order earlier tests met the kinds; a new
    # process builds each kind when these documents first need it, or all of them first.
    here = [[p.to_dict() for p in load_bytes(t.encode(), f"doc{n}.yaml").problems]
            for n, t in enumerate(texts)]
    assume(any(here))  # a mutation may leave a document valid; some must not
    assert _judged_in_a_new_process(texts, "lazy") == here
    assert _judged_in_a_new_process(texts, "eager") == here


_BUILT = """
import json, sys
from pydantic import BaseModel
import mvkplan.models
from mvkplan.loading.validation import load_bytes

def every(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from every(sub)

def built():
    return sorted({c.__qualname__ for c in every(BaseModel)
                   if c.__module__.startswith("mvkplan.models") and c.__pydantic_complete__})

before = built()
problems = load_bytes(sys.stdin.read().encode(), "doc.yaml").problems
print(json.dumps({"before": before, "after": built(), "problems": [p.code for p in problems]}))
"""


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d["kind"])
def test_import_builds_no_validator_and_a_document_builds_its_kind_only(document: dict) -> None:
    from mvkplan.models import DOCUMENT_MODELS

    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    done = subprocess.run([sys.executable, "-c", _BUILT], input=text, capture_output=True,
                          text=True, env={"PYTHONPATH": SRC}, check=True)
    seen = json.loads(done.stdout)
    assert seen["before"] == []
    kind = DOCUMENT_MODELS[document["kind"]].__qualname__
    others = {m.__qualname__ for m in DOCUMENT_MODELS.values()} - {kind}
    assert kind in seen["after"]
    assert not others & set(seen["after"])


_FORKED = """
import json, os
os.environ["MVKPLAN_JOBS"] = "2"
import mvkplan.models
from mvkplan.models import DOCUMENT_MODELS
from mvkplan.project.parallel import map_ordered

def built(_):
    return [m.__qualname__ for m in DOCUMENT_MODELS.values() if m.__pydantic_complete__]

print(json.dumps(map_ordered(built, [0, 1], minimum=1)))
"""


def test_forked_workers_inherit_every_kind_built() -> None:
    from mvkplan.models import DOCUMENT_MODELS

    done = subprocess.run([sys.executable, "-c", _FORKED], capture_output=True, text=True,
                          env={"PYTHONPATH": SRC}, check=True)
    every = [m.__qualname__ for m in DOCUMENT_MODELS.values()]
    assert json.loads(done.stdout) == [every, every]


def _every_model() -> list[type]:
    from mvkplan.models.common import Model

    found, stack = [], [Model]
    while stack:
        model = stack.pop()
        found.append(model)
        stack.extend(model.__subclasses__())
    return found


@pytest.mark.parametrize("model", _every_model(), ids=lambda m: m.__qualname__)
def test_every_list_default_is_a_new_list_from_a_python_function(model: type) -> None:
    # ``default_factory=list`` makes pydantic parse the builtin's text signature each time a
    # validator is built (a third of building a kind); a shared list would leak between objects.
    for name, field in model.model_fields.items():  # type: ignore[attr-defined]
        factory = field.default_factory
        if factory is None:
            continue
        assert factory is not list, f"{model.__qualname__}.{name}: use new_list"
        first, second = factory(), factory()
        assert first == [] and first is not second, f"{model.__qualname__}.{name}"
