"""Whole-run answers of ``lint`` and ``check``: the last run's when not one input changed.

A commit hook or a CI job often checks a tree it checked before. Finding that answer needs
the run's key (:mod:`mvkplan.loading.runs`: the files' digests, the configuration, the
arguments, the date), not the rules or the document models: those are imported only when the
answer has to be computed, so a warm run costs little more than starting Python.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mvkplan.checks.common import today
from mvkplan.checks.validate import corpus_paths
from mvkplan.messages.problems import Problem
from mvkplan.project.config import Project
from mvkplan.project.discovery import Discovery

if TYPE_CHECKING:
    from mvkplan.checks.lint import LintResult


class Run(Protocol):
    """:func:`mvkplan.checks.lint.lint`, or :func:`mvkplan.checks.check.check`."""

    def __call__(
        self, project: Project, targets: list[Path] | None = None, *,
        select: list[str] | None = None, ignore: Iterable[str] = (), cache: bool = True,
        discovered: Discovery | None = None,
    ) -> LintResult:
        """The problems of a run over the project's documents."""


def lint_answer(
    project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
    ignore: Iterable[str] = (), cache: bool = True,
) -> tuple[int, list[Problem]]:
    """Files read and problems found, as :func:`mvkplan.checks.lint.lint` gives them; the last
    run's answer when not one input changed since, unless ``cache`` is off."""
    return answer("lint", _lint, project, targets, select=select, ignore=ignore, cache=cache)


def check_answer(
    project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
    ignore: Iterable[str] = (), cache: bool = True,
) -> tuple[int, list[Problem]]:
    """Files read and problems found, as :func:`mvkplan.checks.check.check` gives them; the
    last run's answer when not one input changed since, unless ``cache`` is off."""
    return answer("check", _check, project, targets, select=select, ignore=ignore, cache=cache)


def answer(
    command: str, run: Run, project: Project, targets: list[Path] | None, *,
    select: list[str] | None, ignore: Iterable[str], cache: bool,
) -> tuple[int, list[Problem]]:
    """Files and problems of ``run``; the last run's answer of ``command`` when nothing changed.

    The lint settings are not resolved before the answer is looked up: they are part of its
    key, and a run whose settings name an unknown rule raises before it keeps an answer
    (:class:`mvkplan.checks.common.LintConfigError`), so only settings that resolved have one.
    """
    ignore = list(ignore)
    if not cache or os.environ.get("MVKPLAN_NO_CACHE"):
        result = run(project, targets, select=select, ignore=ignore, cache=False)
        return result.files, result.problems
    from mvkplan.loading.runs import remembered

    def compute(discovered: Discovery) -> tuple[int, list[Problem]]:
        result = run(project, targets, select=select, ignore=ignore, discovered=discovered)
        return result.files, result.problems

    return remembered(project, command, selection_arguments(targets, select, ignore),
                      corpus_paths(project, targets), compute, keyed=day_key())


def selection_arguments(
    targets: list[Path] | None, select: list[str] | None, ignore: Iterable[str]
) -> list[str]:
    """What besides the files decides a lint run's answer, as the run cache names its slot."""
    return [*(str(target) for target in targets or []), f"select={select!r}",
            f"ignore={list(ignore)!r}"]


def day_key() -> list[str]:
    """Also part of a lint answer's key: today's date, since two rules compare deadlines with
    it (MVK023, MVK025); a day's first run replaces yesterday's answer in the same slot."""
    return [f"today={today()}"]


def _lint(
    project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
    ignore: Iterable[str] = (), cache: bool = True, discovered: Discovery | None = None,
) -> LintResult:
    from mvkplan.checks.lint import lint

    return lint(project, targets, select=select, ignore=ignore, cache=cache, discovered=discovered)


def _check(
    project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
    ignore: Iterable[str] = (), cache: bool = True, discovered: Discovery | None = None,
) -> LintResult:
    from mvkplan.checks.check import check

    return check(project, targets, select=select, ignore=ignore, cache=cache, discovered=discovered)
