"""The wording a suspect link was reviewed against, found in git.

A link keeps only the fingerprint of its target's wording, not the words: the words are in git,
in some earlier version of the target's file. Walking that file's history back (newest first,
at most :data:`MAX_VERSIONS` versions) and fingerprinting the target item in each version
finds them without storing anything more in the plan. Outside a git repository, in a shallow
clone that lacks the version, or for a target that moved to another file, the old wording is
simply not known and ``review`` says so; the link is still suspect all the same.

git is run as the diff runs it (:mod:`mvkplan.views.diff.revisions`): plain ``log`` and
``cat-file``, no hooks, no pager, no filters, a fixed environment; its output is read as data.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.index.linkindex import Item, iter_items
from mvkplan.index.review import fingerprint, wording
from mvkplan.loading.validation import load_bytes
from mvkplan.views.diff.revisions import RevisionError, read_at_revision

MAX_VERSIONS = 200
"""How far back a target file's history is searched."""


@dataclass
class History:
    """Old wordings looked up in the git history of a project's files, each version read once."""

    root: Path
    _versions: dict[str, list[dict[str, Item]]] = field(default_factory=dict)

    def old_wording(self, target: Item, reviewed: str) -> str | None:
        """The wording of ``target`` whose fingerprint is ``reviewed``, from an earlier version of
        its file; None when no version searched has it."""
        if target.owner.shipped:
            return None
        for items in self._items_by_version(target.owner.path):
            old = items.get(target.id)
            if old is not None and fingerprint(old) == reviewed:
                return wording(old)
        return None

    def _items_by_version(self, path: str) -> list[dict[str, Item]]:
        if path not in self._versions:
            file = self.root / path
            versions = []
            for commit in _commits(file):
                try:
                    data = read_at_revision(file, commit)
                except RevisionError:
                    continue
                loaded = load_bytes(data, path).document
                if loaded is not None:
                    versions.append({item.id: item for item in iter_items(loaded)})
            self._versions[path] = versions
        return self._versions[path]


def _commits(file: Path) -> list[str]:
    """The commits that changed ``file``, newest first ([] outside a repository)."""
    git = shutil.which("git")
    if git is None:
        return []
    try:
        result = subprocess.run(
            [git, "-c", "core.fsmonitor=false", "-C", str(file.parent), "log", "--no-color",
             "--format=%H", f"--max-count={MAX_VERSIONS}", "--", file.name],
            capture_output=True, timeout=30, check=False,
            env={"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "PATH": str(Path(git).parent)})
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:
        return []
    return [line for line in result.stdout.decode("ascii", "replace").split() if len(line) >= 40]
