"""A document cites a regulation that was superseded before the document's period began.

Why: regulations are replaced. SOSFS 2014:4, Socialstyrelsen's regulations on violence in
close relationships, was replaced by HSLF-FS 2022:39 from 1 January 2023. A plan for
2021–2023 rightly cites SOSFS 2014:4; a plan whose period starts in 2024 and still cites it
sends its readers to rules that no longer apply.

How to fix: cite the successor instead (``regulation: hslf-fs-2022-39``). A document that
names both the old regulation and its successor is left alone, since it evidently knows. The
dates come from the regulations catalog (``superseded`` and ``superseded_by``); a repository
can add regulations with a catalog document of its own that ``extends: regulations``. A
document with no start year is compared by its adoption date.

Passing:
    ```yaml
    period: {start: 2021, end: 2023}
    references:
      - {type: regulation, title: SOSFS 2014:4, regulation: sosfs-2014-4}
    ```

Failing:
    ```yaml
    period: {start: 2024, end: 2026}
    references:
      - {type: regulation, title: SOSFS 2014:4, regulation: sosfs-2014-4}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.models import CatalogEntry, DocumentBase
from mvkplan.problems import Severity
from mvkplan.rules.base import Finding, LintContext

CODE = "MVK006"
NAME = "superseded-regulation"
SEVERITY = Severity.WARNING
MESSAGES = {
    "summary": ("A regulation cited was superseded before the document's period began.",
                "En åberopad författning hade ersatts innan dokumentets period började."),
    "message": ("cites {short}, superseded by {successor} from {date}, but the document "
                "applies from {start}",
                "hänvisar till {short}, som ersatts av {successor} från {date}, men dokumentet "
                "gäller från {start}"),
    "hint": ("cite the successor: 'regulation: {successor_id}'",
             "hänvisa till efterföljaren: 'regulation: {successor_id}'"),
}


def check(context: LintContext, options: None) -> Iterator[Finding]:
    """Regulation links whose entry was superseded on or before the document's start."""
    index = context.index
    for document in context.documents:
        start = _start(document.model)
        if start is None:
            continue
        cited = [link for link in context.links_from(document) if link.relation == "regulation"]
        cited_ids = {link.target_item for link in cited}
        for link in cited:
            item = index.item(link.target)
            entry = item.obj if item else None
            if not isinstance(entry, CatalogEntry) or not entry.superseded:
                continue
            if start < entry.superseded or entry.superseded_by in cited_ids:
                continue
            successor = index.item(f"regulations/{entry.superseded_by}")
            values = {
                "short": entry.short or entry.name, "date": entry.superseded, "start": start,
                "successor": _short(successor.obj) if successor else entry.superseded_by,
                "successor_id": entry.superseded_by,
            }
            yield Finding(document, link.path, values=values)


def _start(model: DocumentBase) -> str | None:
    """First day the document applies, as an ISO date (or as precise as known)."""
    if model.period and model.period.start is not None:
        return f"{model.period.start}-01-01"
    if model.adoption and model.adoption.date:
        return model.adoption.date
    return None


def _short(entry: object) -> str:
    if isinstance(entry, CatalogEntry):
        return entry.short or entry.name
    return str(entry)
