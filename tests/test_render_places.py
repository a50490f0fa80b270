"""Where links stand in their files (``mvkplan.publish.render.places``) is read once per file version:
kept in a store between builds, shared by the processes rendering pages, and never trusted
when the store is damaged or written by another version."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, run_cli, title_line
from mvkplan.checks.validate import load_corpus
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.cache import encode_entry
from mvkplan.loading.documents import LoadedDocument
from mvkplan.project.config import find_project
from mvkplan.publish.render import places


def _forget() -> None:
    places._STORED.clear()
    places._PLACES.clear()


def _needing(index: LinkIndex) -> list[LoadedDocument]:
    found = [d for d in index.documents.values() if places.needs_places(index, d.id)]
    assert len(found) > 3  # the real plans link to one target from differently shaped paths
    return found


def _unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def plain(self: LoadedDocument) -> dict[str, object]:
        raise AssertionError(f"{self.id} was read again")

    monkeypatch.setattr(LoadedDocument, "plain", plain)


def test_the_store_gives_the_places_read_from_the_files(
    real_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = load_corpus(find_project(real_project)).index
    _forget()
    places.prepare(index, parallel=False)
    read = {d.id: places.places_of(d, index) for d in _needing(index)}
    store = tmp_path / "places.pickle"
    places.save_store(store, index)
    _forget()
    places.load_store(store)
    _unreadable(monkeypatch)
    assert {d.id: places.places_of(d, index) for d in _needing(index)} == read
    places.prepare(index, parallel=False)  # nothing left to read


@pytest.mark.parametrize("damage", [
    lambda data: data[:-3],                                        # cut short
    lambda data: b"not a store at all",
    lambda data: encode_entry(("another version", {"x": {("links", 0): (0, 0)}}), "build/places"),
    lambda data: encode_entry(["a list"], "build/places"),
])
def test_a_damaged_or_foreign_store_is_not_trusted(
    real_project: Path, tmp_path: Path, damage: object,
) -> None:
    index = load_corpus(find_project(real_project)).index
    _forget()
    places.prepare(index, parallel=False)
    store = tmp_path / "places.pickle"
    places.save_store(store, index)
    store.write_bytes(damage(store.read_bytes()))  # type: ignore[operator]
    _forget()
    places.load_store(store)
    assert places._STORED == {}
    places.load_store(tmp_path / "absent.pickle")
    assert places._STORED == {}


def test_a_build_after_one_change_reads_only_the_changed_file_again(
    real_project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run_cli("build", cwd=real_project).exit_code == 0
    store = real_project / ".mvkplan_cache" / "build" / "places.pickle"
    assert store.is_file()
    _forget()  # as in a new process
    plan = real_project / "plans" / "kalmar" / "kalmar-2024.yaml"
    edit(plan, title_line(plan), "title: En ny titel")
    reread: list[str] = []
    real_plain = LoadedDocument.plain

    def plain(self: LoadedDocument) -> dict[str, object]:
        reread.append(self.id)
        return real_plain(self)

    monkeypatch.setattr(LoadedDocument, "plain", plain)
    result = run_cli("build", cwd=real_project)
    assert result.exit_code == 0, result
    assert set(reread) <= {"kalmar-2024"}
    assert run_cli("build", "--no-cache", "--out", "fresh", cwd=real_project).exit_code == 0
    built = {p.relative_to(real_project / "site"): p.read_bytes()
             for p in (real_project / "site").rglob("*") if p.is_file()}
    fresh = {p.relative_to(real_project / "fresh"): p.read_bytes()
             for p in (real_project / "fresh").rglob("*") if p.is_file()}
    assert built == fresh
