"""Find a catalog entry from what an author writes: its id, code, name, short name or alias.

Behind every "did you mean" for catalog values (``county: 07`` → ``kronoberg``,
``municipality: vaxjo`` → ``vaxjo-kommun``) and behind options such as ``--county``.
"""

from __future__ import annotations

import re

from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.textmatch import closest, slug
from mvkplan.models.items import CatalogEntry

_SUFFIXES = re.compile(r"-(s-)?(lan|kommun|stad|region)$")


def entries(index: LinkIndex, catalog: str) -> list[CatalogEntry]:
    """The entries of a catalog, in order."""
    found = []
    for entry_id in index.item_ids(catalog):
        item = index.item(f"{catalog}/{entry_id}")
        if item is not None and isinstance(item.obj, CatalogEntry):
            found.append(item.obj)
    return found


def _names(index: LinkIndex, catalog: str) -> dict[str, CatalogEntry]:
    """Every way of writing an entry (slugged, with and without 'län'/'kommun') → the entry."""
    names: dict[str, CatalogEntry] = {}
    for entry in entries(index, catalog):
        for name in (entry.id, entry.code, entry.short, entry.name, *entry.aliases):
            if name:
                names.setdefault(slug(name), entry)
                names.setdefault(_SUFFIXES.sub("", slug(name)), entry)
    return names


def find_entry(index: LinkIndex, catalog: str, value: str) -> CatalogEntry | None:
    """The entry ``value`` names exactly (id, official code, name, short name or alias)."""
    key = slug(value)
    names = _names(index, catalog)
    return names.get(key) or names.get(_SUFFIXES.sub("", key))


def closest_entry(index: LinkIndex, catalog: str, value: str) -> CatalogEntry | None:
    """The entry ``value`` names, or else the one most like it."""
    found = find_entry(index, catalog, value)
    if found is not None:
        return found
    names = _names(index, catalog)
    match = closest(slug(value), names)
    return names[match] if match else None
