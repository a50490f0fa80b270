"""What the checks and their commands share without importing the rules or the models.

A warm ``lint`` or ``check`` (:mod:`mvkplan.checks.answers`) needs the configuration's error
and the date its answer is keyed by; importing them from :mod:`mvkplan.checks.lint` would
import every rule and document model for a run that uses none.
"""

from __future__ import annotations

from datetime import date


class LintConfigError(Exception):
    """A lint setting that names an unknown rule or has an invalid value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def today() -> str:
    """Today's date as the rules compare it (ISO 8601): part of every kept finding's key and
    of every lint answer's."""
    return date.today().isoformat()
