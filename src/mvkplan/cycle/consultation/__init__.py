"""The consultation (remiss) round as spreadsheets: one response workbook per body out, the points back in.

``rows`` turns the draft plan into the rows a body comments on (the plan as a whole, each
section, each goal), ``workbook`` writes a response workbook with the survey's protections
(locked cells, protected sheets, a signed identity: :mod:`mvkplan.cycle.survey.signing`),
``exporting`` writes one per body, and ``importing`` reads returned workbooks with the survey's
reader (hostile files refused by :mod:`mvkplan.cycle.survey.safety`, problems located at their
cell) and records their points in the consultation document, all or nothing, through
:mod:`mvkplan.cycle.recording`.
"""

from mvkplan.project.extras import require


def require_consultation() -> None:
    """Raise :class:`mvkplan.project.extras.MissingExtraError` unless the ``survey`` extra is installed."""
    require("survey", "openpyxl", "ruamel.yaml", "defusedxml")
