"""Printing to a terminal: text from documents made safe, and lines as wide as allowed.

A YAML key written ``"\\e]8;;…"`` or ``"\\x1b[2J"`` ends up in messages (an unknown field is
named in its error). Printed raw, it could recolour, clear or retitle the terminal, or forge
a hyperlink. Every C0 and C1 control character and DEL is shown as a visible escape instead.

Tables and lists are as wide as ``COLUMNS`` says, into a pipe as on a terminal, where a
user who sets it expects it to count (:func:`output_width`).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(_CONTROL.pattern[:-1] + r"\n\t]")


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with control characters (and, unless ``newlines``, line breaks and tabs) escaped."""
    pattern = _CONTROL if newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def output_width(*, piped: int | None, stream: TextIO | None = None) -> int | None:
    """How wide printed lines may be: ``COLUMNS`` when set (a pipe too: ``COLUMNS=80 mvkplan
    list | less``), else None on a terminal (its own width is measured), else ``piped``."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return None if isatty is not None and isatty() else piped


def line_width(stream: TextIO | None = None) -> int:
    """:func:`output_width` as a number: a terminal's width, 80 into a pipe or file."""
    return output_width(piped=80, stream=stream) or shutil.get_terminal_size((80, 24)).columns
