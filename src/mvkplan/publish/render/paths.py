"""Where rendered files may go: inside the output folder, whatever a document id says.

Document ids become file names. The loader already ties an id to its file name, but ids
of shipped or hand-made documents are not file names by construction, so every name is
checked here and every path is resolved (symbolic links included) before it is written.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mvkplan.project.paths import is_portable_name, is_within


class UnsafePathError(ValueError):
    """A file name or path that would land outside the output folder."""


def safe_name(document_id: str) -> str:
    """``document_id`` if it is usable as a single, portable file name; else UnsafePathError."""
    if not is_portable_name(document_id):
        raise UnsafePathError(f"'{document_id}' cannot be used as a file name")
    return document_id


def inside(root: Path, relative: str, folders: dict[Path, bool] | None = None) -> Path:
    """``root / relative``, refusing absolute paths, '..' and links that lead out of ``root``.

    ``folders`` remembers which folders were found inside ``root``, so that checking the
    pages of a site resolves each folder once (a file that is a link is still followed).
    """
    posix = PurePosixPath(relative)
    if (
        "\\" in relative or "\x00" in relative or posix.is_absolute()
        or not posix.parts or any(part in ("..", ".") for part in posix.parts)
    ):
        raise UnsafePathError(f"'{relative}' is not a path inside the output folder")
    target = root.joinpath(*posix.parts)
    if folders is None:
        within = is_within(target, root)
    else:
        parent = folders.get(target.parent)
        if parent is None:
            parent = folders[target.parent] = is_within(target.parent, root)
        within = parent and (not target.is_symlink() or is_within(target, root))
    if not within:
        raise UnsafePathError(f"'{relative}' leads outside the output folder")
    return target
