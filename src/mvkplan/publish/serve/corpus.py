"""A project's documents, loaded once and kept: a refresh reloads only changed files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.checks.validate import Corpus, corpus_paths, load_corpus
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.cache import LoadCache
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.load import LoadResult, iter_documents, load_file
from mvkplan.loading.shipped import shipped_documents
from mvkplan.messages.problems import Problem
from mvkplan.project.config import Project
from mvkplan.project.discovery import Discovery, walk
from mvkplan.project.paths import display_path

Stamp = tuple[int, int, int]
"""What tells a file changed without reading it: modification time, change time, size."""


@dataclass
class _File:
    path: Path
    document: LoadedDocument | None
    problems: list[Problem]
    stamp: Stamp | None
    absolute: str = ""
    """The path made absolute (what the watcher's paths are compared with)."""

    def __post_init__(self) -> None:
        self.absolute = os.path.abspath(self.path)


@dataclass
class Refresh:
    """What one refresh changed."""

    documents: set[str] = field(default_factory=set)
    """Ids of the documents changed, added or removed."""
    before: set[str] = field(default_factory=set)
    """Ids the changed files held before the refresh (a renamed id, a file now broken)."""

    def __bool__(self) -> bool:
        return bool(self.documents or self.before)


class LiveCorpus:
    """The corpus ``load_corpus`` gives, kept up to date by :meth:`refresh`."""

    def __init__(self, project: Project, *, cache: bool = True) -> None:
        self.project = project
        self.cache = cache
        self._discovery = discovery = self._walk()
        self.corpus = load_corpus(project, cache=cache, discovered=discovery)
        by_path = {document.path: document for document in self.corpus.loaded.documents}
        problems: dict[str, list[Problem]] = {}
        for problem in self.corpus.loaded.problems:
            problems.setdefault(problem.path, []).append(problem)
        self._files: dict[str, _File] = {}
        for path in discovery.files:
            shown = display_path(path, project.root)
            self._files[shown] = _File(path, by_path.get(shown), problems.get(shown, []), _stamp(path))

    @property
    def index(self) -> LinkIndex:
        """The link index of the documents as last refreshed."""
        return self.corpus.index

    def refresh(self, changed: Iterable[Path] = (),
                before: Callable[[set[str]], None] | None = None) -> Refresh:
        """Look for added, removed and changed files (by their stamps, and ``changed``,
        which are reloaded whatever their stamps say), reload those alone and update the
        index in place. ``before`` is given the ids of the documents the changed files held
        and hold now, while the index is still as it was.

        When every path in ``changed`` is a file known from the last refresh and still there
        (a save, as the watcher reports it), nothing was added or removed: the folders are
        not walked again and only those files are looked at.
        """
        project = self.project
        told = {os.path.abspath(p) for p in changed}
        where = {f.absolute for f in self._files.values()}
        saved = bool(told) and all(p in where and os.path.isfile(p) for p in told)
        if saved:
            listed = [(f.path, shown) for shown, f in self._files.items()]
        else:
            self._discovery = self._walk()
            listed = [(path, display_path(path, project.root)) for path in self._discovery.files]
        discovery = self._discovery
        result = Refresh()
        files: dict[str, _File] = {}
        reloaded: list[LoadedDocument | None] = []
        for path, shown in listed:
            known = self._files.get(shown)
            if saved and known is not None and known.absolute not in told:
                files[shown] = known
                continue
            stamp = _stamp(path)
            if known is not None and known.stamp == stamp and os.path.abspath(path) not in told:
                files[shown] = known
                continue
            if known is not None and known.document is not None:
                result.before.add(known.document.id)
            document, problems = load_file(path, shown, max_size=project.settings.max_file_size,
                                           cache=self._load_cache())
            files[shown] = _File(path, document, problems, stamp)
            reloaded.append(document)
        for shown, gone in self._files.items():
            if shown not in files and gone.document is not None:
                result.before.add(gone.document.id)
        self._files = files
        documents = [f.document for f in files.values() if f.document is not None]
        if before is not None:
            before(result.before | {d.id for d in reloaded if d is not None})
        result.documents = self.index.reindex(iter_documents(shipped_documents(), documents))
        problems = [Problem(display_path(p, project.root), 0, 0, "E402", _missing(p))
                    for p in discovery.missing]
        problems += [Problem(display_path(s.path, project.root), 0, 0, s.code, s.message, hint=s.hint)
                     for s in discovery.skipped]
        for file in files.values():
            problems.extend(file.problems)
        failed = [shown for shown, file in files.items() if file.document is None]
        loaded = LoadResult(documents, problems, len(files) + len(discovery.skipped), failed)
        self.corpus = Corpus(project, loaded, self.index)
        return result

    def _walk(self) -> Discovery:
        return walk(corpus_paths(self.project), self.project.root,
                    follow_external=self.project.settings.follow_external_symlinks)

    def _load_cache(self) -> LoadCache | None:
        if not self.cache or os.environ.get("MVKPLAN_NO_CACHE"):
            return None
        return LoadCache.for_project(self.project.root)


def _missing(path: Path) -> str:
    from mvkplan.messages.i18n import t

    return t("E402", path=path)


def _stamp(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size
