"""The site of a :class:`~mvkplan.publish.serve.corpus.LiveCorpus`, rebuilt in memory after a save."""

from __future__ import annotations

import gc
from collections.abc import Hashable, Iterable
from pathlib import Path

from jinja2 import Environment

from mvkplan.checks.gate import blocking, errors_by_document
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import forget
from mvkplan.loading.cache import FOLDER
from mvkplan.messages.problems import Problem
from mvkplan.project.config import Project
from mvkplan.publish.render.dates import last_updated
from mvkplan.publish.render.environment import make_environment, shipped_templates
from mvkplan.publish.render.fragments import forget_calls
from mvkplan.publish.render.incremental import BuildResult, compiled_folder, rebuild, templates_digest
from mvkplan.publish.render.sitepages import site_options
from mvkplan.publish.serve.checks import LiveChecks
from mvkplan.publish.serve.corpus import LiveCorpus


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
        self._shapes = {d: _shape(self.live.index, d) for d in self.live.index.documents}
        self.digests: dict[str, str] = {}
        """What the pages in ``out`` show, as of the last build that succeeded."""
        self.started = False
        self._env: tuple[Hashable, Environment] | None = None

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
                reshaped = self._reshaped(change.documents | change.before)
                forget(self.live.index, links=reshaped)
                concerned.update(self.checks.reached(change.documents | change.before))
                self.checks.update(concerned, relinked=reshaped,
                                   changed=change.documents | change.before)
        first, self.started = not self.started, True
        errors = blocking(self.checks.problems())
        index, root = self.live.index, self.project.root
        cache = root / FOLDER
        previous, self.digests = self.digests, {}  # were the build to fail: all pages anew
        built = rebuild(index, self.out, state=None, templates=self.templates,
                        updated=lambda d: last_updated(index.documents[d], root),
                        errors=errors_by_document(self.live.corpus, errors),
                        compiled=compiled_folder(cache) if cache.is_dir() else None,
                        previous=previous, parallel=not previous,
                        env=self._environment(compiled_folder(cache) if cache.is_dir() else None),
                        options=site_options(self.project.settings.site, self.project.look))
        self.digests = built.digests
        if first and len(index.documents) >= SETTLED_FROM:
            _settle()
        return built, errors

    def _environment(self, compiled: Path | None) -> Environment:
        """The Jinja environment of the last build while no template was added, removed or
        changed (its compiled templates, and the page lines kept by their macros, are then
        still good; a template edited in place is compiled again by Jinja itself)."""
        stamp = (templates_digest(self.templates), templates_digest(shipped_templates()), compiled)
        if self._env is None or self._env[0] != stamp:
            if self._env is not None:
                forget_calls()  # lines kept by the old templates' macros
            self._env = (stamp, make_environment("html", self.templates, compiled=compiled))
        return self._env[1]

    def _reshaped(self, documents: set[str]) -> bool:
        """Whether any of the changed ``documents`` changed in kind, links or items (or came
        or went); records their shapes as they are now."""
        reshaped = False
        for document_id in documents:
            shape = _shape(self.live.index, document_id)
            reshaped = reshaped or shape != self._shapes.get(document_id)
            self._shapes[document_id] = shape
        return reshaped


SETTLED_FROM = 200
"""Documents from which the first build exempts what it keeps from the cycle collector."""


def _settle() -> None:
    """Exempt what the project keeps loaded from the cycle collector for the session.

    The documents, their index and checks, and the answers kept for the pages stay while
    the server runs; left in the collector's sight, every rebuild scans them again (at
    1 000 documents, a sixth of a rebuild's time). What a rebuild makes anew is collected
    as usual; what was kept and is dropped later goes when nothing refers to it."""
    gc.collect()
    gc.freeze()


def _shape(index: LinkIndex, document_id: str) -> Hashable:
    """What answers kept by :func:`~mvkplan.index.memo.per_links` may depend on: the
    document's kind and the facts that place it (example, county, the plan and year of a
    follow-up), its links and its items. (Read when the document is loaded: its model is
    then at hand.)"""
    loaded = index.documents.get(document_id)
    if loaded is None:
        return None
    model = loaded.model
    placed = (type(model).__name__, model.example, model.county,
              getattr(model, "plan", None), getattr(model, "year", None))
    links = tuple((link.source, link.target, link.relation, link.path)
                  for link in index.links_from(document_id))
    items = tuple((item.id, item.kind, item.title, item.path)
                  for item in index.items.get(document_id, {}).values())
    return placed, links, items
