"""A survey status as text for the coordinator, or as CSV for a spreadsheet or a mail merge.

The CSV is read back exactly by any CSV reader, with one rule for spreadsheets: a cell that
starts with a character a spreadsheet takes for a formula (``= + - @``, tab, carriage return)
or with an apostrophe is written with an apostrophe before it, so that opening the file never
runs a name or question text from the project as a formula (:func:`csv_cell_text` undoes it).
"""

from __future__ import annotations

import csv
import io

from mvkplan.cycle.survey.status import SurveyStatus
from mvkplan.messages.i18n import t

CSV_COLUMNS = ("respondent", "name", "asked", "answered", "questions", "blank", "blank_questions", "remind")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def status_text(status: SurveyStatus) -> str:
    """The status as lines: a summary, one block per respondent, the list to remind."""
    rows = status.respondents
    lines = [t("survey.status.head", plan=status.plan, year=status.year,
               asked=sum(r.asked for r in rows), answered=sum(r.answered for r in rows))]
    if status.follow_up is None:
        lines.append(t("survey.status.none", year=status.year))
    else:
        lines.append(t("survey.status.follow-up", path=status.follow_up))
    if status.follow_up is not None and not any(r.asked for r in rows):
        lines.append(f"{status.follow_up}: S309 {t('S309', year=status.year)}")
        lines.append(f"    hint: {t('S309.hint')}")
    for row in rows:
        sent = t("survey.status.sent" if row.asked else "survey.status.not-sent")
        answered = t("survey.status.answered" if row.answered else "survey.status.silent")
        lines.append(f"  {row.key} ({row.name}): {sent}, {answered}")
        if not row.answered:
            continue
        if row.blank:
            lines.append("    " + t("survey.status.blank", blank=len(row.blank), questions=row.questions))
            lines.extend(f"      - {blank.text}" for blank in row.blank)
        else:
            lines.append("    " + t("survey.status.complete"))
    remind = status.to_remind
    if remind:
        lines.append(t("survey.status.remind", count=len(remind), who=", ".join(r.key for r in remind)))
    else:
        lines.append(t("survey.status.nobody"))
    return "\n".join(lines) + "\n"


def status_csv(status: SurveyStatus) -> str:
    """One row per respondent under :data:`CSV_COLUMNS`; blank questions by row id, ' | ' between."""
    buffer = io.StringIO()
    # every cell quoted: a carriage return in a name is not a line break for csv's writer
    # when the line ends in '\n', and would be lost unquoted
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for row in status.respondents:
        writer.writerow([_cell(row.key), _cell(row.name), _flag(row.asked), _flag(row.answered), row.questions,
                         len(row.blank), _cell(" | ".join(b.row_id for b in row.blank)), _flag(row.remind)])
    return buffer.getvalue()


def csv_cell_text(cell: str) -> str:
    """The text a cell of :func:`status_csv` stands for (the guarding apostrophe removed)."""
    return cell[1:] if cell.startswith("'") else cell


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _flag(value: bool) -> str:
    return "true" if value else "false"
