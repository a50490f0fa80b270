"""The Swedish summary lines: "3 mål oförändrade, 1 nytt, 2 omformulerade"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from mvkplan.views.diff.model import ItemChange

if TYPE_CHECKING:
    from mvkplan.views.diff.model import DocumentDiff

_NEUTER = {"unchanged": ("oförändrat", "oförändrade"), "added": ("nytt", "nya"),
           "reworded": ("omformulerat", "omformulerade"), "moved": ("flyttat hit", "flyttade hit"),
           "removed": ("borttaget", "borttagna")}
_COMMON = {"unchanged": ("oförändrad", "oförändrade"), "added": ("ny", "nya"),
           "reworded": ("omformulerad", "omformulerade"), "moved": ("flyttad hit", "flyttade hit"),
           "removed": ("borttagen", "borttagna")}
# kind → (noun singular, noun plural, adjective forms): "mål" is neuter, the others common.
_KINDS = {"goal": ("mål", "mål", _NEUTER), "activity": ("aktivitet", "aktiviteter", _COMMON),
          "row": ("rad", "rader", _COMMON)}
_ORDER = ("unchanged", "added", "reworded", "moved", "removed")


def bucket(item: ItemChange) -> str:
    """Where an item counts: a moved item as moved; other field changes keep 'unchanged' wording."""
    if item.moved_from and item.status != "removed":
        return "moved"
    return "unchanged" if item.status == "changed" else item.status


def counts_line(items: Iterable[ItemChange], kind: str) -> str:
    """'3 mål oförändrade, 1 nytt, 2 omformulerade' for the items of one kind ('' if none)."""
    chosen = [item for item in items if item.kind == kind]
    counts = Counter(bucket(item) for item in chosen)
    singular, plural, forms = _KINDS[kind]
    parts: list[str] = []
    for name in _ORDER:
        number = counts[name]
        if number:
            noun = "" if parts else f" {singular if number == 1 else plural}"
            parts.append(f"{number}{noun} {forms[name][0 if number == 1 else 1]}")
    line = ", ".join(parts)
    edited = sum(1 for item in chosen if item.changes and item.status != "removed")
    if edited:
        line += f" ({edited} med ändrade exempel, metoder, indikatorer eller kopplingar)"
    return line


def area_summary(items: tuple[ItemChange, ...], area_status: str) -> str:
    """The summary line of one area."""
    lines = [line for kind in _KINDS if (line := counts_line(items, kind))]
    prefix = {"added": "Nytt område: ", "removed": "Borttaget område: "}.get(area_status, "")
    return prefix + ("; ".join(lines) if lines else "inga mål eller aktiviteter")


def document_summary(diff: DocumentDiff, old_counts: list[int], new_counts: list[int]) -> str:
    """Goals per area in each version, then the goals of the whole document counted."""
    items = [item for area in diff.areas for item in area.items]
    parts = []
    if old_counts or new_counts:
        parts.append("Mål per område: " + ("/".join(map(str, old_counts)) or "–") + " → "
                     + ("/".join(map(str, new_counts)) or "–"))
    for kind in _KINDS:
        line = counts_line(items, kind)
        if line:
            parts.append(line)
    return "; ".join(parts) if parts else "Inga mål eller aktiviteter i någon av versionerna"
