"""Text in and out of a cell, so that any text a plan holds comes back exactly as it went out.

Excel reads ``_xHHHH_`` in a cell as the character HHHH, and the survey's reader decodes it
the same way (:func:`mvkplan.cycle.survey.controls.clean_text`): a plan's text that happens
to contain such a sequence is written with its underscore escaped (``_x005F_``), the way
Excel itself stores it.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from mvkplan.cycle.survey.controls import clean_text

_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def escaped(text: str) -> str:
    """``text`` as stored in a cell: every ``_`` that starts an ``_xHHHH_`` escaped."""
    return _ESCAPE_LIKE.sub("_x005F_", text)


def cell_text(value: object) -> str:
    """A cell's value as the text it shows: numbers and dates typed into a text column as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def checked(text: str, *, decode: bool) -> tuple[str, str | None]:
    """The cell's text and the first forbidden control character in it (``U+001B``), if any.

    Workbook text is decoded (``_xHHHH_``) before the check; CSV text has no such escapes, so
    it is escaped first and the survey's check decodes it back to the text as written.
    """
    return clean_text(text if decode else escaped(text))
