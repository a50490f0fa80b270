"""``mvkplan export`` and ``import``: a plan's goal or activity tables as a workbook or CSV, and back."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from mvkplan.cli.app import LangOption, ProblemFormat, ProblemFormatOption, app, emit, fail, open_project
from mvkplan.cli.commands_survey import _require_extra, unified_diff, user_path
from mvkplan.messages.words import system_error


class SheetFormat(str, Enum):
    """What ``export`` writes."""

    xlsx = "xlsx"
    csv = "csv"


@app.command("export")
def export(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Plan id, e.g. kalmar-2024.")],
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="xlsx (a sheet per area) or csv (one file).")]
    = SheetFormat.xlsx,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: build/tabeller/PLAN.xlsx|csv).")]
    = None,
    lang: LangOption = None,
) -> None:
    """Skriv planens tabeller som arbetsbok eller CSV / write a plan's tables as a workbook or CSV.

    A sheet per area (in CSV the area's id in the first column), a row per goal or activity,
    the printed columns under the plan's headings, then the structured items. Exit 0, 2 on
    usage or I/O errors.
    """
    _require_extra(lang)
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.sheets.jobs import SheetsUsageError, export_plan, find_plan
    from mvkplan.messages.i18n import t
    from mvkplan.project.paths import display_path

    project = open_project(lang)
    target = user_path(out) if out else project.root / "build" / "tabeller" / f"{plan}.{fmt.value}"
    corpus = load_corpus(project)
    try:
        data, rows = export_plan(find_plan(corpus.loaded.documents, plan), fmt.value)
    except SheetsUsageError as exc:
        fail(str(exc))
    try:
        _write_whole(target, data)
    except OSError as exc:
        fail(t("T306", path=target, detail=system_error(exc)))
    print(t("sheets.written", path=display_path(target, project.root), count=rows))


def _write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A workbook (.xlsx) or CSV written by 'export'.")],
    plan: Annotated[str | None, typer.Option("--plan", help="The plan to update (default: the one the file names; "
                                             "for a CSV, its file name).")] = None,
    new: Annotated[str | None, typer.Option("--new", metavar="ID", help="Write a new plan ID beside the plan the "
                                            "file was exported from, which stays as it is.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change to the YAML; write nothing.")] = False,
    fmt: ProblemFormatOption = ProblemFormat.text,
    lang: LangOption = None,
) -> None:
    """Läs in en ändrad arbetsbok eller CSV i planen / update a plan from an edited workbook or CSV.

    Only the changed cells are written, at their place in the YAML (comments and formatting
    kept); a row with a new id is a new goal or activity; with --new the result is a new plan
    beside the old one. The plan is validated before writing; all or nothing. Exit 0, 1 on problems, 2 on
    usage or I/O errors.
    """
    _require_extra(lang)
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.recording.journal import replace_all
    from mvkplan.cycle.sheets.jobs import SheetsUsageError, import_file
    from mvkplan.messages.i18n import count, t
    from mvkplan.messages.problems import ExitCode, Severity
    from mvkplan.messages.reporters import Report
    from mvkplan.project.paths import display_path

    project = open_project(lang)
    source = user_path(file)
    if source.is_dir():
        fail(f"{file}: {t('os.EISDIR')}")
    if not source.is_file():
        fail(t("E402", path=file))
    corpus = load_corpus(project)
    try:
        result = import_file(project.root, corpus.loaded.documents, source,
                             display_path(source, project.root), plan, new)
    except SheetsUsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(t("T306", path=exc.filename or file, detail=system_error(exc)))
    out = sys.stdout if fmt is ProblemFormat.text else sys.stderr
    if result.problems or fmt is not ProblemFormat.text:
        emit(Report(sorted(result.problems), 1), fmt)
    if any(p.severity >= Severity.ERROR for p in result.problems):
        print(t("sheets.refused"), file=out)
        raise typer.Exit(ExitCode.PROBLEMS)
    if result.text is None:
        print(t("sheets.same", path=result.path or file), file=out)
        return
    print(t("sheets.summary", cells=count(result.cells, "cell"), items=count(result.items, "item"),
            plan=result.plan), file=out)
    if dry_run:
        existing = project.root / result.path
        old = existing.read_text(encoding="utf-8") if existing.exists() else ""
        if fmt is ProblemFormat.text:
            before = f"a/{result.path}" if existing.exists() else "/dev/null"
            sys.stdout.writelines(unified_diff(old, result.text, before, f"b/{result.path}"))
        print(t("sheets.dry"), file=out)
        return
    try:
        written = replace_all(project.root, {result.path: result.text.encode("utf-8")})
    except OSError as exc:
        fail(t("T306", path=exc.filename or result.path, detail=system_error(exc)))
    for path in written:
        print(t("sheets.wrote", path=path), file=out)
