"""Loading many files: the cache first, worker processes for the rest, results in order.

What one file leaves behind is an *entry*: the plain data of a document that loaded (the
dicts, lists and strings it was validated from), its SHA-256, and its problems. Workers
send entries back and the cache keeps them; a document comes back to life by validating
its plain data again, which costs a fraction of parsing (and less than unpickling a
model). Entries are decoded as they arrive, so the parent never holds them all at once.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import cast

from mvkplan.cache import LoadCache, decode_entry, encode_entry
from mvkplan.i18n import get_language
from mvkplan.loading import Loaded, from_plain, load_with_data, read_file
from mvkplan.problems import Problem

PARALLEL_MINIMUM = 48
"""Files to load before worker processes pay for themselves."""

Entry = tuple["dict[str, object] | None", str, list[Problem]]
"""Plain data (None when the file did not load), the file's SHA-256, its problems."""


def load_all(
    files: list[Path], shown: list[str], max_size: int, cache: LoadCache | None
) -> list[Loaded]:
    """The document (or None) and the problems of every file, in the order given."""
    from mvkplan.parallel import imap_ordered, workers

    language = get_language()
    results: list[Loaded | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    if cache is not None:  # hits are read here; only misses are loaded
        for index, path in enumerate(files):
            data, _ = read_file(path, shown[index], max_size)
            if data is None:
                continue
            keys[index] = key = cache.key(shown[index], data, language)
            hit = cache.get(key)
            if hit is not None:
                results[index] = _from_entry(cast(Entry, hit), shown[index], path)
    misses = [index for index, result in enumerate(results) if result is None]

    def load_one(index: int) -> tuple[Loaded, Entry | None]:
        data, problems = read_file(files[index], shown[index], max_size)
        if data is None:
            return (None, problems), None
        enabled = gc.isenabled()
        gc.disable()
        try:
            loaded, plain = load_with_data(data, shown[index], source=files[index])
        finally:
            if enabled:
                gc.enable()
        document = loaded[0]
        entry: Entry = (plain, document.digest if document else "", loaded[1])
        if cache is not None:
            cache.put(keys[index] or cache.key(shown[index], data, language), entry)
        return loaded, entry

    if len(misses) < PARALLEL_MINIMUM or workers() < 2:
        for index in misses:
            results[index] = load_one(index)[0]
        return cast("list[Loaded]", results)

    def in_worker(index: int) -> bytes:
        """One file's entry as bytes: what a worker sends back."""
        loaded, entry = load_one(index)
        return encode_entry(entry if entry is not None else (None, "", loaded[1]))

    for index, raw in zip(misses, imap_ordered(in_worker, misses), strict=True):
        results[index] = _from_entry(cast(Entry, decode_entry(raw)), shown[index], files[index])
    return cast("list[Loaded]", results)


def _from_entry(entry: Entry, shown: str, source: Path) -> Loaded:
    plain, digest, problems = entry
    if plain is None:
        return None, problems
    return from_plain(plain, shown, digest, source), problems

