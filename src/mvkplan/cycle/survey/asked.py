"""Who was sent a workbook, recorded in the follow-up's ``asked:`` when the workbooks are exported.

The response rate is counted over the respondents asked, not over those who answered; the list
is written through :mod:`mvkplan.cycle.recording` like any import (the file's own text kept, the
new text validated before anything is written), and before any workbook is written, so an
export either records everyone it sends a workbook to or writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.cycle.recording.commit import check_written
from mvkplan.cycle.recording.record import Batch, Prepared, follow_up_path, prepare_all
from mvkplan.cycle.survey.exporting import ExportJob
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.problems import Problem, Severity


@dataclass
class AskedRecord:
    """The follow-up text that lists the export's respondents as asked, and its problems."""

    path: str
    """The follow-up (project-relative) that lists them, whether or not it changes."""
    prepared: list[Prepared] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when the follow-up cannot take the list: then no workbook may be written."""
        return any(p.severity >= Severity.ERROR for p in self.problems)


def record_asked(index: LinkIndex, root: Path, documents: list[LoadedDocument], job: ExportJob) -> AskedRecord:
    """The follow-up of the job's plan and year with every respondent of ``job`` in ``asked:``."""
    survey = job.survey
    follow_up = survey.follow_up
    path = follow_up.path if follow_up else follow_up_path(survey.plan, survey.year, index.documents.values())
    batch = Batch(survey.plan, survey.year, follow_up, path, asked=job.respondents)
    prepared, problems = prepare_all([batch], root, overwrite=False, conflict="S306", replaced="S307")
    record = AskedRecord(path, prepared, problems)
    if not record.failed:
        record.problems.extend(check_written(documents, prepared))
    return record
