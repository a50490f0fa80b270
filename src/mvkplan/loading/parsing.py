"""Parse: a file's bytes to its plain data (and its nodes, when the fast path declined it).

A file that is no YAML document mvkplan takes becomes one located problem here
(:class:`mvkplan.source.nodes.YamlError` worded in the run's language).
"""

from __future__ import annotations

from dataclasses import dataclass

from mvkplan.messages.i18n import has, t
from mvkplan.messages.problems import Problem
from mvkplan.source.nodes import MappingNode, YamlError
from mvkplan.source.parse import load_data


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file parsed: its plain data, or the problem that stops it parsing."""

    plain: dict[str, object] | None
    """Dicts, lists and strings, as written (None when the file did not parse)."""
    root: MappingNode | None
    """The nodes, when they had to be built (the fast path declined the file)."""
    problems: list[Problem]

    @property
    def fast(self) -> bool:
        """Whether the fast path took the file whole (its positions can be read one by one)."""
        return self.plain is not None and self.root is None


def parse(data: bytes, shown: str) -> Parsed:
    """The plain data of a file's bytes, or the problem that stops it parsing."""
    try:
        plain, root = load_data(data)
    except YamlError as exc:
        return Parsed(None, None, [yaml_problem(shown, exc)])
    return Parsed(plain, root, [])


def yaml_problem(shown: str, exc: YamlError) -> Problem:
    """The problem a parser's refusal becomes, with its hint."""
    values = {k: v for k, v in exc.values.items() if k != "tab"}
    hint: str | None
    if exc.code == "E103":
        message = t("E103", detail=exc.detail)
        if exc.values.get("tab"):
            hint = t("E103.tab")
        elif "mapping values are not allowed" in exc.detail:
            hint = t("E203.hint.colon")
        elif "escape" in exc.detail:
            hint = t("E103.escape")
        else:
            hint = t("E103.hint")
    else:
        message = t(exc.code, **values)
        hint = t(exc.code + ".hint") if has(exc.code + ".hint") else None
    return Problem(shown, exc.line, exc.column, exc.code, message, hint=hint)
