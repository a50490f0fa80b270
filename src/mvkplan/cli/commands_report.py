"""``mvkplan report``: the annual follow-up report of a plan (HTML, Markdown, JSON, PDF or Word)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mvkplan.cli.app import LangOption, app, fail, open_project
from mvkplan.cli.commands_render import TemplatesOption
from mvkplan.messages.i18n import N_

if TYPE_CHECKING:
    from mvkplan.project.look import Look
    from mvkplan.views.report.build import Report

# Keys of this command looked up at run time (the words are in mvkplan/messages/locale).
RUNTIME_KEYS = (
    N_("report.unknown_plan"),
)


class ReportFormat(str, Enum):
    """Formats of ``mvkplan report``."""

    html = "html"
    md = "md"
    json = "json"
    pdf = "pdf"
    docx = "docx"


EXTENSIONS = {"html": ".html", "md": ".md", "json": ".json", "pdf": ".pdf", "docx": ".docx"}


@app.command()
def report(
    plan: Annotated[str, typer.Argument(help="Planens id (eller en uppföljnings id), t.ex. "
                                             "kalmar-2024.", show_default=False)],
    year: Annotated[int | None, typer.Option("--year", "-y", help="Uppföljningsåret (standard: "
                                                                  "det senaste).",
                                             show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="html, md, json, pdf eller docx.")]
    = ReportFormat.html,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Fil att skriva, '-' för standard ut (standard: "
                                            "build/ID-uppfoljning-ÅR.html, .md, .json, .pdf "
                                            "eller .docx).",
                     show_default=False),
    ] = None,
    templates: TemplatesOption = None,
    lang: LangOption = None,
) -> None:
    """Årlig uppföljningsrapport för en plan / the annual follow-up report of a plan."""
    import json

    from mvkplan.checks.validate import validate
    from mvkplan.cli.commands_render import (
        _output_path,
        _require_document,
        _require_extra,
        _shown,
        _templates,
        _write,
    )
    from mvkplan.messages.i18n import t
    from mvkplan.models import FollowUp, PlanBase
    from mvkplan.publish.render.document import RenderError
    from mvkplan.publish.render.paths import UnsafePathError, safe_name
    from mvkplan.publish.report.render import render_report
    from mvkplan.views.report.build import ReportError, build_report, latest_follow_up, report_data

    project = open_project(lang)
    corpus, problems = validate(project)
    _require_document(corpus, plan)
    model = corpus.index.documents[plan].model
    plan_id = model.plan if isinstance(model, FollowUp) else plan
    if isinstance(model, FollowUp) and year is None:
        year = model.year
    if not isinstance(corpus.index.document(plan_id), PlanBase):
        fail(t("report.not_plan", id=plan_id))
    if year is None:
        latest = latest_follow_up(corpus.index, plan_id)
        if latest is None:
            fail(t("report.no_follow_ups", id=plan_id))
        year = latest.model.year  # type: ignore[attr-defined]
    assert year is not None
    _refuse_errors(corpus, problems, plan_id)
    if fmt.value in {"pdf", "docx"}:
        _require_extra(fmt.value)
    try:
        built = build_report(corpus.index, plan_id, year)
    except ReportError:
        years = sorted(d.model.year for d in corpus.index.documents.values()  # type: ignore[attr-defined]
                       if isinstance(d.model, FollowUp) and d.model.plan == plan_id)
        known = f" ({', '.join(map(str, years))})" if years else ""
        fail(t("report.no_follow_up", id=plan_id, year=year, known=known))
    folder = _templates(project, templates)
    try:
        if fmt is ReportFormat.json:
            data = (json.dumps(report_data(built), ensure_ascii=False, indent=2, sort_keys=True)
                    + "\n").encode("utf-8")
        elif fmt.value in {"pdf", "docx"}:
            data = _published(built, fmt.value, folder, project.look)
        else:
            data = render_report(built, fmt.value, templates=folder).encode("utf-8")
    except RenderError as exc:
        fail(t("render.failed", detail=exc))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    ext = EXTENSIONS[fmt.value]
    try:
        name = f"{safe_name(plan_id)}-uppfoljning-{year}{ext}"
    except UnsafePathError as exc:
        fail(t("render.unsafe", detail=exc))
    target = _output_path(project, output, f"build/{name}", name)
    _write(target, data)
    print(t("render.written", path=_shown(target, project.root)))


def _published(built: Report, fmt: str, folder: Path | None, look: Look | None = None) -> bytes:
    """The report as PDF or Word bytes; a missing optional extra exits 2 with the pip command."""
    from mvkplan.messages.i18n import t
    from mvkplan.publish.exports import MissingExtra

    try:
        if fmt == "pdf":
            from mvkplan.publish.exports.pdf import render_report_pdf

            return render_report_pdf(built, templates=folder, look=look)
        from mvkplan.publish.exports.docx import render_report_docx

        return render_report_docx(built, templates=folder, look=look)
    except MissingExtra as exc:
        fail(t("render.extra", format=fmt.upper(), module=exc.module, extra=exc.extra))


def _refuse_errors(corpus: object, problems: list, plan_id: str) -> None:  # type: ignore[type-arg]
    """Exit 1, printing them, when the plan or its follow-ups (or a file named like one of
    them that failed to load) have errors: a report never guesses around a broken value."""
    from pathlib import PurePosixPath

    from mvkplan.messages.i18n import t
    from mvkplan.messages.problems import Severity
    from mvkplan.models import FollowUp

    index = corpus.index  # type: ignore[attr-defined]
    files = {loaded.path for loaded in index.documents.values()
             if loaded.id == plan_id
             or (isinstance(loaded.model, FollowUp) and loaded.model.plan == plan_id)}
    relevant = [p for p in problems if p.severity >= Severity.ERROR and (
        p.path in files or PurePosixPath(p.path).stem.startswith(plan_id + "-"))]
    if relevant:
        print(t("report.problems"), file=sys.stderr)
        for p in relevant:
            print(f"{p.path}:{p.line}:{p.column}: {p.code} {p.message}", file=sys.stderr)
        raise typer.Exit(1)
