"""The SHA-256 of a project's files, remembered by their stat as git's index remembers them.

A warm run's key (:mod:`mvkplan.loading.runs`) needs the digest of every file it would read,
and reading and hashing a thousand plans costs more than the rest of such a run. A file whose
size, modification and change times (in nanoseconds), inode and device are those it had when
it was last hashed has the bytes it had then: editing a file sets its change time to the
clock's time, and no program can set that back (``os.utime`` sets only the others).

Git's racy-clean rule covers the one gap, a file changed again within the clock tick in which
it was hashed (a coarse file system gives both edits one time stamp): a file's stat is only
kept when it changed well before the run that hashed it began (:data:`RACY_MARGIN_NS`), so
a file edited just before or during a run is hashed again by the next.

The record is data, never code: JSON of numbers and hex strings, signed like every cache entry
(:func:`mvkplan.loading.keys.seal`) for its own place, checked before it is parsed, and
checked field by field after; one that fails any check is ignored (every file is hashed).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from mvkplan.loading.cache import LoadCache, refreshing_now
from mvkplan.loading.keys import seal, unseal, usable

RACY_MARGIN_NS = 2_000_000_000
"""How long before a run began a file must have last changed for its stat to be kept: a
whole second of time-stamp granularity (FAT's is two) plus the lag of the kernel's coarse
clock behind the one :func:`time.time_ns` reads."""

KEPT_UNASKED = 1000
"""Files a record keeps beyond twice those the run asked for (other runs' targets, files
gone since), before it starts afresh with the run's own."""

_LABEL = "runs/stat"
_VERSION = 1
_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the file system says of a file, enough to tell that its bytes did not change."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, stat: os.stat_result) -> Stamp:
        """The stamp of a ``stat`` result."""
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)

    def racy(self, started_ns: int) -> bool:
        """Whether the file changed too close to ``started_ns`` for its stamp to be trusted."""
        return max(self.mtime_ns, self.ctime_ns) >= started_ns - RACY_MARGIN_NS


class DigestRecord:
    """The digests of files by their stamps, read from and written to ``folder/runs/stat``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "runs" / "stat"
        self.started_ns = time.time_ns()
        self._usable = usable(folder)
        # A run that trusts nothing earlier runs left (``build --no-cache``) hashes every file.
        self._known = _read(self.path) if self._usable and not refreshing_now() else {}
        self._kept: dict[str, tuple[Stamp, str]] = {}
        self._changed = False

    def digest(self, path: Path, limit: int) -> str:
        """The file's SHA-256 (hex), ``too big: N`` over ``limit`` bytes, ``unreadable: E``
        when it cannot be read: from the record when its stamp is unchanged, else read."""
        try:
            stamp = Stamp.of(path.stat())
        except OSError as exc:
            return f"unreadable: {exc.errno}"
        if stamp.size > limit:
            return f"too big: {stamp.size}"
        name = str(path)
        known = self._known.get(name)
        if known is not None and known[0] == stamp:
            self._kept[name] = known
            return known[1]
        try:
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            return f"unreadable: {exc.errno}"
        if not stamp.racy(self.started_ns):
            self._kept[name] = (stamp, content)
        self._changed = True
        return content

    def save(self) -> None:
        """Write the record when a file was hashed or went unasked (atomically, signed;
        failures ignored: the next run hashes again)."""
        if not self._usable or not self._changed:
            return  # every file asked for was known as it is: the record holds this already
        entries = dict(self._known)
        entries.update(self._kept)
        if len(entries) > 2 * len(self._kept) + KEPT_UNASKED:  # many files gone since: afresh
            entries = dict(self._kept)
        payload = json.dumps({"version": _VERSION, "files": {
            name: [stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode, stamp.device, content]
            for name, (stamp, content) in entries.items()}}, separators=(",", ":")).encode()
        LoadCache(self.path.parent.parent).write_path(self.path, seal(payload, _LABEL))


def _read(path: Path) -> dict[str, tuple[Stamp, str]]:
    """The record at ``path``; empty when absent, not signed by this user for its place, or
    not of the record's exact shape."""
    try:
        payload = unseal(path.read_bytes(), _LABEL)
    except OSError:
        return {}
    if payload is None:
        return {}
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION or not isinstance(data.get("files"), dict):
        return {}
    known: dict[str, tuple[Stamp, str]] = {}
    for name, entry in data["files"].items():
        if (isinstance(entry, list) and len(entry) == 6
                and all(type(number) is int and number >= 0 for number in entry[:5])
                and isinstance(entry[5], str) and _HEX.fullmatch(entry[5])):
            known[name] = (Stamp(*entry[:5]), entry[5])
    return known
