"""The file's date: the last commit touching it (the document's own dates are its own)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mvkplan.loading import LoadedDocument


def last_updated(document: LoadedDocument, root: Path | None) -> str | None:
    """ISO date of the file's last commit, None outside git. It is the file's date, printed
    apart from the document's own ('updated', adoption), which always win as the source's."""
    if root is not None and not document.shipped:
        return _git_date(root, document.path)
    return None


def _git_date(root: Path, path: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(root), "log", "-1", "--format=%cs", "--", path],
            capture_output=True, text=True, timeout=20, check=False,
            env={"GIT_TERMINAL_PROMPT": "0", "PATH": str(Path(git).parent)},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    date = result.stdout.strip()
    return date if result.returncode == 0 and len(date) == 10 else None
