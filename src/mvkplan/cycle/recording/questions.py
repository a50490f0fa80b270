"""The questions of a survey: one row per indicator (× sex) or activity, in plan order.

A question's ``key`` is the reference the follow-up document records the answer under
(``kalmar-2024/likvardig-kunskap/kartlaggning``); it is written into the workbook's
metadata so that a returned workbook says exactly what each answer belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VALUE_TYPES = ("number", "percent", "count", "yes-no", "choice", "text", "status")


@dataclass(frozen=True)
class Question:
    """One row of the survey sheet."""

    key: str
    """Reference of the indicator or activity the answer belongs to."""
    area: str
    """Area heading, as the plan prints it."""
    goal: str
    """Goal (or activity) text, as the plan prints it."""
    text: str
    """The question: the indicator as the plan words it."""
    value_type: str
    """One of :data:`VALUE_TYPES`."""
    choices: tuple[str, ...] = ()
    """Allowed answers for 'choice' and 'status' (the words a respondent sees)."""
    unit: str | None = None
    """Unit shown beside the format, e.g. 'antal per 10 000 invånare'."""
    sex: str | None = None
    """'women', 'men' or 'total' for an indicator reported per sex, else None."""
    previous: object = None
    """Last year's answer of this respondent, shown beside the answer cell."""
    choice_keys: tuple[str, ...] = field(default=(), compare=False)
    """The recorded value of each choice (e.g. status keys), parallel to ``choices``; empty
    when the choice text itself is recorded."""

    @property
    def row_id(self) -> str:
        """Key and sex: what identifies a row (an indicator per sex has three rows)."""
        return f"{self.key}#{self.sex}" if self.sex else self.key


SEX_LABELS = {"women": "kvinnor", "men": "män", "total": "totalt"}
STATUS_LABELS = {"planned": "Planerad", "ongoing": "Pågår", "done": "Genomförd",
                 "postponed": "Uppskjuten", "cancelled": "Inställd"}
