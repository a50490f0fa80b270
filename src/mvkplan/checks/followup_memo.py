"""Follow-up checks remembered between runs: an unchanged follow-up of an unchanged plan is
not checked again, and neither it nor its plan is validated for it.

After one file changed, a run used to validate every follow-up and every plan a follow-up
names, only to find the same problems (those checks read the models; everything else comes
from the per-file cache without a model). What a follow-up's check depends on is its own
file, the document its plan id names (the first of that id) and the counties of the
municipalities it names: an answer is kept under the follow-up's shown path and SHA-256, and
within that under the plan document's path, SHA-256 and kind and those counties. The message
language and mvkplan itself (:func:`mvkplan.loading.cache.fingerprint`, which covers the
shipped catalogs) make the slot's own key, so a new release or another language starts afresh.

One slot of the run cache (``runs/``, signed like every entry), holding what this run used or
found, so it does not grow; nothing is kept from a run in which a file changed while it was
read (E110), where a check may have stopped half-way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from mvkplan.checks.followups import FollowUpChecks, settled_for
from mvkplan.messages.problems import Problem

if TYPE_CHECKING:
    from mvkplan.index.linkindex import LinkIndex
    from mvkplan.loading.documents import LoadedDocument
    from mvkplan.models import FollowUp
    from mvkplan.project.config import Project

SLOT = "follow-up checks"
"""The name of the run-cache slot."""


@dataclass(frozen=True)
class Remembered:
    """What a run found of one follow-up file."""

    plan: str
    year: int
    municipalities: tuple[str, ...]
    answers: dict[str, list[Problem]] = field(default_factory=dict)
    """The problems found, by what they depend on besides the file (:func:`_context`)."""


class FollowUpMemo:
    """The remembered checks of a project (empty for a run without the cache)."""

    def __init__(self, project: Project | None) -> None:
        self.project = project
        self._before: dict[tuple[str, str], Remembered] = {}
        self._now: dict[tuple[str, str], Remembered] = {}
        self._found = False
        if project is not None:
            from mvkplan.loading.runs import RunCache

            stored = RunCache(project).get(SLOT, [], _slot_key())
            if isinstance(stored, dict):
                self._before = cast("dict[tuple[str, str], Remembered]", stored)

    def check_now(self, checks: FollowUpChecks, loaded: LoadedDocument) -> str | None:
        """:meth:`FollowUpChecks.check_now`, from what an earlier run found when that still
        holds; the id of the plan it names when it was checked, None when not yet settled."""
        name = (loaded.path, loaded.digest)
        known = self._before.get(name)
        if known is not None and settled_for(checks.index, known.plan, known.municipalities):
            context = _context(checks.index, known.plan, known.municipalities)
            problems = known.answers.get(context)
            if problems is not None:
                checks.known(loaded, problems, known.plan, known.year)
                self._keep(name, known, context, problems)
                return known.plan
        before = len(checks.problems)
        if not checks.check_now(loaded):
            return None
        model = cast("FollowUp", loaded.model)
        municipalities = tuple(r.municipality for r in model.respondents if r.municipality)
        fresh = Remembered(model.plan, model.year, municipalities)
        context = _context(checks.index, model.plan, municipalities)
        self._keep(name, fresh, context, checks.problems[before:])
        self._found = True
        return model.plan

    def problems_of(self, index: LinkIndex) -> list[Problem]:
        """The problems of every follow-up in ``index`` against its plan, and of follow-ups of
        one year (what :func:`mvkplan.checks.followups.follow_up_problems` finds), from what
        an earlier run found where that still holds; kept for the next run. For a run that
        has the whole index at hand (``check``), not one checking as it loads."""
        checks = FollowUpChecks(index)
        for loaded in index.documents.values():
            if not loaded.shipped and loaded.kind == "follow-up":
                self.check_now(checks, loaded)
        problems = list(checks.finish())
        self.save(problems)
        return problems

    def save(self, problems: list[Problem]) -> None:
        """Keep what this run used and found (not after a file changed while it was read)."""
        if self.project is None or any(problem.code == "E110" for problem in problems):
            return
        if not self._found and self._now.keys() == self._before.keys():
            return  # nothing new: the slot holds this already
        from mvkplan.loading.runs import RunCache

        RunCache(self.project).put(SLOT, [], _slot_key(), self._now)

    def _keep(self, name: tuple[str, str], known: Remembered, context: str,
              problems: list[Problem]) -> None:
        kept = self._now.setdefault(name, Remembered(known.plan, known.year, known.municipalities))
        kept.answers[context] = list(problems)


def _context(index: LinkIndex, plan: str, municipalities: tuple[str, ...]) -> str:
    """What a follow-up's problems depend on besides its own file."""
    target = index.documents.get(plan)
    parts = [plan, *((target.path, target.digest, target.kind) if target is not None else ("-",))]
    for name in municipalities:
        entry = index.item(f"municipalities/{name}")
        parts += [name, str(getattr(entry.obj, "county", None)) if entry is not None else "-"]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _slot_key() -> str:
    from mvkplan.loading.cache import fingerprint
    from mvkplan.messages.i18n import get_language

    return hashlib.sha256(f"{fingerprint()}\0{get_language()}".encode()).hexdigest()
