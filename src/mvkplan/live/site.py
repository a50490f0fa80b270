"""The site of a :class:`~mvkplan.live.corpus.LiveCorpus`, rebuilt in memory after a save."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mvkplan.cache import FOLDER
from mvkplan.config import Project
from mvkplan.gate import blocking, errors_by_document
from mvkplan.live.checks import LiveChecks
from mvkplan.live.corpus import LiveCorpus
from mvkplan.problems import Problem
from mvkplan.render.dates import last_updated
from mvkplan.render.incremental import BuildResult, compiled_folder, rebuild
from mvkplan.render.memo import forget


class LiveSite:
    """A project kept loaded and checked, and the site built from it into ``out``.

    :meth:`build` gives what ``build_preview`` gives from scratch (the same pages, the same
    errors), rendering only the pages whose inputs changed since the last call.
    """

    def __init__(self, project: Project, out: Path, templates: Path | None = None) -> None:
        self.project = project
        self.out = out
        self.templates = templates or (project.root / project.settings.templates
                                       if project.settings.templates else None)
        self.live = LiveCorpus(project)
        self.checks = LiveChecks(self.live)
        self.digests: dict[str, str] = {}
        """What the pages in ``out`` show, as of the last build that succeeded."""
        self.started = False

    def build(self, changed: Iterable[Path] = ()) -> tuple[BuildResult, list[Problem]]:
        """Reload what changed (files with new stamps, and ``changed``), check again what
        the change concerns, render the pages it changed; the build's errors with it.
        A render error propagates (the pages of this build are then not recorded)."""
        if self.started:
            concerned: set[str] = set()

            def note(ids: set[str]) -> None:  # the index as it was
                concerned.update(self.checks.reached(ids))

            change = self.live.refresh(changed, note)
            if change:
                forget(self.live.index)
                concerned.update(self.checks.reached(change.documents | change.before))
                self.checks.update(concerned)
        self.started = True
        errors = blocking(self.checks.problems())
        index, root = self.live.index, self.project.root
        cache = root / FOLDER
        previous, self.digests = self.digests, {}  # were the build to fail: all pages anew
        built = rebuild(index, self.out, state=None, templates=self.templates,
                        updated=lambda d: last_updated(index.documents[d], root),
                        errors=errors_by_document(self.live.corpus, errors),
                        compiled=compiled_folder(cache) if cache.is_dir() else None,
                        previous=previous)
        self.digests = built.digests
        return built, errors
