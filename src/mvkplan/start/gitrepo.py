"""Making a new plans repository a git repository with a first commit.

The site's "Senast uppdaterad" and ``mvkplan diff --rev`` read the history, and CI and
pre-commit need a repository: ``init`` makes one unless told not to (``--no-git``). Git is
run as a program with fixed arguments (never through a shell); what it says on failure is
passed on.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FIRST_COMMIT = "Nytt planarkiv (mvkplan init)"
_FALLBACK_IDENTITY = ("-c", "user.name=mvkplan init", "-c", "user.email=mvkplan@localhost")


class GitError(Exception):
    """Git is missing, or one of its steps failed (``detail`` says what git printed)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Committed:
    """What ``init`` did in git: a new repository with its first commit, or nothing because
    the folder already lies in one (``inside``: that repository's top folder)."""

    created: bool
    inside: Path | None = None


def git_program() -> str | None:
    """The git program on PATH, or None."""
    return shutil.which("git")


def first_commit(folder: Path, git: str, files: Sequence[Path]) -> Committed:
    """``git init`` in ``folder``, then commit ``files`` (what ``init`` wrote) and nothing else:
    a file that was in the folder before (a ``.env``, private notes) is the user's to add.
    Nothing if ``folder`` is already inside a work tree (left for that repository's owner)."""
    top = _run(git, folder, "rev-parse", "--show-toplevel", check=False)
    if top is not None:
        return Committed(created=False, inside=Path(top.strip()))
    _run(git, folder, "init", "--quiet")
    _run(git, folder, "add", "--", *(str(path.resolve().relative_to(folder.resolve())) for path in files))
    # A machine where git has never been used has no identity; the first commit still
    # happens, under a name that says what made it (the user's own when there is one).
    identity = () if _run(git, folder, "config", "user.email", check=False) else _FALLBACK_IDENTITY
    _run(git, folder, *identity, "commit", "--quiet", "--message", FIRST_COMMIT)
    return Committed(created=True)


def _run(git: str, folder: Path, *args: str, check: bool = True) -> str | None:
    """Git's output; None when it failed and ``check`` is off, else :class:`GitError`."""
    try:
        done = subprocess.run([git, "-C", str(folder), *args], capture_output=True, text=True,
                              errors="replace", check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(str(exc)) from None
    if done.returncode == 0:
        return done.stdout
    if check:
        raise GitError((done.stderr or done.stdout).strip() or f"git {args[0]}: exit {done.returncode}")
    return None
