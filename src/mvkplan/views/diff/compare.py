"""``diff_documents``: two versions of a plan compared area by area, item by item.

Areas, goals, activities and focus-area rows are paired by id, then by similarity of their
titles (``mvkplan.views.diff.match``); goals are paired across the whole document, so that a goal
that moved to another area is reported as moved, not as removed and added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from mvkplan.messages.i18n import Wording
from mvkplan.models import DocumentBase
from mvkplan.models.items import Activity, Area, FocusRow, Goal, Indicator
from mvkplan.views.diff.match import pair, similarity, tokens, word_diff, words
from mvkplan.views.diff.model import AreaChange, DocumentDiff, FieldChange, ItemChange, Replacement
from mvkplan.views.diff.summary import area_summary, document_summary

# Yearly follow-up, spelled in the ways the plans spell it; a change between these is none.
_YEARLY = {"årsvis", "årlig", "årligen", "varje år", "en gång per år"}


def diff_documents(
    old: DocumentBase,
    new: DocumentBase,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    regulation_names: dict[str, tuple[str, str | None]] | None = None,
    name: Callable[[str], str] = str,
    language: str = "sv",
) -> DocumentDiff:
    """What changed from ``old`` to ``new``.

    ``regulation_names`` maps regulation ids to (short name, id of the successor), from the
    regulations catalog; with it, a regulation replaced by its successor is named as such.
    ``name`` turns catalog ids (methods, indicator sources) and link references into the
    names shown. ``language`` is the language of the summaries and labels: Swedish, the
    plans' own, unless the command line prints them in English.
    """
    say = Wording(language)
    result = DocumentDiff(old_label or _label(old), new_label or _label(new), old.id, new.id)
    result.changes = _document_changes(old, new, name, say)
    result.regulations = _replacements(old, new, regulation_names or {})
    old_areas, new_areas = list(getattr(old, "areas", [])), list(getattr(new, "areas", []))
    area_pairs, gone, came = _pair_areas(old_areas, new_areas)
    counterpart = {id(a): b for a, b in area_pairs}
    items: dict[int, list[ItemChange]] = {id(area): [] for area in new_areas}
    removed_items: dict[int, list[ItemChange]] = {id(area): [] for area in old_areas}
    for kind, attribute in (("goal", "goals"), ("activity", "activities"), ("row", "rows")):
        before = [(a, item) for a in old_areas for item in getattr(a, attribute)]
        after = [(a, item) for a in new_areas for item in getattr(a, attribute)]
        pairs, lost, found = pair(
            before, after, key=lambda located: located[1].id, text=lambda located: _title(located[1]),
            bonus=lambda a, b: 0.05 if counterpart.get(id(a[0])) is b[0] else 0.0)
        for (area_a, a), (area_b, b) in pairs:
            moved = None if counterpart.get(id(area_a)) is area_b else _area_title(area_a)
            items[id(area_b)].append(_compare_item(kind, a, b, moved, name, say))
        for area_b, b in found:
            items[id(area_b)].append(ItemChange(kind, "added", _title(b), new_id=b.id))  # type: ignore[arg-type]
        for area_a, a in lost:
            removed_items[id(area_a)].append(
                ItemChange(kind, "removed", _title(a), old_id=a.id, old_title=_title(a)))  # type: ignore[arg-type]
    for area in new_areas:
        before_area = next((a for a, b in area_pairs if b is area), None)
        listed = tuple(items[id(area)] + (removed_items[id(before_area)] if before_area else []))
        result.areas.append(_area_change(before_area, area, listed, name, say))
    for area in gone:
        result.areas.append(_area_change(area, None, tuple(removed_items[id(area)]), name, say))
    result.summary = document_summary(result, [len(a.goals) for a in old_areas if a.goals],
                                      [len(a.goals) for a in new_areas if a.goals], say)
    return result


def _label(model: DocumentBase) -> str:
    period = model.period
    name = model.short_title or model.id
    if period and period.start and period.end:
        years = str(period.start) if period.start == period.end else f"{period.start}–{period.end}"
        return name if years in name else f"{name} ({years})"
    return name


def _title(item: Any) -> str:
    return str(item.problem if isinstance(item, FocusRow) else item.title)


def _area_title(area: Area) -> str:
    return area.title or ", ".join(area.links) or area.id


def _pair_areas(old: list[Area], new: list[Area]) -> tuple[list[tuple[Area, Area]], list[Area], list[Area]]:
    pairs, gone, came = pair(old, new, key=lambda a: a.id, text=_area_title)
    # Areas without a common id or title may still stand under the same framework goals.
    more, gone, came = pair(gone, came, key=lambda a: " ".join(sorted(a.links)) or None,
                            text=_area_title, threshold=2.0)
    return pairs + more, gone, came


def _area_change(old: Area | None, new: Area | None, items: tuple[ItemChange, ...],
                 name: Callable[[str], str], say: Wording) -> AreaChange:
    if new is None:
        assert old is not None
        return AreaChange("removed", _area_title(old), old_id=old.id, old_title=_area_title(old),
                          items=items, summary=area_summary(items, "removed", say))
    if old is None:
        return AreaChange("added", _area_title(new), new_id=new.id, items=items,
                          summary=area_summary(items, "added", say))
    changes = tuple(c for c in (
        _list_change("links", say("diff.field.links"), map(name, old.links), map(name, new.links)),
        _text_change("intro", say("diff.field.intro"), old.intro, new.intro),
        _text_change("outro", say("diff.field.outro"), old.outro, new.outro),
    ) if c)
    renamed = words(_area_title(old)) != words(_area_title(new))
    status = "reworded" if renamed else ("changed" if changes else "unchanged")
    return AreaChange(status, _area_title(new), old_id=old.id, new_id=new.id,  # type: ignore[arg-type]
                      old_title=_area_title(old), items=items, changes=changes,
                      summary=area_summary(items, status, say))


def _compare_item(kind: str, old: Any, new: Any, moved_from: str | None,
                  name: Callable[[str], str], say: Wording) -> ItemChange:
    old_title, new_title = _title(old), _title(new)
    reworded = words(old_title) != words(new_title)
    changes = tuple(c for c in _field_changes(old, new, name, say) if c)
    if not reworded and tokens(old_title) != tokens(new_title):
        changes = (FieldChange("title", say("diff.field.punctuation"), (old_title,), (new_title,)), *changes)
    status = "reworded" if reworded else ("changed" if changes or moved_from else "unchanged")
    return ItemChange(kind, status, new_title, old_id=old.id, new_id=new.id,  # type: ignore[arg-type]
                      old_title=old_title, moved_from=moved_from,
                      words=tuple(word_diff(old_title, new_title)) if reworded else (),
                      changes=changes)


def _field_changes(old: Any, new: Any, name: Callable[[str], str],
                   say: Wording) -> Iterable[FieldChange | None]:
    if isinstance(old, Goal):
        yield _text_change("description", say("diff.field.description"), old.description, new.description)
        yield _list_change("examples", say("diff.field.examples"), old.examples, new.examples)
        yield _list_change("methods", say("diff.field.methods"), map(name, old.methods),
                           map(name, new.methods))
        yield _list_change("indicators", say("diff.field.indicators"),
                           [_indicator(i, name, say) for i in old.indicators],
                           [_indicator(i, name, say) for i in new.indicators])
    elif isinstance(old, Activity):
        yield _text_change("target_group", say("diff.field.target_group"), old.target_group, new.target_group)
        yield _text_change("outcome", say("diff.field.outcome"), old.outcome, new.outcome)
        yield _list_change("items", say("diff.field.items"), old.items, new.items)
        yield _text_change("responsible", say("diff.field.responsible"), old.responsible, new.responsible)
    elif isinstance(old, FocusRow):
        yield _list_change("measures", say("diff.field.measures"), old.measures, new.measures)
        yield _list_change("contributors", say("diff.field.contributors"), old.contributors, new.contributors)
        yield _list_change("outcomes", say("diff.field.outcome"), old.outcomes, new.outcomes)
    yield _list_change("links", say("diff.field.links"), map(name, old.links), map(name, new.links))


def _indicator(indicator: Indicator, name: Callable[[str], str], say: Wording) -> str:
    frequency = (indicator.frequency or "").strip()
    if frequency.lower() in _YEARLY:
        frequency = say("diff.yearly")
    # The source decides what is followed up; how a plan spells its name is no change.
    source = indicator.source
    label = name(source) if source else (indicator.text or "")
    return label + (f" ({frequency})" if frequency else "")


def _text_change(name: str, label: str, old: str | None, new: str | None) -> FieldChange | None:
    if words(old or "") == words(new or ""):
        return None
    return FieldChange(name, label, tuple(_plain(old)), tuple(_plain(new)))


def _plain(text: str | None) -> list[str]:
    return [" ".join(text.split())] if text and text.strip() else []


def _list_change(name: str, label: str, old: Iterable[str], new: Iterable[str]) -> FieldChange | None:
    before, after = [" ".join(str(x).split()) for x in old], [" ".join(str(x).split()) for x in new]
    kept_before = {tuple(words(x)) for x in before}
    kept_after = {tuple(words(x)) for x in after}
    removed = tuple(x for x in before if tuple(words(x)) not in kept_after)
    added = tuple(x for x in after if tuple(words(x)) not in kept_before)
    return FieldChange(name, label, removed, added) if removed or added else None


def _document_changes(old: DocumentBase, new: DocumentBase, name: Callable[[str], str],
                      say: Wording) -> list[FieldChange]:
    def period(model: DocumentBase) -> str | None:
        p = model.period
        return None if p is None else f"{p.start or ''}–{p.end or ''}"

    found = [
        _text_change("title", say("diff.field.title"), old.title, new.title),
        _text_change("subtitle", say("diff.field.subtitle"), old.subtitle, new.subtitle),
        _value_change("period", say("diff.field.period"), period(old), period(new)),
        _text_change("vision", say("diff.field.vision"), getattr(old, "vision", None),
                     getattr(new, "vision", None)),
        _text_change("purpose", say("diff.field.purpose"), getattr(old, "purpose", None),
                     getattr(new, "purpose", None)),
        _list_change("organisations", say("diff.field.organisations"), old.organisations, new.organisations),
        _list_change("links", say("diff.field.links"), map(name, old.links), map(name, new.links)),
        _list_change("references", say("diff.field.references"),
                     _titles(getattr(old, "references", [])), _titles(getattr(new, "references", []))),
        _list_change("basis", say("diff.field.basis"), _titles(getattr(old, "basis", [])),
                     _titles(getattr(new, "basis", []))),
        _sections(old, new, say),
    ]
    return [change for change in found if change]


def _value_change(name: str, label: str, old: str | None, new: str | None) -> FieldChange | None:
    if old == new:
        return None
    return FieldChange(name, label, (old,) if old else (), (new,) if new else ())


def _titles(references: list[Any]) -> list[str]:
    return [reference.title for reference in references]


def _sections(old: DocumentBase, new: DocumentBase, say: Wording) -> FieldChange | None:
    pairs, gone, came = pair(old.sections, new.sections, key=lambda s: s.id, text=lambda s: s.title)
    reworded = [b.title for a, b in pairs if words(a.body or "") != words(b.body or "")
                or similarity(a.title, b.title) < 1.0]
    removed = tuple(s.title for s in gone)
    added = tuple(s.title for s in came) + tuple(say("diff.text_changed", title=t) for t in reworded)
    return FieldChange("sections", say("diff.field.sections"), removed, added) if removed or added else None


def _replacements(old: DocumentBase, new: DocumentBase,
                  names: dict[str, tuple[str, str | None]]) -> list[Replacement]:
    def cited(model: DocumentBase) -> list[str]:
        return [r.regulation for r in getattr(model, "references", []) if r.regulation]

    before, after = cited(old), cited(new)
    found = []
    for regulation in before:
        if regulation in after:
            continue
        successor = names.get(regulation, (regulation, None))[1]
        while successor and successor not in after and successor in names:
            successor = names[successor][1]
        if successor in after:
            found.append(Replacement(names.get(regulation, (regulation, None))[0],
                                     names.get(successor, (successor, None))[0]))
    return found
