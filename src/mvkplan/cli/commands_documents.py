"""``mvkplan list`` and ``mvkplan new``."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mvkplan.cli.app import LangOption, app, fail, open_project
from mvkplan.messages.words import system_error

if TYPE_CHECKING:
    from mvkplan.views.overview import DocumentRow


class ListFormat(str, Enum):
    """Output of ``list``."""

    table = "table"
    json = "json"


@app.command("list")
def list_documents(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    shipped: Annotated[bool, typer.Option("--shipped", help="Include the shipped frameworks and catalogs.")] = False,
    lang: LangOption = None,
) -> None:
    """Översikt över dokumenten / overview of the documents."""
    from mvkplan.checks.validate import load_corpus
    from mvkplan.views.overview import document_rows

    rows = document_rows(load_corpus(open_project(lang)).index, shipped=shipped)
    if fmt is ListFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    _print_rows(rows)


def _print_rows(rows: list[DocumentRow]) -> None:
    """The rows as a table in the user's language, or one block per document on a narrow terminal."""
    from rich.markup import escape as rich_escape
    from rich.table import Table

    from mvkplan.cli.console import Console
    from mvkplan.messages.i18n import count, t
    from mvkplan.messages.terminal import output_width, printable
    from mvkplan.messages.words import kind_word, status_word

    console = Console(width=output_width(piped=200), no_color=not sys.stdout.isatty())
    if console.width < 110:  # a narrow terminal: one document per block, nothing cut
        for r in rows:
            counts = [count(n, noun) for n, noun in ((r.goals, "goal"), (r.activities, "activity"),
                                                     (r.rows, "row")) if n]
            facts = " · ".join(x for x in (kind_word(r.kind), r.county, r.period,
                                           status_word(r.state, example=r.example), *counts) if x)
            console.print(f"[bold]{rich_escape(printable(r.id))}[/bold]  {rich_escape(printable(facts))}\n"
                          f"    {rich_escape(printable(r.path))}", highlight=False)
        return
    columns = ("id", "kind", "county", "period", "status", "goals", "activities", "rows", "file")
    table = Table(*(t(f"column.{name}") for name in columns))
    for r in rows:
        shown = (r.id, kind_word(r.kind), r.county, r.period, status_word(r.state, example=r.example))
        table.add_row(*(rich_escape(printable(v)) for v in shown),
                      str(r.goals or ""), str(r.activities or ""), str(r.rows or ""),
                      rich_escape(printable(r.path)))
    console.print(table)


@app.command()
def new(
    kind: Annotated[str, typer.Argument(help="regional-plan, local-plan, activity-plan, strategy or framework.")],
    document_id: Annotated[str, typer.Argument(metavar="ID", help="The new document's id, e.g. vaxjo-2025.")],
    # the default is a placeholder that MVK013 reports until the document is named
    title: Annotated[str, typer.Option("--title", help="Title of the document.")] = "Ny handlingsplan",
    county: Annotated[str | None, typer.Option(
        "--county", help="County: id, code or name, e.g. kronoberg, 07.", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option(
        "--municipality", help="Municipality (local plans): id, code or name, e.g. vaxjo.",
        show_default=False)] = None,
    source: Annotated[str | None, typer.Option(
        "--from", help="Start from this plan's goals (e.g. the county plan), each linked to it.",
        show_default=False)] = None,
    goals: Annotated[list[str] | None, typer.Option(
        "--goal", help="With --from: only these goals (repeatable; default: all).",
        show_default=False)] = None,
    year: Annotated[int | None, typer.Option(
        "--year", help="First year of the period (default: the year in the id, else this year).",
        show_default=False)] = None,
    folder: Annotated[Path | None, typer.Option("--dir", help="Folder to write to (default: plans/<county>).")] = None,
    lang: LangOption = None,
) -> None:
    """Skapa ett nytt dokument från en mall / create a new document from a template."""
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cli.catalog_options import resolve_entry
    from mvkplan.messages.i18n import t
    from mvkplan.project.writing import write_atomic
    from mvkplan.start.new import (
        KINDS,
        SCHEMA,
        ScaffoldError,
        Skeleton,
        period_start,
        scaffold,
        schema_comment,
        target_path,
    )

    project = open_project(lang)
    if kind not in KINDS:
        from mvkplan.messages.vocabulary import english_for

        english = english_for(kind, list(KINDS))
        hint = f" ({t('E204.swedish', value=kind, english=english)})" if english else ""
        fail(t("new.kind", kind=kind, kinds=", ".join(KINDS)) + hint)
    index = load_corpus(project).index
    county_id = resolve_entry(index, "counties", county, "--county") if county else None
    municipality_id = None
    if municipality:
        municipality_id = resolve_entry(index, "municipalities", municipality, "--municipality")
        entry = index.item(f"municipalities/{municipality_id}")
        home = getattr(entry.obj if entry else None, "county", None)
        if county_id and home and county_id != home:
            fail(t("new.county_mismatch", municipality=municipality_id, home=home, county=county_id))
        county_id = county_id or home
    if source and source not in index.documents:
        from mvkplan.messages.textmatch import closest

        close = closest(source, list(index.documents))
        fail(t("new.from", id=source) + (f" ({t('hint.did_you_mean', close=close)})" if close else ""))
    if source and county_id is None:
        county_id = index.documents[source].model.county
    base = project.document_paths()[0]
    destination = folder if folder is not None else base / (county_id or "")
    skeleton = Skeleton(kind, document_id, title, year or period_start(document_id, date.today().year),
                        county=county_id, municipality=municipality_id, source=source,
                        goals=list(goals or []))
    try:
        path = target_path(project.root, destination, document_id)
        skeleton.schema = schema_comment(path, project.root)
        text = scaffold(skeleton, index)
        write_atomic(path, text.encode())
    except ScaffoldError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{destination}: {system_error(exc)}")
    print(path)
    if not (project.root / SCHEMA).is_file():
        print(t("new.schema", path=SCHEMA.as_posix()), file=sys.stderr)
