"""The summary lines: "3 mål oförändrade, 1 nytt, 2 omformulerade" ("3 goals unchanged, 1 new …")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from mvkplan.messages.i18n import N_, Wording
from mvkplan.views.diff.model import ItemChange

if TYPE_CHECKING:
    from mvkplan.views.diff.model import DocumentDiff

# Swedish adjectives agree with the noun: "mål" is neuter ("nytt", "oförändrat"), "aktivitet"
# and "rad" common ("ny", "oförändrad"). Each key holds 'one|many'.
_NEUTER = {"unchanged": N_("diff.neuter.unchanged"), "added": N_("diff.neuter.added"),
           "reworded": N_("diff.neuter.reworded"), "moved": N_("diff.neuter.moved"),
           "removed": N_("diff.neuter.removed")}
_COMMON = {"unchanged": N_("diff.common.unchanged"), "added": N_("diff.common.added"),
           "reworded": N_("diff.common.reworded"), "moved": N_("diff.common.moved"),
           "removed": N_("diff.common.removed")}
# kind → (noun 'one|many', adjective keys)
_KINDS = {"goal": (N_("n.goal"), _NEUTER), "activity": (N_("n.activity"), _COMMON),
          "row": (N_("n.row"), _COMMON)}
_ORDER = ("unchanged", "added", "reworded", "moved", "removed")


def bucket(item: ItemChange) -> str:
    """Where an item counts: a moved item as moved; other field changes keep 'unchanged' wording."""
    if item.moved_from and item.status != "removed":
        return "moved"
    return "unchanged" if item.status == "changed" else item.status


def _form(say: Wording, key: str, number: int) -> str:
    one, many = say(key).split("|")
    return one if number == 1 else many


def counts_line(items: Iterable[ItemChange], kind: str, say: Wording) -> str:
    """'3 mål oförändrade, 1 nytt, 2 omformulerade' for the items of one kind ('' if none)."""
    chosen = [item for item in items if item.kind == kind]
    counts = Counter(bucket(item) for item in chosen)
    noun, forms = _KINDS[kind]
    parts: list[str] = []
    for name in _ORDER:
        number = counts[name]
        if number:
            named = "" if parts else f" {_form(say, noun, number)}"
            parts.append(f"{number}{named} {_form(say, forms[name], number)}")
    line = ", ".join(parts)
    edited = sum(1 for item in chosen if item.changes and item.status != "removed")
    if edited:
        line += say("diff.edited", number=edited)
    return line


def area_summary(items: tuple[ItemChange, ...], area_status: str, say: Wording) -> str:
    """The summary line of one area."""
    lines = [line for kind in _KINDS if (line := counts_line(items, kind, say))]
    prefix = {"added": say("diff.area.added"), "removed": say("diff.area.removed")}.get(area_status, "")
    return prefix + ("; ".join(lines) if lines else say("diff.area.empty"))


def document_summary(diff: DocumentDiff, old_counts: list[int], new_counts: list[int],
                     say: Wording) -> str:
    """Goals per area in each version, then the goals of the whole document counted."""
    items = [item for area in diff.areas for item in area.items]
    parts = []
    if old_counts or new_counts:
        parts.append(say("diff.goals_per_area", old="/".join(map(str, old_counts)) or "–",
                         new="/".join(map(str, new_counts)) or "–"))
    for kind in _KINDS:
        line = counts_line(items, kind, say)
        if line:
            parts.append(line)
    return "; ".join(parts) if parts else say("diff.document.empty")
