"""Warm runs: what a run remembers of the last (file digests by stat, answers, kept data)
never changes an answer.

Each kind of edit a user makes between two runs (a link broken and fixed, a goal removed, a
follow-up's value, a file added, removed or renamed, an edit that keeps the size and puts the
modification time back) is applied in generated sequences, and after each step ``validate``
with everything the last runs left must print exactly what ``validate --no-cache`` prints.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mvkplan.loading.digests
from conftest import PLANS, REPO, run_cli

FOLLOW_UP = Path("plans/kalmar/uppfoljning/kalmar-2024-2025.yaml")
PLAN = Path("plans/kalmar/kalmar-2024.yaml")


def _replace(relative: Path, old: str, new: str, *, keep_times: bool = False) -> Callable[[Path], None]:
    """An edit of one file (a toggle: applied again, it puts the text back)."""

    def apply(root: Path) -> None:
        path = root / relative
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        text = text.replace(old, new, 1) if old in text else text.replace(new, old, 1)
        path.write_text(text, encoding="utf-8")
        if keep_times:  # the same size and modification time: only the change time tells
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    return apply


def _add_broken(root: Path) -> None:
    target = root / "plans" / "unknown-document.yaml"
    if target.exists():
        target.unlink()
    else:
        shutil.copy(REPO / "tests" / "broken" / "unknown-document.yaml", target)


def _remove(root: Path) -> None:
    path, kept = root / "plans/kalmar/kalmar-2021.yaml", root / "kalmar-2021.yaml.away"
    if path.exists():
        path.rename(kept)
    else:
        kept.rename(path)


def _rename(root: Path) -> None:
    old, new = root / "plans/jonkoping/jonkoping-2022.yaml", root / "plans/jonkoping/jonkoping-2023.yaml"
    (old if old.exists() else new).rename(new if old.exists() else old)


EDITS: dict[str, Callable[[Path], None]] = {
    "link broken or fixed": _replace(PLAN, "links: [jamstalldhetsmal/6]", "links: [jamstalldhetsmal/96]"),
    "goal removed": _replace(PLAN, "- id: likvardig-kunskap", "- id: likvardig-kunskap-borttagen"),
    "follow-up value": _replace(FOLLOW_UP, 'value: "60,4"', 'value: "sextio"'),
    "same size, time put back": _replace(FOLLOW_UP, 'value: "60,4"', 'value: "6x,4"', keep_times=True),
    "file added": _add_broken,
    "file removed": _remove,
    "file renamed": _rename,
}


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, folder / "plans")
    return folder


def _answers(root: Path, *extra: str) -> list[tuple[int, str]]:
    return [(result.exit_code, result.stdout) for result in
            (run_cli("validate", *extra, cwd=root), run_cli("validate", "--format", "json", *extra, cwd=root))]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=4))
def test_after_any_edits_a_warm_validate_answers_as_a_cold_one(
    steps: list[str], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No racy margin: the record trusts every stat it has seen, the harshest case for it
    # (files made by a test are seconds old, which the real margin would never trust).
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path_factory.mktemp("warm") / "project")
    _answers(root)  # fills the caches and the record of digests
    for step in steps:
        EDITS[step](root)
        assert _answers(root) == _answers(root, "--no-cache"), steps


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(old=st.sampled_from(["60,4", "ja"]), new=st.text("0123456789,", min_size=1, max_size=4))
def test_a_coarse_clock_cannot_hide_an_edit_made_in_the_second_of_the_record(
    old: str, new: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a file system that keeps whole seconds, an edit within the second a file was hashed
    leaves size, modification and change time as they were: git's racy rule must catch it."""
    real_of = mvkplan.loading.digests.Stamp.of

    def whole_seconds(stat: os.stat_result) -> mvkplan.loading.digests.Stamp:
        stamp = real_of(stat)
        return mvkplan.loading.digests.Stamp(
            stamp.size, stamp.mtime_ns // 10**9 * 10**9, stamp.ctime_ns // 10**9 * 10**9,
            stamp.inode, stamp.device)

    monkeypatch.setattr(mvkplan.loading.digests.Stamp, "of", staticmethod(whole_seconds))
    root = _project(tmp_path_factory.mktemp("coarse") / "project")
    path = root / FOLLOW_UP
    old_text = f'value: "{old}"'
    padded = f'value: "{new}"'.ljust(len(old_text))[: len(old_text)]  # the same size
    assert _answers(root)  # hashed, and the record written, in this second
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old_text, padded, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _answers(root) == _answers(root, "--no-cache")


def test_a_warm_run_reads_no_file_whose_stat_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    monkeypatch.setattr(mvkplan.loading.digests, "KEPT_UNASKED", 0)  # a record of any size
    root = _project(tmp_path / "project")
    first = _answers(root)
    read: list[Path] = []
    real = Path.read_bytes

    def counted(self: Path) -> bytes:
        if self.suffix == ".yaml":
            read.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert _answers(root) == first
    assert read == []
    _replace(FOLLOW_UP, 'value: "60,4"', 'value: "61,4"')(root)
    _answers(root)
    # only the edited follow-up is read again, and the plan its checks read
    assert set(read) == {root / FOLLOW_UP, root / PLAN}, read
    read.clear()
    assert _answers(root) == _answers(root)  # the run after a change forgot no digest
    assert read == []


def _record(root: Path) -> Path:
    return root / ".mvkplan_cache" / "runs" / "stat"


def _forged(original: bytes, root: Path) -> bytes:
    """The record claiming the edited file unchanged (its new stat, its old digest), with the
    signature it had: believed, the run would answer as before the edit."""
    head, payload = original[:17 + 32], json.loads(original[17 + 32:])
    stat = (root / FOLLOW_UP).stat()
    entry = payload["files"][str(root / FOLLOW_UP)]
    entry[:5] = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]
    return head + json.dumps(payload, separators=(",", ":")).encode()


def _pickle_bomb(original: bytes, root: Path) -> bytes:
    import pickle

    return original[:17 + 32] + pickle.dumps(_Bomb(root / "MARKER"))


class _Bomb:
    """Unpickling this writes a marker: what a crafted record would do if it were unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


@pytest.mark.parametrize("tamper", [
    _forged, _pickle_bomb, lambda original, root: b"", lambda original, root: original[:-7],
    lambda original, root: _forged(original, root)[17 + 32:],  # the JSON alone, unsigned
], ids=["forged digest", "pickle", "empty", "cut short", "unsigned"])
def test_a_tampered_record_of_digests_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper: Callable[[bytes, Path], bytes],
) -> None:
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path / "project")
    _answers(root)
    record = _record(root)
    original = record.read_bytes()
    assert json.loads(original[17 + 32:])["files"]  # the record holds digests
    _replace(FOLLOW_UP, 'value: "60,4"', 'value: "sextio"')(root)
    record.write_bytes(tamper(original, root))
    assert _answers(root) == _answers(root, "--no-cache")
    assert not (root / "MARKER").exists()


@pytest.mark.parametrize("changed", ["plans/kronoberg/kronoberg-2018-reviderad.yaml",
                                     "plans/kalmar/kalmar-profil.yaml"])
def test_after_one_change_unchanged_follow_ups_and_their_plans_are_not_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: str,
) -> None:
    import mvkplan.loading.documents
    import mvkplan.loading.many

    root = _project(tmp_path / "project")
    _answers(root)
    with (root / changed).open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    validated: list[str] = []
    from_plain = mvkplan.loading.many.document_from_plain
    again = mvkplan.loading.documents.LoadedDocument._validate_again

    def counted_from_plain(plain: dict[str, object], shown: str, **options: object) -> object:
        validated.append(shown)
        return from_plain(plain, shown, **options)  # type: ignore[arg-type]

    def counted_again(self: mvkplan.loading.documents.LoadedDocument) -> object:
        validated.append(self.path)
        return again(self)

    monkeypatch.setattr(mvkplan.loading.many, "document_from_plain", counted_from_plain)
    monkeypatch.setattr(mvkplan.loading.documents.LoadedDocument, "_validate_again", counted_again)
    assert _answers(root) == _answers(root, "--no-cache")
    # (the runs with --no-cache validate in their own way: only the cached run is counted)
    assert [shown for shown in validated if "uppfoljning" in shown or "kalmar-2024" in shown] == []


@given(st.lists(st.lists(st.text(st.characters(blacklist_characters="/\0"), min_size=1, max_size=3),
                         min_size=1, max_size=4), max_size=12))
def test_walk_orders_files_as_sorting_paths_does(parts: list[list[str]]) -> None:
    from mvkplan.project.discovery import _order

    paths = [Path("/", *names) for names in parts]
    assert sorted(paths, key=_order) == sorted(paths)


def test_lint_and_check_read_what_validate_kept_and_answer_as_cold_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Follow-ups and their plans are known by validate's entries now; lint and check, which
    keep models, read those entries too."""
    monkeypatch.setattr(mvkplan.loading.digests, "RACY_MARGIN_NS", -10**18)
    root = _project(tmp_path / "project")
    _answers(root)
    for step in sorted(EDITS):
        EDITS[step](root)
        _answers(root)  # validate leaves its entries and remembered checks
        for command in ("lint", "check"):
            warm = run_cli(command, "--format", "json", cwd=root)
            cold = run_cli(command, "--format", "json", "--no-cache", cwd=root)
            assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout), (step, command)


_NAME = st.text(st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",))
                # bytes that are not UTF-8, as Python names them (surrogate escapes)
                | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), min_size=1, max_size=40,
                ).filter(lambda n: n not in (".", "..")
                         and len(n.encode("utf-8", "surrogateescape")) <= 200)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(names=st.lists(_NAME, min_size=1, max_size=5, unique=True))
def test_the_record_of_digests_keeps_any_file_name_exactly(tmp_path_factory: pytest.TempPathFactory,
                                                            names: list[str]) -> None:
    """The record is the one writer here of text a user chose (file names): any name comes back
    as written, with its digest, and is known again by the next run."""
    from mvkplan.loading.digests import DigestRecord

    root = tmp_path_factory.mktemp("names")
    (root / ".mvkplan_cache").mkdir()
    files = []
    for index, name in enumerate(names):
        path = root / name
        path.write_bytes(f"id: x{index}\n".encode())
        files.append(path)
    first = DigestRecord(root / ".mvkplan_cache")
    first.started_ns += 10 * mvkplan.loading.digests.RACY_MARGIN_NS  # every file old enough to keep
    digests = [first.digest(path, 1 << 20) for path in files]
    first.save()
    again = DigestRecord(root / ".mvkplan_cache")
    assert again._known.keys() == {str(path) for path in files}
    assert [again._known[str(path)][1] for path in files] == digests
