"""``mvkplan validate``: schema, identity and references of a project's documents."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from mvkplan.messages.problems import Problem
from mvkplan.project.config import Project
from mvkplan.project.paths import is_within

if TYPE_CHECKING:  # the models are imported only when a run is not answered from the cache
    from mvkplan.index.cards import DocumentCard
    from mvkplan.index.linkindex import LinkIndex, Summary
    from mvkplan.index.stored import DocumentFacts, LinkProblems, StoredIndex
    from mvkplan.loading.documents import LoadedDocument
    from mvkplan.loading.load import LoadResult
    from mvkplan.loading.many import Earlier
    from mvkplan.project.discovery import Discovery


@dataclass
class Corpus:
    """A project's documents loaded and indexed, with the problems loading found."""

    project: Project
    loaded: LoadResult
    index: LinkIndex
    shared: list[LoadedDocument] = field(default_factory=list)
    """Documents the checks across documents read whole (follow-ups and the plans they name)
    that a run keeping models knows by their entries alone: their models are made when first
    read, and before forked workers that may read them (:func:`mvkplan.checks.lint.run_rules`)."""
    checked: dict[str, LinkProblems] | None = None
    """The link problems of every document, once :func:`validate` checked them."""
    problems_of: dict[str, list[Problem]] | None = None
    """A streaming run's own problems of each document known by its summary (by id)."""

    @property
    def files(self) -> int:
        """Number of YAML files read."""
        return self.loaded.files


def load_corpus(
    project: Project, extra: list[Path] | None = None, *, cache: bool = True,
    discovered: Discovery | None = None,
    each: Callable[[LoadedDocument, LinkIndex, Prepared | None], None] | None = None,
    prepare: Callable[[LoadedDocument], Prepared | None] | None = None, keep_plain: bool = False,
    here: Collection[Path] = (), earlier: Earlier | None = None,
    keep_plain_loaded: bool | None = None,
) -> Corpus:
    """Load the configured documents (and ``extra`` paths) and index them with the shipped ones.

    Unchanged files come from the project's cache unless ``cache`` is False or the
    environment sets ``MVKPLAN_NO_CACHE``. Each document is indexed as soon as it is loaded,
    then handed to ``each``. With ``prepare``, worker processes validate the documents they
    parse and send back what it made (index items and links, the document's own problems)
    in place of the model; with ``keep_plain`` such a document also keeps the plain data it
    was validated from (:meth:`LoadedDocument.keep`). The files in ``here`` are loaded in
    this process, never by a worker (the caller keeps their models). ``earlier`` knows
    documents as an earlier run left them (:func:`mvkplan.loading.many.iter_loaded`).
    ``keep_plain_loaded``: whether the documents validated in this process keep their plain
    data too (default: as ``keep_plain``).
    """
    from mvkplan.index.linkindex import LinkIndex
    from mvkplan.loading.cache import LoadCache
    from mvkplan.loading.load import load_paths
    from mvkplan.loading.shipped import shipped_documents

    index = LinkIndex.build(shipped_documents())

    def indexed(document: LoadedDocument, prepared: object) -> None:
        index.add(document, cast("Prepared", prepared).summary if prepared is not None else None)
        if each is not None:
            each(document, index, cast("Prepared | None", prepared))

    use_cache = cache and not os.environ.get("MVKPLAN_NO_CACHE")
    with _long_lived():
        loaded = load_paths(corpus_paths(project, extra), project.root,
                            max_size=project.settings.max_file_size,
                            follow_external=project.settings.follow_external_symlinks,
                            cache=LoadCache.for_project(project.root) if use_cache else None,
                            discovered=discovered, each=indexed, prepare=prepare,
                            keep_plain=keep_plain, here=here, earlier=earlier,
                            keep_plain_loaded=keep_plain_loaded)
    return Corpus(project, loaded, index)


_KEPT_KINDS = frozenset({"catalog", "follow-up", "consultation"})
"""Documents a streaming run keeps whole: the checks across documents read their models."""


def streamed_corpus(
    project: Project, extra: list[Path] | None, *, cache: bool, discovered: Discovery | None,
    release: bool = True, earlier: StoredIndex | None = None, keep_plain: bool = False,
) -> tuple[Corpus, list[Problem]]:
    """:func:`load_corpus` with each document's own checks run as it loads (by the worker
    that validated it, if one did); those checks' problems come second.

    With ``release``, each document's model is let go after its checks. Without it (``lint``,
    which reads every model), every file the cache lacks is loaded in this process and keeps
    its model (a worker's would have to be validated again here from plain data sent over),
    and those known from their cache entries are known by their index entries and the plain
    data they were validated from (``lint`` validates them again from it in its own workers,
    or where a rule reads them); the follow-ups and plans among them are the corpus's ``shared``.
    Catalogs are always kept whole, and so are, until their last follow-up is checked, the
    plans the follow-ups name (:func:`mvkplan.loading.hints.followed_plans`): the
    follow-ups' checks read the plan's model, which would otherwise be parsed and validated
    a second time. Follow-ups are kept whole too; with ``release``, a follow-up is checked
    against its plan as soon as that answer is settled
    (:class:`mvkplan.checks.followups.FollowUpChecks`) and then let go, and the problems of
    every follow-up come with the documents' own. ``earlier``: the index a whole run kept
    for the same mvkplan, language and configuration; a document it holds in the same file
    with the same SHA-256 is known from it (:func:`_known_before`), not from its cache entry.
    ``keep_plain`` (with ``release``): each document let go keeps the plain data it was
    validated from, pickled (:meth:`LoadedDocument.compact`), so that its model is made
    again from it rather than from its file (``build`` makes each in the worker rendering
    its page). Every document gets its card (:mod:`mvkplan.index.cards`) from whoever
    validated it.
    """
    from mvkplan.checks.followup_memo import FollowUpMemo
    from mvkplan.checks.followups import FollowUpChecks, document_problems
    from mvkplan.loading.hints import followed_plans, is_follow_up
    from mvkplan.project.discovery import walk

    if discovered is None:
        discovered = walk(corpus_paths(project, extra), project.root,
                          follow_external=project.settings.follow_external_symlinks)
    before = {facts.path: facts for facts in earlier.documents} if earlier is not None else {}
    followed = followed_plans(discovered.files, _follows_before(earlier, before, project, discovered)
                              if earlier is not None else None)
    waiting = followed.copy()  # follow-ups not checked yet, by the plan they name
    own: list[Problem] = []
    follow_ups: list[FollowUpChecks] = []  # made with the index, by the first document
    pending: list[LoadedDocument] = []  # follow-ups whose answer was not settled when loaded
    shared: list[LoadedDocument] = []  # kept documents known by their entries (keeping models)
    memo = FollowUpMemo(project if release and cache and not os.environ.get("MVKPLAN_NO_CACHE") else None)
    problems_of: dict[str, list[Problem]] = {}  # by document id, for the index kept

    def kept(document: LoadedDocument) -> bool:
        return document.kind in _KEPT_KINDS or document.id in followed

    def checked(document: LoadedDocument, index: LinkIndex, prepared: Prepared | None) -> None:
        if not follow_ups:
            follow_ups.append(FollowUpChecks(index))
        first = index.documents.get(document.id) is document  # not a second of one id
        if prepared is not None:
            document.card = prepared.card
        if first and prepared is not None:
            own.extend(prepared.problems)
            problems_of[document.id] = prepared.problems
        elif first:
            own.extend(document_problems(document))
        if not release:
            if kept(document) and document.released:  # known by its entry or its worker: lint
                shared.append(document)
            return
        if not kept(document):
            document.release()
            document.compact()
        elif first and document.kind == "follow-up":
            plan = memo.check_now(follow_ups[0], document)
            if plan is None:
                pending.append(document)
                return
            document.release()
            document.compact()
            waiting[plan] -= 1
            if waiting[plan] == 0 and plan in index.documents:  # its last follow-up, as hinted
                if index.documents[plan].kind not in _KEPT_KINDS:
                    index.documents[plan].release()
                    index.documents[plan].compact()

    def _prepared(document: LoadedDocument) -> Prepared | None:
        """The document's index entries and own checks, made by whoever validated it (a
        worker, or this process) and cached with its file. None for catalogs and
        consultations (the parent validates those itself). Follow-ups and their plans are
        known by this too: a releasing run validates them again only when a check it does
        not remember needs their models, and a run that keeps models (lint) only when a rule
        or a check reads them."""
        from mvkplan.index.cards import card_from_model
        from mvkplan.index.linkindex import summarize

        if document.kind in _KEPT_KINDS - {"follow-up"}:
            return None
        return Prepared(summarize(document), list(document_problems(document)),
                        card_from_model(document.model))

    # Plans that follow-ups name, and with ``release`` the follow-ups, are loaded here: their
    # models are checked here, and a worker would send their plain data to be validated again.
    # Without ``release`` every model is kept, hence every file is loaded here.
    here = _LoadedHere(followed, with_follow_ups=release, is_follow_up=is_follow_up,
                       every=not release)
    corpus = load_corpus(project, extra, cache=cache, discovered=discovered, each=checked,
                         prepare=_prepared, keep_plain=keep_plain or not release, here=here,
                         earlier=_known_before(earlier, before) if earlier is not None else None,
                         # without ``release`` the models made here are kept for good
                         keep_plain_loaded=keep_plain)
    corpus.problems_of = problems_of
    if release:
        checks = follow_ups[0] if follow_ups else FollowUpChecks(corpus.index)
        for document in pending:  # settled now that all is loaded, or left to ``finish``
            memo.check_now(checks, document)
        own.extend(checks.finish())
        memo.save(own)
    corpus.shared = shared
    return corpus, own


def _follows_before(stored: StoredIndex, facts: Mapping[str, DocumentFacts], project: Project,
                    discovered: Discovery) -> dict[Path, str]:
    """The plan each file's follow-up names ("" for other documents), for the files
    ``stored`` holds unchanged (``facts``: its documents by shown path)."""
    from mvkplan.loading.files import shown_paths

    follows: dict[Path, str] = {}
    for path, shown in zip(discovered.files, shown_paths(discovered.files, project.root), strict=True):
        found = facts.get(shown)
        if found is not None and found.digest == discovered.digests.get(path) and found.id in stored.follows:
            follows[path] = stored.follows[found.id]
    return follows


def _known_before(stored: StoredIndex, facts: Mapping[str, DocumentFacts]) -> Earlier:
    """The documents ``stored`` knows with what ``prepare`` made of them, by shown path and
    SHA-256 (``facts``: its documents by shown path): what their cache entries would give,
    read from the one slot already open."""
    from mvkplan.index.stored import stored_summary
    from mvkplan.loading.many import Known

    def known(shown: str, digest: str) -> Known | None:
        found = facts.get(shown)
        if found is None or found.digest != digest or found.id not in stored.own:
            return None
        prepared = Prepared(stored_summary(stored, found.id), list(stored.own[found.id]))
        return Known(found.id, found.kind, found.status, found.example, found.digest,
                     found.fast, prepared)

    return known


class _LoadedHere(Collection[Path]):
    """The files a streaming run loads in its own process, told apart when asked (only the
    files the cache lacks are): the plans follow-ups name, by the file's stem, and with
    ``with_follow_ups`` the follow-ups, by the file's first lines; with ``every``, all."""

    def __init__(self, followed: Collection[str], *, with_follow_ups: bool,
                 is_follow_up: Callable[[Path], bool], every: bool = False) -> None:
        self.followed = followed
        self.with_follow_ups = with_follow_ups
        self.is_follow_up = is_follow_up
        self.every = every
        self._asked: dict[Path, bool] = {}

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, Path):
            return False
        if path not in self._asked:
            self._asked[path] = self.every or path.stem in self.followed or (
                self.with_follow_ups and self.is_follow_up(path))
        return self._asked[path]

    def __iter__(self) -> Iterator[Path]:
        return (path for path, here in self._asked.items() if here)

    def __len__(self) -> int:
        return sum(self._asked.values())


class Prepared(NamedTuple):
    """What a worker sends back of a document it validated, in place of the model."""

    summary: Summary
    problems: list[Problem]
    """The document's own problems (:func:`mvkplan.checks.followups.document_problems`)."""
    card: DocumentCard | None = None
    """What lists and titles read of it (None when known from a stored index)."""


def corpus_paths(project: Project, extra: list[Path] | None = None) -> list[Path]:
    """The configured paths, and those of ``extra`` outside them."""
    paths = project.document_paths()
    for path in extra or []:
        if not any(is_within(path, configured) for configured in paths):
            paths.append(path)
    return paths


@contextmanager
def _long_lived() -> Iterator[None]:
    """Pause the cycle collector while a corpus is built, then exempt it from collection.

    Loading allocates millions of objects that live until the process ends and form no
    cycles; letting the collector rescan them on every allocation threshold doubled the
    time of a validate. ``gc.freeze`` moves them out of the collector's sight for the rest
    of the run (render, lint), so later collections only look at what is new.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def validate_run(
    project: Project, targets: list[Path] | None = None, *, cache: bool = True
) -> tuple[int, list[Problem]]:
    """Files read and problems found, as :func:`validate` gives them; the last run's answer
    when not one input changed since (:mod:`mvkplan.loading.runs`), unless ``cache`` is off."""
    if not cache or os.environ.get("MVKPLAN_NO_CACHE"):
        corpus, problems = validate(project, targets, cache=False, streaming=True)
        return corpus.files, problems
    from mvkplan.loading.runs import remembered

    def compute(discovered: Discovery) -> tuple[int, list[Problem]]:
        if targets:
            corpus, problems = validate(project, targets, cache=True, discovered=discovered,
                                        streaming=True)
            return corpus.files, problems
        # The whole corpus: start from the index the last whole run kept, and keep this
        # one, which the next run and `render ID` read.
        from mvkplan.index.stored import keep_index, last_index, slot_key, store_index
        from mvkplan.loading.runs import RunCache
        from mvkplan.messages.i18n import get_language

        base = RunCache(project).base(get_language())
        earlier = last_index(project)
        if earlier is not None and (earlier.base != base  # nothing kept from a run that failed part-way
                                    or any(p.code == "E110" for p in earlier.problems)):
            earlier = None
        corpus, problems = validate(project, cache=True, discovered=discovered, streaming=True,
                                    earlier=earlier)
        keep_index(project, slot_key(project, discovered),
                   store_index(corpus.index, problems, corpus.loaded.failed, corpus.files,
                               base=base, checked=corpus.checked, problems_of=corpus.problems_of,
                               earlier=earlier))
        return corpus.files, problems

    # The run makes objects that live until it ends (file list, index, problems) and no
    # cycles worth collecting: the collector only rescans them (about 130 times after one
    # change). Paused here, not with loading's helper: a warm run imports no models.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return remembered(project, "validate", [str(target) for target in targets or []],
                          corpus_paths(project, targets), compute)
    finally:
        if enabled:
            gc.enable()


def validate(
    project: Project, targets: list[Path] | None = None, *, cache: bool = True,
    discovered: Discovery | None = None, streaming: bool = False,
    earlier: StoredIndex | None = None, keep_plain: bool = False,
) -> tuple[Corpus, list[Problem]]:
    """Every loading, schema, identity and reference problem; only for ``targets`` if given.

    ``streaming`` keeps only what the checks across documents need: each document's own
    checks run as it is loaded, then its model is let go (catalogs and follow-ups are kept);
    the corpus returned then validates a released document again when its model is used.
    ``earlier``: the index a whole run kept (for the same mvkplan, language and
    configuration); the link problems of documents it shows unchanged are taken from it
    when they still stand (:func:`_still_standing`). ``keep_plain`` (streaming): the
    documents let go keep their plain data (:func:`streamed_corpus`).
    """
    from mvkplan.checks.followups import check_follow_ups
    from mvkplan.checks.references import check_index, links_checked
    from mvkplan.project.paths import display_path

    if streaming:  # the follow-ups' problems come with the documents' own
        corpus, own = streamed_corpus(project, targets, cache=cache, discovered=discovered,
                                      earlier=earlier, keep_plain=keep_plain)
        across: Iterable[Problem] = ()
    else:
        corpus = load_corpus(project, targets, cache=cache, discovered=discovered)
        own, across = [], check_follow_ups(corpus.index)
    unloaded = corpus.loaded.unloaded()
    kept = _still_standing(earlier, corpus) if earlier is not None else None
    corpus.checked = links_checked(corpus.index, unloaded, kept)
    problems = [*corpus.loaded.problems, *check_index(corpus.index, unloaded, corpus.checked),
                *own, *across]
    if targets:
        wanted = [display_path(t, project.root) for t in targets]
        problems = [p for p in problems if any(_shown_within(p.path, w) for w in wanted)]
    return corpus, sorted(set(problems))


def _still_standing(earlier: StoredIndex, corpus: Corpus) -> dict[str, LinkProblems] | None:
    """The link problems ``earlier`` holds that this run would find again, by document id;
    None when any may differ.

    A document's link problems depend on its own file and on what the others define: which
    ids exist (and the failed files that would have had them), their items, statuses and
    chains (:func:`~mvkplan.index.stored.defines`). When the same documents stand in the
    same files in the same order, the same files failed, and every changed file defines
    what it defined before (a title or a text edited, a link fixed), the problems of every
    unchanged document stand; the changed ones are checked again. Anything else (a file
    added, removed or renamed, an id or item renamed, a catalog edited, a run that saw a
    file change while it read it) and every document is checked.
    """
    from mvkplan.index.stored import defines

    if earlier.failed != corpus.loaded.failed or any(p.code == "E110" for p in earlier.problems):
        return None
    index = corpus.index
    own = [loaded for loaded in index.documents.values() if not loaded.shipped]
    if len(own) != len(earlier.documents):
        return None
    kept: dict[str, LinkProblems] = {}
    for facts, loaded in zip(earlier.documents, own, strict=True):
        if (facts.id, facts.path) != (loaded.id, loaded.path):
            return None
        if facts.digest != loaded.digest:
            now = defines(index, loaded.id)
            if now is None or now != earlier.defined.get(loaded.id):
                return None
        elif loaded.id in earlier.checked:
            kept[loaded.id] = earlier.checked[loaded.id]
    kept.update((loaded.id, earlier.checked[loaded.id]) for loaded in index.documents.values()
                if loaded.shipped and loaded.id in earlier.checked)
    return kept


def _shown_within(shown: str, wanted: str) -> bool:
    return shown == wanted or shown.startswith(wanted.rstrip("/") + "/") or wanted in ("", ".")
