"""Atomic writes: a file is either fully written or untouched, never half-way.

New files get the mode any program's would (0666, folders 0777, less the umask), so a web
server or a shared folder can read what mvkplan writes; the temporary file alone is private.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path


def default_mode(*, directory: bool = False) -> int:
    """0666 (0777 for folders) less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place.

    Ctrl-C and a termination wait until the file is in place or gone (:func:`signals_held`):
    a worker process ended by its pool while it writes a cache entry left the temporary
    file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with signals_held():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                os.fchmod(handle.fileno(), default_mode())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C (SIGINT), a termination (SIGTERM) and SIGALRM wait until the block is done: what
    it writes is short, and is then either whole or not begun. (SIGALRM: a Ctrl-C Python
    dropped in a finaliser is raised again by it, :func:`mvkplan.cli.app.main`.)"""
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGALRM})
    except (AttributeError, ValueError):  # not on this platform, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def create_private(path: Path, data: bytes) -> None:
    """Make ``path`` hold ``data``, readable by its owner only, unless a file is there already.

    For keys: the file appears whole (written beside it, then hard-linked into place), so a
    process killed half-way leaves no key at all rather than a short one, and a key another
    process made first is never replaced (then this one's ``data`` is dropped: read the file)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".key-", dir=path.parent)  # mode 0600
    try:
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
