"""A cache of loaded files, as ruff and mypy keep one: unchanged files are not parsed again.

An entry is what loading one file produced (the document with its nodes and model, or
its problems), stored under a key made of the file's bytes, the path it is shown as, the
message language and a fingerprint of mvkplan itself (its version and the size and
modification time of every module and data file), so that a new release or an edited
schema never reuses an old answer.

The folder (``.mvkplan_cache/`` at the project root) holds its own ``.gitignore`` and is
safe to delete at any time. Entries are written atomically (temporary file, then
rename), so concurrent runs at worst write the same entry twice; an entry is checked
against the SHA-256 of its payload before it is read, and one that fails the check or
cannot be read is treated as absent.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

from mvkplan import __version__

FOLDER = ".mvkplan_cache"
_MAGIC = b"mvkplan-cache-1\n"
_DIGEST = hashlib.sha256().digest_size


class LoadCache:
    """Entries under ``folder``; every failure to read or write is a miss, never an error."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ready = False

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
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        return decode_entry(raw)

    def has(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (it may still turn out unreadable)."""
        return self._path(key).is_file()

    def put(self, key: str, value: object) -> bytes | None:
        """Store ``value``; returns the entry's bytes (None if it could not be written)."""
        entry = encode_entry(value)
        self.write(key, entry)
        return entry

    def write(self, key: str, entry: bytes) -> None:
        """Store an entry made by :func:`encode_entry`."""
        self.write_path(self._path(key), entry)

    def write_path(self, path: Path, entry: bytes) -> None:
        """Store an entry at ``path`` inside the folder (atomically; failures are ignored)."""
        from mvkplan.project.writing import write_atomic

        try:
            self._prepare()
            write_atomic(path, entry)
        except OSError:  # a read-only checkout: run without a cache
            pass

    def _path(self, key: str) -> Path:
        return self.folder / "v1" / key[:2] / key

    def _prepare(self) -> None:
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


def encode_entry(value: object) -> bytes:
    """An entry's bytes: a header, the payload's SHA-256, the payload."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def decode_entry(raw: bytes) -> object | None:
    """The value of an entry, or None when it is not one this version wrote intact."""
    if not raw.startswith(_MAGIC):
        return None
    digest = raw[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    payload = raw[len(_MAGIC) + _DIGEST :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - our own entry, checked above
    except Exception:  # an entry from an incompatible build: a miss
        return None


@cache
def fingerprint() -> str:
    """mvkplan's version plus the size and modification time of its modules and data."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".html", ".md", ".css", ".j2"):
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
