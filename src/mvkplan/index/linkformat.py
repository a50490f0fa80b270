"""Links written the way the sources write them: "Delmål 1–5", "Delmål 2, 3, 5", "Mål 5.2, 16.1"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import Framework

_INTEGER = re.compile(r"^\d+$")


@dataclass(frozen=True)
class LinkGroup:
    """The links of one item into one document, with the text to show for them."""

    document: str
    """Target document id."""
    document_title: str
    """Short title of the target document."""
    label: str | None
    """How the target names its items ('Delmål', 'Mål'), if it is a framework."""
    items: tuple[str, ...]
    """Target item ids in display order (empty for a link to the document itself)."""
    text: str
    """What to print: 'Delmål 1–5', or the item titles."""


def sort_key(item_id: str) -> tuple[tuple[int, int | str], ...]:
    """Order '2' before '10' and '16.3' before '16.10' before '16.a'."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in item_id.split("."))


def format_numbers(ids: Iterable[str]) -> str:
    """Numbers as the sources write them: runs of three or more as a range with an en dash.

    >>> format_numbers(["1", "2", "3", "4", "5"])
    '1–5'
    >>> format_numbers(["2", "3", "5"])
    '2, 3, 5'
    >>> format_numbers(["5.2", "16.1", "16.10"])
    '5.2, 16.1, 16.10'
    """
    ordered = sorted(dict.fromkeys(ids), key=sort_key)
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0]}–{run[-1]}")
        else:
            parts.extend(str(n) for n in run)
        run.clear()

    for item_id in ordered:
        if _INTEGER.match(item_id):
            number = int(item_id)
            if run and number != run[-1] + 1:
                flush()
            run.append(number)
        else:
            flush()
            parts.append(item_id)
    flush()
    return ", ".join(parts)


def group_links(refs: Iterable[str], index: LinkIndex) -> list[LinkGroup]:
    """Group references by target document, in first-seen order, each with display text."""
    by_document: dict[str, list[str]] = {}
    for ref in refs:
        document_id, _, item_id = ref.partition("/")
        by_document.setdefault(document_id, [])
        if item_id and item_id not in by_document[document_id]:
            by_document[document_id].append(item_id)
    groups = []
    for document_id, item_ids in by_document.items():
        model = index.document(document_id)
        title = (model.short_title or model.title) if model else document_id
        label = model.item_label if isinstance(model, Framework) else None
        ordered = tuple(sorted(item_ids, key=sort_key)) if label else tuple(item_ids)
        if not item_ids:
            text = title
        elif label:
            text = f"{label} {format_numbers(ordered)}"
        else:
            text = "; ".join(_title(index, f"{document_id}/{i}") for i in ordered)
        groups.append(LinkGroup(document_id, title, label, ordered, text))
    return groups


def _title(index: LinkIndex, ref: str) -> str:
    item = index.item(ref)
    return item.title if item else ref
