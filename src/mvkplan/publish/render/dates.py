"""The file's date: the last commit touching it (the document's own dates are its own)."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from mvkplan.loading.documents import LoadedDocument


def last_updated(document: LoadedDocument, root: Path | None) -> str | None:
    """ISO date of the file's last commit, None outside git. It is the file's date, printed
    apart from the document's own ('updated', adoption), which always win as the source's."""
    if root is not None and not document.shipped:
        return _git_date(root, document.path)
    return None


def _git_date(root: Path, path: str) -> str | None:
    return commit_dates(_resolved(root)).get(path)


@cache
def _resolved(root: Path) -> Path:
    """The real path of a project folder (resolved once, not once per page)."""
    return root.resolve()


@cache
def commit_dates(root: Path) -> dict[str, str]:
    """Path (relative to ``root``) → ISO date of the last commit touching it, from one
    ``git log`` for the whole project rather than one per page."""
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        result = subprocess.run(
            [git, "-C", str(root), "log", "--relative", "--no-renames", "--name-only",
             "--format=%x00%cs"],
            capture_output=True, text=True, timeout=60, check=False,
            env={"GIT_TERMINAL_PROMPT": "0", "PATH": str(Path(git).parent)},
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    for commit in result.stdout.split("\0")[1:]:
        date, _, names = commit.partition("\n")
        if len(date) != 10:
            continue
        for name in names.splitlines():
            if name:
                dates.setdefault(name, date)  # newest first: the first date is the last change
    return dates
