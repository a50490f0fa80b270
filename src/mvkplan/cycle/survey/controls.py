"""Control characters in a cell: Excel's ``_xHHHH_`` escapes decoded, then the hostile ones found.

A control character in an answer would reach the follow-up's YAML and every page rendered
from it: C0 and C1 controls (an ESC or a CSI starts a terminal escape sequence) and the bidi
overrides and isolates that make text read differently from what it says (Trojan Source).
Tab and newline are ordinary text. A line break pasted from Windows (CR LF) is kept as a
newline, since a respondent cannot see the difference; a lone CR is refused like the rest.

Spreadsheet libraries differ in whether they decode ``_x001B_`` (openpyxl does not, calamine
does): the text is decoded here first, so both read the same character and both refuse it.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def decode_escapes(text: str) -> str:
    """``text`` with every ``_xHHHH_`` replaced by its character, left to right (``_x005F_`` is ``_``)."""
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def clean_text(text: str) -> tuple[str, str | None]:
    """The decoded text, and the first forbidden character in it as ``U+001B`` (``None`` when clean)."""
    decoded = decode_escapes(text).replace("\r\n", "\n")
    found = _FORBIDDEN.search(decoded)
    return decoded, (f"U+{ord(found.group()):04X}" if found else None)
