"""The roll-up: what a follow-up adds up to, computed from the documents, never typed.

Pure functions of loaded models: per indicator the answers and how many give each, the
headline figure, the share meeting the target and the change from the previous follow-up
and from the baseline; per goal and area a summary; per activity plan the activities done
per area and per linked goal (delmål).

A change between two years is computed over the respondents who answered both years only:
a sum over more municipalities is not an increase (issue 24.1). Every figure says whom it
covers (:attr:`IndicatorRollup.covered`, :attr:`IndicatorRollup.both_years`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean, median

from mvkplan.index.followups import IndicatorRef
from mvkplan.models import FollowUp, PlanBase
from mvkplan.models.followup import Value
from mvkplan.models.items import IndicatorSpec, RespondentType
from mvkplan.models.values import BadValue, Reading, read_value

STATUSES = ("planned", "ongoing", "done", "postponed", "cancelled")
NUMERIC = ("number", "percent", "count")


@dataclass(frozen=True)
class Observation:
    """One value read by its indicator's type."""

    respondent: str | None
    sex: str | None
    year: int
    reading: Reading
    text: str
    comment: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class IndicatorRollup:
    """One indicator in one year, added up over the respondents."""

    key: str
    year: int
    answered: int
    """Respondents (or the county) that gave a value."""
    expected: int
    """Respondents expected to answer (by ``reported_by``); 0 when one value is expected."""
    over_asked: bool
    """True when ``expected`` counts those sent a workbook (``asked:``), False when it counts
    the follow-up's ``respondents:`` (who answered something), which hides who never did."""
    responded: int
    """Of the ``expected``, how many gave a value."""
    covered: list[str | None]
    """Whose values this year's figures cover, in document order (None: the whole county)."""
    missing: list[str]
    """Expected respondents without a value this year."""
    distribution: list[tuple[str, int]]
    """How many gave each answer (yes-no and choice), in the order of the choices."""
    minimum: float | None
    maximum: float | None
    median: float | None
    mean: float | None
    total: float | None
    headline: float | None
    """The figure that represents the year: mean (number, percent), total (count) or the
    share in percent answering yes or the target choice (yes-no, choice)."""
    previous_year: int | None
    previous: float | None
    """The previous follow-up's headline over everyone who answered then."""
    both_years: list[str | None]
    """Respondents with a value both this year and the previous one."""
    common_now: float | None
    """This year's headline over ``both_years`` only."""
    common_before: float | None
    """The previous year's headline over ``both_years`` only."""
    baseline_year: int | None
    baseline: float | None
    meeting_target: int | None
    """Respondents meeting the target (None when the indicator has no target to meet)."""
    judged: int
    """Respondents whose value could be judged against the target."""

    @property
    def change(self) -> float | None:
        """The change from the previous follow-up among the respondents who answered both
        years (never the difference of two sums over different respondents)."""
        if self.common_now is None or self.common_before is None:
            return None
        return self.common_now - self.common_before

    @property
    def change_from_baseline(self) -> float | None:
        """Headline minus the baseline."""
        if self.headline is None or self.baseline is None:
            return None
        return self.headline - self.baseline


@dataclass(frozen=True)
class ActivityCount:
    """Activities of one group (an area or a linked goal) by status."""

    key: str
    counts: dict[str, int]
    total: int

    @property
    def done(self) -> int:
        """Activities with status 'done'."""
        return self.counts.get("done", 0)


@dataclass(frozen=True)
class AreaSummary:
    """One line per area: goals, indicators with values, targets met, judgements."""

    area: str
    goals: int
    indicators: int
    with_values: int
    meeting_target: int
    judged: int
    judgements: dict[str, int] = field(default_factory=dict)


def observations(follow_up: FollowUp, ref: IndicatorRef) -> list[Observation]:
    """The follow-up's readable values of one indicator, in document order."""
    found = []
    for value in follow_up.values:
        if value.indicator != ref.key:
            continue
        reading = read_value(value.value, ref.spec)
        if isinstance(reading, BadValue):
            continue  # reported by validate; a report never guesses
        found.append(_observation(value, reading, follow_up.year))
    return found


def _observation(value: Value, reading: Reading, year: int) -> Observation:
    return Observation(value.respondent, value.sex, value.year or year, reading, value.value,
                       value.comment, value.source)


def per_respondent(observations: list[Observation], spec: IndicatorSpec) -> dict[str | None, Reading]:
    """One reading per respondent: the value without sex or the total; where only women's
    and men's values are given, their sum for a count (other types have no total then)."""
    result: dict[str | None, Reading] = {}
    parts: dict[str | None, list[float]] = {}
    for obs in observations:
        if obs.sex in (None, "total"):
            result[obs.respondent] = obs.reading
        elif isinstance(obs.reading, float):
            parts.setdefault(obs.respondent, []).append(obs.reading)
    if spec.type == "count":
        for respondent, numbers in parts.items():
            result.setdefault(respondent, float(sum(numbers)))
    return result


@dataclass(frozen=True)
class YearFigure:
    """One year of an indicator for the chart: the headline and whom it covers."""

    year: int
    headline: float | None
    respondents: int
    """How many respondents (or the county) the headline covers; printed under the bar, so
    that a sum over more respondents is not read as an increase."""
    women: float | None = None
    """The headline over women's values, for indicators reported per sex."""
    men: float | None = None
    """The headline over men's values."""


def year_figure(year: int, observations: list[Observation], spec: IndicatorSpec) -> YearFigure:
    """The chart's figures of one year's values."""
    readings = per_respondent(observations, spec)

    def of_sex(sex: str) -> float | None:
        values = {o.respondent: o.reading for o in observations if o.sex == sex}
        return headline(list(values.values()), spec) if spec.per_sex else None

    return YearFigure(year, headline(list(readings.values()), spec), len(readings),
                      of_sex("women"), of_sex("men"))


def headline(readings: list[Reading], spec: IndicatorSpec) -> float | None:
    """The figure representing a year's readings (see :attr:`IndicatorRollup.headline`)."""
    if not readings:
        return None
    numbers = [r for r in readings if isinstance(r, float)]
    flags = [r for r in readings if isinstance(r, bool)]
    if spec.type == "count" and numbers:
        return float(sum(numbers))
    if numbers and len(numbers) == len(readings):
        return float(mean(numbers))
    if flags and len(flags) == len(readings):
        return 100.0 * sum(flags) / len(flags)
    if spec.type == "choice" and spec.choices:
        wanted = _target_choice(spec)
        return 100.0 * sum(1 for r in readings if r == wanted) / len(readings)
    return None


def _target_choice(spec: IndicatorSpec) -> str:
    if spec.target and spec.target.value:
        reading = read_value(spec.target.value, spec)
        if isinstance(reading, str):
            return reading
    return spec.choices[0]


def meets_target(reading: Reading, spec: IndicatorSpec, previous: Reading | None) -> bool | None:
    """Whether one respondent's value meets the target; None when it cannot be judged."""
    target = spec.target
    if target is None or isinstance(reading, str) and spec.type != "choice":
        return None
    if target.value is not None:
        wanted = read_value(target.value, spec)
        if isinstance(wanted, BadValue):
            return None
        if isinstance(wanted, float) and isinstance(reading, float):
            return reading <= wanted if target.direction == "decrease" else reading >= wanted
        return reading == wanted
    if target.direction == "all":
        return reading is True or (spec.type == "choice" and reading == _target_choice(spec))
    if previous is None or not isinstance(reading, float) or not isinstance(previous, float):
        return None
    return reading > previous if target.direction == "increase" else reading < previous


def indicator_rollup(ref: IndicatorRef, current: FollowUp, previous: FollowUp | None,
                     expected: list[str]) -> IndicatorRollup:
    """Add up one indicator for ``current``'s year, compared with ``previous`` (over those who
    answered both years) and the baseline; ``expected`` from :func:`expected_respondents`."""
    spec = ref.spec
    now = per_respondent(observations(current, ref), spec)
    before = per_respondent(observations(previous, ref), spec) if previous else {}
    both = [k for k in now if k in before]
    readings = list(now.values())
    numbers = [r for r in readings if isinstance(r, float)]
    judged = [meets_target(r, spec, before.get(k)) for k, r in now.items()]
    baseline = None
    if spec.baseline is not None:
        base = read_value(spec.baseline.value, spec)
        baseline = base if isinstance(base, float) else None
    return IndicatorRollup(
        key=ref.key, year=current.year, answered=len(now), expected=len(expected),
        over_asked=bool(current.asked), responded=sum(1 for k in expected if k in now),
        covered=list(now), missing=[k for k in expected if k not in now],
        distribution=_distribution(readings, spec),
        minimum=min(numbers) if numbers else None,
        maximum=max(numbers) if numbers else None,
        median=float(median(numbers)) if numbers else None,
        mean=float(mean(numbers)) if numbers else None,
        total=float(sum(numbers)) if numbers and spec.type == "count" else None,
        headline=headline(readings, spec),
        previous_year=previous.year if previous else None,
        previous=headline(list(before.values()), spec) if previous else None,
        both_years=both,
        common_now=headline([now[k] for k in both], spec) if previous else None,
        common_before=headline([before[k] for k in both], spec) if previous else None,
        baseline_year=spec.baseline.year if spec.baseline else None,
        baseline=baseline,
        meeting_target=sum(1 for j in judged if j) if spec.target else None,
        judged=sum(1 for j in judged if j is not None),
    )


def _distribution(readings: list[Reading], spec: IndicatorSpec) -> list[tuple[str, int]]:
    if spec.type == "yes-no" or (readings and all(isinstance(r, bool) for r in readings)):
        return [("ja", sum(1 for r in readings if r is True)),
                ("nej", sum(1 for r in readings if r is False))]
    if spec.type == "choice":
        counts = Counter(r for r in readings if isinstance(r, str))
        return [(choice, counts.get(choice, 0)) for choice in spec.choices]
    return []


def expected_respondents(follow_up: FollowUp, spec: IndicatorSpec,
                         kind_of: Callable[[str], RespondentType | None] = lambda _key: None) -> list[str]:
    """Who should report the indicator: of those sent a workbook (``asked:``) when recorded,
    else of the follow-up's respondents, those of a type in ``reported_by``.

    An asked id that is not among the respondents has the type ``kind_of`` gives it (the
    catalogs: a municipality, a county); one of no known type is left out rather than guessed,
    so a municipality is never expected to answer a region's question, nor the reverse.
    """
    if not spec.reported_by:
        return []
    types: dict[str, RespondentType | None] = {r.key: r.respondent_type for r in follow_up.respondents}
    keys = follow_up.asked or list(types)
    return list(dict.fromkeys(k for k in keys
                              if (types[k] if k in types else kind_of(k)) in spec.reported_by))


def activity_counts(plan: PlanBase, follow_up: FollowUp) -> tuple[list[ActivityCount], list[ActivityCount]]:
    """Activities by status per area, and per linked goal (e.g. a strategy's delmål).

    An activity without a status in the follow-up counts as 'planned'.
    """
    status = {s.activity: s.status for s in follow_up.activities}
    by_area: list[ActivityCount] = []
    by_link: dict[str, Counter[str]] = {}
    for area in plan.areas:
        if not area.activities:
            continue
        counts: Counter[str] = Counter()
        for activity in area.activities:
            state = status.get(activity.id, "planned")
            counts[state] += 1
            for target in activity.links:
                by_link.setdefault(target, Counter())[state] += 1
        by_area.append(ActivityCount(area.id, dict(counts), sum(counts.values())))
    links = [ActivityCount(k, dict(c), sum(c.values())) for k, c in sorted(by_link.items(), key=_natural)]
    return by_area, links


def _natural(item: tuple[str, Counter[str]]) -> tuple[str, int, str]:
    head, _, tail = item[0].rpartition("/")
    return (head, int(tail), "") if tail.isdigit() else (head, 1 << 30, tail)


def area_summaries(plan: PlanBase, rollups: dict[str, IndicatorRollup],
                   follow_up: FollowUp, refs: dict[str, IndicatorRef]) -> list[AreaSummary]:
    """One summary per area with goals, in the plan's order."""
    judgements = {a.goal: a.judgement for a in follow_up.assessments if a.judgement}
    summaries = []
    for area in plan.areas:
        if not area.goals:
            continue
        keys = [k for k, ref in refs.items() if ref.area is area]
        mine = [rollups[k] for k in keys if k in rollups]
        counted: Counter[str] = Counter(
            str(j) for goal in area.goals if (j := judgements.get(goal.id)))
        summaries.append(AreaSummary(
            area.id, len(area.goals), len(keys), sum(1 for r in mine if r.answered),
            sum(r.meeting_target or 0 for r in mine), sum(r.judged for r in mine if r.meeting_target is not None),
            dict(counted)))
    return summaries
