"""What ``validate`` reports about follow-ups (E501–E514): references, years, types, duplicates.

Every problem is located at the node it is about. Unknown documents and catalog entries
(the plan, a municipality) are reported by the link checks (E301, E307) like everywhere else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from mvkplan.index.followups import (
    goals_of,
    indicators_for,
    plan_activities,
    plan_indicators,
)
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument, SourceChanged
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem
from mvkplan.messages.textmatch import closest
from mvkplan.messages.words import kind_word
from mvkplan.models import FollowUp, PlanBase
from mvkplan.models.items import IndicatorSpec
from mvkplan.models.values import BadValue, read_value

Path_ = tuple[str | int, ...]


def check_follow_ups(index: LinkIndex) -> Iterator[Problem]:
    """Every follow-up problem of the repository's documents, in no particular order."""
    for loaded in index.documents.values():
        if not loaded.shipped:
            yield from document_problems(loaded)
    yield from follow_up_problems(index)


def document_problems(loaded: LoadedDocument) -> Iterator[Problem]:
    """What a plan's own indicators can tell alone: baseline and target values fit their type
    (a streaming run asks this of each document as it is loaded)."""
    model = loaded.model
    if isinstance(model, PlanBase):
        for area_index, area in enumerate(model.areas):
            for goal_index, goal in enumerate(area.goals):
                for k, indicator in enumerate(goal.indicators):
                    path = ("areas", area_index, "goals", goal_index, "indicators", k)
                    yield from _spec_values(loaded, indicator, path)


def follow_up_problems(index: LinkIndex) -> Iterator[Problem]:
    """The problems of every follow-up against its plan, and of follow-ups of one year."""
    checks = FollowUpChecks(index)
    yield from checks.finish()


@dataclass(frozen=True)
class _Seen:
    """What the check of follow-ups of one year needs of a follow-up checked early."""

    plan: str
    year: int
    example: bool


class FollowUpChecks:
    """The follow-up checks of a streaming run: each follow-up is checked as soon as nothing
    loaded later can change its answer (:func:`settled`), so that its model can be let go;
    :meth:`finish` checks the rest, and the follow-ups of one year, at the end."""

    def __init__(self, index: LinkIndex) -> None:
        self.index = index
        self.problems: list[Problem] = []
        self._seen: dict[int, _Seen] = {}  # by id() of the loaded document: it stays in the index
        self._changed: set[str] = set()

    def check_now(self, loaded: LoadedDocument) -> bool:
        """Check a follow-up just loaded (and indexed) when its answer is settled; whether it
        was (its model may then be let go)."""
        model = cast(FollowUp, loaded.model)
        if loaded.shipped or not settled(self.index, model):
            return False
        self.problems.extend(self._guarded(loaded, model))
        self._seen[id(loaded)] = _Seen(model.plan, model.year, loaded.example)
        return True

    def known(self, loaded: LoadedDocument, problems: list[Problem], plan: str, year: int) -> None:
        """Take a follow-up's problems as an earlier run found them (against the same plan and
        municipalities), instead of checking it: its model is not needed."""
        self.problems.extend(problems)
        self._seen[id(loaded)] = _Seen(plan, year, loaded.example)

    def finish(self) -> Iterator[Problem]:
        """The problems found so far, those of every follow-up not checked yet, and those of
        follow-ups of one year."""
        yield from self.problems
        for loaded in self.index.documents.values():
            if not loaded.shipped and loaded.kind == "follow-up" and id(loaded) not in self._seen:
                yield from self._guarded(loaded, cast(FollowUp, loaded.model))
        yield from _one_per_year(self.index, self._seen)

    def _guarded(self, loaded: LoadedDocument, model: FollowUp) -> Iterator[Problem]:
        try:  # a released plan is validated again from its file here
            yield from _check_follow_up(self.index, loaded, model)
        except SourceChanged as exc:
            if exc.path not in self._changed:
                self._changed.add(exc.path)
                yield Problem(exc.path, 0, 0, "E110", t("E110.changed"), hint=t("E110.changed.hint"))


def settled(index: LinkIndex, model: FollowUp) -> bool:
    """Whether documents loaded later can no longer change a follow-up's problems: its plan
    is loaded (the first document of an id stays the one the index knows) and every
    municipality it names is known (a catalog loaded later only adds entries)."""
    return settled_for(index, model.plan, [r.municipality for r in model.respondents if r.municipality])


def settled_for(index: LinkIndex, plan: str, municipalities: Iterable[str]) -> bool:
    """:func:`settled` for a follow-up known by the plan and municipalities it names."""
    if plan not in index.documents:
        return False
    return all(index.item(f"municipalities/{name}") is not None for name in municipalities)


def _problem(loaded: LoadedDocument, path: Path_, code: str, hint: str | None = None,
             **values: Any) -> Problem:
    line, column = loaded.position(path)
    if hint is None and has(code + ".hint"):
        hint = t(code + ".hint", **values)
    return Problem(loaded.path, line, column, code, t(code, **values), hint=hint)


def _did_you_mean(value: str, options: list[str]) -> str | None:
    close = closest(value, options)
    return t("hint.did_you_mean", close=close) if close else None


def _check_follow_up(index: LinkIndex, loaded: LoadedDocument, model: FollowUp) -> Iterator[Problem]:
    target = index.documents.get(model.plan)
    if target is None:
        return  # E301 from the link checks
    plan = target.model
    if not isinstance(plan, PlanBase):
        yield _problem(loaded, ("plan",), "E501", target=model.plan, kind=kind_word(plan.kind))  # type: ignore[attr-defined]
        return
    period = plan.period
    first = period.start if period and period.start is not None else None
    last = period.end if period and period.end is not None else None
    shown_period = f"{first or ''}–{last or ''}"
    if (first is not None and model.year < first) or (last is not None and model.year > last):
        yield _problem(loaded, ("year",), "E502", year=model.year, period=shown_period)
    yield from _respondents(index, loaded, model, plan)
    yield from _added_indicators(loaded, model, plan)
    yield from _values(loaded, model, plan, first, shown_period)
    yield from _activities(loaded, model, plan)
    yield from _assessments(loaded, model, plan)


def _respondents(index: LinkIndex, loaded: LoadedDocument, model: FollowUp,
                 plan: PlanBase) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, respondent in enumerate(model.respondents):
        key = respondent.key
        if key in seen:
            first = loaded.position(("respondents", seen[key]))[0]
            yield _problem(loaded, ("respondents", i), "E512", key=key, first=first)
            continue
        seen[key] = i
        county = respondent.county
        field = "county"
        if respondent.municipality:
            entry = index.item(f"municipalities/{respondent.municipality}")
            county = getattr(entry.obj, "county", None) if entry else None
            field = "municipality"
        if county and plan.county and county != plan.county:
            yield _problem(loaded, ("respondents", i, field), "E510", respondent=key,
                           county=county, plan_county=plan.county)


def _added_indicators(loaded: LoadedDocument, model: FollowUp, plan: PlanBase) -> Iterator[Problem]:
    goals = goals_of(plan)
    own = plan_indicators(plan)
    for i, added in enumerate(model.indicators):
        if added.goal not in goals:
            hint = _did_you_mean(added.goal, list(goals))
            yield _problem(loaded, ("indicators", i, "goal"), "E505", hint, goal=added.goal,
                           plan=plan.id)
        elif added.indicator is not None and f"{added.goal}/{added.indicator}" not in own:
            measured = f"{added.goal}/{added.indicator}"
            hint = _did_you_mean(added.indicator, [k.split("/", 1)[1] for k in own
                                                   if k.startswith(added.goal + "/")])
            yield _problem(loaded, ("indicators", i, "indicator"), "E503", hint,
                           indicator=measured, plan=plan.id)
        elif f"{added.goal}/{added.id}" in own:
            yield _problem(loaded, ("indicators", i, "id"), "E515",
                           indicator=f"{added.goal}/{added.id}", plan=plan.id)
        yield from _spec_values(loaded, added, ("indicators", i))


def _spec_values(loaded: LoadedDocument, spec: IndicatorSpec, path: Path_) -> Iterator[Problem]:
    """Baseline and target values must fit the indicator's type too."""
    for part in ("baseline", "target"):
        holder = getattr(spec, part)
        text = getattr(holder, "value", None) if holder is not None else None
        if text is not None:
            reading = read_value(text, spec)
            if isinstance(reading, BadValue):
                yield _problem(loaded, (*path, part, "value"), reading.key, **reading.values)


def _values(loaded: LoadedDocument, model: FollowUp, plan: PlanBase, first: int | None,
            shown_period: str) -> Iterator[Problem]:
    indicators = indicators_for(plan, model)
    respondents = {r.key for r in model.respondents}
    seen: dict[tuple[str, str | None, str | None, int], Path_] = {}
    for i, value in enumerate(model.values):
        at: Path_ = ("values", i)
        ref = indicators.get(value.indicator)
        if ref is None:
            hint = _did_you_mean(value.indicator, list(indicators))
            if hint is None:
                hint = t("E503.hint", known=", ".join(list(indicators)[:5]) or "–")
            yield _problem(loaded, (*at, "indicator"), "E503", hint, indicator=value.indicator,
                           plan=plan.id)
        if value.respondent is not None and value.respondent not in respondents:
            yield _problem(loaded, (*at, "respondent"), "E506",
                           _did_you_mean(value.respondent, sorted(respondents)),
                           respondent=value.respondent)
        year = value.year if value.year is not None else model.year
        if value.year is not None and first is not None and year < first:
            yield _problem(loaded, (*at, "year"), "E502", year=year, period=shown_period)
        elif year > model.year:
            line, column = loaded.position((*at, "year"))
            yield Problem(loaded.path, line, column, "E502",
                          t("E502.after", year=year, follow_up_year=model.year))
        key = (value.indicator, value.respondent, value.sex, year)
        if key in seen:
            yield _problem(loaded, at, "E511", first=loaded.position(seen[key])[0])
        else:
            seen[key] = at
        if ref is None:
            continue
        if value.sex is not None and not ref.spec.per_sex:
            yield _problem(loaded, (*at, "sex"), "E513", indicator=value.indicator)
        reading = read_value(value.value, ref.spec)
        if isinstance(reading, BadValue):
            yield _problem(loaded, (*at, "value"), reading.key, **reading.values)


def _activities(loaded: LoadedDocument, model: FollowUp, plan: PlanBase) -> Iterator[Problem]:
    activities = plan_activities(plan)
    seen: dict[str, int] = {}
    for i, status in enumerate(model.activities):
        if status.activity not in activities:
            yield _problem(loaded, ("activities", i, "activity"), "E504",
                           _did_you_mean(status.activity, list(activities)),
                           activity=status.activity, plan=plan.id)
        elif status.activity in seen:
            yield _problem(loaded, ("activities", i, "activity"), "E512", key=status.activity,
                           first=loaded.position(("activities", seen[status.activity]))[0])
        else:
            seen[status.activity] = i


def _assessments(loaded: LoadedDocument, model: FollowUp, plan: PlanBase) -> Iterator[Problem]:
    known = [*goals_of(plan), *(area.id for area in plan.areas)]
    seen: dict[str, int] = {}
    for i, assessment in enumerate(model.assessments):
        if assessment.goal not in known:
            yield _problem(loaded, ("assessments", i, "goal"), "E505",
                           _did_you_mean(assessment.goal, known), goal=assessment.goal,
                           plan=plan.id)
        elif assessment.goal in seen:
            yield _problem(loaded, ("assessments", i, "goal"), "E512", key=assessment.goal,
                           first=loaded.position(("assessments", seen[assessment.goal]))[0])
        else:
            seen[assessment.goal] = i


def _one_per_year(index: LinkIndex, seen: dict[int, _Seen]) -> Iterator[Problem]:
    """E514 for a second follow-up of a plan and year; ``seen``: what is known of the
    follow-ups checked early (their models may have been let go)."""
    found: dict[str, list[tuple[int, LoadedDocument]]] = defaultdict(list)
    for loaded in index.documents.values():
        if loaded.kind == "follow-up":  # the kind first: a released plan is not read again
            known = seen.get(id(loaded))
            model = cast(FollowUp, loaded.model) if known is None else None
            plan, year = (known.plan, known.year) if known else (model.plan, model.year)  # type: ignore[union-attr]
            found[plan].append((year, loaded))
    for plan_id, documents in found.items():
        documents.sort(key=lambda pair: (pair[0], pair[1].id))  # oldest year first, then by id
        # An example follow-up and a real one of the same year are apart: examples never count.
        by_year: dict[tuple[int, bool], LoadedDocument] = {}
        for year, loaded in documents:
            slot = (year, loaded.example)
            if slot in by_year:
                yield _problem(loaded, ("year",), "E514", plan=plan_id, year=year,
                               other=by_year[slot].path)
            else:
                by_year[slot] = loaded
