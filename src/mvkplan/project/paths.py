"""Path containment, shared by loading, scaffolding and rendering."""

from __future__ import annotations

import os
import re
from pathlib import Path

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
# Names Windows refuses (with any extension); refusing them everywhere keeps a clone and a
# built site portable.
RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d|com[¹²³]|lpt[¹²³]|conin\$|conout\$)(\..*)?$",
                      re.IGNORECASE)


def is_portable_name(name: str) -> bool:
    """Whether ``name`` works as one file name on every system: ASCII letters, digits, '.',
    '_' and '-', no '..', no trailing dot, not a Windows device name (con, nul, aux, com1 …)."""
    return bool(SAFE_NAME.match(name)) and ".." not in name and not name.endswith(".") \
        and not RESERVED.match(name)


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved, links followed) lies inside ``folder`` or is ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, else as given; always with '/'."""
    # The path as named (a symbolic link is shown as itself, not as where it leads); the
    # root resolved (a system call per folder on the way) only when the plain names differ.
    named = os.path.abspath(path)
    inside = _relative(named, os.path.abspath(root))
    if inside is not None:
        return inside
    try:
        inside = _relative(named, str(root.resolve()))
    except (OSError, RuntimeError):
        inside = None
    if inside is not None:
        return inside
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def _relative(named: str, folder: str) -> str | None:
    """``named`` relative to ``folder`` with '/' (both absolute, normalised), or None."""
    if named == folder:
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not named.startswith(prefix):
        return None
    return Path(named[len(prefix):]).as_posix()
