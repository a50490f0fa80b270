"""``mvkplan validate``: schema, identity and references of a project's documents."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from mvkplan.messages.problems import Problem
from mvkplan.project.config import Project
from mvkplan.project.paths import is_within

if TYPE_CHECKING:  # the models are imported only when a run is not answered from the cache
    from mvkplan.index.linkindex import LinkIndex, Summary
    from mvkplan.loading.documents import LoadedDocument
    from mvkplan.loading.load import LoadResult
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

    @property
    def files(self) -> int:
        """Number of YAML files read."""
        return self.loaded.files


def load_corpus(
    project: Project, extra: list[Path] | None = None, *, cache: bool = True,
    discovered: Discovery | None = None,
    each: Callable[[LoadedDocument, LinkIndex, Prepared | None], None] | None = None,
    prepare: Callable[[LoadedDocument], Prepared | None] | None = None, keep_plain: bool = False,
    here: Collection[Path] = (),
) -> Corpus:
    """Load the configured documents (and ``extra`` paths) and index them with the shipped ones.

    Unchanged files come from the project's cache unless ``cache`` is False or the
    environment sets ``MVKPLAN_NO_CACHE``. Each document is indexed as soon as it is loaded,
    then handed to ``each``. With ``prepare``, worker processes validate the documents they
    parse and send back what it made (index items and links, the document's own problems)
    in place of the model; with ``keep_plain`` such a document also keeps the plain data it
    was validated from (:meth:`LoadedDocument.keep`). The files in ``here`` are loaded in
    this process, never by a worker (the caller keeps their models).
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
                            keep_plain=keep_plain, here=here)
    return Corpus(project, loaded, index)


_KEPT_KINDS = frozenset({"catalog", "follow-up", "consultation"})
"""Documents a streaming run keeps whole: the checks across documents read their models."""


def streamed_corpus(
    project: Project, extra: list[Path] | None, *, cache: bool, discovered: Discovery | None,
    release: bool = True,
) -> tuple[Corpus, list[Problem]]:
    """:func:`load_corpus` with each document's own checks run as it loads (by the worker
    that validated it, if one did); those checks' problems come second.

    With ``release``, each document's model is let go after its checks. Without it, the
    documents this process validated keep their models, and those validated by workers or
    known from their cache entries are known by their index entries and the plain data they
    were validated from (``lint`` validates them again from it in its own workers, or where
    a rule reads them); the follow-ups and plans among them are the corpus's ``shared``.
    Catalogs are always kept whole, and so are, until their last follow-up is checked, the
    plans the follow-ups name (:func:`mvkplan.loading.hints.followed_plans`): the
    follow-ups' checks read the plan's model, which would otherwise be parsed and validated
    a second time. Follow-ups are kept whole too; with ``release``, a follow-up is checked
    against its plan as soon as that answer is settled
    (:class:`mvkplan.checks.followups.FollowUpChecks`) and then let go, and the problems of
    every follow-up come with the documents' own.
    """
    from mvkplan.checks.followup_memo import FollowUpMemo
    from mvkplan.checks.followups import FollowUpChecks, document_problems
    from mvkplan.loading.hints import followed_plans, is_follow_up
    from mvkplan.project.discovery import walk

    if discovered is None:
        discovered = walk(corpus_paths(project, extra), project.root,
                          follow_external=project.settings.follow_external_symlinks)
    followed = followed_plans(discovered.files)
    waiting = followed.copy()  # follow-ups not checked yet, by the plan they name
    own: list[Problem] = []
    follow_ups: list[FollowUpChecks] = []  # made with the index, by the first document
    pending: list[LoadedDocument] = []  # follow-ups whose answer was not settled when loaded
    shared: list[LoadedDocument] = []  # kept documents known by their entries (keeping models)
    memo = FollowUpMemo(project if release and cache and not os.environ.get("MVKPLAN_NO_CACHE") else None)

    def kept(document: LoadedDocument) -> bool:
        return document.kind in _KEPT_KINDS or document.id in followed

    def checked(document: LoadedDocument, index: LinkIndex, prepared: Prepared | None) -> None:
        if not follow_ups:
            follow_ups.append(FollowUpChecks(index))
        first = index.documents.get(document.id) is document  # not a second of one id
        if first:
            own.extend(prepared.problems if prepared is not None else document_problems(document))
        if not release:
            if kept(document) and document.released:  # known by its entry or its worker: lint
                shared.append(document)
            return
        if not kept(document):
            document.release()
        elif first and document.kind == "follow-up":
            plan = memo.check_now(follow_ups[0], document)
            if plan is None:
                pending.append(document)
                return
            document.release()
            waiting[plan] -= 1
            if waiting[plan] == 0 and plan in index.documents:  # its last follow-up, as hinted
                if index.documents[plan].kind not in _KEPT_KINDS:
                    index.documents[plan].release()

    def _prepared(document: LoadedDocument) -> Prepared | None:
        """The document's index entries and own checks, made by whoever validated it (a
        worker, or this process) and cached with its file. None for catalogs and
        consultations (the parent validates those itself). Follow-ups and their plans are
        known by this too: a releasing run validates them again only when a check it does
        not remember needs their models, and a run that keeps models (lint) only when a rule
        or a check reads them."""
        from mvkplan.index.linkindex import summarize

        if document.kind in _KEPT_KINDS - {"follow-up"}:
            return None
        return Prepared(summarize(document), list(document_problems(document)))

    # Plans that follow-ups name, and with ``release`` the follow-ups, are loaded here: their
    # models are checked here, and a worker would send their plain data to be validated again.
    here = _LoadedHere(followed, with_follow_ups=release, is_follow_up=is_follow_up)
    corpus = load_corpus(project, extra, cache=cache, discovered=discovered, each=checked,
                         prepare=_prepared, keep_plain=not release, here=here)
    if release:
        checks = follow_ups[0] if follow_ups else FollowUpChecks(corpus.index)
        for document in pending:  # settled now that all is loaded, or left to ``finish``
            memo.check_now(checks, document)
        own.extend(checks.finish())
        memo.save(own)
    corpus.shared = shared
    return corpus, own


class _LoadedHere(Collection[Path]):
    """The files a streaming run loads in its own process, told apart when asked (only the
    files the cache lacks are): the plans follow-ups name, by the file's stem, and with
    ``with_follow_ups`` the follow-ups, by the file's first lines."""

    def __init__(self, followed: Collection[str], *, with_follow_ups: bool,
                 is_follow_up: Callable[[Path], bool]) -> None:
        self.followed = followed
        self.with_follow_ups = with_follow_ups
        self.is_follow_up = is_follow_up
        self._asked: dict[Path, bool] = {}

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, Path):
            return False
        if path not in self._asked:
            self._asked[path] = path.stem in self.followed or (
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
        corpus, problems = validate(project, targets, cache=True, discovered=discovered,
                                    streaming=True)
        if not targets:  # the whole corpus: keep its index, which `render ID` reads instead
            from mvkplan.index.stored import keep_index, slot_key, store_index

            keep_index(project, slot_key(project, discovered),
                       store_index(corpus.index, problems, corpus.loaded.failed, corpus.files))
        return corpus.files, problems

    return remembered(project, "validate", [str(target) for target in targets or []],
                      corpus_paths(project, targets), compute)


def validate(
    project: Project, targets: list[Path] | None = None, *, cache: bool = True,
    discovered: Discovery | None = None, streaming: bool = False,
) -> tuple[Corpus, list[Problem]]:
    """Every loading, schema, identity and reference problem; only for ``targets`` if given.

    ``streaming`` keeps only what the checks across documents need: each document's own
    checks run as it is loaded, then its model is let go (catalogs and follow-ups are kept);
    the corpus returned then validates a released document again when its model is used.
    """
    from mvkplan.checks.followups import check_follow_ups
    from mvkplan.checks.references import check_index
    from mvkplan.project.paths import display_path

    if streaming:  # the follow-ups' problems come with the documents' own
        corpus, own = streamed_corpus(project, targets, cache=cache, discovered=discovered)
        across: Iterable[Problem] = ()
    else:
        corpus = load_corpus(project, targets, cache=cache, discovered=discovered)
        own, across = [], check_follow_ups(corpus.index)
    problems = [*corpus.loaded.problems, *check_index(corpus.index, corpus.loaded.unloaded()),
                *own, *across]
    if targets:
        wanted = [display_path(t, project.root) for t in targets]
        problems = [p for p in problems if any(_shown_within(p.path, w) for w in wanted)]
    return corpus, sorted(set(problems))


def _shown_within(shown: str, wanted: str) -> bool:
    return shown == wanted or shown.startswith(wanted.rstrip("/") + "/") or wanted in ("", ".")
