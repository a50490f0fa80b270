"""``mvkplan consultation export`` and ``import``: a draft plan's consultation (remiss) as response workbooks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mvkplan.cli.app import LangOption, ProblemFormat, ProblemFormatOption, app, fail, given_language, open_project
from mvkplan.cli.commands_survey import finish, returned_workbooks, user_path
from mvkplan.messages.words import system_error

consultation_app = typer.Typer(
    help="Remiss av ett planförslag som arbetsböcker / a draft plan's consultation as workbooks.",
    no_args_is_help=True,
)
app.add_typer(consultation_app, name="consultation")


def _require_extra(lang: LangOption) -> None:
    from mvkplan.cycle.consultation import require_consultation
    from mvkplan.messages.i18n import detect_language, set_language
    from mvkplan.project.extras import MissingExtraError

    try:
        require_consultation()
    except MissingExtraError as exc:  # checked before the project is opened: choose the language here
        set_language(detect_language(given_language(lang)))
        fail(str(MissingExtraError(exc.extra, exc.missing)))


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        from mvkplan.messages.i18n import t

        fail(t("consultation.date", text=text))


@consultation_app.command("export")
def export(
    consultation: Annotated[str, typer.Argument(metavar="ID", help="Consultation id, e.g. kalmar-2024-remiss.")],
    body: Annotated[list[str] | None,
                    typer.Option("--body", "-b", help="Body id (repeatable; default: every body).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder (default: build/remiss/ID).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace workbooks already in the folder.")] = False,
    lang: LangOption = None,
) -> None:
    """Skriv en arbetsbok för remissvar per remissinstans / write one response workbook per body.

    A row for the plan as a whole, then one per section and per goal of the draft; only the
    point and proposal cells can be edited, and the workbook's identity is signed. Exit 0, 2
    on usage errors (nothing written).
    """
    _require_extra(lang)
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.consultation.exporting import ConsultationUsageError, export_responses
    from mvkplan.messages.i18n import count, t
    from mvkplan.project.paths import display_path

    project = open_project(lang)
    folder = user_path(out) if out else project.root / "build" / "remiss" / consultation
    corpus = load_corpus(project)
    try:
        written = export_responses(corpus.index, consultation, folder, body or None, force=force)
    except ConsultationUsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(t("consultation.write", path=exc.filename or folder, detail=system_error(exc)))
    for item in written:
        print(f"{display_path(item.path, project.root)}  ({count(item.rows, 'row')})")
    print(t("consultation.written", path=display_path(folder, project.root), count=len(written)))


@consultation_app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(metavar="FILE|DIR…", help="Returned workbooks, or folders of them.")],
    consultation: Annotated[str | None,
                            typer.Option("--consultation", help="Refuse workbooks of other consultations.")] = None,
    received: Annotated[str | None, typer.Option("--date", help="Date the responses came in (default: today).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    fmt: ProblemFormatOption = ProblemFormat.text,
    lang: LangOption = None,
) -> None:
    """Läs in remissvar / record the points of returned response workbooks.

    All or nothing: if any workbook has an error, the consultation is not written. Each point
    becomes a response without a decision (lint reports it until one is written). Exit 0 when
    recorded (or, with --dry-run, when it could be), 1 on problems, 2 on usage errors.
    """
    _require_extra(lang)
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.consultation.importing import import_responses
    from mvkplan.messages.i18n import count, t

    project = open_project(lang)  # the language first: a bad --date is said in it
    day = _day(received)
    files = returned_workbooks(paths, "consultation.none")
    corpus = load_corpus(project)
    result = import_responses(corpus.index, project.root, files, received=day, consultation=consultation)
    summary = t("consultation.summary", workbooks=count(result.workbooks, "workbook"),
                points=count(result.points, "point"))
    finish(project, corpus.loaded.documents, result.problems, result.prepared, summary, fmt,
           dry_run=dry_run, files=len(files))
