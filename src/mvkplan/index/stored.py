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

import hashlib
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mvkplan.index.linkindex import LinkIndex, Summary
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.problems import Problem

if TYPE_CHECKING:
    from mvkplan.project.config import Project
    from mvkplan.project.discovery import Discovery

@dataclass(frozen=True)
class LinkProblems:
    """The problems of the links one document writes: a run keeps them with its index, and
    the next reuses them for a document whose file did not change, as long as no changed
    file changed what it defines (:func:`defines`)."""

    problems: tuple[Problem, ...]
    unloadable: tuple[Problem, ...]
    """E308, once per target document (reported after every other link problem)."""


def defines(index: LinkIndex, document_id: str) -> str | None:
    """What the link problems of other documents read of a document, as a SHA-256: its file,
    kind and status (a superseded one is "?" superseded), its item ids in order (what
    resolves, and the "did you mean" candidates), and what it supersedes or extends (who
    succeeds whom, which catalog extends which). None for a catalog: hints read its entries'
    names and codes too, so a changed catalog always means a full check."""
    loaded = index.documents[document_id]
    if loaded.kind == "catalog":
        return None
    chains = tuple((link.relation, link.target) for link in index.links_from(document_id)
                   if link.relation in ("supersedes", "extends"))
    parts = (loaded.path, loaded.kind, loaded.status, tuple(index.items.get(document_id, {})), chains)
    return hashlib.sha256(repr(parts).encode()).hexdigest()  # repr: strings quoted and escaped


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
    base: str = ""
    """What the link problems depend on besides the files (:meth:`RunCache.base`)."""
    checked: dict[str, LinkProblems] = field(default_factory=dict)
    """Document id → the problems of its links (every indexed document, shipped ones too)."""
    defined: dict[str, str | None] = field(default_factory=dict)
    """Document id → what it defines for the links of others (:func:`defines`)."""
    follows: dict[str, str] = field(default_factory=dict)
    """Document id → the plan a follow-up names ("" for any other document)."""
    own: dict[str, list[Problem]] = field(default_factory=dict)
    """Document id → its own problems, for the documents the next run may know from this
    index instead of their cache entries: those known by their summary, whose summary
    here is whole (no item of theirs dropped as a duplicate)."""

    def facts(self, document_id: str) -> DocumentFacts | None:
        """The facts of a repository document, if it is indexed."""
        return next((d for d in self.documents if d.id == document_id), None)


def store_index(index: LinkIndex, problems: Sequence[Problem], failed: Sequence[str],
                files: int, *, base: str = "",
                checked: Mapping[str, LinkProblems] | None = None,
                problems_of: Mapping[str, list[Problem]] | None = None,
                earlier: StoredIndex | None = None) -> StoredIndex:
    """What :func:`partial_index` needs of ``index`` (the repository's documents only: the
    shipped ones are loaded with the package); with ``checked``, the link problems of every
    document too, and with ``problems_of`` the own problems of the documents known by their
    summaries, kept for the next run (``base``: what they depend on besides the files).
    ``earlier``: an index stored for the same ``base``, whose summaries of documents still
    in the same file with the same SHA-256 are taken as they are (not made and pickled again)."""
    own = [loaded for loaded in index.documents.values() if not loaded.shipped]
    position = {loaded.id: n for n, loaded in enumerate(index.documents.values())}
    documents = [DocumentFacts(d.path, d.id, d.kind, d.status, d.example, d.digest, d.fast)
                 for d in own]
    before = {(f.id, f.path, f.digest) for f in earlier.documents} if earlier is not None else set()
    same = {d.id for d in own if (d.id, d.path, d.digest) in before}
    old = earlier if earlier is not None else StoredIndex([], {}, {}, {}, {}, [], [], 0)
    summaries = {d.id: old.summaries[d.id] if d.id in same and d.id in old.summaries
                 else pickle.dumps(summary_of(index, d.id), protocol=pickle.HIGHEST_PROTOCOL)
                 for d in own}
    linking: dict[str, list[str]] = {}
    for target in index.documents:
        sources = {link.document for link in index.backlinks_to_document(target)}
        if sources:
            linking[target] = sorted(sources, key=lambda s: position.get(s, len(position)))
    successors, extensions = index.chains()
    defined = {d.id: old.defined[d.id] if d.id in same and d.id in old.defined else defines(index, d.id)
               for d in own} if checked is not None else {}
    with_duplicates = {id(owner) for owner, _item, _first in index.duplicates}
    kept_own = {d.id: list(problems_of[d.id]) for d in own
                if problems_of is not None and d.id in problems_of and id(d) not in with_duplicates}
    follows = {d.id: old.follows[d.id] if d.id in same and d.id in old.follows
               else next((link.target for link in index.links_from(d.id) if link.relation == "follow-up"), "")
               for d in own}
    return StoredIndex(documents, summaries, linking, successors, extensions,
                       list(problems), list(failed), files, base, dict(checked or {}), defined,
                       follows, kept_own)


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
    _items, links = stored_summary(stored, document_id)
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
        index.add(document, stored_summary(stored, facts.id))
    index.restore_chains(stored.successors, stored.extensions)
    return index


def stored_summary(stored: StoredIndex, document_id: str) -> Summary:
    """A document's items and links as the stored index holds them (none if it is not held)."""
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


def last_index(project: Project) -> StoredIndex | None:
    """The index the last whole run kept, whatever files it was made of (None: absent,
    unsigned or damaged); the caller compares its documents' digests with the files now."""
    from mvkplan.loading.runs import RunCache

    found = RunCache(project).last(SLOT, [])
    return found if isinstance(found, StoredIndex) else None


def keep_index(project: Project, key: str, stored: StoredIndex) -> None:
    """Keep ``stored`` under ``key`` (replacing what the slot held; failures are ignored)."""
    from mvkplan.loading.runs import RunCache

    RunCache(project).put(SLOT, [], key, stored)
