"""Putting a built site in place: never a half-written page, with exactly the current pages.

Every page the build writes anew is first written into a folder beside the output folder
(by the worker that rendered it); only when all of them are there do they move in, each by
one rename. So an interrupted build (a full disk, an error) leaves the old site as it was,
and even one killed while the pages move in leaves every page whole, old or new. Pages the
build kept (unchanged since the last build) are not touched at all, so a rebuild after one
change costs what changed, not the size of the site. A folder that does not exist yet is
written beside and renamed into place as a whole.

A manifest (``.mvkplan-manifest.json``) lists the files the build wrote; the next build
drops those it no longer produces (a removed document's page) and leaves everything else
found in the output folder (a CNAME, images a web editor put there), which mvkplan never
wrote and so never removes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from mvkplan.project.writing import default_mode, write_atomic
from mvkplan.publish.render.paths import UnsafePathError, inside

MANIFEST = ".mvkplan-manifest.json"


class Publication:
    """One update of ``out``: pages are staged (:meth:`stage`), then put in place together
    (:meth:`commit`). Used as a context manager, which removes the staging folder."""

    def __init__(self, out: Path) -> None:
        out = Path(os.path.abspath(out))
        if out.is_symlink():
            out = out.resolve()  # the link stays; the folder it names is updated
        self.out = out
        self.staged: set[str] = set()
        self._folders: dict[Path, bool] = {}
        out.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        os.chmod(self.staging, default_mode(directory=True))

    def __enter__(self) -> Publication:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def stage(self, relative: str, data: bytes) -> None:
        """Write one page beside the site (refused if its path would leave the site)."""
        inside(self.out, relative, self._folders)
        _write_new(self.staging.joinpath(*relative.split("/")), data)

    def commit(self, written: Iterable[str], kept: Iterable[str] = ()) -> list[Path]:
        """Put the ``written`` pages (all staged) in place beside the ``kept`` ones already
        there; pages of the last build that are neither are removed."""
        written = sorted(written)
        listed = set(written) | set(kept)
        if self.out.is_dir():
            _move_in(self.staging, self.out, written, listed)
        else:
            _write_manifest(self.staging, listed)
            _swap(self.staging, self.out)
        return [self.out.joinpath(*relative.split("/")) for relative in written]


def publish_site(out: Path, files: dict[str, bytes], kept: Iterable[str] = ()) -> list[Path]:
    """Make ``out`` hold ``files`` and the ``kept`` pages already in it (plus what was not
    built by mvkplan); pages of the last build that are neither are removed."""
    with Publication(out) as publication:
        folders: dict[Path, bool] = {}
        for relative in files:  # refuse before writing
            inside(publication.out, relative, folders)
        for relative, data in sorted(files.items()):
            publication.stage(relative, data)
        return publication.commit(files, kept)


def built_files(out: Path) -> set[str]:
    """The files the last build wrote into ``out`` (empty without a readable manifest)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    listed = data.get("files") if isinstance(data, dict) else None
    return {f for f in listed if isinstance(f, str)} if isinstance(listed, list) else set()


def _move_in(staging: Path, out: Path, written: list[str], listed: set[str]) -> None:
    """Rename the staged pages into ``out``, then drop the last build's pages not listed."""
    previous = built_files(out)
    # Until the end, the manifest names both builds' pages: whatever happens in between,
    # the next build knows every page that may be mvkplan's.
    _write_manifest(out, previous | listed)
    for relative in written:
        target = out.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging.joinpath(*relative.split("/")), target)
    for relative in sorted(previous - listed):
        try:
            stale = inside(out, relative)
        except UnsafePathError:
            continue  # a manifest edited by hand names nothing outside the site
        if stale.is_file() or stale.is_symlink():
            stale.unlink()
    _write_manifest(out, listed)


def _write_manifest(folder: Path, files: set[str]) -> None:
    _write_new(folder / MANIFEST, json.dumps(
        {"generator": "mvkplan", "files": sorted(files)}, indent=1).encode("utf-8"))


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def _swap(staging: Path, out: Path) -> None:
    """Rename ``staging`` to ``out``; what is in the way is moved aside first and removed after."""
    if not out.exists() and not out.is_symlink():
        os.replace(staging, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(aside)
    os.replace(out, aside)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(aside, out)  # put the old site back
        raise
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        aside.unlink(missing_ok=True)
