"""Finding the YAML files under the configured paths, and saying what was skipped and why.

Nothing is skipped in silence: a dangling or looping symbolic link, a folder that cannot be
read, or a link that leads out of the project each becomes a problem about that path. Links
inside the project are followed (each real folder once, so a loop ends); a link that leaves
the project is refused unless the configuration says ``follow-external-symlinks = true``.
Hidden files and folders (``.git``, ``.venv``) and files that are not YAML are not documents
and are passed over by design.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.messages.i18n import t
from mvkplan.messages.words import system_error
from mvkplan.project.paths import is_within

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Skipped:
    """A path that was not read, with the code and message to report it under."""

    path: Path
    code: str
    message: str
    hint: str | None = None


@dataclass
class Discovery:
    """The YAML files found (sorted, each once), the paths that do not exist, what was skipped."""

    files: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    digests: dict[Path, str] = field(default_factory=dict)
    """The SHA-256 of files already read in this run (by the run cache's key), so that
    loading need not read them again to look them up in the per-file cache."""
    listing: str | None = None
    """The files' part of this run's cache keys (:class:`mvkplan.loading.runs.RunCache`),
    made once: a run that keeps its answer and its index asks for two keys."""


def walk(paths: Iterable[Path], root: Path | None = None, *, follow_external: bool = False) -> Discovery:
    """Every YAML file under ``paths``; links leaving ``root`` are refused unless ``follow_external``."""
    found = Discovery()
    files: set[Path] = set()
    # Real places as strings: joining Paths cost more than the rest of a walk over a thousand files.
    seen_folders: set[str] = set()
    real_files: set[str] = set()

    def outside(path: Path) -> bool:
        return root is not None and not follow_external and not is_within(path, root)

    def check_link(path: Path, *, named: bool) -> bool:
        """Whether a symbolic link may be followed; records why not. A path the user
        ``named`` (configured or on the command line) may lead anywhere."""
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            found.skipped.append(Skipped(path, "E110", t("E110.dangling", target=os.readlink(path))))
            return False
        except (OSError, RuntimeError):  # ELOOP, or pathlib's "Symlink loop"
            found.skipped.append(Skipped(path, "E110", t("E110.loop")))
            return False
        if not named and outside(target):
            found.skipped.append(Skipped(path, "E120", t("E120", target=target), t("E120.hint")))
            return False
        return True

    def visit_folder(folder: Path, real: str) -> None:
        if real in seen_folders:
            return
        seen_folders.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.skipped.append(Skipped(folder, "E110", t("E110.folder", detail=system_error(exc))))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # What scandir tells of an entry costs no system call; only links are resolved.
            if entry.is_symlink():
                visit(Path(entry.path), top=False)
            elif entry.is_dir(follow_symlinks=False):
                visit_folder(Path(entry.path), os.path.join(real, entry.name))
            elif entry.is_file(follow_symlinks=False):
                if entry.name.endswith(YAML_SUFFIXES):
                    add(Path(entry.path), os.path.join(real, entry.name))
            elif entry.name.endswith(YAML_SUFFIXES):
                not_regular(Path(entry.path))

    def add(path: Path, real: str) -> None:
        if real not in real_files:  # a file reached twice (through a link) is read once
            real_files.add(real)
            files.add(path)

    def not_regular(path: Path) -> None:  # a socket, a FIFO: exists, but not a file to read
        found.skipped.append(Skipped(path, "E110", t("E110", detail="not a regular file")))

    def visit(path: Path, *, top: bool) -> None:
        if path.is_symlink() and not check_link(path, named=top):
            return
        if path.is_dir():
            visit_folder(path, str(path.resolve()))
        elif path.is_file():
            if top or path.suffix in YAML_SUFFIXES:
                add(path, str(path.resolve()))
        elif top:
            found.missing.append(path)
        elif path.suffix in YAML_SUFFIXES:
            not_regular(path)

    for path in paths:
        if not path.exists() and not path.is_symlink():
            found.missing.append(path)
            continue
        visit(path, top=True)
    found.files = sorted(files, key=_order)
    return found


def _order(path: Path) -> tuple[str, ...]:
    """A path's place in the order ``sorted`` gives Paths, computed once per path (on POSIX a
    Path compares as the tuple of its parts; comparing Paths pairwise costs ten times more)."""
    return path.parts if os.name == "posix" else tuple(part.lower() for part in path.parts)
