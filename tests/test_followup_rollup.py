"""The roll-up as pure functions of loaded models: no CLI, no files."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvkplan.index.followups import indicators_for
from mvkplan.models import ActivityPlan, FollowUp, RegionalPlan
from mvkplan.models.items import IndicatorSpec
from mvkplan.models.values import BadValue, format_number, read_number, read_value
from mvkplan.views.report.rollup import (
    activity_counts,
    area_summaries,
    expected_respondents,
    headline,
    indicator_rollup,
    meets_target,
    observations,
    per_respondent,
)

PLAN = RegionalPlan.model_validate({
    "id": "plan", "kind": "regional-plan", "title": "Plan", "period": {"start": 2024, "end": 2026},
    "areas": [{"id": "a", "goals": [{"id": "g", "title": "G", "indicators": [
        {"id": "andel", "type": "percent", "reported_by": ["municipality"],
         "baseline": {"year": 2023, "value": "40"}, "target": {"year": 2026, "value": "50"}},
        {"id": "finns", "type": "yes-no", "reported_by": ["municipality"],
         "target": {"year": 2026, "direction": "all"}},
        {"id": "antal", "type": "count", "per_sex": True, "target": {"direction": "increase"}},
        {"id": "svar", "type": "choice", "choices": ["Ja", "Delvis", "Nej"]},
    ]}]}],
})


def follow_up(year: int, values: list[dict[str, Any]], **extra: Any) -> FollowUp:
    return FollowUp.model_validate({
        "id": f"plan-{year}", "kind": "follow-up", "title": "U", "plan": "plan", "year": year,
        "respondents": [{"municipality": "a-kommun"}, {"municipality": "b-kommun"},
                        {"municipality": "c-kommun"}, {"id": "region", "name": "Region",
                                                       "type": "region"}],
        "values": values, **extra})


def v(indicator: str, respondent: str | None, value: str, sex: str | None = None) -> dict[str, Any]:
    return {"indicator": f"g/{indicator}", "respondent": respondent, "value": value, "sex": sex}


Y2024 = follow_up(2024, [v("andel", "a-kommun", "30"), v("andel", "b-kommun", "45,5"),
                         v("finns", "a-kommun", "nej"), v("finns", "b-kommun", "ja"),
                         v("antal", "a-kommun", "10", "women"), v("antal", "a-kommun", "2", "men")])
Y2025 = follow_up(2025, [v("andel", "a-kommun", "50"), v("andel", "b-kommun", "60"),
                         v("andel", "c-kommun", "40"),
                         v("finns", "a-kommun", "ja"), v("finns", "b-kommun", "Ja"),
                         v("finns", "c-kommun", "nej"),
                         v("antal", "a-kommun", "14", "women"), v("antal", "a-kommun", "3", "men"),
                         v("antal", "a-kommun", "17", "total"),
                         v("svar", None, "delvis")])
REFS = indicators_for(PLAN, Y2025)
THREE = ["a-kommun", "b-kommun", "c-kommun"]


def test_percent_rollup_with_change_from_last_year_and_baseline() -> None:
    rollup = indicator_rollup(REFS["g/andel"], Y2025, Y2024, expected_respondents(Y2025, REFS["g/andel"].spec))
    assert (rollup.answered, rollup.expected) == (3, 3)
    assert rollup.mean == pytest.approx(50.0) and rollup.median == 50.0
    assert (rollup.minimum, rollup.maximum) == (40.0, 60.0)
    assert rollup.previous == pytest.approx(37.75)
    # c-kommun answered only in 2025: the change is over a and b, 55 − 37,75 (issue 24.1)
    assert rollup.both_years == ["a-kommun", "b-kommun"]
    assert rollup.change == pytest.approx(17.25)
    assert rollup.change_from_baseline == pytest.approx(10.0)
    assert (rollup.meeting_target, rollup.judged) == (2, 3)  # 50 and 60 reach 50


def test_yes_no_rollup_counts_answers_and_target_all() -> None:
    rollup = indicator_rollup(REFS["g/finns"], Y2025, Y2024, THREE)
    assert rollup.distribution == [("ja", 2), ("nej", 1)]
    assert rollup.headline == pytest.approx(200 / 3)
    assert rollup.previous == 50.0
    assert (rollup.meeting_target, rollup.judged) == (2, 3)


def test_count_per_sex_uses_the_total_and_direction_increase() -> None:
    rollup = indicator_rollup(REFS["g/antal"], Y2025, Y2024, [])
    assert rollup.total == 17.0 and rollup.headline == 17.0
    assert rollup.previous == 12.0  # 2024 gave only women and men: their sum
    assert rollup.change == 5.0
    assert (rollup.meeting_target, rollup.judged) == (1, 1)


def test_choice_is_case_insensitive_and_counted_in_order() -> None:
    rollup = indicator_rollup(REFS["g/svar"], Y2025, None, [])
    assert rollup.distribution == [("Ja", 0), ("Delvis", 1), ("Nej", 0)]
    assert rollup.meeting_target is None and rollup.previous is None


def test_no_values_roll_up_to_nothing() -> None:
    rollup = indicator_rollup(REFS["g/andel"], follow_up(2026, []), Y2025, THREE)
    assert rollup.answered == 0 and rollup.headline is None and rollup.change is None


def test_area_summary_and_expected_respondents() -> None:
    rollups = {k: indicator_rollup(r, Y2025, Y2024, expected_respondents(Y2025, r.spec))
               for k, r in REFS.items()}
    [summary] = area_summaries(PLAN, rollups, Y2025, REFS)
    assert (summary.goals, summary.indicators, summary.with_values) == (1, 4, 4)
    assert expected_respondents(Y2025, REFS["g/antal"].spec) == []


def test_activities_by_status_per_area_and_per_linked_goal() -> None:
    plan = ActivityPlan.model_validate({
        "id": "vp", "kind": "activity-plan", "title": "VP", "areas": [
            {"id": "a1", "activities": [{"id": "x", "title": "X", "links": ["s/1", "s/2"]},
                                        {"id": "y", "title": "Y", "links": ["s/2"]}]},
            {"id": "a2", "activities": [{"id": "z", "title": "Z", "links": ["s/10"]}]}]})
    status = FollowUp.model_validate({
        "id": "vp-2022", "kind": "follow-up", "title": "U", "plan": "vp", "year": 2022,
        "activities": [{"activity": "x", "status": "done", "date": "2022"},
                       {"activity": "y", "status": "cancelled"}]})
    by_area, by_link = activity_counts(plan, status)
    assert [(c.key, c.counts, c.done) for c in by_area] == [
        ("a1", {"done": 1, "cancelled": 1}, 1), ("a2", {"planned": 1}, 0)]
    assert [c.key for c in by_link] == ["s/1", "s/2", "s/10"]  # natural order
    assert by_link[1].counts == {"done": 1, "cancelled": 1}


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("12,5", "number", 12.5), ("1 234", "count", 1234.0), ("12.5", "percent", 12.5),
    ("100", "percent", 100.0), ("ja", "yes-no", True), ("Nej", "yes-no", False),
])
def test_values_read_by_type(text: str, kind: str, expected: object) -> None:
    assert read_value(text, IndicatorSpec(type=kind)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "kind", "code"), [
    ("100,5", "percent", "E508"), ("-1", "percent", "E508"), ("2,5", "count", "E507"),
    ("-3", "count", "E507"), ("kanske", "yes-no", "E507"), ("tolv", "number", "E507"),
])
def test_bad_values(text: str, kind: str, code: str) -> None:
    bad = read_value(text, IndicatorSpec(type=kind))  # type: ignore[arg-type]
    assert isinstance(bad, BadValue) and bad.key == code


def test_swedish_numbers() -> None:
    assert format_number(1234.0) == "1\u00a0234"
    assert format_number(12.5) == "12,5"
    assert format_number(-3.25) == "\u22123,2" or format_number(-3.25) == "\u22123,3"
    assert read_number("1\u00a0234,5") == 1234.5
    assert read_number("12 %") == 12.0


def test_helpers_agree() -> None:
    obs = observations(Y2025, REFS["g/finns"])
    readings = list(per_respondent(obs, REFS["g/finns"].spec).values())
    assert headline(readings, REFS["g/finns"].spec) == pytest.approx(200 / 3)
    assert meets_target(True, REFS["g/finns"].spec, None) is True
    assert meets_target(45.0, REFS["g/andel"].spec, None) is False


def test_swedish_numbers_read_back() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False))
    def roundtrip(number: float) -> None:
        shown = format_number(number)
        back = read_number(shown)
        assert back is not None, shown
        assert abs(back - round(number, 1)) < 1e-6 or abs(back - number) <= 0.05 + 1e-9, shown

    roundtrip()


def _read_number_by_pattern(text: str) -> float | None:
    """The definition read_number keeps: the pattern alone, without the digits-only shortcut."""
    import re

    from mvkplan.models.values import _NUMBER

    cleaned = text.strip().removesuffix("%").strip().replace("\u2212", "-")
    if not _NUMBER.match(cleaned):
        return None
    return float(re.sub(r"[ \u00a0\u202f]", "", cleaned).replace(",", "."))


@given(st.text(alphabet=st.sampled_from("0123456789١٢+-−.,% \u00a0\u202fx\n"), max_size=12)
       | st.integers(-10**12, 10**12).map(str))
def test_reading_a_number_is_the_pattern_s_reading(text: str) -> None:
    assert read_number(text) == _read_number_by_pattern(text)
