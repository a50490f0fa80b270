"""Putting a built site in place: the output folder is always one whole build, old or new.

The build makes the new site in a folder beside the output folder: the pages it renders
anew are written there (by the worker that rendered it), and every other file of the
current site is hard-linked into it (copied where links are not possible): the pages the
build kept because nothing they show changed, and whatever mvkplan did not write (a CNAME,
images a web editor put there). Only then does the new folder take the old one's place, in
one step where the system has one (Linux's ``renameat2`` exchanging the two folders) and
otherwise by two renames (old aside, new in). So a build stopped at any point (an error, a
full disk, a kill, a power cut) leaves the old site or the new one, never a mix, and an
incremental build still costs what changed plus one link per unchanged file.

A build killed between the two renames leaves no output folder, the old site beside it:
the next build puts it back first. Folders left beside the output folder by a killed build
are removed by the next one; two builds into the same folder wait for each other.

A manifest (``.mvkplan-manifest.json``) lists the files the build wrote; the next build
drops those it no longer produces (a removed document's page) and carries over everything
else found in the output folder, which mvkplan never wrote and so never removes.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from mvkplan.project.writing import default_mode, write_atomic
from mvkplan.publish.render.paths import inside

MANIFEST = ".mvkplan-manifest.json"
Finish = Callable[[Path, list[str]], Iterable[str]]
"""Called with the new site's folder and its pages; gives the paths of the files it added."""
_NEW, _OLD = ".new-", ".old-"


class Publication:
    """One update of ``out``: pages are staged (:meth:`stage`), then the whole new site takes
    the old one's place (:meth:`commit`). Used as a context manager, which removes the
    staging folder and lets the next build into the same folder go ahead."""

    def __init__(self, out: Path) -> None:
        out = Path(os.path.abspath(out))
        if out.is_symlink():
            out = out.resolve()  # the link stays; the folder it names is replaced
        self.out = out
        self.staged: set[str] = set()
        self._folders: dict[Path, bool] = {}
        out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _locked(out.parent)
        self._lock.__enter__()
        try:
            _recover(out)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{_NEW}", dir=out.parent))
            os.chmod(self.staging, _mode(out))
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise

    def __enter__(self) -> Publication:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._lock.__exit__(None, None, None)

    def stage(self, relative: str, data: bytes) -> None:
        """Write one page beside the site (refused if its path would leave the site)."""
        inside(self.out, relative, self._folders)
        _write_new(self.staging.joinpath(*relative.split("/")), data)

    def commit(self, written: Iterable[str], kept: Iterable[str] = (),
               finish: Finish | None = None) -> list[Path]:
        """Make the site the ``written`` pages (all staged), the ``kept`` ones and what mvkplan
        did not write; pages of the last build that are none of these are left out.
        ``finish`` is handed the new site whole (before it takes the old one's place) and
        the paths of its pages, and gives the paths of the files it added (a search index)."""
        written = sorted(written)
        listed = set(written) | set(kept)
        if self.out.is_dir():
            leave_out = (built_files(self.out) - listed) | set(written) | {MANIFEST}
            _carry_over(self.out, self.staging, leave_out)
        if finish is not None:
            listed |= set(finish(self.staging, sorted(listed)))
        _write_manifest(self.staging, listed)
        _swap(self.staging, self.out)
        return [self.out.joinpath(*relative.split("/")) for relative in written]


def publish_site(out: Path, files: dict[str, bytes], kept: Iterable[str] = (),
                 finish: Finish | None = None) -> list[Path]:
    """Make ``out`` hold ``files`` and the ``kept`` pages already in it (plus what was not
    built by mvkplan, and what ``finish`` adds: see :meth:`Publication.commit`); pages of
    the last build that are none of these are removed."""
    with Publication(out) as publication:
        folders: dict[Path, bool] = {}
        for relative in files:  # refuse before writing
            inside(publication.out, relative, folders)
        for relative, data in sorted(files.items()):
            publication.stage(relative, data)
        return publication.commit(files, kept, finish)


def built_files(out: Path) -> set[str]:
    """The files the last build wrote into ``out`` (empty without a readable manifest)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    listed = data.get("files") if isinstance(data, dict) else None
    return {f for f in listed if isinstance(f, str)} if isinstance(listed, list) else set()


def _carry_over(out: Path, staging: Path, leave_out: set[str]) -> None:
    """Link every file of ``out`` into ``staging`` but those in ``leave_out``, folders (and
    their modes) included, symbolic links as links."""
    for folder, folders, files in os.walk(out):
        here = Path(folder)
        relative = here.relative_to(out)
        target = staging / relative
        if relative.parts:
            target.mkdir(exist_ok=True)
            os.chmod(target, _mode(here))
        for name in files + [f for f in folders if (here / f).is_symlink()]:
            path = (relative / name).as_posix()
            if path not in leave_out:
                _link(here / name, target / name)


def _link(source: Path, target: Path) -> None:
    """A hard link (the file is shared, not copied); a copy where the system refuses one."""
    if target.exists() or target.is_symlink():
        return  # staged anew (a page the manifest did not list, written again)
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)


def _write_manifest(folder: Path, files: set[str]) -> None:
    _write_new(folder / MANIFEST, json.dumps(
        {"generator": "mvkplan", "files": sorted(files)}, indent=1).encode("utf-8"))


def _write_new(path: Path, data: bytes) -> None:
    """Write a file of the staging folder. The folder is the build's own until it takes the
    site's place, so a new file needs no temporary file and rename of its own (for a large
    site those were most of the build's file-system calls); a file already there (which
    may be a link to one of the current site's) is replaced, never written through."""
    try:
        handle = open(path, "xb")  # closed below, removed if unfinished
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "xb")
    except FileExistsError:
        write_atomic(path, data)
        return
    try:
        with handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _mode(folder: Path) -> int:
    """The permissions of ``folder`` if it exists (the new site keeps them), else a new one's."""
    try:
        return stat.S_IMODE(os.stat(folder).st_mode)
    except OSError:
        return default_mode(directory=True)


def _swap(staging: Path, out: Path) -> None:
    """Put ``staging`` in the place of ``out`` and remove what was there."""
    if not out.exists() and not out.is_symlink():
        os.replace(staging, out)
        return
    if _exchange(staging, out):  # one step: there is no moment without a site
        shutil.rmtree(staging, ignore_errors=True)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}{_OLD}", dir=out.parent))
    os.rmdir(aside)
    os.replace(out, aside)  # killed right after this, the next build puts it back
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(aside, out)  # put the old site back
        raise
    shutil.rmtree(aside, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders' names in one step (Linux 3.15+); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_cwd = -100  # AT_FDCWD: the paths are absolute anyway
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False  # an old kernel or a file system without it: two renames then
    raise OSError(code, os.strerror(code), str(second))


def _recover(out: Path) -> None:
    """Clean up after a build killed while it published: put the old site back if it was
    moved aside and nothing took its place, and remove the folders left beside ``out``."""
    pattern = glob.escape(f".{out.name}")
    aside = sorted(out.parent.glob(f"{pattern}{_OLD}*"), key=lambda p: p.lstat().st_mtime_ns)
    if aside and not out.exists() and not out.is_symlink():
        os.replace(aside.pop(), out)
    for leftover in [*aside, *out.parent.glob(f"{pattern}{_NEW}*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (where the system has ``flock``): two builds
    into the same output folder take turns, and neither removes the other's new site."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock, builds are the user's to keep apart
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
