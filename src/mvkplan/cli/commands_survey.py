"""``mvkplan survey export``, ``import`` and ``status``: the yearly survey as workbooks."""

from __future__ import annotations

import difflib
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mvkplan.cli.app import (
    Lang,
    LangOption,
    ProblemFormat,
    ProblemFormatOption,
    app,
    emit,
    fail,
    given_language,
    open_project,
    user_path,
)
from mvkplan.messages.words import system_error

if TYPE_CHECKING:
    from mvkplan.cycle.recording.record import Prepared
    from mvkplan.loading.documents import LoadedDocument
    from mvkplan.messages.problems import Problem
    from mvkplan.project.config import Project

survey_app = typer.Typer(
    help="Årlig enkät som Excel-arbetsböcker / the yearly survey as workbooks.",
    no_args_is_help=True,
)
app.add_typer(survey_app, name="survey")


def _require_extra(lang: Lang | None) -> None:
    from mvkplan.cycle.survey import require_survey
    from mvkplan.messages.i18n import detect_language, set_language
    from mvkplan.project.extras import MissingExtraError

    try:
        require_survey()
    except MissingExtraError as exc:  # checked before the project is opened: choose the language here
        set_language(detect_language(given_language(lang)))
        fail(str(MissingExtraError(exc.extra, exc.missing)))


@survey_app.command("export")
def export(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Plan id, e.g. kalmar-2024.")],
    year: Annotated[int, typer.Option("--year", help="The year followed up.")],
    respondent: Annotated[
        list[str] | None,
        typer.Option("--respondent", "-r",
                     help="Respondent id (repeatable; default: every municipality of the county)."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder (default: build/enkat/PLAN-YEAR).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace workbooks already in the folder.")] = False,
    lang: LangOption = None,
) -> None:
    """Skriv en arbetsbok per svarande / write one workbook per respondent.

    Records the respondents in the follow-up's 'asked:' list (created when there is none)
    before any workbook is written; if the follow-up cannot take it, nothing is written.
    """
    _require_extra(lang)
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.recording.commit import write_all
    from mvkplan.cycle.survey.asked import record_asked
    from mvkplan.cycle.survey.exporting import SurveyUsageError, prepare_export, write_workbooks
    from mvkplan.messages.i18n import count, t
    from mvkplan.messages.problems import ExitCode
    from mvkplan.messages.reporters import Report

    project = open_project(lang)
    folder = user_path(out) if out else project.root / "build" / "enkat" / f"{plan}-{year}"
    corpus = load_corpus(project)
    try:
        job = prepare_export(corpus.index, plan, year, folder, respondent or None, force=force)
    except SurveyUsageError as exc:
        fail(str(exc))
    asked = record_asked(corpus.index, project.root, corpus.loaded.documents, job)
    if asked.failed:
        emit(Report(sorted(asked.problems), 1), ProblemFormat.text)
        print(t("survey.export.refused"))
        raise typer.Exit(ExitCode.PROBLEMS)
    try:
        written = write_workbooks(job)
        write_all(project.root, asked.prepared)
    except OSError as exc:
        fail(f"{exc.filename or folder}: {system_error(exc)}")
    for item in written:
        print(f"{_shown(item.path, project.root)}  ({count(item.questions, 'question')})")
    key = "survey.written.one" if len(written) == 1 else "survey.written"
    print(t(key, path=_shown(folder, project.root), count=len(written)))
    print(t("survey.asked.recorded", path=asked.path, count=len(job.respondents)))  # also when listed before


@survey_app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(metavar="FILE|DIR…", help="Returned workbooks, or folders of them.")],
    plan: Annotated[str | None, typer.Option("--plan", help="Refuse workbooks for other plans.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Refuse workbooks for other years.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace answers already recorded (listed).")] = False,
    fmt: ProblemFormatOption = ProblemFormat.text,
    lang: LangOption = None,
) -> None:
    """Läs in ifyllda arbetsböcker / record the answers of returned workbooks.

    All or nothing: if any workbook has an error, no follow-up is written. Exit 0 when
    recorded (or, with --dry-run, when it could be), 1 on problems, 2 on usage errors.
    """
    _require_extra(lang)
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.survey.importing import import_survey
    from mvkplan.messages.i18n import t

    project = open_project(lang)
    files = returned_workbooks(paths, "survey.none")
    corpus = load_corpus(project)
    result = import_survey(corpus.index, project.root, files, plan=plan, year=year, overwrite=overwrite)
    summary = t("survey.import.summary", workbooks=result.workbooks, answers=result.answers,
                new=sum(p.new for p in result.prepared), changed=sum(p.changed for p in result.prepared),
                same=sum(p.same for p in result.prepared))
    finish(project, corpus.loaded.documents, result.problems, result.prepared, summary, fmt,
           dry_run=dry_run, files=len(files))


class StatusFormat(str, Enum):
    """Output of ``survey status``."""

    text = "text"
    csv = "csv"


@survey_app.command("status")
def status(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Plan id, e.g. kalmar-2024.")],
    year: Annotated[int, typer.Option("--year", help="The year followed up.")],
    fmt: Annotated[StatusFormat, typer.Option("--format", "-f", help="text or csv.")] = StatusFormat.text,
    lang: LangOption = None,
) -> None:
    """Vem har fått och besvarat enkäten / who was sent the survey, who answered, what is blank.

    Per respondent: workbook sent ('asked:' in the follow-up), answered, the questions left
    blank; then those to remind (sent a workbook, not answered). Exit 0, 2 on usage errors.
    """
    _require_extra(lang)  # status reads through the survey package, which needs the extra
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.survey.exporting import SurveyUsageError
    from mvkplan.cycle.survey.status import survey_status
    from mvkplan.cycle.survey.status_report import status_csv, status_text

    project = open_project(lang)
    corpus = load_corpus(project)
    try:
        found = survey_status(corpus.index, plan, year)
    except SurveyUsageError as exc:
        fail(str(exc))
    sys.stdout.write(status_csv(found) if fmt is StatusFormat.csv else status_text(found))


def returned_workbooks(paths: list[Path], none_key: str) -> list[Path]:
    """The workbooks in ``paths`` (files, or folders of them); exit 2 on a path that does not
    exist, or with the message ``none_key`` when there is no workbook at all."""
    from mvkplan.cycle.survey.importing import workbook_files
    from mvkplan.messages.i18n import t

    targets = [user_path(p) for p in paths]
    for target in targets:
        if not target.exists():
            fail(t("E402", path=target))
    files = workbook_files(targets)
    if not files:
        fail(t(none_key, path=", ".join(str(p) for p in paths)))
    return files


def finish(project: Project, documents: list[LoadedDocument], problems: list[Problem], prepared: list[Prepared],
           summary: str, fmt: ProblemFormat, *, dry_run: bool, files: int) -> None:
    """Validate, then write (or show) the new follow-ups, report and exit; shared with ``kolada``."""
    from mvkplan.cycle.recording.commit import check_written, write_all
    from mvkplan.messages.i18n import t
    from mvkplan.messages.problems import ExitCode, Severity
    from mvkplan.messages.reporters import Report

    failed = any(p.severity >= Severity.ERROR for p in problems)
    if not failed:
        problems = [*problems, *check_written(documents, prepared)]
        failed = any(p.severity >= Severity.ERROR for p in problems)
    emit(Report(sorted(problems), files), fmt)
    text = fmt is ProblemFormat.text
    out = sys.stdout if text else sys.stderr
    print(summary, file=out)
    if failed:
        print(t("record.refused"), file=out)
        raise typer.Exit(ExitCode.PROBLEMS)
    if dry_run:
        if text:
            _show_diff(project, prepared)
        print(t("record.dry"), file=out)
        return
    try:
        written = write_all(project.root, prepared)
    except OSError as exc:
        fail(t("R104", path=exc.filename or "", detail=system_error(exc)))
    for path in written:
        print(t("record.wrote", path=path), file=out)


def _show_diff(project: Project, prepared: list[Prepared]) -> None:
    for item in prepared:
        if item.text is None:
            continue
        target = project.root / item.path
        old = target.read_text(encoding="utf-8-sig") if target.exists() else ""
        sys.stdout.writelines(unified_diff(old, item.text, f"a/{item.path}" if old else "/dev/null",
                                           f"b/{item.path}"))


def unified_diff(old: str, new: str, before: str, after: str) -> list[str]:
    """A unified diff that aligns repeated lines exactly (no autojunk heuristics)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    lines = [f"--- {before}\n", f"+++ {after}\n"]
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(3):
        first, last = group[0], group[-1]
        lines.append(f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(" " + line for line in a[i1:i2])
                continue
            lines.extend("-" + line for line in a[i1:i2])
            lines.extend("+" + line for line in b[j1:j2])
    return [line if line.endswith("\n") else line + "\n" for line in lines] if len(lines) > 2 else []


def _shown(path: Path, root: Path) -> str:
    from mvkplan.project.paths import display_path

    return display_path(path, root)
