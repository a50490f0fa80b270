"""Validate after a few files changed starts from the index the last whole run kept.

Unchanged documents are known from that index (their summaries and own problems), and their
link problems are taken from it when every changed file defines what it defined before
(:func:`mvkplan.index.stored.defines`). Every kind of edit a user makes between two runs is
applied in generated sequences; after each step ``validate`` (text and JSON) must print
exactly what ``validate --no-cache`` prints. Other tests check that a title edit takes the
short way (only the changed document's links are checked, no cache entry of an unchanged
document is opened), and that a tampered index slot is ignored, never unpickled.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_warm_runs import (  # the same edits, runs and crafted entries
    _add_broken,
    _answers,
    _pickle_bomb,
    _project,
    _remove,
    _rename,
)

import mvkplan.loading.digests
from conftest import run_cli

PLAN = Path("plans/kalmar/kalmar-2024.yaml")
"""A plan two follow-ups name; it supersedes kalmar-2021 and others link to its goals."""
OTHER = Path("plans/kronoberg/kronoberg-2018-reviderad.yaml")
"""The plan ``benchmarks/scale.py`` retitles."""
FOLLOW_UP = Path("plans/kalmar/uppfoljning/kalmar-2024-2025.yaml")
OLD = Path("plans/kalmar/kalmar-2021.yaml")
SECOND = Path("plans/jonkoping/jonkoping-2022.yaml")
LINKING = Path("plans/examples/exempelkommun-2025.yaml")
"""Links to goals of ``PLAN``."""

Edit = Callable[[Path], None]


def _toggle(relative: Path, old: str, new: str) -> Edit:
    """An edit of one file: applied again, it puts the text back (none while it is away)."""

    def apply(root: Path) -> None:
        path = root / relative
        if not path.exists():
            return
        text = path.read_text(encoding="utf-8")
        text = text.replace(old, new, 1) if old in text else text.replace(new, old, 1)
        path.write_text(text, encoding="utf-8")

    return apply


def _retitle(relative: Path, title: str) -> Edit:
    """The document's title set to ``title`` (written as a double-quoted YAML string)."""

    def apply(root: Path) -> None:
        path = root / relative
        if not path.exists():
            return
        lines = path.read_text(encoding="utf-8").split("\n")  # only YAML's line breaks
        at = next(n for n, line in enumerate(lines) if line.startswith("title:"))
        lines[at] = f"title: {json.dumps(title, ensure_ascii=False)}"
        path.write_text("\n".join(lines), encoding="utf-8")

    return apply


_TITLE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_GOAL_RENAMED = _toggle(PLAN, "- id: likvardig-kunskap\n", "- id: likvardig-kunskap-ny\n")
_STATUS_CHANGED = _toggle(OLD, "status: superseded", "status: adopted")

EDITS: dict[str, st.SearchStrategy[Edit]] = {
    "title edit": st.builds(_retitle, st.sampled_from([PLAN, OTHER, FOLLOW_UP, LINKING]), _TITLE),
    "link broken or fixed": st.just(_toggle(PLAN, "links: [jamstalldhetsmal/6]",
                                            "links: [jamstalldhetsmal/96]")),
    "goal renamed (others link to it)": st.just(_GOAL_RENAMED),
    "item id made a duplicate": st.just(_toggle(PLAN, "- id: vision-och-syfte",
                                                "- id: fran-plan-till-handling")),
    "document id made a duplicate": st.just(_toggle(SECOND, "id: jonkoping-2022", "id: kalmar-2024")),
    "supersedes removed": st.just(_toggle(PLAN, "supersedes: kalmar-2021", "supersedes: kalmar-2019")),
    "status changed": st.just(_STATUS_CHANGED),
    "follow-up value": st.just(_toggle(FOLLOW_UP, 'value: "60,4"', 'value: "sextio"')),
    "file added": st.just(_add_broken),
    "file removed": st.just(_remove),
    "file renamed": st.just(_rename),
}


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
# An edit undone: what the index keeps of the changed file must be what it defines now.
@example(steps=[("goal renamed", _GOAL_RENAMED), ("goal renamed back", _GOAL_RENAMED)])
@example(steps=[("status changed", _STATUS_CHANGED), ("status changed back", _STATUS_CHANGED)])
# A file that links to what another changed file renamed, edited in the next run: its links
# are checked against what the index keeps of that file.
@example(steps=[("goal renamed", _GOAL_RENAMED), ("title edit", _retitle(LINKING, "Ny"))])
@given(steps=st.lists(st.sampled_from(sorted(EDITS)).flatmap(
    lambda name: st.tuples(st.just(name), EDITS[name])), min_size=1, max_size=5))
def test_after_any_edits_validate_answers_as_a_cold_one(
    steps: list[tuple[str, Edit]], tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path_factory.mktemp("change") / "project")
    _answers(root)  # keeps the index the next run starts from
    for name, edit in steps:
        edit(root)
        assert _answers(root) == _answers(root, "--no-cache"), [name for name, _ in steps]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=_TITLE)
def test_a_title_edit_checks_only_the_changed_document_and_opens_no_unchanged_entry(
    title: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any title round-trips: the answer is the cold one, and the short way was taken."""
    import mvkplan.checks.references
    import mvkplan.loading.cache

    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path_factory.mktemp("title") / "project")
    _answers(root)
    _retitle(OTHER, title)(root)
    checked: list[str] = []
    opened: list[str] = []
    document_links = mvkplan.checks.references._document_links
    get = mvkplan.loading.cache.LoadCache.get

    def counted_links(index: object, links: list[object], unloaded: object) -> object:
        checked.extend(sorted({link.file for link in links}))  # type: ignore[attr-defined]
        return document_links(index, links, unloaded)  # type: ignore[arg-type]

    def counted_get(self: mvkplan.loading.cache.LoadCache, key: str) -> object:
        opened.append(key)
        return get(self, key)

    monkeypatch.setattr(mvkplan.checks.references, "_document_links", counted_links)
    monkeypatch.setattr(mvkplan.loading.cache.LoadCache, "get", counted_get)
    warm = run_cli("validate", "--format", "json", cwd=root)
    monkeypatch.undo()
    cold = run_cli("validate", "--format", "json", "--no-cache", cwd=root)
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    if cold.exit_code == 0:  # a title the schema refuses makes the file fail: all is checked
        assert set(checked) <= {OTHER.as_posix()}, checked
        assert opened == [], opened  # only the changed file is loaded (it has no entry yet)
    titles = [line for line in (root / OTHER).read_text(encoding="utf-8").split("\n")
              if line.startswith("title:")]
    assert titles == [f"title: {json.dumps(title, ensure_ascii=False)}"]


def _slot(root: Path) -> Path:
    from mvkplan.index.stored import SLOT
    from mvkplan.loading.runs import RunCache
    from mvkplan.project.config import find_project

    return RunCache(find_project(root))._slot(SLOT, [])


def _other_place(original: bytes, root: Path) -> bytes:
    """The entry of another slot, signed for that slot: valid, but not for this place."""
    from mvkplan.loading.cache import encode_entry

    return encode_entry(("key", "not an index"), "runs/elsewhere") or b""


@pytest.mark.parametrize("tamper", [
    _pickle_bomb, _other_place, lambda original, root: b"", lambda original, root: original[:-7],
    lambda original, root: original[:17] + bytes(32) + original[17 + 32:],
], ids=["pickle", "signed elsewhere", "empty", "cut short", "signature zeroed"])
def test_a_tampered_index_slot_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper: Callable[[bytes, Path], bytes],
) -> None:
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path / "project")
    _answers(root)
    slot = _slot(root)
    original = slot.read_bytes()
    _retitle(OTHER, "Ny titel")(root)
    slot.write_bytes(tamper(original, root))
    assert _answers(root) == _answers(root, "--no-cache")
    assert not (root / "MARKER").exists()


def test_nothing_is_started_from_an_index_kept_by_a_run_that_saw_a_file_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An index whose problems hold an E110 (a file changed while it was read) is not used."""
    from mvkplan.index import stored
    from mvkplan.messages.problems import Problem

    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path / "project")
    keep = stored.store_index

    def with_e110(*args: object, **options: object) -> stored.StoredIndex:
        kept = keep(*args, **options)  # type: ignore[arg-type]
        return stored.StoredIndex(**{**kept.__dict__,  # as if a file changed while read
                                     "problems": [*kept.problems, Problem("x", 1, 1, "E110", "x")],
                                     "own": {f.id: [Problem(f.path, 1, 1, "E299", "made up")]
                                             for f in kept.documents if f.id in kept.own}})

    monkeypatch.setattr(stored, "store_index", with_e110)
    _answers(root)
    monkeypatch.setattr(stored, "store_index", keep)
    _retitle(OTHER, "Ny titel")(root)
    assert _answers(root) == _answers(root, "--no-cache")


def test_an_index_of_another_configuration_is_not_used(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The index is the starting point only for the same mvkplan, language and configuration:
    a language change checks everything again (messages are kept in the index)."""
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path / "project")
    _add_broken(root)  # problems in a file that does not change, with messages to translate
    _answers(root)
    _retitle(OTHER, "Ny titel")(root)
    swedish = {"MVKPLAN_LANG": "sv"}
    warm = run_cli("validate", cwd=root, env=swedish)
    cold = run_cli("validate", "--no-cache", cwd=root, env=swedish)
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    assert os.environ.get("MVKPLAN_LANG") != "sv"


_PART = st.text(st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), min_size=1,
                max_size=8) | st.sampled_from([".", "..", "a.yaml", ".yaml", "x.", "b.c.yml"])


@given(parts=st.lists(_PART.filter(lambda part: part != "."), min_size=1, max_size=5),
       slashes=st.sampled_from(["", "/"]))
def test_a_shown_paths_stem_is_the_one_pathlib_gives(parts: list[str], slashes: str) -> None:
    """Shown paths are normalised (no "." part, no doubled '/')."""
    from pathlib import PurePosixPath

    from mvkplan.checks.references import _stem

    shown = "/".join(parts) + slashes
    assert _stem(shown) == PurePosixPath(shown).stem


@given(parts=st.lists(st.lists(_PART, min_size=1, max_size=4), min_size=1, max_size=6),
       inside=st.booleans())
def test_shown_paths_are_display_paths(parts: list[list[str]], inside: bool, tmp_path_factory:
                                       pytest.TempPathFactory) -> None:
    from mvkplan.loading.files import shown_paths
    from mvkplan.project.paths import display_path

    root = tmp_path_factory.getbasetemp() / "root"
    base = root if inside else root.parent / "elsewhere"
    files = [Path(base, *names) for names in parts]
    assert shown_paths(files, root) == [display_path(path, root) for path in files]
