"""``mvkplan check``: validate and lint in one pass, one report, one exit code.

The documents are loaded and indexed once; the schema, identity and reference problems of
``validate`` and the findings of the lint rules go into one sorted list.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mvkplan.checks.followup_memo import FollowUpMemo
from mvkplan.checks.lint import LintResult, lint
from mvkplan.checks.references import check_index
from mvkplan.project.config import Project
from mvkplan.project.discovery import Discovery
from mvkplan.project.paths import display_path


def check(
    project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
    ignore: Iterable[str] = (), cache: bool = True, discovered: Discovery | None = None,
) -> LintResult:
    """Every validation problem and lint finding (only for ``targets`` when given).

    The follow-ups' checks are those an earlier run found where they still hold (an
    unchanged follow-up of an unchanged plan, :class:`FollowUpMemo`), unless ``cache`` is off.
    """
    result = lint(project, targets, select=select, ignore=ignore, cache=cache, discovered=discovered)
    corpus = result.corpus
    wanted = [display_path(t, project.root) for t in targets or []]
    memo = FollowUpMemo(project if cache and not os.environ.get("MVKPLAN_NO_CACHE") else None)
    found = [*check_index(corpus.index, corpus.loaded.unloaded()), *result.own,
             *memo.problems_of(corpus.index)]
    references = [p for p in found if not wanted or any(_within(p.path, w) for w in wanted)]
    unique = {(p, p.message): p for p in [*result.problems, *references]}
    return LintResult(corpus, sorted(unique.values()), result.files)


def _within(shown: str, wanted: str) -> bool:
    return shown == wanted or shown.startswith(wanted.rstrip("/") + "/") or wanted in ("", ".")
