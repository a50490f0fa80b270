"""What ``mvkplan render ID`` needs: the index its page reads, and the problems of the corpus.

The page of a plan, a local or activity plan or a county profile shows its document, what it
links to and what links to it (see :func:`mvkplan.index.stored.related_documents`). When the
project's cache holds the index of exactly the files the project has now
(:mod:`mvkplan.index.stored`), the page gets an index of those documents alone, and only the
models it reads are validated: the corpus is not loaded. Any other page (a framework's, a
strategy's, a catalog's, a follow-up's, which follow links across the whole corpus), a stale
or missing index, or a run without the cache loads and validates the corpus as ``validate``
does, and keeps its index for the next page.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mvkplan.checks.validate import Corpus, corpus_paths, validate
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.stored import (
    StoredIndex,
    keep_index,
    partial_index,
    read_index,
    related_documents,
    slot_key,
    store_index,
)
from mvkplan.messages.problems import Problem
from mvkplan.project.config import Project
from mvkplan.project.discovery import Discovery

RELATED_ONLY = frozenset({"regional-plan", "activity-plan", "local-plan", "county-profile"})
"""Kinds whose page shows only the documents related to it by links: the pages
:mod:`mvkplan.publish.render.incremental` digests from those documents alone."""


@dataclass
class PageCorpus:
    """The index a page is made from, with what ``validate`` found over the whole corpus."""

    index: LinkIndex
    problems: list[Problem]
    failed: list[str] = field(default_factory=list)
    """Shown paths of the files that could not be loaded."""
    corpus: Corpus | None = None
    """The whole corpus, when it was loaded (None when the page's index came from the cache)."""
    discovered: Discovery | None = None
    """The project's files as this run found them (None when it did not walk them itself)."""

    def files_of(self, document_id: str) -> list[str]:
        """The file of a document, or, when it failed to load, the files named after it."""
        loaded = self.index.documents.get(document_id)
        if loaded is not None:
            return [loaded.path]
        return [shown for shown in self.failed if PurePosixPath(shown).stem == document_id]


def loaded_for_pages(project: Project, *, cache: bool = True) -> tuple[Corpus, list[Problem]]:
    """The corpus loaded and validated as ``validate`` does, its index kept for the pages
    ``render`` makes one at a time: what ``build`` loads. It streams: each document is
    known by its index entries and card, its model let go and made again from the plain
    data it keeps (pickled) where a page reads it. Without ``cache`` nothing an
    earlier run left is read, but what this one makes is kept (every file's entry, the
    index) for the next run; the environment's ``MVKPLAN_NO_CACHE`` keeps nothing."""
    from mvkplan.loading.cache import LoadCache, refreshing
    from mvkplan.project.discovery import walk

    if os.environ.get("MVKPLAN_NO_CACHE") or not LoadCache.for_project(project.root).usable():
        return validate(project, cache=cache, streaming=True, keep_plain=True)
    discovered = walk(corpus_paths(project), project.root,
                      follow_external=project.settings.follow_external_symlinks)
    key = slot_key(project, discovered)
    with contextlib.nullcontext() if cache else refreshing():
        corpus, problems = validate(project, cache=True, discovered=discovered, streaming=True,
                                    keep_plain=True)
    keep_index(project, key, store_index(corpus.index, problems, corpus.loaded.failed, corpus.files))
    return corpus, problems


def page_corpus(project: Project, document_id: str, *, cache: bool = True) -> PageCorpus:
    """The index of ``document_id``'s page and the corpus's problems: from the kept index
    when it is current and the page shows only related documents, else by loading the
    corpus (which then keeps its index for the next page)."""
    from mvkplan.loading.cache import LoadCache

    if not cache or os.environ.get("MVKPLAN_NO_CACHE") \
            or not LoadCache.for_project(project.root).usable():
        corpus, problems = validate(project, cache=cache)
        return PageCorpus(corpus.index, problems, corpus.loaded.failed, corpus)
    from mvkplan.loading.shipped import shipped_documents
    from mvkplan.project.discovery import walk

    discovered = walk(corpus_paths(project), project.root,
                      follow_external=project.settings.follow_external_symlinks)
    key = slot_key(project, discovered)
    stored = read_index(project, key)
    facts = stored.facts(document_id) if stored is not None else None
    if stored is not None and facts is not None and facts.kind in RELATED_ONLY:
        wanted = related_documents(stored, document_id)
        index = partial_index(stored, wanted, shipped_documents(),
                              _sources(project, discovered, stored, wanted))
        return PageCorpus(index, stored.problems, stored.failed, None, discovered)
    corpus, problems = validate(project, discovered=discovered)
    if stored is None:
        keep_index(project, key, store_index(corpus.index, problems, corpus.loaded.failed,
                                              corpus.files))
    return PageCorpus(corpus.index, problems, corpus.loaded.failed, corpus, discovered)


def _sources(project: Project, discovered: Discovery, stored: StoredIndex,
             wanted: set[str]) -> dict[str, Path]:
    """Shown path → file of the ``wanted`` documents (a document's file is nearly always the
    project root joined with its shown path; the rest are looked up among all files)."""
    from mvkplan.project.paths import display_path

    files = set(discovered.files)
    sources: dict[str, Path] = {}
    for facts in stored.documents:
        if facts.id in wanted:
            path = project.root / facts.path
            if path not in files:
                return {display_path(path, project.root): path for path in discovered.files}
            sources[facts.path] = path
    return sources


def whole_corpus(project: Project) -> PageCorpus:
    """The corpus loaded and validated as ``validate`` does (no kept index is read)."""
    corpus, problems = validate(project)
    return PageCorpus(corpus.index, problems, corpus.loaded.failed, corpus)
