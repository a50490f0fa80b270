"""What a follow-up refers to: its plan, the plan's indicators and activities, earlier years.

Built from the :class:`~mvkplan.index.linkindex.LinkIndex` after loading; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import cast

from mvkplan.index.cards import card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_index
from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import Activity, Area, Catalog, FollowUp, Goal, PlanBase
from mvkplan.models.items import Indicator, IndicatorSpec, indicator_id

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator a value can name: '<goal>/<indicator>' of the plan or of a follow-up."""

    key: str
    """'<goal>/<indicator>'."""
    area: Area
    goal: Goal
    spec: IndicatorSpec
    title: str
    """The indicator as written (text, title or source id)."""
    added: bool
    """True when the follow-up defines it rather than the plan."""
    path: Path_
    """Where it is defined (in the plan, or in the follow-up when ``added``)."""


@dataclass(frozen=True)
class ActivityRef:
    """An activity of the plan with its area."""

    area: Area
    activity: Activity
    path: Path_


def follow_ups_by_plan(index: LinkIndex) -> dict[str, list[LoadedDocument]]:
    """Plan id → its follow-ups, oldest year first (then by id); worked out once per index
    (every report page asks: asked anew, a site's build grew with the square of its
    documents). Not to be changed."""
    return per_index(_follow_ups_by_plan, index)


def _follow_ups_by_plan(index: LinkIndex) -> dict[str, list[LoadedDocument]]:
    found: dict[str, list[LoadedDocument]] = defaultdict(list)
    for loaded in index.documents.values():
        if loaded.kind == "follow-up":  # the kind first: a released plan is not read again
            found[cast(str, card_of(loaded).plan)].append(loaded)  # (cards: no model made)
    for documents in found.values():
        documents.sort(key=lambda d: (cast(int, card_of(d).year), d.id))
    return dict(found)


def plan_of(index: LinkIndex, follow_up: FollowUp) -> LoadedDocument | None:
    """The plan a follow-up names, when it is a plan (not a framework or catalog)."""
    loaded = index.documents.get(follow_up.plan)
    return loaded if loaded is not None and isinstance(loaded.model, PlanBase) else None


def goals_of(plan: PlanBase) -> dict[str, tuple[Area, Goal, Path_]]:
    """Goal id → (area, goal, path) in the plan's order."""
    return {
        goal.id: (area, goal, ("areas", i, "goals", j))
        for i, area in enumerate(plan.areas) for j, goal in enumerate(area.goals)
    }


def plan_indicators(plan: PlanBase) -> dict[str, IndicatorRef]:
    """The plan's own indicators by '<goal>/<indicator>', in the plan's order."""
    found: dict[str, IndicatorRef] = {}
    for area, goal, path in goals_of(plan).values():
        for k, indicator in enumerate(goal.indicators):
            key = f"{goal.id}/{indicator_id(indicator, k + 1)}"
            title = indicator.text or indicator.source or key
            found.setdefault(key, IndicatorRef(key, area, goal, indicator, title, False,
                                               (*path, "indicators", k)))
    return found


def indicators_for(plan: PlanBase, follow_up: FollowUp) -> dict[str, IndicatorRef]:
    """The plan's indicators plus those the follow-up adds under the plan's goals."""
    found = plan_indicators(plan)
    goals = goals_of(plan)
    for i, added in enumerate(follow_up.indicators):
        key = f"{added.goal}/{added.id}"
        if added.goal in goals and key not in found:
            area, goal, _ = goals[added.goal]
            found[key] = IndicatorRef(key, area, goal, added, added.title, True, ("indicators", i))
    return found


def plan_activities(plan: PlanBase) -> dict[str, ActivityRef]:
    """Activity id → its area and path, in the plan's order."""
    return {
        activity.id: ActivityRef(area, activity, ("areas", i, "activities", j))
        for i, area in enumerate(plan.areas) for j, activity in enumerate(area.activities)
    }


def survey_sources(index: LinkIndex) -> dict[str, str]:
    """The indicator sources marked ``survey: true`` (the county board's own survey): id → name
    (worked out once per index, as :func:`follow_ups_by_plan`)."""
    return dict(per_index(_survey_sources, index))


def _survey_sources(index: LinkIndex) -> dict[str, str]:
    found: dict[str, str] = {}
    for loaded in index.documents.values():
        if loaded.kind != "catalog":  # known without the model (a streaming build let it go)
            continue
        model = loaded.model
        if isinstance(model, Catalog) and "indicator-sources" in (model.id, model.extends):
            found.update((e.id, e.name) for e in model.entries if e.survey)
    return found


def answered_in_survey(ref: IndicatorRef, sources: dict[str, str]) -> bool:
    """A plan indicator that states no type and comes from the county board's survey: its
    values are the survey's free-text answers."""
    spec = ref.spec
    return (not ref.added and isinstance(spec, Indicator) and spec.type is None and not spec.kolada
            and spec.source in sources)


def _follow_up(loaded: LoadedDocument) -> FollowUp:
    assert isinstance(loaded.model, FollowUp)
    return loaded.model
