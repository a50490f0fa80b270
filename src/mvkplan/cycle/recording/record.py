"""Compare what an import brings with what the follow-ups hold, and make the new files' text.

Pure: no file is read or written here. A batch is everything one import brings for one
plan and year; :func:`prepare` turns it into the follow-up's new text and the problems
(an answer that differs from the recorded one is an error unless ``overwrite``, and then
a listed change). :mod:`mvkplan.cycle.recording.commit` validates and writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mvkplan.cycle.recording.yamledit import EditError, Update, append_scalars, edit_lists, render_scalar
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.models import FollowUp, PlanBase
from mvkplan.models.followup import FollowUpIndicator
from mvkplan.models.value_text import canonical
from mvkplan.source.positions import first_control_character


@dataclass(frozen=True)
class Place:
    """Where an imported value came from, for messages: a file and line/column or cell."""

    path: str
    line: int = 0
    column: int = 0
    place: str = ""


@dataclass(frozen=True)
class NewValue:
    """A value to record under '<goal>/<indicator>' for a respondent (and sex)."""

    indicator: str
    respondent: str | None
    sex: str | None
    value: str
    comment: str | None
    source: str
    value_type: str | None
    at: Place


@dataclass(frozen=True)
class NewStatus:
    """An activity status to record."""

    activity: str
    status: str
    comment: str | None
    at: Place


@dataclass(frozen=True)
class NewRespondent:
    """A respondent the follow-up must list: 'municipality', 'county' or 'id' (with name, type)."""

    field: str
    key: str
    name: str | None = None
    type: str | None = None


@dataclass
class Batch:
    """Everything one import brings for one plan and year."""

    plan: LoadedDocument
    year: int
    follow_up: LoadedDocument | None
    path: str
    """The follow-up's file (project-relative), existing or to be created."""
    respondents: list[NewRespondent] = field(default_factory=list)
    indicators: list[FollowUpIndicator] = field(default_factory=list)
    """Definitions of added indicators the values need, copied when the follow-up lacks them."""
    values: list[NewValue] = field(default_factory=list)
    statuses: list[NewStatus] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    """Respondents sent a workbook (``survey export``), added to the follow-up's ``asked:``."""


@dataclass
class Prepared:
    """A batch's new text, counts and problems."""

    path: str
    text: str | None
    new: int = 0
    changed: int = 0
    same: int = 0
    problems: list[Problem] = field(default_factory=list)


def prepare_all(batches: Iterable[Batch], root: Path, *, overwrite: bool, conflict: str,
                replaced: str) -> tuple[list[Prepared], list[Problem]]:
    """Every batch with something to record, prepared against its follow-up file as it stands.

    A file that exists but is no follow-up of the batch's (an example, or one that failed to
    load) is never replaced: R103. ``conflict``/``replaced`` are the importer's own codes.
    """
    prepared: list[Prepared] = []
    problems: list[Problem] = []
    for batch in batches:
        if not batch.values and not batch.statuses and not _missing_asked(batch):
            continue
        original = None
        if batch.follow_up is not None:
            original = (root / batch.follow_up.path).read_text(encoding="utf-8-sig")
        elif (root / batch.path).exists():
            problems.append(Problem(batch.path, 0, 0, "R103", t("R103", path=batch.path), hint=t("R103.hint")))
            continue
        one = prepare(batch, original, overwrite=overwrite, conflict=conflict, replaced=replaced)
        problems.extend(one.problems)
        prepared.append(one)
    return prepared, problems


def prepare(batch: Batch, original: str | None, *, overwrite: bool, conflict: str, replaced: str) -> Prepared:
    """The batch's follow-up text; ``conflict``/``replaced`` are the codes for differing values."""
    result = Prepared(batch.path, None)
    existing = batch.follow_up.model if batch.follow_up else None
    assert existing is None or isinstance(existing, FollowUp)
    appended: list[dict[str, object]] = []
    updates: list[Update] = []
    seen: dict[tuple[str, str | None, str | None], NewValue] = {}
    for value in batch.values:
        if _control_character(result, value.at, value.value, value.comment, value.source):
            continue
        slot = (value.indicator, value.respondent, value.sex)
        if slot in seen:
            if canonical(seen[slot].value, value.value_type) != canonical(value.value, value.value_type):
                _problem(result, conflict, value.at, key=value.indicator, respondent=value.respondent or "–",
                         sex=value.sex or "–", old=seen[slot].value, new=value.value)
            continue
        seen[slot] = value
        recorded = _recorded(existing, batch.year, value)
        if recorded is None:
            appended.append(_value_entry(value))
            result.new += 1
            continue
        old_value, old_comment, old_year = recorded
        same_value = canonical(old_value, value.value_type) == canonical(value.value, value.value_type)
        comment_clash = bool(old_comment and value.comment and old_comment.strip() != value.comment.strip())
        if same_value and not comment_clash:
            result.same += 1
            if value.comment and not old_comment:
                updates.append(Update(_match(value, old_year), {"comment": value.comment}))
            continue
        values: dict[str, Any] = {
            "key": value.indicator, "respondent": value.respondent or "–", "sex": value.sex or "–",
            "old": _shown(old_value, old_comment), "new": _shown(value.value, value.comment)}
        if not overwrite:
            _problem(result, conflict, value.at, **values)
            continue
        _problem(result, replaced, value.at, severity=Severity.INFO, **values)
        updates.append(Update(_match(value, old_year),
                              {"value": value.value, "comment": value.comment, "source": value.source}))
        result.changed += 1
    status_appended, status_updates = _statuses(batch, existing, result, overwrite, conflict, replaced)
    if any(p.severity >= Severity.ERROR for p in result.problems):
        return result
    try:
        text = original if original is not None else skeleton(batch)
        text = edit_lists(text, {
            "respondents": ([], _missing_respondents(batch, existing)),
            "indicators": ([], _missing_indicators(batch, existing, seen)),
            "values": (updates, appended),
            "activities": (status_updates, status_appended),
        })
        text = append_scalars(text, "asked", _missing_asked(batch))
    except EditError as exc:
        result.problems.append(Problem(batch.path, 0, 0, "R101", t("R101", detail=exc), hint=t("R101.hint")))
        return result
    result.text = text
    return result


def _control_character(result: Prepared, at: Place, *texts: str | None) -> bool:
    """Refuse (R105) a text holding a character a plan may not contain: written escaped it
    would read back, but hidden in every page and terminal that shows it."""
    for text in texts:
        found = first_control_character(text or "")
        if found is not None:
            _problem(result, "R105", at, character=f"U+{ord(found[1]):04X}")
            return True
    return False


def _problem(result: Prepared, code: str, at: Place, *, severity: Severity = Severity.ERROR, **values: Any) -> None:
    hint = t(code + ".hint") if has(code + ".hint") else None
    result.problems.append(Problem(at.path, at.line, at.column, code, t(code, **values), severity, hint,
                                   place=at.place))


def _shown(value: str, comment: str | None) -> str:
    return f"'{value}'" + (f" ({comment[:40]})" if comment else "")


def _recorded(existing: FollowUp | None, year: int, new: NewValue) -> tuple[str, str | None, int | None] | None:
    if existing is None:
        return None
    for value in existing.values:
        if (value.indicator == new.indicator and value.respondent == new.respondent and value.sex == new.sex
                and (value.year is None or value.year == year)):
            return value.value, value.comment, value.year
    return None


def _match(value: NewValue, year: int | None) -> dict[str, str | int | None]:
    return {"indicator": value.indicator, "respondent": value.respondent, "sex": value.sex, "year": year}


def _value_entry(value: NewValue) -> dict[str, object]:
    return {"indicator": value.indicator, "respondent": value.respondent, "sex": value.sex,
            "value": value.value, "comment": value.comment, "source": value.source}


def _statuses(batch: Batch, existing: FollowUp | None, result: Prepared, overwrite: bool, conflict: str,
              replaced: str) -> tuple[list[dict[str, object]], list[Update]]:
    appended: list[dict[str, object]] = []
    updates: list[Update] = []
    recorded = {s.activity: s for s in existing.activities} if existing else {}
    for status in batch.statuses:
        if _control_character(result, status.at, status.status, status.comment):
            continue
        old = recorded.get(status.activity)
        if old is None:
            appended.append({"activity": status.activity, "status": status.status, "comment": status.comment})
            result.new += 1
        elif old.status == status.status and (not status.comment or (old.comment or "") == status.comment):
            result.same += 1
        else:
            values: dict[str, Any] = {"key": status.activity, "respondent": "–", "sex": "–",
                      "old": _shown(old.status, old.comment), "new": _shown(status.status, status.comment)}
            if not overwrite:
                _problem(result, conflict, status.at, **values)
                continue
            _problem(result, replaced, status.at, severity=Severity.INFO, **values)
            updates.append(Update({"activity": status.activity},
                                  {"status": status.status, "comment": status.comment or old.comment}))
            result.changed += 1
    return appended, updates


def _missing_respondents(batch: Batch, existing: FollowUp | None) -> list[dict[str, object]]:
    known = {r.key for r in existing.respondents} if existing else set()
    missing = []
    for respondent in batch.respondents:
        if respondent.key in known:
            continue
        known.add(respondent.key)
        entry: dict[str, object] = {respondent.field: respondent.key}
        if respondent.field == "id":
            entry.update(name=respondent.name, type=respondent.type)
        missing.append(entry)
    return missing


def _missing_asked(batch: Batch) -> list[str]:
    """The batch's respondents the follow-up does not yet list as asked, once each, in order."""
    existing = batch.follow_up.model if batch.follow_up else None
    known = set(existing.asked) if isinstance(existing, FollowUp) else set()
    return [key for key in dict.fromkeys(batch.asked) if key not in known]


def _missing_indicators(batch: Batch, existing: FollowUp | None,
                        values: dict[tuple[str, str | None, str | None], NewValue]) -> list[dict[str, object]]:
    known = {(i.goal, i.id) for i in existing.indicators} if existing else set()
    wanted = {key for key, _, _ in values}
    missing = []
    for indicator in batch.indicators:
        if (indicator.goal, indicator.id) in known or f"{indicator.goal}/{indicator.id}" not in wanted:
            continue
        known.add((indicator.goal, indicator.id))
        data = indicator.model_dump(mode="json", exclude_defaults=True)
        order = ["id", "goal", "indicator", "title", "type"]
        missing.append({**{k: data[k] for k in order if k in data},
                        **{k: v for k, v in data.items() if k not in order}})
    return missing


def skeleton(batch: Batch) -> str:
    """The text of a new follow-up for the batch's plan and year (lists are added after it)."""
    plan = batch.plan.model
    assert isinstance(plan, PlanBase)
    document_id = PurePosixPath(batch.path).stem
    lines = [
        f"# Årlig uppföljning {batch.year} av {plan.id}: skapad av mvkplan, redigera gärna.",
        f"id: {render_scalar(document_id)}",
        "kind: follow-up",
        f"title: {render_scalar(f'Årlig uppföljning {batch.year} av {plan.title}')}",
        f"plan: {render_scalar(plan.id)}",
        f"year: {batch.year}",
    ]
    if plan.county:
        lines.append(f"county: {render_scalar(plan.county)}")
    lines.append("status: draft")
    return "\n".join(lines) + "\n"


def follow_up_path(plan: LoadedDocument, year: int, documents: Iterable[LoadedDocument] = ()) -> str:
    """Where a new follow-up of ``plan`` for ``year`` goes: '<plan folder>/uppfoljning/<plan>-<year>.yaml',
    or '<plan>-uppfoljning-<year>.yaml' when one of ``documents`` that holds that name or id is
    an example (a real follow-up never goes into an example, nor takes its id)."""
    folder = PurePosixPath(plan.path).parent / "uppfoljning"
    examples = {key for d in documents if getattr(d.model, "example", False) for key in (d.path, d.id)}
    for stem in (f"{plan.id}-{year}", f"{plan.id}-uppfoljning-{year}"):
        path = str(folder / f"{stem}.yaml")
        if path not in examples and stem not in examples:
            return path
    return str(folder / f"{plan.id}-{year}.yaml")  # both taken by examples: refused (R103)
