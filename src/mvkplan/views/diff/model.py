"""What ``mvkplan diff`` finds: small values that the formats print and JSON serialises."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["unchanged", "reworded", "changed", "added", "removed"]
WordRun = tuple[str, str]
"""('=' kept | '-' removed | '+' added, text)."""


@dataclass(frozen=True)
class FieldChange:
    """A field whose entries differ: what went, what came (or the old and new value)."""

    field: str
    """Model field, e.g. 'examples', 'indicators', 'period'."""
    label: str
    """Swedish label, e.g. 'Exempel'."""
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemChange:
    """One goal, activity or focus-area row compared across the two versions."""

    kind: Literal["goal", "activity", "row"]
    status: Status
    title: str
    """The title in the new version (the old one for removed items)."""
    old_id: str | None = None
    new_id: str | None = None
    old_title: str | None = None
    moved_from: str | None = None
    """Title of the area it stood in before, when it moved to another area."""
    words: tuple[WordRun, ...] = ()
    """Word-level diff of the title, when reworded."""
    changes: tuple[FieldChange, ...] = ()
    responses: tuple[str, ...] = ()
    """The consultation responses whose decision led to this change, as the summary names them."""


@dataclass(frozen=True)
class AreaChange:
    """One area (målområde, fokusområde) with its items and a one-line summary."""

    status: Status
    title: str
    old_id: str | None = None
    new_id: str | None = None
    old_title: str | None = None
    items: tuple[ItemChange, ...] = ()
    changes: tuple[FieldChange, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Replacement:
    """A regulation the old version cites, replaced by its successor in the new one."""

    old: str
    new: str


@dataclass
class DocumentDiff:
    """Two versions of a plan (two documents, or one document at two revisions)."""

    old_label: str
    new_label: str
    old_id: str
    new_id: str
    changes: list[FieldChange] = field(default_factory=list)
    areas: list[AreaChange] = field(default_factory=list)
    regulations: list[Replacement] = field(default_factory=list)
    summary: str = ""

    @property
    def unchanged(self) -> bool:
        """True when nothing at all differs."""
        return not self.changes and not self.regulations and all(
            a.status == "unchanged" and all(i.status == "unchanged" for i in a.items)
            for a in self.areas)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (``--format json``)."""
        data = asdict(self)
        data["unchanged"] = self.unchanged
        return data
