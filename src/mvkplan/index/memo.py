"""Answers computed once per link index while a site is rendered.

Some facts every page asks for (which follow-ups a plan has, the names of the catalogs'
entries) take a walk over every document. Asked once per page, that walk makes a build
grow with the square of the documents; kept here, it is taken once per index. An answer is
kept for one index at a time, and taken again if documents were added since, or after
:func:`forget` (an index a watching server updated in place).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from mvkplan.index.linkindex import LinkIndex

T = TypeVar("T")

_kept: dict[Callable[..., Any], tuple[weakref.ref[LinkIndex], int, Any]] = {}
_structural: set[Callable[..., Any]] = set()


def per_index(function: Callable[[LinkIndex], T], index: LinkIndex) -> T:
    """``function(index)``, computed once for this index (the result must not be changed)."""
    kept = _kept.get(function)
    if kept is not None and kept[0]() is index and kept[1] == len(index.documents):
        return kept[2]  # type: ignore[no-any-return]
    result = function(index)
    _kept[function] = (weakref.ref(index), len(index.documents), result)
    return result


def per_links(function: Callable[[LinkIndex], T], index: LinkIndex) -> T:
    """As :func:`per_index`, for an answer that depends only on the documents' kinds, links
    and items (not their titles or texts): it outlives ``forget(index, links=False)``."""
    _structural.add(function)
    return per_index(function, index)


def forget(index: LinkIndex, *, links: bool = True) -> None:
    """Drop what was kept for ``index``: its documents were changed in place (with
    ``links=False``, none of them in its kind, links or items)."""
    for function, (kept, _, _) in list(_kept.items()):
        if kept() is index and (links or function not in _structural):
            del _kept[function]
