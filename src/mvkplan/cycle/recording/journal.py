"""All or nothing across files: an import's follow-ups are all replaced, or none is.

One file is replaced atomically by a rename; several need a journal. :func:`replace_all`

1. settles a journal an earlier run left (:func:`recover`), so two imports never mix;
2. writes the journal (``.mvkplan_cache/recording-journal.json``, itself atomically) in state
   ``staging``, listing each target and the staged file that will replace it;
3. writes every new text to its staged file *beside* the original (``.<name>.mvkplan-new``:
   the same folder, so the same file system and an atomic rename), flushed to disk;
4. rewrites the journal in state ``renaming``: the commit point;
5. renames each staged file onto its target, Ctrl-C held back until the last one is done;
6. removes the journal.

The guarantee: whenever the process dies (killed, power cut after step 4's fsync, an error),
the next mvkplan command that opens the project calls :func:`recover` before it reads a file.
A journal in ``staging`` means no target was touched: the staged files are deleted (rolled
back, every file old). A journal in ``renaming`` means every new text is complete on disk:
each staged file still there is renamed onto its target (rolled forward, every file new); a
rename already done left no staged file, so nothing is renamed twice. Between the kill and
that next command the folder may hold some new and some old files; no mvkplan command reads
them so. The journal holds project-relative paths only, and :func:`recover` acts only on
entries whose staged file is the one mvkplan names beside its target inside the project, and
never on a journal git tracks (one that came with a cloned repository would swap in texts no
reviewer saw in the files).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mvkplan.loading.keys import tracked
from mvkplan.project.writing import default_mode, signals_held, write_atomic

JOURNAL = PurePosixPath(".mvkplan_cache") / "recording-journal.json"
STAGED_SUFFIX = ".mvkplan-new"


class JournalError(Exception):
    """A journal left by an interrupted import that cannot be settled (unreadable, or unsafe)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class Recovered:
    """What :func:`recover` did: ``completed`` (rolled forward) or ``undone`` (rolled back) files."""

    completed: list[str]
    undone: list[str]


def staged_path(target: PurePosixPath) -> PurePosixPath:
    """Where the new text of ``target`` waits for its rename: beside it, hidden."""
    return target.with_name(f".{target.name}{STAGED_SUFFIX}")


def replace_all(root: Path, texts: Mapping[str, bytes]) -> list[str]:
    """Replace every project-relative path in ``texts`` with its bytes, all or none (see above)."""
    recover(root)
    if not texts:
        return []
    targets = [PurePosixPath(path) for path in texts]
    journal = root / JOURNAL
    _write_journal(journal, "staging", targets)
    for target, data in zip(targets, texts.values(), strict=True):
        _write_synced(root / staged_path(target), data, _mode_of(root / target))
    with signals_held():
        _write_journal(journal, "renaming", targets)
        for target in targets:
            (root / target).parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / staged_path(target), root / target)
        _sync_folders(root, targets)
        journal.unlink()
    return [str(target) for target in targets]


def recover(root: Path) -> Recovered:
    """Settle a journal an interrupted import left: roll forward after its commit point, back before."""
    journal = root / JOURNAL
    if not journal.is_file():
        return Recovered([], [])
    if tracked(journal):  # committed with the repository: it would swap files nobody reviewed
        raise JournalError(journal, "it is tracked by git, so it came with the repository, not from an import here")
    state, targets = _read_journal(root, journal)
    done: list[str] = []
    with signals_held():
        for target in targets:
            staged = root / staged_path(target)
            if not staged.is_file():
                continue
            if state == "renaming":
                os.replace(staged, root / target)
            else:
                staged.unlink()
            done.append(str(target))
        _sync_folders(root, targets)
        journal.unlink()
    return Recovered(done, []) if state == "renaming" else Recovered([], done)


def _read_journal(root: Path, journal: Path) -> tuple[str, list[PurePosixPath]]:
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise JournalError(journal, str(exc)) from None
    if (not isinstance(data, dict) or data.get("state") not in ("staging", "renaming")
            or not isinstance(data.get("files"), list)
            or not all(isinstance(name, str) for name in data["files"])):
        raise JournalError(journal, "not a journal this mvkplan wrote")
    targets = [PurePosixPath(name) for name in data["files"]]
    resolved = root.resolve()
    for target in targets:
        inside = (root / target).resolve().is_relative_to(resolved)
        if target.is_absolute() or ".." in target.parts or not target.name or not inside:
            raise JournalError(journal, f"'{target}' is not a file inside the project")
    return data["state"], targets


def _write_journal(journal: Path, state: str, targets: list[PurePosixPath]) -> None:
    data = json.dumps({"state": state, "files": [str(t) for t in targets]}, indent=1).encode("utf-8")
    write_atomic(journal, data)
    _fsync_path(journal)
    _fsync_path(journal.parent)


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    """A new file with ``data`` on disk; never through a link planted at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fchmod(handle.fileno(), mode)
        os.fsync(handle.fileno())


def _mode_of(target: Path) -> int:
    """The mode the replaced file had (a new one gets the default): a rename keeps the staged file's."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return default_mode()


def _sync_folders(root: Path, targets: list[PurePosixPath]) -> None:
    for folder in {(root / target).parent for target in targets}:
        _fsync_path(folder)


def _fsync_path(path: Path) -> None:
    """Flush a file's or a folder's entry to disk (a folder: so that renames in it survive a power cut)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)

