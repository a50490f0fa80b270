"""Read: a file's bytes, refused before reading when it is over the size limit."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem
from mvkplan.messages.words import system_error


@dataclass(frozen=True, slots=True)
class ReadFile:
    """One file as read: its bytes, or the problem that stopped it being read."""

    data: bytes | None
    """The file's bytes (None when it was too big or could not be read)."""
    problems: list[Problem]

    def digest(self) -> str | None:
        """SHA-256 of the bytes (hex), None when there are none."""
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


def read_file(path: Path, shown: str, max_size: int) -> ReadFile:
    """A file's bytes, or the problem that stops it being read (too big, unreadable)."""
    try:
        size = path.stat().st_size
        if size > max_size:
            return ReadFile(None, [Problem(shown, 0, 0, "E102", t("E102", size=size, limit=max_size),
                                           hint=t("E102.hint"))])
        return ReadFile(path.read_bytes(), [])
    except OSError as exc:
        return ReadFile(None, [Problem(shown, 0, 0, "E110", t("E110", detail=system_error(exc)))])


def shown_paths(files: list[Path], root: Path) -> list[str]:
    """Each file as :func:`mvkplan.project.paths.display_path` shows it, without building a
    ``Path`` per file for those plainly under ``root`` (every run shows every file, twice)."""
    from mvkplan.project.paths import display_path

    folder = os.path.abspath(root)
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    shown = []
    for path in files:
        named = os.path.abspath(path)
        if os.sep == "/" and named.startswith(prefix):  # already normalised by abspath
            shown.append(named[len(prefix):])
        else:
            shown.append(display_path(path, root))
    return shown
