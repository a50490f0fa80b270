"""Which plans the follow-ups name, read from the head of each file before anything is loaded.

A streaming run lets go of each plan's model as soon as its own checks are done; the checks
of a follow-up then need its plan's model, and a plan let go is parsed and validated a
second time. Knowing beforehand which plans follow-ups name, and how many follow-ups name
each, lets the run keep those (and only those) whole until their last follow-up is checked.
This is a hint, read from each file's first lines without parsing them:
a follow-up it misses costs the second validation, never a wrong answer, because the
checks still ask the plan's document for its model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

_HEAD = 16 * 1024
"""Bytes read of each file: a follow-up says ``kind`` and ``plan`` in its first lines."""
_FOLLOW_UP = re.compile(rb"""(?m)^kind:[ ]*(["']?)follow-up\1[ ]*(?:#.*)?\r?$""")
_PLAN = re.compile(rb"""(?m)^plan:[ ]*(["']?)([^\s"'#]+)\1[ ]*(?:#.*)?\r?$""")


def is_follow_up(path: Path) -> bool:
    """Whether the file's first lines say it is a follow-up (False when it cannot be read)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return False
    return b"follow-up" in head and _FOLLOW_UP.search(head) is not None


def followed_plans(files: Iterable[Path], known: Mapping[Path, str] | None = None) -> Counter[str]:
    """Plan id → how many of the follow-ups among ``files`` name it (as far as their first
    lines tell; unreadable files are left out). ``known``: the plan id a file's follow-up
    names, or "" when it is no follow-up, for files an earlier run loaded unchanged (they
    are not read)."""
    found: Counter[str] = Counter()
    for path in files:
        plan_id = known.get(path) if known is not None else None
        if plan_id is not None:
            if plan_id:
                found[plan_id] += 1
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD)
        except OSError:
            continue
        if b"follow-up" not in head or _FOLLOW_UP.search(head) is None:
            continue
        plan = _PLAN.search(head)
        if plan is not None:
            found[plan.group(2).decode("utf-8", "replace")] += 1
    return found
