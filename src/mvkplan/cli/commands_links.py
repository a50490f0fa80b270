"""``mvkplan links`` and ``mvkplan coverage``: the connections between plans."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from mvkplan.cli.app import LangOption, app, fail, open_project

if TYPE_CHECKING:
    from mvkplan.cli.console import Console
    from mvkplan.views.coverage import Column, Coverage
    from mvkplan.views.linkreport import LinkSummary


class LinksFormat(str, Enum):
    """Output of ``links ID``."""

    text = "text"
    json = "json"


class GraphFormat(str, Enum):
    """Output of ``links --graph``."""

    mermaid = "mermaid"
    dot = "dot"
    json = "json"


class CoverageFormat(str, Enum):
    """Output of ``coverage``."""

    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


def _index(lang: LangOption):  # type: ignore[no-untyped-def]
    from mvkplan.checks.validate import load_corpus

    return load_corpus(open_project(lang)).index


@app.command()
def links(
    ref: Annotated[
        str | None,
        typer.Argument(help="Dokument eller punkt, t.ex. kalmar-2024 eller kalmar-2024/forebygga.",
                       show_default=False),
    ] = None,
    fmt: Annotated[LinksFormat, typer.Option("--format", "-f", help="Output format.")] = LinksFormat.text,
    graph: Annotated[
        GraphFormat | None, typer.Option("--graph", help="Export the whole repository's document graph.")
    ] = None,
    catalogs: Annotated[
        bool, typer.Option("--catalogs", help="Include links to catalogs (methods, indicator sources …).")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Visa länkar och bakåtlänkar / show what links where, and what links back."""
    from mvkplan.messages.i18n import t
    from mvkplan.messages.textmatch import closest
    from mvkplan.views import linkreport

    index = _index(lang)
    if graph is not None:
        exporters = {GraphFormat.mermaid: linkreport.to_mermaid, GraphFormat.dot: linkreport.to_dot}
        if graph is GraphFormat.json:
            sys.stdout.write(json.dumps(linkreport.to_graph_dict(index), ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(exporters[graph](index))
        return
    if ref is None:
        fail(t("links.none"))
    summary = linkreport.summarize(index, ref, catalogs=catalogs)
    if summary is None:
        candidates = list(index.documents) + [i.key for items in index.items.values() for i in items.values()]
        close = closest(ref, candidates)
        fail(t("links.unknown", ref=ref) + (f"; {t('hint.did_you_mean', close=close)}" if close else ""))
    if fmt is LinksFormat.json:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_tree(summary)


def _print_tree(summary: LinkSummary) -> None:
    from rich.markup import escape as rich_escape
    from rich.tree import Tree

    from mvkplan.messages.i18n import t
    from mvkplan.messages.terminal import printable
    from mvkplan.messages.words import relation_word

    def escape(text: str) -> str:  # document text: no markup, no control sequences
        return rich_escape(printable(text))

    tree = Tree(f"[bold]{escape(summary.ref)}[/bold] — {escape(summary.title)}")
    out = tree.add(f"{t('links.to')} ({len(summary.links_to)})")
    for line in summary.links_to:
        title = escape(line.title) if line.title else f"[red]{t('links.unresolved')}[/red]"
        source = "" if line.source == summary.ref else f"{escape(line.source)} → "
        out.add(f"{source}[cyan]{escape(line.target)}[/cyan] {title} [dim]({relation_word(line.relation)})[/dim]")
    back = tree.add(f"{t('links.from')} ({len(summary.linked_from)})")
    for line in summary.linked_from:
        back.add(f"[cyan]{escape(line.source)}[/cyan] {escape(line.title or '')} "
                 f"[dim]({relation_word(line.relation)}, {escape(line.file)}:{line.line})[/dim]")
    _console().print(tree)


def _console() -> Console:
    """On a terminal: its width, long lines wrapped between words. Into a file or a pipe:
    lines as long as they are, never cut (unless COLUMNS says how wide)."""
    from mvkplan.cli.console import Console
    from mvkplan.messages.terminal import output_width

    if sys.stdout.isatty():
        return Console(width=output_width(piped=None))
    return Console(width=output_width(piped=100_000), no_color=True, highlight=False)


@app.command()
def coverage(
    fmt: Annotated[CoverageFormat, typer.Option("--format", "-f", help="Output format.")] = CoverageFormat.table,
    county: Annotated[
        list[str] | None, typer.Option("--county", help="Only documents of this county (repeatable), e.g. kalmar.")
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option("--framework", help="Only this framework (repeatable), e.g. nationell-strategi."),
    ] = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Include example documents (example: true).")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Täckning: planer × ramverksmål / coverage: plans × framework goals."""
    from mvkplan.messages.i18n import t
    from mvkplan.models import Framework
    from mvkplan.views.coverage import coverage_matrix

    index = _index(lang)
    for framework_id in framework or []:
        if not isinstance(index.document(framework_id), Framework):
            frameworks = sorted(d for d, x in index.documents.items() if isinstance(x.model, Framework))
            fail(t("links.framework", id=framework_id, known=", ".join(frameworks)))
    from mvkplan.cli.catalog_options import resolve_entry

    counties = [resolve_entry(index, "counties", c, "--county") for c in county or []] or None
    matrix = coverage_matrix(index, counties, framework, examples=examples)
    if fmt is CoverageFormat.json:
        matrix.write_json(sys.stdout)
    elif fmt is CoverageFormat.csv:
        sys.stdout.write(_csv(matrix))
    elif fmt is CoverageFormat.md:
        sys.stdout.write(_markdown(matrix))
    else:
        _print_table(matrix)


def _fitting(columns: list[Column], width: int) -> list[list[Column]]:
    """The columns in runs whose cells (header width + borders) fit in ``width``."""
    parts: list[list[Column]] = [[]]
    used = 0
    for column in columns:
        need = max(len(column.item), 2) + 3
        if parts[-1] and used + need > width:
            parts.append([])
            used = 0
        parts[-1].append(column)
        used += need
    return parts


def _cell(matrix: Coverage, document: str, column: str) -> str:
    count = matrix.count(document, column)
    if count:
        return str(count)
    return "✓" if (document, column) in matrix.document_level else ""


def _csv(matrix: Coverage) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["document", *(c.key for c in matrix.columns)])
    for document in matrix.documents:
        writer.writerow([document, *(_cell(matrix, document, c.key) for c in matrix.columns)])
    return buffer.getvalue()


def _markdown(matrix: Coverage) -> str:
    lines = []
    for framework in dict.fromkeys(c.framework for c in matrix.columns):
        columns = [c for c in matrix.columns if c.framework == framework]
        lines.append(f"### {framework}\n")
        lines.append("| Dokument | " + " | ".join(c.item for c in columns) + " |")
        lines.append("|---|" + "---:|" * len(columns))
        for document in matrix.documents:
            cells = " | ".join(_cell(matrix, document, c.key) or "–" for c in columns)
            lines.append(f"| {document} | {cells} |")
        lines.append("")
    return "\n".join(lines)


def _print_table(matrix: Coverage) -> None:
    """One table per framework, split into parts that fit the width; the goals' names below."""
    from rich.table import Table

    from mvkplan.cli.console import Console
    from mvkplan.messages.i18n import t
    from mvkplan.messages.terminal import box_table, output_height, output_width

    console = Console(width=output_width(piped=120), no_color=not sys.stdout.isatty())
    first = max((len(d) for d in matrix.documents), default=8) + 4
    # A table taller than the screen is drawn as rich would draw it without colour, but
    # without rich, whose layout of thousands of rows took most of the command's time.
    tall = len(matrix.documents) + 5 > output_height()
    for framework in dict.fromkeys(c.framework for c in matrix.columns):
        columns = [c for c in matrix.columns if c.framework == framework]
        parts = _fitting(columns, console.width - first)
        for number, part in enumerate(parts, 1):
            title = framework if len(parts) == 1 else f"{framework} ({number}/{len(parts)})"
            rows = [[document, *(_cell(matrix, document, c.key) or "·" for c in part)]
                    for document in matrix.documents]
            header = [t("column.document"), *(column.item for column in part)]
            drawn = box_table(title, header, rows, [False, *(True for _ in part)],
                              console.width) if tall else None
            if drawn is not None:
                console.file.write(drawn)
            else:
                table = Table(title=title, title_justify="left")
                table.add_column(header[0], no_wrap=True)
                for column in part:
                    table.add_column(column.item, justify="right", no_wrap=True)
                for row in rows:
                    table.add_row(*row)
                console.print(table)
            names = Table.grid(padding=(0, 2))
            names.add_column(justify="right", no_wrap=True)
            names.add_column(overflow="fold")
            for column in part:
                names.add_row(column.item, column.title)
            console.print(names)
    console.print(t("coverage.legend"))
