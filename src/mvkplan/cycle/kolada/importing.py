"""Kolada values → the follow-ups of the plans whose indicators name the KPI.

A value is recorded for a plan when an indicator of the plan (or one its follow-up adds)
names the KPI (``kolada: N00945``), the municipality lies in the plan's county, the year
lies in the plan's period, and the indicator is reported per municipality. Per-sex
indicators get the K/M/T values as women/men/total, others the total only. Values Kolada
marks missing (``value: null``) are skipped. Example plans are left alone unless named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.cycle.kolada.responses import GENDERS, KoladaValue, Response
from mvkplan.cycle.recording.plans import SurveyPlan, survey_plan
from mvkplan.cycle.recording.record import Batch, NewRespondent, NewValue, Place, Prepared, follow_up_path, prepare_all
from mvkplan.index.followups import IndicatorRef
from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.models import Catalog, PlanBase
from mvkplan.models.value_text import KOLADA_SOURCE, value_text

SEX_OF_GENDER = {"K": "women", "M": "men", "T": "total"}
assert set(SEX_OF_GENDER) == set(GENDERS)


@dataclass
class KoladaImport:
    """What an import found and would write."""

    responses: int = 0
    matched: int = 0
    ignored: int = 0
    """Values for KPIs, municipalities or plans the import does not record."""
    missing: int = 0
    """Values Kolada gives as missing (``null``): nothing to record."""
    other_year: int = 0
    """Values outside the years asked for (``--year``)."""
    problems: list[Problem] = field(default_factory=list)
    prepared: list[Prepared] = field(default_factory=list)


def known_kpis(index: LinkIndex) -> dict[str, str]:
    """KPI id → name, from the 'kolada-kpis' catalog and catalogs extending it (entries' ``code``)."""
    found: dict[str, str] = {}
    for loaded in index.documents.values():
        model = loaded.model
        if isinstance(model, Catalog) and "kolada-kpis" in (model.id, model.extends):
            for entry in model.entries:
                if entry.code:
                    found[entry.code] = entry.name
    return found


def kpis_of(survey: SurveyPlan) -> dict[str, list[IndicatorRef]]:
    """KPI id → the indicators of the plan (and its follow-up) that name it."""
    found: dict[str, list[IndicatorRef]] = {}
    for ref in survey.indicators.values():
        if ref.spec.kolada:
            found.setdefault(ref.spec.kolada, []).append(ref)
    return found


def plans_for(index: LinkIndex, plan: str | None) -> list[str]:
    """The plans a Kolada import may write to: ``plan``, or every non-example plan with a county."""
    if plan is not None:
        return [plan]
    return sorted(d.id for d in index.documents.values()
                  if isinstance(d.model, PlanBase) and d.model.county and not d.model.example)


def import_kolada(index: LinkIndex, root: Path, responses: Iterable[Response], *, plan: str | None = None,
                  years: set[int] | None = None, overwrite: bool = False) -> KoladaImport:
    """Prepare the follow-ups the ``responses`` change (nothing is written here)."""
    result = KoladaImport()
    municipalities = _municipality_codes(index)
    known = known_kpis(index)
    batches: dict[tuple[str, int], tuple[SurveyPlan, Batch]] = {}
    surveys: dict[tuple[str, int], SurveyPlan | None] = {}
    plan_ids = plans_for(index, plan)
    warned: set[str] = set()
    for response in responses:
        result.responses += 1
        result.problems.extend(response.problems)
        for value in response.values:
            if years is not None and value.year not in years:
                result.other_year += 1
                continue
            if value.value is None:
                result.missing += 1
                continue
            if _record(index, value, response.path, plan_ids, municipalities, surveys, batches):
                result.matched += 1
                if known and value.kpi not in known and value.kpi not in warned:
                    warned.add(value.kpi)
                    _problem(result, "K107", Place(response.path, value.line, value.column), Severity.WARNING,
                             kpi=value.kpi)
            else:
                result.ignored += 1
    prepared, problems = prepare_all((batch for _, batch in batches.values()), root,
                                     overwrite=overwrite, conflict="K108", replaced="K109")
    result.prepared.extend(prepared)
    result.problems.extend(problems)
    return result


def _problem(result: KoladaImport, code: str, at: Place, severity: Severity, **values: object) -> None:
    hint = t(code + ".hint") if has(code + ".hint") else None
    result.problems.append(Problem(at.path, at.line, at.column, code, t(code, **values), severity, hint))


def _municipality_codes(index: LinkIndex) -> dict[str, tuple[str, str | None]]:
    """Kolada municipality id (the official four-digit code) → (municipality id, county id)."""
    found: dict[str, tuple[str, str | None]] = {}
    for loaded in index.documents.values():
        model = loaded.model
        if isinstance(model, Catalog) and "municipalities" in (model.id, model.extends):
            for entry in model.entries:
                if entry.code:
                    found[entry.code] = (entry.id, entry.county)
    return found


def _record(index: LinkIndex, value: KoladaValue, path: str, plan_ids: list[str],
            municipalities: dict[str, tuple[str, str | None]], surveys: dict[tuple[str, int], SurveyPlan | None],
            batches: dict[tuple[str, int], tuple[SurveyPlan, Batch]]) -> bool:
    if value.value is None or value.municipality not in municipalities:
        return False
    municipality, county = municipalities[value.municipality]
    recorded = False
    for plan_id in plan_ids:
        survey = _survey(index, plan_id, value.year, surveys, batches)
        if survey is None or survey.model.county != county:
            continue
        for ref in kpis_of(survey).get(value.kpi, []):
            spec = ref.spec
            if spec.reported_by and "municipality" not in spec.reported_by:
                continue
            if not spec.reported_by:
                continue  # one value for the whole county: a municipality's statistic is not it
            sex = SEX_OF_GENDER[value.gender] if spec.per_sex else None
            if not spec.per_sex and value.gender != "T":
                continue
            batch = batches[(plan_id, value.year)][1]
            batch.values.append(NewValue(ref.key, municipality, sex, value_text(value.value), None,
                                         KOLADA_SOURCE.format(kpi=value.kpi), spec.type,
                                         Place(path, value.line, value.column)))
            added = survey.added_indicator(ref.key)
            if added is not None and added not in batch.indicators:
                batch.indicators.append(added)
            respondent = NewRespondent("municipality", municipality)
            if respondent not in batch.respondents:
                batch.respondents.append(respondent)
            recorded = True
    return recorded


def _survey(index: LinkIndex, plan_id: str, year: int, surveys: dict[tuple[str, int], SurveyPlan | None],
            batches: dict[tuple[str, int], tuple[SurveyPlan, Batch]]) -> SurveyPlan | None:
    key = (plan_id, year)
    if key not in surveys:
        surveys[key] = _new_survey(index, plan_id, year, batches)
    return surveys[key]


def _new_survey(index: LinkIndex, plan_id: str, year: int,
                batches: dict[tuple[str, int], tuple[SurveyPlan, Batch]]) -> SurveyPlan | None:
    key = (plan_id, year)
    survey = survey_plan(index, plan_id, year)
    if survey is None:
        return None
    period = survey.model.period
    if period and ((period.start and year < period.start) or (period.end and year > period.end)):
        return None
    if not kpis_of(survey):
        return None
    path = survey.follow_up.path if survey.follow_up else follow_up_path(survey.plan, year, index.documents.values())
    batches[key] = (survey, Batch(survey.plan, year, survey.follow_up, path))
    return survey
