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
What ``prepare`` made is cached beside the file's entry (under the function's name): a file
unchanged since comes back the same way, neither parsed nor validated.
"""

from __future__ import annotations

import gc
import hashlib
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

Entry = tuple["dict[str, object] | None", str, list[Problem], bool]
"""Plain data (None when the file did not parse), the file's SHA-256, the problems that
stopped it parsing, and whether the fast path took it (its positions can then be read one
by one). Validation is not part of an entry: it is done where the document is
used (cheaper than sending or unpickling a model), and so are its problems."""


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
    turn, misses arrive from workers). What ``prepare`` made is cached beside the file's
    entry, so an unchanged file later comes back known by it, without validating again.
    ``digests``: the SHA-256 of files this run already read (they are not read again to be
    looked up). With ``keep_plain``, a document known by what ``prepare`` made keeps the
    plain data it was validated from (:meth:`LoadedDocument.keep`), read from the file's
    entry or sent by the worker, so its model can be made again without the file."""
    from mvkplan.parallel import imap_ordered, workers

    language = get_language()
    keys: list[str | None] = [None] * len(files)
    cached = [False] * len(files)
    ready = [False] * len(files)  # what ``prepare`` makes of the file is cached too
    if cache is not None:  # which files the cache has; their entries are read in turn
        for index, path in enumerate(files):
            content = (digests or {}).get(path)
            if content is None:
                data, _ = read_file(path, shown[index], max_size)
                content = hashlib.sha256(data).hexdigest() if data is not None else None
            if content is not None:
                keys[index] = key = cache.key(shown[index], content, language)
                ready[index] = prepare is not None and cache.has(_prepared_key(key, prepare))
                cached[index] = ready[index] or cache.has(key)
    misses = [index for index in range(len(files)) if not cached[index]]

    def load_one(index: int) -> tuple[Loaded, dict[str, object] | None]:
        data, problems = read_file(files[index], shown[index], max_size)
        if data is None:
            return (None, problems), None
        with _collector_paused():
            loaded, plain = load_with_data(data, shown[index], source=files[index])
        if cache is not None:
            document = loaded[0]
            digest = document.digest if document else hashlib.sha256(data).hexdigest()
            entry: Entry = (plain, digest, loaded[1] if plain is None else [],
                            bool(document and document.fast))
            cache.put(keys[index] or cache.key(shown[index], digest, language), entry)
        return loaded, plain

    def made_here(index: int, loaded: Loaded, plain: dict[str, object] | None, *,
                  parsed: bool) -> Made:
        """A document made in this process, with what ``prepare`` makes of it: cached when
        the file was ``parsed`` here (a miss), not for every entry read (a write per file
        would cost more than it saves)."""
        document, problems = loaded
        if prepare is None or document is None or plain is None:
            return document, problems, None
        prepared = prepare(document)
        key = keys[index]
        if parsed and prepared is not None and cache is not None and key is not None:
            cache.write(_prepared_key(key, prepare), encode_entry(_validated(document, prepared)))
        return document, problems, prepared

    def in_worker(index: int) -> bytes:
        """One file parsed (not validated): the entry a worker sends back and caches."""
        data, problems = read_file(files[index], shown[index], max_size)
        if data is None:
            return encode_entry((None, "", problems, False))
        with _collector_paused():
            plain, problems, fast = parse_only(data, shown[index])
        digest = hashlib.sha256(data).hexdigest()
        entry = encode_entry((plain, digest, problems, fast))
        key = keys[index] or (cache.key(shown[index], digest, language) if cache is not None else "")
        if cache is not None:
            cache.write(key, entry)
        if prepare is None or plain is None:
            return entry
        with _collector_paused():
            document, problems = document_from_plain(plain, shown[index], digest=digest,
                                                     source=files[index], fast=fast)
            if document is None:
                return encode_entry((None, digest, problems, fast))
            prepared = prepare(document)
        if prepared is None:
            return entry
        answer = _validated(document, prepared)
        if cache is not None:
            cache.write(_prepared_key(key, prepare), encode_entry(answer))
        return encode_entry(replace(answer, plain=plain) if keep_plain else answer)

    arriving: Iterator[bytes] | None = None
    if len(misses) >= PARALLEL_MINIMUM and workers() >= 2:
        arriving = imap_ordered(in_worker, misses)
    for index in range(len(files)):
        if cached[index] and cache is not None:
            key = cast(str, keys[index])
            fetched = keep_plain or not ready[index]  # the file's entry, unless not needed
            hit = cast("Entry | None", cache.get(key)) if fetched else None
            answer = cache.get(_prepared_key(key, prepare)) if ready[index] and prepare else None
            plain = hit[0] if hit is not None else None
            if isinstance(answer, _Validated) and (plain is not None or not keep_plain):
                known = _known(answer, shown[index], files[index])
                if plain is not None:
                    known.keep(plain)
                yield known, [], answer.prepared
                continue
            if not fetched:
                hit = cast("Entry | None", cache.get(key))
            # An entry gone or corrupt since it was seen is loaded here, like any miss.
            if hit is None:
                yield made_here(index, *load_one(index), parsed=True)
            else:
                yield made_here(index, _from_entry(hit, shown[index], files[index]), hit[0],
                                parsed=False)
        elif arriving is not None:
            answer = decode_entry(next(arriving))
            if isinstance(answer, _Validated):
                known = _known(answer, shown[index], files[index])
                if answer.plain is not None:
                    known.keep(answer.plain)
                yield known, [], answer.prepared
            else:
                yield (*_from_entry(cast(Entry, answer), shown[index], files[index]), None)
        else:
            yield made_here(index, *load_one(index), parsed=True)


def _prepared_key(key: str, prepare: Prepare) -> str:
    """Where what ``prepare`` made of a file is cached, beside the file's own entry: valid as
    long as that entry is (same bytes, path, language and mvkplan)."""
    return f"{key}-{getattr(prepare, '__name__', 'prepared')}"


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


def _known(answer: _Validated, shown: str, source: Path) -> LoadedDocument:
    return LoadedDocument.known(shown, id=answer.id, kind=answer.kind, status=answer.status,
                                example=answer.example, digest=answer.digest, source=source, fast=answer.fast)


def _from_entry(entry: Entry, shown: str, source: Path) -> Loaded:
    plain, digest, problems, fast = entry
    if plain is None:
        return None, problems
    return document_from_plain(plain, shown, digest=digest, source=source, fast=fast)

