"""Where a year's survey stands: per respondent, workbook sent, answered, questions left blank.

Read from the follow-up alone: ``asked:`` (written by ``survey export``) says who was sent a
workbook, ``respondents:`` and the values say who answered and what; the questions are the
ones the respondent's workbook asks (:meth:`SurveyPlan.questions`, in plan order). Whoever was
asked and has not answered is on the list to remind.
"""

from __future__ import annotations

from dataclasses import dataclass

from mvkplan.cycle.recording.plans import SurveyPlan
from mvkplan.cycle.recording.questions import SEX_LABELS, Question
from mvkplan.cycle.survey.exporting import checked_survey
from mvkplan.index.linkindex import LinkIndex
from mvkplan.models import FollowUp


@dataclass(frozen=True)
class BlankQuestion:
    """A question of the respondent's workbook with no recorded answer."""

    row_id: str
    """The question's key and sex, as the workbook's hidden sheet names it."""
    text: str
    """The question as the workbook words it, with the sex for a per-sex row."""


@dataclass(frozen=True)
class RespondentStatus:
    """One respondent's part in the year's survey."""

    key: str
    name: str
    asked: bool
    """Sent a workbook (in the follow-up's ``asked:``)."""
    answered: bool
    """In the follow-up's ``respondents:``, or named by a recorded value."""
    questions: int
    """Rows of the respondent's workbook."""
    blank: tuple[BlankQuestion, ...]
    """Questions of the workbook with no recorded answer."""

    @property
    def remind(self) -> bool:
        """Sent a workbook and not answered."""
        return self.asked and not self.answered


@dataclass(frozen=True)
class SurveyStatus:
    """The year's survey of one plan, respondent by respondent."""

    plan: str
    year: int
    follow_up: str | None
    """The follow-up's path, when there is one."""
    respondents: tuple[RespondentStatus, ...]

    @property
    def to_remind(self) -> tuple[RespondentStatus, ...]:
        """Those asked who have not answered, in the listing's order."""
        return tuple(r for r in self.respondents if r.remind)


def survey_status(index: LinkIndex, plan_id: str, year: int) -> SurveyStatus:
    """The status of ``plan_id``'s survey for ``year``; :class:`SurveyUsageError` for a bad plan or year."""
    survey = checked_survey(index, plan_id, year)
    loaded = survey.follow_up
    follow_up = loaded.model if loaded is not None and isinstance(loaded.model, FollowUp) else None
    asked = list(follow_up.asked) if follow_up else []
    answered = _answered(follow_up)
    keys = [k for k in survey.respondents if k in asked or k in answered]
    keys += [k for k in dict.fromkeys([*asked, *answered]) if k not in survey.respondents]
    rows = []
    for key in keys:
        info = survey.respondents.get(key)
        questions = survey.questions(info) if info is not None else ()
        blank = tuple(BlankQuestion(q.row_id, _shown(q)) for q in questions if not _recorded(survey, follow_up, key, q))
        rows.append(RespondentStatus(key, info.name if info else key, key in asked, key in answered,
                                     len(questions), blank))
    return SurveyStatus(plan_id, year, loaded.path if loaded else None, tuple(rows))


def _answered(follow_up: FollowUp | None) -> list[str]:
    if follow_up is None:
        return []
    found = [r.key for r in follow_up.respondents]
    found += [v.respondent for v in follow_up.values
              if v.respondent and (v.year is None or v.year == follow_up.year)]
    return list(dict.fromkeys(found))


def _recorded(survey: SurveyPlan, follow_up: FollowUp | None, respondent: str, question: Question) -> bool:
    if follow_up is None:
        return False
    if question.key.startswith("activity:"):
        activity = question.key.split(":", 1)[1]
        return any(s.activity == activity for s in follow_up.activities)
    ref = survey.indicators[question.key]
    who = respondent if survey.reported_by(ref) else None
    return any(v.indicator == question.key and v.respondent == who and v.sex == question.sex
               and (v.year is None or v.year == follow_up.year) for v in follow_up.values)


def _shown(question: Question) -> str:
    sex = SEX_LABELS.get(question.sex or "")
    return f"{question.text} ({sex})" if sex else question.text
