"""A plan and year → one workbook per respondent, written atomically into a folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.cycle.recording.plans import SurveyPlan, survey_plan
from mvkplan.cycle.survey.export import SurveySpec, workbook_bytes
from mvkplan.cycle.survey.signing import SurveyKeyError, export_key
from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import t
from mvkplan.messages.textmatch import closest
from mvkplan.project.writing import write_atomic


class SurveyUsageError(Exception):
    """The plan, year or a respondent asked for does not exist (exit 2)."""


@dataclass(frozen=True)
class Exported:
    """One workbook written."""

    respondent: str
    path: Path
    questions: int


@dataclass(frozen=True)
class ExportJob:
    """The workbooks an export will write, checked and signed, nothing written yet."""

    survey: SurveyPlan
    specs: tuple[SurveySpec, ...]
    targets: tuple[Path, ...]
    signing_key: bytes = field(repr=False)

    @property
    def respondents(self) -> list[str]:
        """Who gets a workbook, in the order they are written."""
        return [spec.respondent for spec in self.specs]


def export_surveys(index: LinkIndex, plan_id: str, year: int, out: Path,
                   respondents: list[str] | None = None, *, force: bool = False) -> list[Exported]:
    """Write the workbooks of ``plan_id`` for ``year`` into ``out`` (default: every municipality).

    Writes the workbooks only; ``mvkplan survey export`` also records who was asked
    (:func:`mvkplan.cycle.survey.asked.record_asked`) before it writes them.
    """
    return write_workbooks(prepare_export(index, plan_id, year, out, respondents, force=force))


def prepare_export(index: LinkIndex, plan_id: str, year: int, out: Path,
                   respondents: list[str] | None = None, *, force: bool = False) -> ExportJob:
    """Check the plan, year and respondents and make every workbook's questions (nothing is written).

    A workbook already in ``out`` may have been filled in: none is replaced unless ``force``.
    """
    survey = checked_survey(index, plan_id, year)
    wanted = respondents or [r.key for r in survey.respondents.values() if r.type == "municipality"]
    specs = []
    for key in wanted:
        respondent = survey.respondents.get(key)
        if respondent is None:
            close = closest(key, list(survey.respondents))
            hint = f" ({t('hint.did_you_mean', close=close)})" if close else ""
            raise SurveyUsageError(t("survey.respondent", respondent=key, county=survey.model.county or plan_id) + hint)
        questions = survey.questions(respondent)
        specs.append(SurveySpec(plan_id, survey.model.title, year, key, respondent.name, questions))
    if not specs or not any(spec.questions for spec in specs):
        raise SurveyUsageError(t("survey.no-questions", plan=plan_id))
    empty = [spec.respondent for spec in specs if not spec.questions]
    if empty:  # an empty workbook would record them as asked, and the rate would wait for them
        raise SurveyUsageError(t("survey.respondent-no-questions", plan=plan_id, respondents=", ".join(empty)))
    targets = [out / f"{plan_id}-{year}-{spec.respondent}.xlsx" for spec in specs]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise SurveyUsageError(t("survey.exists", path=existing[0], count=len(existing)))
    try:
        signing_key = export_key()
    except SurveyKeyError as exc:
        raise SurveyUsageError(t(exc.code, **exc.values)) from exc
    return ExportJob(survey, tuple(specs), tuple(targets), signing_key)


def write_workbooks(job: ExportJob) -> list[Exported]:
    """Write every workbook of ``job``, each atomically."""
    written = []
    for spec, target in zip(job.specs, job.targets, strict=True):
        write_atomic(target, workbook_bytes(spec, job.signing_key))
        written.append(Exported(spec.respondent, target, len(spec.questions)))
    return written


def checked_survey(index: LinkIndex, plan_id: str, year: int) -> SurveyPlan:
    """The survey of ``plan_id`` for ``year``; :class:`SurveyUsageError` for an unknown document,
    one that is no plan, or a year outside the plan's period."""
    survey = survey_plan(index, plan_id, year)
    if survey is None:
        loaded = index.documents.get(plan_id)
        if loaded is not None:
            from mvkplan.messages.words import kind_word

            kind = kind_word(str(getattr(loaded.model, "kind", "?")))
            raise SurveyUsageError(t("survey.not-a-plan", plan=plan_id, kind=kind))
        close = closest(plan_id, list(index.documents))
        hint = f" ({t('hint.did_you_mean', close=close)})" if close else ""
        raise SurveyUsageError(t("survey.unknown-plan", plan=plan_id) + hint)
    period = survey.model.period
    if period and ((period.start and year < period.start) or (period.end and year > period.end)):
        raise SurveyUsageError(t("survey.year", year=year, period=f"{period.start or ''}–{period.end or ''}"))
    return survey
