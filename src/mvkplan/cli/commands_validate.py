"""``mvkplan validate`` and ``mvkplan schema``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mvkplan.cli.app import (
    LangOption,
    NoCacheOption,
    NoSourceOption,
    PathsArgument,
    ProblemFormat,
    ProblemFormatOption,
    app,
    emit,
    fail,
    open_project,
    outside_project,
    user_path,
)


@app.command()
def validate(
    paths: PathsArgument = None,
    fmt: ProblemFormatOption = ProblemFormat.text,
    no_source: NoSourceOption = False,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Kontrollera schema och referenser / check schema and references.

    Exit 0 when clean, 1 when problems are found, 2 on usage, configuration or I/O errors.
    """
    from mvkplan.checks.validate import validate_run
    from mvkplan.messages.i18n import t
    from mvkplan.messages.problems import exit_code_for
    from mvkplan.messages.reporters import Report

    project = open_project(lang, paths=True, named=paths)
    targets = [user_path(p) for p in paths or []]
    for target in targets:
        if not target.exists():
            fail(t("E402", path=target))
    files, problems = validate_run(project, targets or None,
                                   cache=not no_cache and not project.standalone)
    if targets:
        files = len(set(_files_under(targets)))
    emit(Report(outside_project(project, problems), files), fmt, None if no_source else project.root)
    raise typer.Exit(exit_code_for(problems))


def _files_under(targets: list[Path]) -> list[Path]:
    from mvkplan.loading.load import discover

    return discover(targets)[0]


@app.command()
def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file (or folder, ending in '/') "
                                                       "instead of stdout; '-' is stdout.",
                                 show_default=False)
    ] = None,
    lang: LangOption = None,
) -> None:
    """Skriv ut JSON Schema för redigerare / print the JSON Schema for editors."""
    # With -o: written atomically, never over an input, and said where (as render and build do).
    from mvkplan.models.schema import schema_json

    text = schema_json()
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    from mvkplan.cli.commands_render import _output_path, _shown, _write
    from mvkplan.messages.i18n import t

    project = open_project(lang)
    target = _output_path(project, output, output, "mvkplan.schema.json")
    _write(target, text.encode())
    print(t("render.written", path=_shown(target, project.root)))
