"""Follow-ups broken in one known way each, with the code ``validate`` must report for it.

:func:`broken_follow_up` draws a valid plan and follow-up (tests/generated_followup.py) and
applies one of :data:`MUTATIONS` that fits it: an unknown indicator, respondent, activity, goal
or plan, a value after the follow-up's year or of the wrong type, a duplicate, a field unknown
or missing, a Swedish word where the schema wants English …
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generated_followup import goals, municipalities_by_county, plan_with_follow_ups
from hypothesis import assume
from hypothesis import strategies as st

Mutation = Callable[[st.DrawFn, dict[str, Any], dict[str, Any]], str | None]
"""Changes a follow-up (given its plan) in place; the expected code, or None when it cannot apply."""


def _unknown_indicator(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    f["values"].append({"indicator": "finns-inte/alls", "value": "1"})
    return "E503"


def _unknown_respondent(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    if not f["values"]:
        return None
    draw(st.sampled_from(f["values"]))["respondent"] = "okand-svarande"
    return "E506"


def _value_after_the_year(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    if not f["values"]:
        return None
    draw(st.sampled_from(f["values"]))["year"] = f["year"] + draw(st.integers(1, 3))
    return "E502"


def _year_outside_the_period(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    if not p.get("period"):
        return None
    f["year"] = p["period"]["end"] + draw(st.integers(1, 5))
    return "E502"


def _same_value_twice(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    if not f["values"]:
        return None
    f["values"].append(copy.deepcopy(draw(st.sampled_from(f["values"]))))
    return "E511"


def _unknown_activity(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    f["activities"].append({"activity": "ingen-sadan-aktivitet", "status": "done"})
    return "E504"


def _unknown_goal(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    target = draw(st.sampled_from(["assessments", "indicators"]))
    if target == "assessments":
        f["assessments"].append({"goal": "inget-sadant-mal", "text": "Text."})
    else:
        f["indicators"].append({"id": "ny", "goal": "inget-sadant-mal", "title": "Fråga"})
    return "E505"


def _indicator_of_the_plan_again(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    goal = draw(st.sampled_from(goals(p)))
    own = [i.get("id") or i.get("source") for i in goal.get("indicators", [])]
    if not own:
        return None
    f["indicators"].append({"id": own[0], "goal": goal["id"], "title": "Fråga"})
    return "E515"


def _wrong_value_type(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    kind, value, code = draw(st.sampled_from([("yes-no", "kanske", "E507"), ("count", "2,5", "E507"),
                                              ("number", "tolv", "E507"), ("percent", "150", "E508"),
                                              ("choice", "Kanske", "E509")]))
    goal = draw(st.sampled_from(goals(p)))
    spec = {"id": "fel-typ", "goal": goal["id"], "title": "Fråga", "type": kind,
            **({"choices": ["Ja", "Nej"]} if kind == "choice" else {})}
    if any(i["id"] == "fel-typ" and i["goal"] == goal["id"] for i in f["indicators"]):
        return None
    f["indicators"].append(spec)
    f["values"].append({"indicator": f"{goal['id']}/fel-typ", "value": value})
    return code


def _sex_not_reported(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    plain = [v for v in f["values"] if "sex" not in v and not _spec(p, f, v["indicator"]).get("per_sex")]
    if not plain:
        return None
    draw(st.sampled_from(plain))["sex"] = "women"
    return "E513"


def _respondent_outside_the_county(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    county = p.get("county")
    others = [m for c, ids in municipalities_by_county().items() if c and c != county for m in ids]
    if not county or not others:
        return None
    f["respondents"].append({"municipality": draw(st.sampled_from(others))})
    return "E510"


def _respondent_twice(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    if not f["respondents"]:
        return None
    f["respondents"].append(copy.deepcopy(draw(st.sampled_from(f["respondents"]))))
    return "E512"


def _unknown_plan(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    f["plan"] = p["id"] + "-finns-inte"
    return "E301"


def _unknown_field(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    where = draw(st.sampled_from(["document", "value", "activity"]))
    if where == "value" and f["values"]:
        draw(st.sampled_from(f["values"]))["vardet"] = "12"
    elif where == "activity" and f["activities"]:
        draw(st.sampled_from(f["activities"]))["statsu"] = "done"
    else:
        f["respondenter"] = []
    return "E202"


def _swedish_status(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    if f["activities"] and draw(st.booleans()):
        draw(st.sampled_from(f["activities"]))["status"] = "genomförd"
    else:
        f["status"] = "antagen"
    return "E204"


def _missing_field(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    del f[draw(st.sampled_from(["plan", "year"]))]
    return "E201"


def _year_as_text(draw: st.DrawFn, p: dict[str, Any], f: dict[str, Any]) -> str | None:
    f["year"] = draw(st.sampled_from(["tjugofem", "2025-2026", "", "år 2025"]))
    return "E203"


def _spec(p: dict[str, Any], f: dict[str, Any], key: str) -> dict[str, Any]:
    goal, _, own = key.partition("/")
    for i in f["indicators"]:
        if i.get("goal") == goal and i.get("id") == own:
            return dict(i)
    for g in goals(p):
        for i in g.get("indicators", []):
            if g["id"] == goal and (i.get("id") or i.get("source")) == own:
                return dict(i)
    return {}


MUTATIONS: list[Mutation] = [
    _unknown_indicator, _unknown_respondent, _value_after_the_year, _year_outside_the_period,
    _same_value_twice, _unknown_activity, _unknown_goal, _indicator_of_the_plan_again, _wrong_value_type,
    _sex_not_reported, _respondent_outside_the_county, _respondent_twice, _unknown_plan, _unknown_field,
    _swedish_status, _missing_field, _year_as_text,
]


@dataclass(frozen=True)
class Broken:
    """A broken follow-up and the code validate must report for it."""

    plan: dict[str, Any]
    follow_up: dict[str, Any]
    code: str
    mutation: str
    lang: str
    """The message language validate runs in ('en' or 'sv')."""


@st.composite
def broken_follow_up(draw: st.DrawFn, mutation: Mutation | None = None) -> Broken:
    """A valid plan with one follow-up broken in one way: by ``mutation`` (examples it does
    not apply to are rejected), or else by any mutation that applies."""
    plan_data, follow_ups = draw(plan_with_follow_ups())
    for chosen in [mutation] if mutation else draw(st.permutations(MUTATIONS)):
        changed = copy.deepcopy(follow_ups[0])
        code = chosen(draw, plan_data, changed)
        if code is not None:
            return Broken(plan_data, changed, code, chosen.__name__, draw(st.sampled_from(["en", "sv"])))
    assume(mutation is None)
    raise AssertionError("some mutation always applies")  # _unknown_indicator does
