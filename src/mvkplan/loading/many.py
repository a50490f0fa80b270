"""Loading many files: the cache first, worker processes for the rest, results in order.

What one file leaves behind is an :class:`Entry`: the plain data of a document that loaded (the
dicts, lists and strings it was validated from), its SHA-256, and its problems. Workers
send entries back and the cache keeps them; a document comes back to life by validating
its plain data again, which costs a fraction of parsing (and less than unpickling a
model). Entries are decoded as they arrive, so the parent never holds them all at once.

A streaming caller (``validate``) can also have the workers validate: given ``prepare``,
a worker validates the document and sends back what ``prepare`` makes of it (for the index:
items, links, the document's own problems) instead of its plain data, and the parent knows
the document by its id, kind, status and example mark alone (:class:`Known`).
What ``prepare`` made is cached in the file's entry (under the function's name): a file
unchanged since comes back the same way, neither parsed nor validated.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from mvkplan.loading.cache import LoadCache
from mvkplan.loading.documents import LoadedDocument, packed
from mvkplan.loading.files import read_file
from mvkplan.loading.parsing import parse
from mvkplan.loading.validation import Loaded, collector_paused, document_from_plain, load_with_data
from mvkplan.messages.i18n import get_language
from mvkplan.messages.problems import Problem

PARALLEL_MINIMUM = 48
"""Files to load before worker processes pay for themselves."""

Prepare = Callable[[LoadedDocument], object]
"""What a worker makes of a document it validated, for the parent (None: send the entry)."""

Earlier = Callable[[str, str], "Known | None"]
"""A document as an earlier run knew it, by its file's shown path and SHA-256 (None: unknown)."""


@dataclass(frozen=True)
class Known:
    """A document validated elsewhere (a worker, an earlier run): who it is, and what a
    ``prepare`` made of it."""

    id: str
    kind: str
    status: str | None
    example: bool
    digest: str
    fast: bool
    prepared: object
    plain: bytes | None = None
    """The plain data it was validated from, pickled and compressed
    (:func:`~mvkplan.loading.documents.packed`), sent when the caller keeps it (never
    cached: the file's own entry holds it). The worker pickles it once, for the entry and
    for this; the caller keeps the bytes as they came (:meth:`LoadedDocument.keep`)."""


@dataclass(frozen=True)
class Prepared:
    """What the ``prepare`` function named ``name`` made of a file's document."""

    name: str
    known: Known


@dataclass(frozen=True)
class Entry:
    """What one file leaves in the cache (and what a worker sends back for it).

    Without ``prepared``, a document is validated where it is used (cheaper than sending or
    unpickling a model); with it, a caller passing the same ``prepare`` knows the document
    without validating it, and unpickles the plain data only if it keeps it."""

    plain: bytes | None
    """The plain data, pickled on its own (None when the file did not parse)."""
    digest: str
    """The file's SHA-256."""
    problems: list[Problem]
    """The problems that stopped it parsing."""
    fast: bool
    """Whether the fast path took it (its positions can then be read one by one)."""
    prepared: Prepared | None = None

    def plain_data(self) -> dict[str, object] | None:
        """The plain data (its entry's signature was checked when it was read)."""
        return pickle.loads(self.plain) if self.plain is not None else None  # noqa: S301 - in a signed entry


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """One file of many: its document (or None), its problems, and what ``prepare`` made of
    it (or None)."""

    document: LoadedDocument | None
    problems: list[Problem]
    prepared: object = None


def load_all(
    files: list[Path], shown: list[str], max_size: int, cache: LoadCache | None
) -> list[Loaded]:
    """The document (or None) and the problems of every file, in the order given."""
    return [Loaded(made.document, made.problems) for made in iter_loaded(files, shown, max_size, cache)]


def iter_loaded(
    files: list[Path], shown: list[str], max_size: int, cache: LoadCache | None,
    prepare: Prepare | None = None, digests: Mapping[Path, str] | None = None,
    keep_plain: bool = False, here: Collection[Path] = (),
    earlier: Earlier | None = None, keep_plain_loaded: bool | None = None,
) -> Iterator[LoadedFile]:
    """Every file loaded, in the order given, each made when it is asked for: a caller that
    drops one before asking for the next never holds more than one model (cache hits are
    decoded in turn, misses arrive from workers). What ``prepare`` made is cached in the
    file's entry, so an unchanged file later comes back known by it, without validating
    again. ``digests``: the SHA-256 of files this run already read (they are not read again
    to be looked up). With ``keep_plain``, a document known by what ``prepare`` made keeps
    the plain data it was validated from (:meth:`LoadedDocument.keep`), read from the file's
    entry or sent by the worker, so its model can be made again without the file. The files
    in ``here`` are never sent to a worker: the caller keeps their models, so they are made
    once, in this process. ``earlier`` knows some documents as an earlier run left them (by
    shown path and SHA-256, what ``prepare`` made included): those are neither looked up in
    the cache nor read (not with ``keep_plain``, which needs the entry's plain data).
    ``keep_plain_loaded``: whether documents validated in this process keep their plain data
    too (default: as ``keep_plain``); a caller that keeps their models for good (``lint``)
    needs none of it."""
    from mvkplan.project.parallel import imap_ordered, workers

    language = get_language()
    name = getattr(prepare, "__name__", "prepared") if prepare is not None else ""
    keys: list[str | None] = [None] * len(files)
    cached = [False] * len(files)
    ready: dict[int, Known] = {}
    if cache is not None:  # which files the cache has; their entries are read in turn
        for index, path in enumerate(files):
            content = (digests or {}).get(path)
            if earlier is not None and content is not None and not keep_plain:
                known_before = earlier(shown[index], content)
                if known_before is not None:
                    ready[index] = known_before
                    continue
            if content is None:
                content = read_file(path, shown[index], max_size).digest()
            if content is not None:
                keys[index] = key = cache.key(shown[index], content, language)
                cached[index] = cache.has(key)
    misses = [index for index in range(len(files))
              if not cached[index] and index not in ready and files[index] not in here]

    def entry_of(digest: str, blob: bytes | None, problems: list[Problem],
                 fast: bool, known: Known | None) -> Entry:
        return Entry(blob, digest, problems if blob is None else [], fast,
                     Prepared(name, known) if known else None)

    def key_of(index: int, digest: str) -> str:
        assert cache is not None
        return keys[index] or cache.key(shown[index], digest, language)

    def load_one(index: int) -> LoadedFile:
        """A file parsed and validated here, and what ``prepare`` made of it (cached with it)."""
        read = read_file(files[index], shown[index], max_size)
        if read.data is None:
            return LoadedFile(None, read.problems)
        with collector_paused():
            made = load_with_data(read.data, shown[index], source=files[index])
            document, problems = made.loaded
            prepared = prepare(document) if prepare and document and made.plain is not None else None
        # Pickled once, for the entry; a caller keeping the plain data keeps those bytes packed (or,
        # without a cache, the data itself, pickled only if the document is let go:
        # :meth:`LoadedDocument.compact`), so that a document let go is made again from it,
        # not parsed again from its file.
        blob = _pickled(made.plain) if cache is not None else None
        if (keep_plain if keep_plain_loaded is None else keep_plain_loaded) and document is not None:
            document.keep(made.plain if blob is None else None,
                          pickled=None if blob is None else packed(blob), packed=True)
        if cache is not None:
            known = _known_as(document, prepared) if document and prepared is not None else None
            digest = document.digest if document else hashlib.sha256(read.data).hexdigest()
            fast = bool(document and document.fast)
            cache.put(key_of(index, digest), entry_of(digest, blob, problems, fast, known))
        return LoadedFile(document, problems, prepared)

    def from_entry(index: int, entry: Entry) -> LoadedFile:
        """A document made from its cache entry: known by what ``prepare`` made of it when
        the entry holds that, else validated from its plain data."""
        if prepare is not None and entry.prepared is not None and entry.prepared.name == name:
            known = entry.prepared.known
            made = _document(known, shown[index], files[index], None)
            if keep_plain and entry.plain is not None:
                made.keep(pickled=entry.plain)  # unpickled if ever used
            return LoadedFile(made, [], known.prepared)
        plain = entry.plain_data()
        if plain is None:
            return LoadedFile(None, entry.problems)
        document, problems = document_from_plain(plain, shown[index], digest=entry.digest,
                                                 source=files[index], fast=entry.fast)
        return LoadedFile(document, problems, prepare(document) if prepare and document else None)

    def in_worker(index: int) -> bytes:
        """One file parsed, and validated if ``prepare`` is given: the answer a worker sends
        back, and the entry it caches (one file per file read)."""
        read = read_file(files[index], shown[index], max_size)
        if read.data is None:
            return _message(Entry(None, "", read.problems, False))
        with collector_paused():
            parsed = parse(read.data, shown[index])
            digest = hashlib.sha256(read.data).hexdigest()
            known: Known | None = None
            if prepare is not None and parsed.plain is not None:
                document, _ = document_from_plain(parsed.plain, shown[index], digest=digest,
                                                  source=files[index], fast=parsed.fast)
                prepared = prepare(document) if document is not None else None
                if prepared is not None:
                    known = _known_as(cast(LoadedDocument, document), prepared)
        # The plain data is pickled only when something keeps it: the cache, the parent that
        # validates it (a known document without a cache needs none), or the parent keeping it.
        blob = _pickled(parsed.plain) if cache is not None or known is None or keep_plain else None
        if cache is not None or known is None:
            entry = entry_of(digest, blob, parsed.problems, parsed.fast, known)
            if cache is not None:
                cache.put(key_of(index, digest), entry)
            if known is None:
                return _message(entry)
        assert known is not None
        if keep_plain and blob is not None:
            return _message(replace(known, plain=packed(blob)))  # compressed here, in parallel
        return _message(known)

    arriving: Iterator[bytes] | None = None
    if len(misses) >= PARALLEL_MINIMUM and workers() >= 2:
        arriving = imap_ordered(in_worker, misses)
    for index in range(len(files)):
        if index in ready:
            known = ready.pop(index)
            yield LoadedFile(_document(known, shown[index], files[index], None), [], known.prepared)
        elif cached[index] and cache is not None:
            hit = cache.get(cast(str, keys[index]))
            # An entry gone, corrupt or of another shape since it was seen is loaded here, like any miss.
            yield from_entry(index, hit) if isinstance(hit, Entry) else load_one(index)
        elif arriving is not None and files[index] not in here:
            answer = pickle.loads(next(arriving))  # noqa: S301 - sent by our own worker, not read from disk
            if isinstance(answer, Known):
                yield LoadedFile(_document(answer, shown[index], files[index], answer.plain), [], answer.prepared)
            else:
                yield from_entry(index, cast(Entry, answer))
        else:
            yield load_one(index)


def _pickled(plain: dict[str, object] | None) -> bytes | None:
    """Plain data as an entry holds it (None for a file that did not parse)."""
    return pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL) if plain is not None else None


def _message(answer: Entry | Known) -> bytes:
    """What a worker sends back: a pickle that only ever travels between this run's
    processes (entries on disk are signed: :func:`encode_entry`)."""
    return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)


def _known_as(document: LoadedDocument, prepared: object) -> Known:
    return Known(document.id, document.kind, document.status, document.example,
                 document.digest, document.fast, prepared)


def _document(known: Known, shown: str, source: Path, plain: bytes | None) -> LoadedDocument:
    """The document a worker (or an earlier run) validated, keeping ``plain`` (pickled) if
    given."""
    document = LoadedDocument.known(shown, id=known.id, kind=known.kind, status=known.status,
                                    example=known.example, digest=known.digest, source=source,
                                    fast=known.fast)
    if plain is not None:
        document.keep(pickled=plain, packed=True)
    return document
