"""One line per document, for ``mvkplan list``."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import FollowUp, PlanBase


@dataclass(frozen=True)
class DocumentRow:
    """What ``mvkplan list`` shows about a document."""

    id: str
    kind: str
    county: str
    period: str
    status: str
    goals: int
    activities: int
    rows: int
    path: str
    state: str = ""
    """The status value alone ('adopted'); ``status`` adds ', example' for an example document."""
    example: bool = False

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output (its keys and values as they have always been)."""
        data = asdict(self)
        del data["state"], data["example"]
        return data


def document_rows(index: LinkIndex, *, shipped: bool = False) -> list[DocumentRow]:
    """The repository's documents (and the shipped ones if asked), sorted by county and id."""
    rows = []
    for loaded in index.documents.values():
        if loaded.shipped and not shipped:
            continue
        model = loaded.model
        areas = model.areas if isinstance(model, PlanBase) else []
        period = ""
        if model.period:
            start = str(model.period.start) if model.period.start else ""
            end = str(model.period.end) if model.period.end else ""
            period = f"{start}–{end}" if start != end else start
        if isinstance(model, FollowUp):
            period = str(model.year)
        status = f"{model.status}, example" if model.example else model.status
        rows.append(DocumentRow(
            model.id, str(getattr(model, "kind", "")), model.county or "", period, status,
            sum(len(a.goals) for a in areas), sum(len(a.activities) for a in areas),
            sum(len(a.rows) for a in areas), loaded.path, model.status, bool(model.example),
        ))
    return sorted(rows, key=lambda r: (r.county, r.id))
