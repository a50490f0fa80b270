"""The yearly survey as spreadsheets: one workbook per respondent out, the answers back in.

``layout`` fixes where everything sits in a workbook, ``questions`` turns a plan into the
rows to ask, ``export`` writes workbooks (openpyxl) whose identity ``signing`` signs with a key
kept outside the repository, ``safety`` refuses hostile files before any spreadsheet library
opens them (defusedxml), ``reader`` turns a returned workbook into answers and located problems
(``controls`` refuses control characters at the cell), and ``importing`` checks a batch of
workbooks and records their answers in the follow-up documents (all or nothing, through :mod:`mvkplan.cycle.recording`).
"""

from mvkplan.project.extras import require


def require_survey() -> None:
    """Raise :class:`mvkplan.project.extras.MissingExtraError` unless the ``survey`` extra is installed."""
    require("survey", "openpyxl", "ruamel.yaml", "defusedxml")
