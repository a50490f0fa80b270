"""Where everything sits in a response workbook, and the Swedish words a body reads.

The metadata sheet, the signature cell and the columns the reader checks (number, the text
commented on, the point, the proposal) are the survey's (:mod:`mvkplan.cycle.survey.layout`),
so one reader reads both; the sheet the rows are on and the layout version are the
consultation's own, so a survey workbook is never read as a response, nor the other way round.
"""

from __future__ import annotations

from mvkplan.cycle.survey import layout as survey
from mvkplan.cycle.survey.reader import WorkbookKind

FORMAT_VERSION = "remiss-1"
INSTRUCTIONS_SHEET = "Instruktioner"
SHEET = "Remissvar"
META_SHEET = survey.META_SHEET
HEADER_ROW = survey.HEADER_ROW
FIRST_ROW = survey.FIRST_ROW

KIND = WorkbookKind(sheet=SHEET, version=FORMAT_VERSION)
"""What the survey's reader is told to accept when it reads a response workbook."""

COL_NUMBER = survey.COL_NUMBER
COL_PART = "B"
COL_TYPE = "C"
COL_TEXT = survey.COL_QUESTION
COL_REF = "E"
COL_POINT = survey.COL_ANSWER
COL_PROPOSAL = survey.COL_COMMENT
HIDDEN = ("F", "H")
"""Columns the survey's reader skips; hidden here so the sheet reads left to right."""

HEADERS = {
    COL_NUMBER: "Nr",
    COL_PART: "Del av planen",
    COL_TYPE: "Typ",
    COL_TEXT: "Mål eller avsnitt i remissversionen",
    COL_REF: "Hänvisning",
    COL_POINT: "Synpunkt",
    COL_PROPOSAL: "Förslag till ändrad lydelse",
}
WIDTHS = {COL_NUMBER: 6, COL_PART: 28, COL_TYPE: 12, COL_TEXT: 55, COL_REF: 24, COL_POINT: 60,
          COL_PROPOSAL: 50}

TYPE_WORDS = {"plan": "Hela planen", "section": "Avsnitt", "goal": "Mål"}
"""The row's kind as the body reads it."""
WHOLE_PLAN = "hela-planen"
"""The row id of the first row, for points on the plan as a whole (no 'concerns')."""

MAX_TEXT = 20_000
"""Longest point or proposal accepted, in characters (an Excel cell holds 32 767)."""

INSTRUCTIONS = (
    "Så lämnar ni ert remissvar",
    "",
    "1. Gå till bladet ”Remissvar”. Första raden gäller planen som helhet, därefter en rad per "
    "avsnitt och per mål i remissversionen.",
    "2. Skriv era synpunkter i kolumnen ”Synpunkt” på den rad de gäller. Föreslår ni en annan "
    "lydelse skriver ni den i kolumnen ”Förslag till ändrad lydelse”.",
    "3. Lämna raden tom om ni inte har synpunkter på den delen. Har ni inga synpunkter alls, skriv "
    "det på första raden (”Hela planen”). Skriv inga formler.",
    "4. Ändra inte texterna i de andra kolumnerna, ordningen på raderna eller bladens namn: filen "
    "läses in automatiskt och rader som har ändrats kan inte tas emot.",
    "5. Spara filen som Excel-arbetsbok (.xlsx) med samma namn och skicka tillbaka den före "
    "sista svarsdag.",
)
