"""A cache of loaded files, as ruff and mypy keep one: unchanged files are not parsed again.

An entry is what loading one file produced (the document with its nodes and model, or
its problems), stored under a key made of the file's bytes, the path it is shown as, the
message language and a fingerprint of mvkplan itself (its version and the size and
modification time of every module and data file), so that a new release or an edited
schema never reuses an old answer.

The folder (``.mvkplan_cache/`` at the project root) holds its own ``.gitignore`` and is
safe to delete at any time. Entries are written atomically (temporary file, then
rename), so concurrent runs at worst write the same entry twice. An entry is signed with
this user's key (:mod:`mvkplan.loading.keys`) for the place it is stored at, and checked
before a byte of it is unpickled: one that fails the check (made elsewhere, moved, damaged,
or of the old unsigned format) or cannot be read is treated as absent. Without a key, or in
a folder git tracks, nothing is read or written.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from mvkplan import __version__
from mvkplan.loading.keys import FOLDER, seal, unseal, usable

__all__ = ["FOLDER", "LoadCache", "decode_entry", "encode_entry", "fingerprint", "refreshing",
           "refreshing_now"]

_refreshing = False
"""Whether entries are being made anew (see :func:`refreshing`)."""


@contextmanager
def refreshing() -> Iterator[None]:
    """Within the block (and the worker processes it forks), every entry is absent to those
    who read it (per-file entries, run answers, every entry decoded by :func:`decode_entry`),
    and what they make is stored: a run that trusts nothing an earlier run left
    (``build --no-cache``) still leaves its own work for the next run."""
    global _refreshing
    before, _refreshing = _refreshing, True
    try:
        yield
    finally:
        _refreshing = before


def refreshing_now() -> bool:
    """Whether this is within :func:`refreshing` (what earlier runs left is not to be read)."""
    return _refreshing


class LoadCache:
    """Entries under ``folder``; every failure to read or write is a miss, never an error."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ready = False
        self._usable: bool | None = None

    @classmethod
    def for_project(cls, root: Path) -> LoadCache:
        """The cache of the project at ``root``."""
        return cls(root / FOLDER)

    def key(self, shown: str, content: str, language: str) -> str:
        """The key of one file shown as ``shown`` whose bytes have the SHA-256 ``content``
        (hex), with messages in ``language``."""
        return hashlib.sha256(f"{fingerprint()}\0{language}\0{shown}\0{content}".encode()).hexdigest()

    def get(self, key: str) -> object | None:
        """The value stored under ``key``, or None when absent, unreadable or corrupt."""
        if _refreshing or not self.usable():
            return None
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        return decode_entry(raw, key)

    def has(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (it may still turn out unreadable)."""
        return not _refreshing and self.usable() and self._path(key).is_file()

    def put(self, key: str, value: object) -> bytes | None:
        """Store ``value``; returns the entry's bytes (None if it could not be made)."""
        if not self.usable():
            return None
        entry = encode_entry(value, key)
        if entry is not None:
            self.write(key, entry)
        return entry

    def write(self, key: str, entry: bytes | None) -> None:
        """Store an entry made by :func:`encode_entry` with the label ``key``."""
        self.write_path(self._path(key), entry)

    def write_path(self, path: Path, entry: bytes | None) -> None:
        """Store an entry at ``path`` inside the folder (atomically; failures are ignored)."""
        from mvkplan.project.writing import write_atomic

        if entry is None or not self.usable():
            return
        try:
            self.prepare()
            write_atomic(path, entry)
        except OSError:  # a read-only checkout: run without a cache
            pass

    def usable(self) -> bool:
        """Whether the folder may be read and written (see :func:`mvkplan.loading.keys.usable`)."""
        if self._usable is None:
            self._usable = usable(self.folder)
        return self._usable

    def _path(self, key: str) -> Path:
        return Path(f"{self._base}/{key[:2]}/{key}")  # one Path made, not three (per entry)

    @property
    def _base(self) -> str:
        return os.path.join(self.folder, "v1")

    def prepare(self) -> None:
        """Make the folder, which ignores itself in git and is tagged as a cache (callers
        that write into it by other means make it first; may raise OSError)."""
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by mvkplan; safe to delete.\n*\n", encoding="utf-8")
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# mvkplan's cache of loaded files; see https://bford.info/cachedir/\n",
                           encoding="utf-8")
        self._ready = True


def encode_entry(value: object, label: str) -> bytes | None:
    """An entry's bytes, signed for the place ``label`` names (None without a key)."""
    return seal(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), label)


def decode_entry(raw: bytes, label: str) -> object | None:
    """The value of an entry, or None when it is not one this user's mvkplan signed for
    ``label`` (the signature is checked before anything is unpickled)."""
    payload = unseal(raw, label) if not _refreshing else None
    if payload is None:
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - signed with this user's key, checked above
    except Exception:  # an entry from an incompatible build: a miss
        return None


@cache
def fingerprint() -> str:
    """mvkplan's version plus the size and modification time of its modules and data."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    found: list[str] = []
    for folder, _, names in os.walk(package):  # strings, not Paths: every run pays for this
        found += [os.path.join(folder, name) for name in names if name.endswith(_FINGERPRINTED)]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(found, key=lambda path: Path(path).parts):  # the order rglob gave
        stat = os.stat(path)
        relative = os.path.relpath(path, package)
        digest.update(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


_FINGERPRINTED = (".py", ".yaml", ".json", ".html", ".md", ".css", ".j2")
