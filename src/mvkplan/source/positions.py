"""Line and column as an editor shows them: code points, ``\\n`` and ``\\r\\n`` line breaks.

YAML also breaks lines at U+0085, U+2028 and U+2029, and parsers count positions in
bytes or in their own way; no editor does either. Every position mvkplan reports goes
through :class:`Lines`, from a code-point index (libyaml) or a UTF-8 byte offset (rapidyaml).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# Control characters a plan must not contain: C0 except tab, LF and CR; DEL; C1 (U+0085
# included); the non-characters U+FFFE/U+FFFF; the bidirectional embeddings, overrides and
# isolates (U+202A–U+202E, U+2066–U+2069), which would reorder the text around them on every
# page, document and terminal the text reaches (the marks U+200E/U+200F only mark a
# direction and stay allowed). A CR is refused unless it starts a CRLF. (One character class
# keeps the search at C speed; the rare CR is checked apart.)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                     "\ufffe\uffff]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
LONE_CR = re.compile("\r(?!\n)")


class Lines:
    """Maps offsets into a document to 1-based (line, column) pairs."""

    def __init__(self, text: str, data: bytes | None = None) -> None:
        self._text = text
        self._data = data
        self._ascii = text.isascii()
        self._starts = _starts(text, "\n")
        self._byte_starts = (
            self._starts if data is None or self._ascii else _starts(data, b"\n"))

    def at_index(self, index: int) -> tuple[int, int]:
        """Position of the code point at ``index`` of the text."""
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def at_byte(self, offset: int) -> tuple[int, int]:
        """Position of the UTF-8 byte at ``offset`` (the start of a character)."""
        line = bisect_right(self._byte_starts, offset)
        start = self._byte_starts[line - 1]
        if self._ascii or self._data is None:
            return line, offset - start + 1
        return line, len(self._data[start:offset].decode("utf-8", "replace")) + 1


class FewLines:
    """:meth:`Lines.at_byte` for a few questions about one document: each is answered by
    counting line breaks before the offset, without building a table of line starts."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def at_byte(self, offset: int) -> tuple[int, int]:
        """Position of the UTF-8 byte at ``offset`` (the start of a character)."""
        data = self._data
        start = data.rfind(b"\n", 0, offset) + 1
        column = len(data[start:offset].decode("utf-8", "replace")) + 1
        return data.count(b"\n", 0, offset) + 1, column


def _starts(text: str | bytes, newline: str | bytes) -> list[int]:
    lengths = [len(line) + 1 for line in text.split(newline)]  # type: ignore[arg-type]
    return [0, *accumulate(lengths[:-1])]


def first_control_character(text: str) -> tuple[int, str] | None:
    """Index and character of the first control character a document may not contain."""
    found = [m for m in (CONTROL.search(text),) if m]
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        found += [m for m in (LONE_CR.search(text),) if m]
    first = min(found, key=lambda m: m.start(), default=None)
    return (first.start(), first.group()) if first else None
