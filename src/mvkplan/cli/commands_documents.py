"""``mvkplan list`` and ``mvkplan new``."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from mvkplan.cli.app import LangOption, app, fail, open_project


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
    from mvkplan.overview import document_rows
    from mvkplan.validate import load_corpus

    rows = document_rows(load_corpus(open_project(lang)).index, shipped=shipped)
    if fmt is ListFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.markup import escape as rich_escape
    from rich.table import Table

    table = Table("id", "kind", "län", "period", "status", "mål", "aktiviteter", "rader", "fil")
    from mvkplan.terminal import printable

    for r in rows:
        table.add_row(*(rich_escape(printable(v)) for v in (r.id, r.kind, r.county, r.period, r.status)),
                      str(r.goals or ""), str(r.activities or ""), str(r.rows or ""),
                      rich_escape(printable(r.path)))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def new(
    kind: Annotated[str, typer.Argument(help="regional-plan, local-plan, activity-plan, strategy or framework.")],
    document_id: Annotated[str, typer.Argument(metavar="ID", help="The new document's id, e.g. gotland-2025.")],
    title: Annotated[str, typer.Option("--title", help="Title of the document.")] = "Ny handlingsplan",
    county: Annotated[str | None, typer.Option("--county", help="County id, e.g. gotland.")] = None,
    folder: Annotated[Path | None, typer.Option("--dir", help="Folder to write to (default: plans/<county>).")] = None,
    lang: LangOption = None,
) -> None:
    """Skapa ett nytt dokument från en mall / create a new document from a template."""
    from mvkplan.scaffold import KINDS, ScaffoldError, scaffold, target_path
    from mvkplan.writing import write_atomic

    project = open_project(lang)
    if kind not in KINDS:
        fail(f"unknown kind '{kind}'; use one of: {', '.join(KINDS)}")
    base = project.document_paths()[0]
    destination = folder if folder is not None else base / (county or "")
    try:
        text = scaffold(kind, document_id, title=title, county=county, year=date.today().year)
        path = target_path(project.root, destination, document_id)
        write_atomic(path, text.encode())
    except ScaffoldError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{destination}: {exc.strerror}")
    print(path)
