"""Where everything sits in a survey workbook, and the Swedish words respondents read.

The import relies on this layout, so export and reader share these constants and
nothing else decides a column or a sheet name.
"""

from __future__ import annotations

FORMAT_VERSION = "1"
"""Written into every workbook; a workbook of another layout version is refused."""

INSTRUCTIONS_SHEET = "Instruktioner"
SURVEY_SHEET = "Enkät"
LISTS_SHEET = "Listor"
META_SHEET = "mvkplan"

HEADER_ROW = 1
FIRST_ROW = 2

# Column letters of the survey sheet, in order.
COL_NUMBER = "A"
COL_AREA = "B"
COL_GOAL = "C"
COL_QUESTION = "D"
COL_SEX = "E"
COL_FORMAT = "F"
COL_ANSWER = "G"
COL_PREVIOUS = "H"
COL_COMMENT = "I"

HEADERS = {
    COL_NUMBER: "Nr",
    COL_AREA: "Område",
    COL_GOAL: "Mål",
    COL_QUESTION: "Fråga (indikator)",
    COL_SEX: "Kön",
    COL_FORMAT: "Svarsformat",
    COL_ANSWER: "Svar",
    COL_PREVIOUS: "Förra årets svar",
    COL_COMMENT: "Kommentar",
}
WIDTHS = {
    COL_NUMBER: 6, COL_AREA: 28, COL_GOAL: 45, COL_QUESTION: 45, COL_SEX: 10,
    COL_FORMAT: 24, COL_ANSWER: 18, COL_PREVIOUS: 18, COL_COMMENT: 40,
}

# The metadata sheet: key/value rows first, then one row per question row of the survey sheet.
META_KEYS = ("format", "plan", "year", "respondent", "questions")
SIGNATURE_KEY = "signature"
SIGNATURE_CELL = "B7"
"""The HMAC of plan, year, respondent and questions (:mod:`mvkplan.cycle.survey.signing`): key in A7, value here."""
META_TABLE_ROW = 8
"""First row of the question table on the metadata sheet: survey row, question key, sex, number."""

MAX_TEXT = 2000
"""Longest text answer or comment accepted, in characters."""

YES, NO = "Ja", "Nej"

FORMAT_LABELS = {
    "number": "Tal",
    "percent": "Procent (0–100)",
    "count": "Antal (heltal)",
    "yes-no": "Ja/Nej (välj i listan)",
    "choice": "Välj i listan",
    "text": "Fritext",
    "status": "Status (välj i listan)",
}

INSTRUCTIONS = (
    "Så fyller du i enkäten",
    "",
    "1. Gå till bladet ”Enkät”. Varje rad är en fråga som hör till ett mål i handlingsplanen.",
    "2. Skriv ditt svar i kolumnen ”Svar” (den gula kolumnen). Svarsformatet står i kolumnen "
    "”Svarsformat”: välj i listan där det finns en lista, skriv heltal där det står antal och "
    "en siffra mellan 0 och 100 där det står procent (utan procenttecken).",
    "3. ”Förra årets svar” visar vad ni svarade förra året, om ni svarade. Ändra inte den kolumnen.",
    "4. Skriv gärna en kommentar i kolumnen ”Kommentar”, till exempel om ett svar behöver förklaras.",
    "5. Lämna en ruta tom om ni inte kan svara. Skriv inga formler.",
    "6. Ändra inte frågorna, ordningen på raderna eller bladens namn: filen läses in automatiskt "
    "och rader som har ändrats kan inte tas emot.",
    "7. Spara filen som Excel-arbetsbok (.xlsx) med samma namn och skicka tillbaka den.",
)
