"""``mvkplan diff``: what changed between two plans, or one plan across git revisions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_index
from mvkplan.index.titles import document_title
from mvkplan.models import Catalog, DocumentBase
from mvkplan.views.diff.compare import diff_documents
from mvkplan.views.diff.model import DocumentDiff


def diff_in_index(index: LinkIndex, old: DocumentBase, new: DocumentBase, *,
                  old_label: str | None = None, new_label: str | None = None,
                  behind: Mapping[str, Sequence[str]] | None = None,
                  language: str = "sv") -> DocumentDiff:
    """``diff_documents`` with the names of methods, indicator sources and regulations from
    the catalogs the index holds (shipped ones and the project's own).

    ``behind`` names, per item id of the new version, the consultation responses whose decision
    changed it: each changed, added or reworded item with such responses lists them.
    ``language``: of the summaries and labels (Swedish, as the site prints them, by default).
    """
    names, regulations = per_index(_catalog_names, index)

    def name(key: str) -> str:
        if key in names:
            return names[key]
        item = index.item(key)
        if item is None:
            return key
        number = getattr(item.obj, "number", None) or item.id
        return f"{document_title(index, item.document)} {number}: {item.title}"

    result = diff_documents(old, new, old_label=old_label, new_label=new_label,
                            regulation_names=dict(regulations), name=name,
                            language=language)
    return with_responses(result, behind) if behind else result


def with_responses(diff: DocumentDiff, behind: Mapping[str, Sequence[str]]) -> DocumentDiff:
    """``diff`` with the responses behind each changed item (by its new id, else its old one)."""
    areas = []
    for area in diff.areas:
        items = tuple(
            replace(item, responses=tuple(behind.get(item.new_id or item.old_id or "", ())))
            if item.status != "unchanged" else item
            for item in area.items)
        areas.append(replace(area, items=items))
    return replace(diff, areas=areas)


def _catalog_names(index: LinkIndex) -> tuple[dict[str, str], dict[str, tuple[str, str | None]]]:
    """Names of methods and indicator sources, and regulations with what supersedes them."""
    names: dict[str, str] = {}
    regulations: dict[str, tuple[str, str | None]] = {}
    for loaded in index.documents.values():
        if loaded.kind != "catalog":  # known without the model (a streaming build let it go)
            continue
        model = loaded.model
        if not isinstance(model, Catalog):
            continue
        kind = model.extends or model.id
        for entry in model.entries:
            if kind in {"methods", "indicator-sources"}:
                names.setdefault(entry.id, entry.short or entry.name)
            if kind == "regulations":
                regulations.setdefault(entry.id, (entry.short or entry.name, entry.superseded_by))
    return names, regulations


__all__ = ["DocumentDiff", "diff_documents", "diff_in_index", "with_responses"]
