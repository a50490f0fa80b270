"""Path containment, shared by loading, scaffolding and rendering."""

from __future__ import annotations

from pathlib import Path


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved, links followed) lies inside ``folder`` or is ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
