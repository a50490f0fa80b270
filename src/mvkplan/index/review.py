"""Reviewed links: the fingerprint of a target's wording, written beside the link, and its check.

A link may be written ``kronoberg-2018-reviderad/1@3f9a0c12``: the eight hex digits are the
fingerprint of what the target said when someone last read it and judged that the link holds.
When the target is reworded its fingerprint changes and the link is *suspect* until it is
reviewed again (``mvkplan review``). A link without a fingerprint is never suspect: plain
links stay valid as they always were.

The fingerprint is the start of the SHA-256 of the target's printed text (its title, and the
text or description printed under it), normalised so that what a reader cannot see does not
count: Unicode NFC, runs of white space as one space, none at the ends. Eight hex digits are
short enough to sit in a plan's YAML and far beyond what chance collides in one plan's goals.

The models keep a link's target alone (:data:`mvkplan.models.common.LinkRef`); the fingerprint
is read from the document's plain data along the link's path, only by what checks it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from mvkplan.index.linkindex import Item, Link, LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.models.common import split_reviewed

REVIEWED_RELATIONS = frozenset({"link"})
"""The relations a fingerprint is written for: the ``links:`` lists people write."""


def normalised(text: str) -> str:
    """``text`` as a reader sees it: NFC, white space collapsed, none at the ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def wording(item: Item) -> str:
    """The target's printed text: its title, then the text or description under it."""
    obj = item.obj
    parts = [item.title]
    for name in ("text", "description"):
        extra = getattr(obj, name, None)
        if isinstance(extra, str) and extra:
            parts.append(extra)
            break
    return "\n".join(normalised(part) for part in parts)


def fingerprint(item: Item) -> str:
    """The fingerprint of an item's wording: eight lower-case hex digits."""
    return hashlib.sha256(wording(item).encode("utf-8")).hexdigest()[:8]


def written_link(plain: object, link: Link) -> str | None:
    """The link's text as written in its file (with any fingerprint), from the document's
    plain data (:meth:`LoadedDocument.plain`, read once per document by the caller)."""
    found = plain
    for step in link.path:
        if isinstance(step, int) and isinstance(found, list) and 0 <= step < len(found):
            found = found[step]
        elif isinstance(step, str) and isinstance(found, dict):
            found = found.get(step)
        else:
            return None
    return found if isinstance(found, str) else None


@dataclass(frozen=True)
class ReviewedLink:
    """A link that can carry a fingerprint, with what it carries and what its target reads now."""

    link: Link
    target: Item
    reviewed: str | None
    """The fingerprint written beside the link (None: never reviewed)."""
    current: str
    """The fingerprint of the target's wording now."""

    @property
    def suspect(self) -> bool:
        """Reviewed once, and the target's words changed since."""
        return self.reviewed is not None and self.reviewed != self.current


def reviewed_links(index: LinkIndex, document: LoadedDocument,
                   links: Iterable[Link] | None = None) -> list[ReviewedLink]:
    """The links ``document`` writes to items (or only ``links`` of them), with fingerprints.

    Links whose target does not resolve are left out: validation reports those.
    """
    chosen = [link for link in (index.links_from(document.id) if links is None else links)
              if link.relation in REVIEWED_RELATIONS and "/" in link.target]
    if not chosen:
        return []
    plain = document.plain()  # parsed again when not kept: once per document, not per link
    found = []
    for link in chosen:
        target = index.item(link.target)
        if target is None:
            continue
        written = written_link(plain, link)
        reviewed = split_reviewed(written)[1] if written is not None else None
        found.append(ReviewedLink(link, target, reviewed, fingerprint(target)))
    return found
