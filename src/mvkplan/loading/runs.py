"""Whole-run answers: when not one input of a run changed, the last run's answer stands.

A commit hook or a CI job often checks a tree that has not changed since the last check.
The per-file cache (:class:`mvkplan.loading.cache.LoadCache`) still rebuilds every model and the
link index for such a run; this one keeps the run's final answer under a key made of
everything the answer depends on: mvkplan itself (:func:`mvkplan.loading.cache.fingerprint`, which
covers the shipped frameworks and catalogs), the message language, the configuration, the
command and its arguments, and the path and SHA-256 of every file the run would read
(plus what discovery skipped or could not find). Change one byte of one file and the key
changes, so the run is done in full.

One slot per command and arguments (``runs/<name>``), overwritten by the next run, so the
folder does not grow. Slots are written atomically and signed like every entry, for their
own name: a slot is checked before anything in it is unpickled.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

from mvkplan.loading.cache import FOLDER, LoadCache, decode_entry, encode_entry, fingerprint
from mvkplan.loading.digests import DigestRecord
from mvkplan.loading.files import shown_paths
from mvkplan.project.config import Project
from mvkplan.project.discovery import Discovery

Answer = TypeVar("Answer")
_HEX = re.compile(r"[0-9a-f]{64}")


def remembered(
    project: Project, command: str, arguments: list[str], paths: list[Path],
    compute: Callable[[Discovery], Answer], *, keyed: Sequence[str] = (),
) -> Answer:
    """``compute(discovered)`` for the files under ``paths``, or the last run's answer when
    not one input changed since. ``arguments``: whatever else changes the answer (each set of
    them has a slot of its own); ``keyed``: what changes the answer but replaces the slot's
    last one (today's date: yesterday's answer is of no more use)."""
    from mvkplan.messages.i18n import get_language
    from mvkplan.project.discovery import walk

    discovered = walk(paths, project.root, follow_external=project.settings.follow_external_symlinks)
    runs = RunCache(project)
    key = runs.key(command, [*arguments, *keyed], discovered, get_language())
    answer = runs.get(command, arguments, key)
    if answer is not None:
        return cast(Answer, answer)
    answer = compute(discovered)
    runs.put(command, arguments, key, answer)
    return answer


class RunCache:
    """The slots of one project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.folder = project.root / FOLDER

    def key(self, command: str, arguments: list[str], discovered: Discovery, language: str) -> str:
        """The key of a run over ``discovered`` (notes each file's SHA-256 in
        ``discovered.digests``: a file is read only when its stat changed since it was last
        hashed, :class:`mvkplan.loading.digests.DigestRecord`)."""
        root = self.project.root
        digest = hashlib.sha256("\0".join([
            fingerprint(), language, command, *arguments, str(root),
            os.environ.get("MVKPLAN_YAML_ENGINE", ""),
            self.project.settings.model_dump_json(), ""]).encode())
        if discovered.listing is None:
            discovered.listing = self._listing(discovered)
        digest.update(discovered.listing.encode())
        for skipped in discovered.skipped:
            digest.update(f"skipped\0{skipped.path}\0{skipped.code}\0{skipped.message}\n".encode())
        for missing in discovered.missing:
            digest.update(f"missing\0{missing}\n".encode())
        return digest.hexdigest()

    def base(self, language: str) -> str:
        """What every answer depends on besides the files: mvkplan itself, the message
        language, the project's place and configuration, the YAML engine."""
        return hashlib.sha256("\0".join([
            fingerprint(), language, str(self.project.root),
            os.environ.get("MVKPLAN_YAML_ENGINE", ""),
            self.project.settings.model_dump_json()]).encode()).hexdigest()

    def _listing(self, discovered: Discovery) -> str:
        """Each file's shown path and SHA-256 (or why it has none), as a run's key holds them."""
        root, limit = self.project.root, self.project.settings.max_file_size
        record = DigestRecord(self.folder)
        lines = []
        for path, shown in zip(discovered.files, shown_paths(discovered.files, root), strict=True):
            content = discovered.digests.get(path)
            if content is None:
                content = record.digest(path, limit)
                if _HEX.fullmatch(content):  # read whole: loading need not read it to look it up
                    discovered.digests[path] = content
            lines.append(f"file\0{shown}\0{content}\n")
        record.save()
        return "".join(lines)

    def get(self, command: str, arguments: list[str], key: str) -> object | None:
        """The answer stored for ``key``, or None."""
        stored = self._stored(command, arguments)
        return stored[1] if stored is not None and stored[0] == key else None

    def last(self, command: str, arguments: list[str]) -> object | None:
        """The answer the slot holds, whatever key it was kept under (None: absent,
        unsigned or damaged)."""
        stored = self._stored(command, arguments)
        return stored[1] if stored is not None else None

    def _stored(self, command: str, arguments: list[str]) -> tuple[object, object] | None:
        """The slot's (key, answer), its signature checked before anything is unpickled."""
        if not LoadCache(self.folder).usable():
            return None
        slot = self._slot(command, arguments)
        try:
            raw = slot.read_bytes()
        except OSError:
            return None
        stored = decode_entry(raw, _label(slot))
        return (stored[0], stored[1]) if isinstance(stored, tuple) and len(stored) == 2 else None

    def put(self, command: str, arguments: list[str], key: str, answer: object) -> None:
        """Keep ``answer`` as the one for ``key`` (replacing the slot's last answer)."""
        slot = self._slot(command, arguments)
        cache = LoadCache(self.folder)
        if cache.usable():
            cache.write_path(slot, encode_entry((key, answer), _label(slot)))

    def _slot(self, command: str, arguments: list[str]) -> Path:
        name = hashlib.sha256("\0".join([command, *arguments]).encode()).hexdigest()[:32]
        return self.folder / "runs" / name


def _label(slot: Path) -> str:
    """What a slot's entry is signed for: its own place (an entry moved to another is a miss)."""
    return f"runs/{slot.name}"
