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
import unicodedata
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


def output_height(stream: TextIO | None = None) -> int:
    """How many lines a screen shows: ``LINES`` when set, else the terminal's height (24
    into a pipe or file, where nothing measures it)."""
    lines = os.environ.get("LINES", "").strip()
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size((80, 24)).lines
    return 24


def box_table(title: str, header: list[str], rows: list[list[str]], right: list[bool],
              width: int) -> str | None:
    """A table drawn as rich draws a ``Table(title=…, title_justify="left")`` without colour
    (heavy head, padding of one, columns as wide as their widest cell), in the time it
    takes to join strings: rich measures every cell of a table with thousands of rows for
    seconds. None when rich would lay the table out otherwise (wider than ``width``, a title
    to wrap, a cell rich would read as markup or measure as other than one column a
    character): the caller then asks rich."""
    texts = [title, *header, *(cell for row in rows for cell in row)]
    if not all(_plain_cell(text) for text in texts):
        return None
    widths = [len(cell) for cell in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    total = sum(widths) + 3 * len(widths) + 1
    if total > width or len(title) > total:
        return None

    def line(cells: list[str], edge: str, middle: str) -> str:
        placed = [f" {cell.rjust(w) if r else cell.ljust(w)} "
                  for cell, w, r in zip(cells, widths, right, strict=True)]
        return edge + middle.join(placed) + edge

    def rule(left: str, fill: str, middle: str, end: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + end

    lines = [title.ljust(total), rule("┏", "━", "┳", "┓"), line(header, "┃", "┃"),
             rule("┡", "━", "╇", "┩")]
    lines.extend(line(row, "│", "│") for row in rows)
    lines.append(rule("└", "─", "┴", "┘"))
    return "\n".join(lines) + "\n"


def _plain_cell(text: str) -> bool:
    """Whether rich shows ``text`` as written, one column a character (no markup, no wide,
    combining or control character)."""
    if text.isascii():
        return text.isprintable() and "[" not in text
    return "[" not in text and all(
        unicodedata.east_asian_width(c) not in "WF" and unicodedata.category(c)[0] not in "MC"
        for c in text)
