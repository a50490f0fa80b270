"""The one value every stage reports: a located, coded problem.

Validation, reference and lint problems are the same type, so reporters,
sorting and exit codes never need to know which stage found them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """How serious a problem is; ordered so that ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Lower-case name as written in output and configuration."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read ``error``/``warning``/``info`` (case-insensitive)."""
        return cls[text.strip().upper()]


class ExitCode(IntEnum):
    """Named process exit codes shared by every command."""

    CLEAN = 0
    PROBLEMS = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Problem:
    """A problem at a place in a file.

    Ordering is by file, line, column and code, which is the order reporters print in.
    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    column: int
    code: str
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    hint: str | None = field(default=None, compare=False)
    rule: str | None = field(default=None, compare=False)
    place: str = ""
    """A place inside a file that has no lines, e.g. a workbook cell 'Enkät!G7'; printed
    instead of line and column (which then hold the row and column numbers for sorting)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        extra = {"place": self.place} if self.place else {}
        return {
            "path": self.path,
            "line": self.line or None,  # a problem with the whole file has no position
            "column": self.column or None,
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
            "rule": self.rule,
            **extra,
        }

    def with_severity(self, severity: Severity) -> Problem:
        """Return a copy with another severity (the engine's job, never a rule's)."""
        return Problem(
            self.path, self.line, self.column, self.code, self.message, severity, self.hint,
            self.rule, self.place,
        )


def exit_code_for(problems: list[Problem], *, strict: bool = False) -> ExitCode:
    """Exit 1 when an error remains (or, with ``strict``, any warning), else 0."""
    threshold = Severity.WARNING if strict else Severity.ERROR
    if any(p.severity >= threshold for p in problems):
        return ExitCode.PROBLEMS
    return ExitCode.CLEAN
