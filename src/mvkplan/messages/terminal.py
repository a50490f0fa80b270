"""Text from documents made safe to print: no control or escape sequence reaches a terminal.

A YAML key written ``"\\e]8;;…"`` or ``"\\x1b[2J"`` ends up in messages (an unknown field is
named in its error). Printed raw, it could recolour, clear or retitle the terminal, or forge
a hyperlink. Every C0 and C1 control character and DEL is shown as a visible escape instead.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(_CONTROL.pattern[:-1] + r"\n\t]")


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with control characters (and, unless ``newlines``, line breaks and tabs) escaped."""
    pattern = _CONTROL if newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
