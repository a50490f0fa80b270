"""Loading many files: the cache first, worker processes for the rest, results in order.

What one file leaves behind is an *entry*: the plain data of a document that loaded (the
dicts, lists and strings it was validated from), its SHA-256, and its problems. Workers
send entries back and the cache keeps them; a document comes back to life by validating
its plain data again, which costs a fraction of parsing (and less than unpickling a
model). Entries are decoded as they arrive, so the parent never holds them all at once.

A streaming caller (``validate``) can also have the workers validate: given ``prepare``,
a worker validates the document and sends back what ``prepare`` makes of it (for the index:
items, links, the document's own problems) instead of its plain data, and the parent knows
the document by its id, kind, status and example mark alone (:meth:`LoadedDocument.known`).
What ``prepare`` made is cached in the file's entry (under the function's name): a file
unchanged since comes back the same way, neither parsed nor validated.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from mvkplan.cache import LoadCache, decode_entry, encode_entry
from mvkplan.i18n import get_language
from mvkplan.loaded import LoadedDocument
from mvkplan.loading import Loaded, document_from_plain, load_with_data, parse_only, read_file
from mvkplan.problems import Problem

PARALLEL_MINIMUM = 48
"""Files to load before worker processes pay for themselves."""

Entry = tuple["bytes | None", str, list[Problem], bool, "Validated | None"]
"""Plain data, pickled on its own (None when the file did not parse), the file's SHA-256,
the problems that stopped it parsing, whether the fast path took it (its positions can then
be read one by one), and what a ``prepare`` made of the document it validated, under that
function's name (None when none did). Without the last, a document is validated where it is
used (cheaper than sending or unpickling a model); with it, a caller passing the same
``prepare`` knows the document without validating it, and unpickles the plain data only if
it keeps it."""

Validated = tuple[str, "_Validated"]


Made = tuple["LoadedDocument | None", list[Problem], object]
"""A document (or None), its problems, and what ``prepare`` made of it (or None)."""

Prepare = Callable[[LoadedDocument], object]
"""What a worker makes of a document it validated, for the parent (None: send the entry)."""


@dataclass(frozen=True)
class _Validated:
    """A worker's answer for a document it validated: who it is, and what ``prepare`` made."""

    id: str
    kind: str
    status: str | None
    example: bool
    digest: str
    fast: bool
    prepared: object
    plain: dict[str, object] | None = None
    """The plain data it was validated from, sent when the caller keeps it (never cached:
    the file's own entry holds it)."""


def load_all(
    files: list[Path], shown: list[str], max_size: int, cache: LoadCache | None
) -> list[Loaded]:
    """The document (or None) and the problems of every file, in the order given."""
    return [(document, problems) for document, problems, _ in iter_loaded(files, shown, max_size, cache)]


def iter_loaded(
    files: list[Path], shown: list[str], max_size: int, cache: LoadCache | None,
    prepare: Prepare | None = None, digests: Mapping[Path, str] | None = None,
    keep_plain: bool = False,
) -> Iterator[Made]:
    """The document (or None), the problems and what ``prepare`` made of it (or None) of
    every file, in the order given, each made when it is asked for: a caller that drops one
    before asking for the next never holds more than one model (cache hits are decoded in
    turn, misses arrive from workers). What ``prepare`` made is cached in the file's entry,
    so an unchanged file later comes back known by it, without validating again.
    ``digests``: the SHA-256 of files this run already read (they are not read again to be
    looked up). With ``keep_plain``, a document known by what ``prepare`` made keeps the
    plain data it was validated from (:meth:`LoadedDocument.keep`), read from the file's
    entry or sent by the worker, so its model can be made again without the file."""
    from mvkplan.parallel import imap_ordered, workers

    language = get_language()
    name = getattr(prepare, "__name__", "prepared") if prepare is not None else ""
    keys: list[str | None] = [None] * len(files)
    cached = [False] * len(files)
    if cache is not None:  # which files the cache has; their entries are read in turn
        for index, path in enumerate(files):
            content = (digests or {}).get(path)
            if content is None:
                data, _ = read_file(path, shown[index], max_size)
                content = hashlib.sha256(data).hexdigest() if data is not None else None
            if content is not None:
                keys[index] = key = cache.key(shown[index], content, language)
                cached[index] = cache.has(key)
    misses = [index for index in range(len(files)) if not cached[index]]

    def entry_of(digest: str, plain: dict[str, object] | None, problems: list[Problem],
                 fast: bool, answer: _Validated | None) -> Entry:
        blob = pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL) if plain is not None else None
        return blob, digest, problems if plain is None else [], fast, (name, answer) if answer else None

    def key_of(index: int, digest: str) -> str:
        assert cache is not None
        return keys[index] or cache.key(shown[index], digest, language)

    def load_one(index: int) -> Made:
        """A file parsed and validated here, and what ``prepare`` made of it (cached with it)."""
        data, problems = read_file(files[index], shown[index], max_size)
        if data is None:
            return None, problems, None
        with _collector_paused():
            (document, problems), plain = load_with_data(data, shown[index], source=files[index])
            prepared = prepare(document) if prepare and document and plain is not None else None
        if cache is not None:
            answer = _validated(document, prepared) if document and prepared is not None else None
            digest = document.digest if document else hashlib.sha256(data).hexdigest()
            fast = bool(document and document.fast)
            cache.put(key_of(index, digest), entry_of(digest, plain, problems, fast, answer))
        return document, problems, prepared

    def from_entry(index: int, entry: Entry) -> Made:
        """A document made from its cache entry: known by what ``prepare`` made of it when
        the entry holds that, else validated from its plain data."""
        validated = entry[4]
        if prepare is not None and validated is not None and validated[0] == name:
            answer = validated[1]
            plain = _plain(entry) if keep_plain else None
            return _known(answer, shown[index], files[index], plain), [], answer.prepared
        document, problems = _from_entry(entry, shown[index], files[index])
        prepared = prepare(document) if prepare and document else None
        return document, problems, prepared

    def in_worker(index: int) -> bytes:
        """One file parsed, and validated if ``prepare`` is given: the answer a worker sends
        back, and the entry it caches (one file per file read)."""
        data, problems = read_file(files[index], shown[index], max_size)
        if data is None:
            return encode_entry((None, "", problems, False, None))
        with _collector_paused():
            plain, problems, fast = parse_only(data, shown[index])
            digest = hashlib.sha256(data).hexdigest()
            answer: _Validated | None = None
            if prepare is not None and plain is not None:
                document, _ = document_from_plain(plain, shown[index], digest=digest,
                                                  source=files[index], fast=fast)
                prepared = prepare(document) if document is not None else None
                if prepared is not None:
                    answer = _validated(cast(LoadedDocument, document), prepared)
        entry = entry_of(digest, plain, problems, fast, answer)
        if cache is not None:
            cache.write(key_of(index, digest), encode_entry(entry))
        if answer is None:
            return encode_entry(entry)
        return encode_entry(replace(answer, plain=plain) if keep_plain else answer)

    arriving: Iterator[bytes] | None = None
    if len(misses) >= PARALLEL_MINIMUM and workers() >= 2:
        arriving = imap_ordered(in_worker, misses)
    for index in range(len(files)):
        if cached[index] and cache is not None:
            hit = cast("Entry | None", cache.get(cast(str, keys[index])))
            # An entry gone or corrupt since it was seen is loaded here, like any miss.
            yield load_one(index) if hit is None else from_entry(index, hit)
        elif arriving is not None:
            answer = decode_entry(next(arriving))
            if isinstance(answer, _Validated):
                yield _known(answer, shown[index], files[index], answer.plain), [], answer.prepared
            else:
                yield from_entry(index, cast(Entry, answer))
        else:
            yield load_one(index)


def _validated(document: LoadedDocument, prepared: object) -> _Validated:
    return _Validated(document.id, document.kind, document.status, document.example,
                      document.digest, document.fast, prepared)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection while a file's objects are made (they live on and form no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _known(answer: _Validated, shown: str, source: Path,
           plain: dict[str, object] | None) -> LoadedDocument:
    """The document a worker (or an earlier run) validated, keeping ``plain`` if given."""
    document = LoadedDocument.known(shown, id=answer.id, kind=answer.kind, status=answer.status,
                                    example=answer.example, digest=answer.digest, source=source,
                                    fast=answer.fast)
    if plain is not None:
        document.keep(plain)
    return document


def _from_entry(entry: Entry, shown: str, source: Path) -> Loaded:
    plain, (_, digest, problems, fast, _) = _plain(entry), entry
    if plain is None:
        return None, problems
    return document_from_plain(plain, shown, digest=digest, source=source, fast=fast)


def _plain(entry: Entry) -> dict[str, object] | None:
    """The plain data of an entry (checked with the entry when it was read)."""
    return pickle.loads(entry[0]) if entry[0] is not None else None  # noqa: S301 - our own entry

