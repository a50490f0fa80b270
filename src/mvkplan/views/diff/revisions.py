"""One document's bytes at a git revision, read with ``git cat-file`` (no checkout).

Revisions are checked with ``git rev-parse --verify`` first, so that a typo, an option-like
argument or a revision without the file becomes a clear error, never a git message.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

MAX_BLOB = 50 * 1024 * 1024


class RevisionError(Exception):
    """A revision that does not exist, or a document not present at it.

    ``key`` names the message (``diff.rev.*`` in the CLI's messages), ``values`` fill it in.
    """

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values


def split_range(spec: str) -> tuple[str, str | None]:
    """'A..B' → ('A', 'B'); 'A' → ('A', None): compare A with the working tree."""
    if ".." in spec:
        old, _, new = spec.partition("..")
        if not old or not new or new.startswith("."):
            raise RevisionError("diff.rev.range", spec=spec)
        return old, new
    return spec, None


def read_at_revision(file: Path, revision: str) -> bytes:
    """The bytes of ``file`` (inside a git work tree) as committed at ``revision``."""
    git = shutil.which("git")
    if git is None:
        raise RevisionError("diff.rev.nogit")
    if not revision or revision.startswith("-") or any(c.isspace() or c == ":" for c in revision):
        raise RevisionError("diff.rev.bad", rev=revision)
    folder = file.parent
    # outside a repository every revision is unknown: say which of the two it is
    prefix = _git(git, folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise RevisionError("diff.rev.norepo", path=folder)
    resolved = _git(git, folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}")
    if resolved is None:
        raise RevisionError("diff.rev.unknown", rev=revision)
    commit = resolved.decode("ascii").strip()
    path = prefix.decode("utf-8").strip() + file.name
    spec = f"{commit}:{path}"
    size = _git(git, folder, "cat-file", "-s", spec)
    if size is None:
        raise RevisionError("diff.rev.missing", path=path, rev=revision)
    if int(size) > MAX_BLOB:
        raise RevisionError("diff.rev.large", path=path, rev=revision, limit=MAX_BLOB)
    data = _git(git, folder, "cat-file", "blob", spec)
    if data is None:
        raise RevisionError("diff.rev.read", path=path, rev=revision)
    return data


def _git(git: str, folder: Path, *args: str) -> bytes | None:
    try:
        result = subprocess.run([git, "-C", str(folder), *args], capture_output=True, timeout=30,
                                check=False, env={"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C",
                                                  "PATH": str(Path(git).parent)})
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
