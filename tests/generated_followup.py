"""Hypothesis strategies for follow-ups (``kind: follow-up``) of a generated plan.

:func:`plan_with_follow_ups` draws a valid plan (tests/generated.py) with at least one goal,
and one or two valid follow-ups of it: respondents from the catalogs (in the plan's county) and
organisations, indicators added under the plan's goals with every value type, values that fit
their indicator's type for the plan's and the added indicators, activity statuses and
assessments (tests/followup_mutations.py breaks them).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from generated import SLUG, TEXT, corpus, document
from hypothesis import strategies as st

from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.load import iter_documents
from mvkplan.loading.shipped import shipped_documents

PLAN_KINDS = ["regional-plan", "local-plan", "activity-plan", "strategy"]
TYPES = ["number", "percent", "count", "yes-no", "choice", "text", None]
RESPONDENT_TYPES = ["municipality", "region", "authority", "organisation"]
STATES = ["planned", "ongoing", "done", "postponed", "cancelled"]
DATES = ["2024", "2024-05", "2024-05-31"]


@cache
def municipalities_by_county() -> dict[str, tuple[str, ...]]:
    """County id → the ids of its municipalities in the shipped catalog."""
    index = LinkIndex.build(iter_documents(shipped_documents(), corpus().documents))
    found: dict[str, list[str]] = {}
    for key, item in sorted(index.items.get("municipalities", {}).items()):
        found.setdefault(getattr(item.obj, "county", None) or "", []).append(key)
    return {county: tuple(ids) for county, ids in found.items()}


def _ids(value: Any) -> Iterator[str]:
    """Every ``id`` written anywhere in a document's data."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield value["id"]
        for child in value.values():
            yield from _ids(child)
    elif isinstance(value, list):
        for child in value:
            yield from _ids(child)


def goals(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's goals in order."""
    return [goal for area in plan.get("areas", []) for goal in area.get("goals", [])]


def activities(plan: dict[str, Any]) -> list[str]:
    """The ids of the plan's activities."""
    return [a["id"] for area in plan.get("areas", []) for a in area.get("activities", [])]


@st.composite
def plan(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan with at least one goal (one is added when the generator drew none)."""
    data = draw(document(draw(st.sampled_from(PLAN_KINDS))))
    if not goals(data):
        taken = set(_ids(data))
        area_id, goal_id, activity_id = (draw(SLUG.filter(lambda s, t=taken: s not in t)) for _ in range(3))
        if len({area_id, goal_id, activity_id}) < 3:
            area_id, goal_id, activity_id = area_id + "-omrade", goal_id + "-mal", activity_id + "-akt"
        data.setdefault("areas", []).append({
            "id": area_id, "title": draw(TEXT),
            "goals": [{"id": goal_id, "title": draw(TEXT),
                       "indicators": [{"source": draw(st.sampled_from(corpus().sources))}]}],
            "activities": [{"id": activity_id, "title": draw(TEXT)}],
        })
    return data


def _value(draw: st.DrawFn, spec: dict[str, Any]) -> str:
    """A value that fits the indicator's type."""
    kind = spec.get("type")
    if kind == "number":
        return draw(st.sampled_from(["12", "12,5", "-3", "1 234", "0.5", "118"]))
    if kind == "percent":
        return draw(st.sampled_from(["0", "40", "60,4", "100", "99.9", "12 %"]))
    if kind == "count":
        return str(draw(st.integers(0, 5000)))
    if kind == "yes-no":
        return draw(st.sampled_from(["ja", "nej", "Ja", "NEJ", "yes", "no"]))
    if kind == "choice":
        return draw(st.sampled_from(spec["choices"]))
    return draw(TEXT)


def _indicator(draw: st.DrawFn, goal: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    """An indicator the follow-up adds under ``goal`` (its id unused under that goal)."""
    own = {i.get("id") or i.get("source") for i in goal.get("indicators", [])}
    identifier = draw(SLUG.filter(lambda s: s not in own and f"{goal['id']}/{s}" not in taken))
    taken.add(f"{goal['id']}/{identifier}")
    spec: dict[str, Any] = {"id": identifier, "goal": goal["id"], "title": draw(TEXT)}
    if own and draw(st.booleans()):
        spec["indicator"] = draw(st.sampled_from(sorted(own)))
    kind = draw(st.sampled_from(TYPES))
    if kind is not None:
        spec["type"] = kind
    if kind == "choice":
        spec["choices"] = draw(st.lists(st.sampled_from(["Ja", "Delvis", "Nej", "Under framtagande", "Vet ej"]),
                                        min_size=1, max_size=4, unique=True))
    if draw(st.booleans()):
        spec["unit"] = draw(TEXT)
    if draw(st.booleans()):
        spec["kolada"] = draw(st.from_regex(r"\A[NU][0-9]{5}\Z"))
    if draw(st.booleans()):
        spec["baseline"] = {"year": draw(st.integers(2015, 2023)), "value": _value(draw, spec)}
    if draw(st.booleans()):
        directions = [{"direction": "increase"}, {"direction": "decrease"}, {"year": 2030, "direction": "all"}]
        spec["target"] = ({"year": 2026, "value": _value(draw, spec)} if draw(st.booleans())
                          else dict(draw(st.sampled_from(directions))))
    spec["reported_by"] = draw(st.lists(st.sampled_from(RESPONDENT_TYPES), max_size=2, unique=True))
    spec["per_sex"] = draw(st.booleans())
    spec["links"] = draw(st.lists(st.sampled_from(corpus().references), max_size=2, unique=True))
    return spec


def _respondents(draw: st.DrawFn, county: str | None) -> list[dict[str, Any]]:
    pool = municipalities_by_county().get(county, ()) if county else sum(municipalities_by_county().values(), ())
    chosen = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True)) if pool else []
    found: list[dict[str, Any]] = [{"municipality": m} for m in chosen]
    if draw(st.booleans()):
        found.append({"county": county or draw(st.sampled_from(corpus().counties))})
    for _ in range(draw(st.integers(0, 2))):
        keys = {r.get("municipality") or r.get("county") or r.get("id") for r in found}
        organisation: dict[str, Any] = {"id": draw(SLUG.filter(lambda s, k=keys: s not in k)), "name": draw(TEXT)}
        if draw(st.booleans()):
            organisation["type"] = draw(st.sampled_from(RESPONDENT_TYPES))
        found.append(organisation)
    return found


@st.composite
def follow_up(draw: st.DrawFn, plan: dict[str, Any], year: int, first: int | None) -> dict[str, Any]:
    """A valid follow-up of ``plan`` for ``year`` (values from ``first``, the plan's first year)."""
    existing = {d.id for d in corpus().documents} | set(corpus().references) | {plan["id"]}
    data: dict[str, Any] = {
        "id": draw(SLUG.filter(lambda s: s not in existing and not s.startswith(plan["id"]))),
        "kind": "follow-up", "title": draw(TEXT), "plan": plan["id"], "year": year,
        "status": draw(st.sampled_from(["draft", "adopted"])),
    }
    if plan.get("county"):
        data["county"] = plan["county"]
    if draw(st.booleans()):
        data["deadline"] = draw(st.sampled_from([f"{year + 1}-03-31", f"{year + 1}"]))
    data["respondents"] = _respondents(draw, plan.get("county"))
    taken: set[str] = set()
    plan_goals = goals(plan)
    data["indicators"] = [_indicator(draw, draw(st.sampled_from(plan_goals)), taken)
                          for _ in range(draw(st.integers(0, 3)))]
    specs = {f"{g['id']}/{i.get('id') or i.get('source')}": i for g in plan_goals for i in g.get("indicators", [])}
    specs.update({f"{i['goal']}/{i['id']}": i for i in data["indicators"]})
    keys = [r.get("municipality") or r.get("county") or r.get("id") for r in data["respondents"]]
    values, seen = [], set()
    for _ in range(draw(st.integers(0, 6))):
        key = draw(st.sampled_from(sorted(specs)))
        entry: dict[str, Any] = {"indicator": key}
        if keys and draw(st.booleans()):
            entry["respondent"] = draw(st.sampled_from(keys))
        if specs[key].get("per_sex") and draw(st.booleans()):
            entry["sex"] = draw(st.sampled_from(["women", "men", "total"]))
        if draw(st.integers(0, 3)) == 0:
            entry["year"] = draw(st.integers(first if first is not None else year - 5, year))
        slot = (key, entry.get("respondent"), entry.get("sex"), entry.get("year", year))
        if slot in seen:
            continue
        seen.add(slot)
        entry["value"] = _value(draw, specs[key])
        if draw(st.booleans()):
            entry["comment"] = draw(TEXT)
        if draw(st.booleans()):
            entry["source"] = draw(st.sampled_from(["Enkät 2025", "Kolada N00945"]))
        values.append(entry)
    data["values"] = values
    chosen = draw(st.lists(st.sampled_from(activities(plan)), unique=True)) if activities(plan) else []
    data["activities"] = [{"activity": a, "status": draw(st.sampled_from(STATES)),
                           **({"date": draw(st.sampled_from(DATES))} if draw(st.booleans()) else {}),
                           **({"comment": draw(TEXT)} if draw(st.booleans()) else {})} for a in chosen]
    assessable = [g["id"] for g in plan_goals] + [a["id"] for a in plan.get("areas", [])]
    data["assessments"] = [{"goal": g, "text": draw(TEXT),
                            **({"judgement": draw(st.sampled_from(["green", "yellow", "red"]))}
                               if draw(st.booleans()) else {})}
                           for g in draw(st.lists(st.sampled_from(assessable), max_size=3, unique=True))]
    return data


@st.composite
def plan_with_follow_ups(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A valid plan and one or two valid follow-ups of it (different years, within its period)."""
    data = draw(plan())
    period = data.get("period")
    first, last = (period["start"], period["end"]) if period else (None, None)
    years = draw(st.lists(st.integers(first or 2018, last or 2030), min_size=1, max_size=2, unique=True))
    follow_ups = []
    for year in sorted(years):
        made = draw(follow_up(data, year, first))
        if any(made["id"] == f["id"] for f in follow_ups):
            continue
        follow_ups.append(made)
    return data, follow_ups
