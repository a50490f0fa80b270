"""The link index kept between runs, so that one page is made without loading the country.

A page of a plan shows its document, the documents it links to (and what supersedes those),
and the documents that link to it: a few out of thousands. What ``render`` needs of the rest
is who they are (id, kind, status, example mark) and where their links point. A run that
loaded and indexed the whole corpus keeps that in a :class:`StoredIndex`: every document's
facts, its items and links (pickled one document at a time, so that only the few a page
needs are unpickled), which documents link into each document, the successors and catalog
extensions, and the problems ``validate`` found.

It is kept in one slot of the project's cache (:class:`mvkplan.loading.runs.RunCache`, under
the name ``index``), under a key made of everything the index depends on: mvkplan itself, the
message language, the configuration, and the path and SHA-256 of every file. One changed byte
and the slot is stale; the caller then loads the corpus as before and keeps the index anew.
The slot is signed like every cache entry (:mod:`mvkplan.loading.keys`): one this user's
mvkplan did not write for this place is never unpickled.

:func:`partial_index` makes a :class:`~mvkplan.index.linkindex.LinkIndex` of the shipped
documents and the repository's documents a page needs; their models are validated from their
files when (and only when) the page reads them.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mvkplan.index.linkindex import LinkIndex, Summary
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.problems import Problem

if TYPE_CHECKING:
    from mvkplan.project.config import Project
    from mvkplan.project.discovery import Discovery

SLOT = "index"
"""The name of the run-cache slot the index is kept in."""


@dataclass(frozen=True)
class DocumentFacts:
    """Who a repository document is, without its model."""

    path: str
    """Its file as shown in messages."""
    id: str
    kind: str
    status: str | None
    example: bool
    digest: str
    fast: bool


@dataclass(frozen=True)
class StoredIndex:
    """What a run that indexed the whole corpus keeps for the pages made one at a time."""

    documents: list[DocumentFacts]
    """The repository's indexed documents, in the order the index holds them."""
    summaries: dict[str, bytes]
    """Document id → its items and links (a pickled :data:`~mvkplan.index.linkindex.Summary`)."""
    linking: dict[str, list[str]]
    """Document id → the other documents that link to it or its items, in index order."""
    successors: dict[str, str]
    extensions: dict[str, list[str]]
    problems: list[Problem]
    """What ``validate`` found over the whole corpus."""
    failed: list[str]
    """Shown paths of the files that could not be loaded."""
    files: int

    def facts(self, document_id: str) -> DocumentFacts | None:
        """The facts of a repository document, if it is indexed."""
        return next((d for d in self.documents if d.id == document_id), None)


def store_index(index: LinkIndex, problems: Sequence[Problem], failed: Sequence[str],
                files: int) -> StoredIndex:
    """What :func:`partial_index` needs of ``index`` (the repository's documents only: the
    shipped ones are loaded with the package)."""
    own = [loaded for loaded in index.documents.values() if not loaded.shipped]
    position = {loaded.id: n for n, loaded in enumerate(index.documents.values())}
    documents = [DocumentFacts(d.path, d.id, d.kind, d.status, d.example, d.digest, d.fast)
                 for d in own]
    summaries = {d.id: pickle.dumps(summary_of(index, d.id), protocol=pickle.HIGHEST_PROTOCOL)
                 for d in own}
    linking: dict[str, list[str]] = {}
    for target in index.documents:
        sources = {link.document for link in index.backlinks_to_document(target)}
        if sources:
            linking[target] = sorted(sources, key=lambda s: position.get(s, len(position)))
    successors, extensions = index.chains()
    return StoredIndex(documents, summaries, linking, successors, extensions,
                       list(problems), list(failed), files)


def summary_of(index: LinkIndex, document_id: str) -> Summary:
    """A document's items and links as :meth:`LinkIndex.add` takes them back."""
    items = [(item.id, item.kind, item.title, item.path)
             for item in index.items.get(document_id, {}).values()]
    links = [(link.source, link.path, link.target, link.relation)
             for link in index.links_from(document_id)]
    return items, links


def related_documents(stored: StoredIndex, document_id: str) -> set[str]:
    """The documents a plan's page shows: itself, what it links to, what links to it, the
    catalogs those extend into, and what supersedes any of them."""
    _items, links = _summary(stored, document_id)
    related = {document_id, *stored.linking.get(document_id, ())}
    targets = {target.partition("/")[0] for _source, _path, target, _relation in links}
    related |= targets
    for target in targets:
        related.update(stored.extensions.get(target, ()))
    related.update(s for d in list(related) if (s := stored.successors.get(d)) is not None)
    return related


def partial_index(stored: StoredIndex, wanted: Iterable[str], shipped: Iterable[LoadedDocument],
                  sources: Mapping[str, Path]) -> LinkIndex:
    """The shipped documents and the repository's ``wanted`` ones, indexed as the whole corpus
    indexes them (same order, same successors and extensions); ``sources``: shown path →
    file, where a document's model is validated again from when it is read."""
    index = LinkIndex.build(shipped)
    chosen = set(wanted)
    for facts in stored.documents:
        if facts.id not in chosen or facts.path not in sources:
            continue
        document = LoadedDocument.known(facts.path, id=facts.id, kind=facts.kind,
                                        status=facts.status, example=facts.example,
                                        digest=facts.digest, source=sources[facts.path],
                                        fast=facts.fast)
        index.add(document, _summary(stored, facts.id))
    index.restore_chains(stored.successors, stored.extensions)
    return index


def _summary(stored: StoredIndex, document_id: str) -> Summary:
    blob = stored.summaries.get(document_id)
    if blob is None:
        return [], []
    # The slot's signature was checked before it was unpickled; these bytes lay inside it.
    return pickle.loads(blob)  # type: ignore[no-any-return]  # noqa: S301


def slot_key(project: Project, discovered: Discovery) -> str:
    """The key the index of the files ``discovered`` is kept under (reads every file once,
    noting each one's SHA-256 in ``discovered.digests`` for the loading that may follow)."""
    from mvkplan.loading.runs import RunCache
    from mvkplan.messages.i18n import get_language

    return RunCache(project).key(SLOT, [], discovered, get_language())


def read_index(project: Project, key: str) -> StoredIndex | None:
    """The index kept under ``key``, or None (absent, stale, unsigned or damaged)."""
    from mvkplan.loading.runs import RunCache

    found = RunCache(project).get(SLOT, [], key)
    return found if isinstance(found, StoredIndex) else None


def keep_index(project: Project, key: str, stored: StoredIndex) -> None:
    """Keep ``stored`` under ``key`` (replacing what the slot held; failures are ignored)."""
    from mvkplan.loading.runs import RunCache

    RunCache(project).put(SLOT, [], key, stored)
