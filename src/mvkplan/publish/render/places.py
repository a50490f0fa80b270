"""Where a document's links stand in its file, to list them in the order they are written.

Back-links are listed by document, then in the order the linking document writes them.
Positions are not at hand (reading them parses a file again), and only needed where one
document has several of the links. When those links lie at paths of one shape (the same
keys, differing only in list indices: the indicators of several goals), the indices alone
give their order. Otherwise it is read from the document's plain data, whose mappings keep
the order of the file: a document's *places* (each link's path → where it stands among its
siblings at each level).

Reading plain data parses the file again (about a millisecond a document), so places are
kept: per document in this process, and by the file's digest in a store in the build's
cache folder (:func:`load_store`, :func:`save_store`), so that a build after one change
reads only the changed files. The store is an entry signed like the load cache's
(:mod:`mvkplan.loading.keys`): one not signed with this user's key is never unpickled.
:func:`prepare` works out, before pages are rendered, the places of every document that
will need them and that the store lacks (in worker processes when there are many), so that
the workers rendering pages share them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from pathlib import Path

from mvkplan.index.linkindex import Link, LinkIndex
from mvkplan.loading.cache import decode_entry, encode_entry, fingerprint
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.keys import usable

Path_ = tuple[str | int, ...]
Places = dict[Path_, tuple[int, ...]]

_PLACES: weakref.WeakKeyDictionary[LoadedDocument, Places] = weakref.WeakKeyDictionary()
_STORED: dict[str, Places] = {}
"""File digest → places, as read from the store and worked out in this process."""
PARALLEL_DOCUMENTS = 64
"""Documents to read before worker processes pay for themselves."""


def written_order(found: list[Link], index: LinkIndex) -> Callable[[Link], tuple[str, tuple[int, ...]]]:
    """A sort key: links by document, then in the order they are written (as by line and
    column)."""
    by_document: dict[str, list[Link]] = {}
    for link in found:
        by_document.setdefault(link.document, []).append(link)
    by_indices = {document for document, links in by_document.items()
                  if len(links) > 1 and len({_shape(link.path) for link in links}) == 1}

    def key(link: Link) -> tuple[str, tuple[int, ...]]:
        if len(by_document[link.document]) < 2:
            return link.document, ()
        if link.document in by_indices:
            return link.document, tuple(step for step in link.path if isinstance(step, int))
        places = places_of(link.owner, index)
        if link.path not in places:  # not among the document's links in the index
            places[link.path] = _place(link.owner.plain(), link.path)
        return link.document, places[link.path]

    return key


def places_of(document: LoadedDocument, index: LinkIndex) -> Places:
    """The places of the links ``document`` writes (kept; read from its file if need be)."""
    places = _PLACES.get(document)
    if places is None:
        places = _STORED.get(document.digest) if document.digest else None
        if places is None:
            places = _read(document, index.links_from(document.id))
            if document.digest:
                _STORED[document.digest] = places
        _PLACES[document] = places
    return places


def _read(document: LoadedDocument, links: Iterable[Link]) -> Places:
    plain = document.plain()
    return {link.path: _place(plain, link.path) for link in links}


def needs_places(index: LinkIndex, document_id: str) -> bool:
    """Whether some target has links from the document at paths of different shapes."""
    shapes: dict[str, set[tuple[str | None, ...]]] = {}
    for link in index.links_from(document_id):
        found = shapes.setdefault(link.target, set())
        found.add(_shape(link.path))
        if len(found) > 1:
            return True
    return False


def prepare(index: LinkIndex, *, parallel: bool = True) -> None:
    """Work out the places of the documents that need them and are neither kept nor in the
    store, all at once (in worker processes when they are many)."""
    from mvkplan.project.parallel import map_ordered

    missing = [loaded for loaded in index.documents.values()
               if loaded not in _PLACES and not (loaded.digest and loaded.digest in _STORED)
               and needs_places(index, loaded.id)]
    if not missing:
        return
    links = [index.links_from(loaded.id) for loaded in missing]
    found = map_ordered(lambda i: _read(missing[i], links[i]), range(len(missing)),
                        minimum=PARALLEL_DOCUMENTS if parallel else len(missing) + 1)
    for loaded, places in zip(missing, found, strict=True):
        _PLACES[loaded] = places
        if loaded.digest:
            _STORED[loaded.digest] = places


def load_store(path: Path) -> None:
    """Add the places kept in the store at ``path`` (nothing when it is absent, unreadable,
    corrupt, not signed by this user's mvkplan, or written by another version of it)."""
    if not usable(path):
        return
    try:
        raw = path.read_bytes()
    except OSError:
        return
    entry = decode_entry(raw, _LABEL)
    if (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == fingerprint()
            and isinstance(entry[1], dict)):
        for digest, places in entry[1].items():
            _STORED.setdefault(digest, places)


def save_store(path: Path, index: LinkIndex) -> None:
    """Keep the places of the documents in ``index`` in the store at ``path`` (atomically;
    a store that cannot be written only means reading files again next time)."""
    from mvkplan.project.writing import write_atomic

    if not usable(path):
        return
    kept = {loaded.digest: _STORED[loaded.digest] for loaded in index.documents.values()
            if loaded.digest and loaded.digest in _STORED}
    entry = encode_entry((fingerprint(), kept), _LABEL)
    if entry is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, entry)
    except OSError:
        pass


_LABEL = "build/places"
"""What the store is signed for."""


def _shape(path: Path_) -> tuple[str | None, ...]:
    """The keys of a path, with its list indices left out."""
    return tuple(step if isinstance(step, str) else None for step in path)


def _place(value: object, path: Path_) -> tuple[int, ...]:
    """Where the value at ``path`` stands among its siblings at each level: compared as
    tuples, values are in the order they are written (an enclosing value before its parts).
    Follows ``path`` as far as it exists, as positions do."""
    place: list[int] = []
    for step in path:
        if isinstance(value, dict) and isinstance(step, str) and step in value:
            place.append(list(value).index(step))
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            place.append(step)
            value = value[step]
        else:
            break
    return tuple(place)
