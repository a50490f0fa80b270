"""``mvkplan kolada import`` and ``mvkplan kolada fetch``: official statistics into the follow-ups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mvkplan.cli.app import (
    Lang,
    LangOption,
    ProblemFormat,
    ProblemFormatOption,
    app,
    fail,
    given_language,
    open_project,
    user_path,
)
from mvkplan.cli.commands_survey import finish
from mvkplan.messages.words import system_error

if TYPE_CHECKING:
    from mvkplan.checks.validate import Corpus
    from mvkplan.cycle.kolada.responses import Response
    from mvkplan.index.linkindex import LinkIndex
    from mvkplan.project.config import Project

kolada_app = typer.Typer(
    help="Nyckeltal från Kolada (Öppna jämförelser m.m.) / official statistics from Kolada.",
    no_args_is_help=True,
)
app.add_typer(kolada_app, name="kolada")

DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="Replace values already recorded (listed).")]
PlanOption = Annotated[str | None, typer.Option("--plan", help="Only this plan (default: every plan with a county).")]


def _require_extra(lang: Lang | None, *modules: str) -> None:
    from mvkplan.messages.i18n import detect_language, set_language
    from mvkplan.project.extras import MissingExtraError, require

    try:
        require("kolada", "ruamel.yaml", *modules)
    except MissingExtraError as exc:  # checked before the project is opened: choose the language here
        set_language(detect_language(given_language(lang)))
        fail(str(MissingExtraError(exc.extra, exc.missing)))


@kolada_app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE…", help="Saved Kolada API responses (JSON), or folders of them.")],
    plan: PlanOption = None,
    year: Annotated[list[int] | None, typer.Option("--year", help="Only these years (repeatable).")] = None,
    dry_run: DryRun = False,
    overwrite: Overwrite = False,
    fmt: ProblemFormatOption = ProblemFormat.text,
    lang: LangOption = None,
) -> None:
    """Läs in sparade svar från Koladas API / record saved Kolada API responses.

    All or nothing, like 'survey import'. Exit 0 when recorded, 1 on problems, 2 on usage errors.
    """
    _require_extra(lang)
    from mvkplan.cycle.kolada.responses import read_response_file
    from mvkplan.project.paths import display_path

    project = open_project(lang)
    responses = [read_response_file(path, display_path(path, project.root)) for path in _response_files(files)]
    _run(project, responses, plan, set(year) if year else None, dry_run, overwrite, fmt)


def _response_files(files: list[Path]) -> list[Path]:
    """The files named, a folder standing for its .json files (as 'kolada fetch --save' writes them)."""
    from mvkplan.messages.i18n import t

    found: list[Path] = []
    for file in files:
        path = user_path(file)
        if path.is_dir():
            inside = sorted(path.glob("*.json"))
            if not inside:
                fail(t("kolada.none", path=file))
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            fail(t("E402", path=file))
    return found


@kolada_app.command("fetch")
def fetch(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Plan id, e.g. kalmar-2024.")],
    year: Annotated[list[int], typer.Option("--year", help="Year(s) to fetch (repeatable).")],
    save: Annotated[Path | None, typer.Option("--save", help="Also save the responses (JSON) in this folder.")] = None,
    api: Annotated[str, typer.Option("--api", help="API base URL.")] = "https://api.kolada.se/v3",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 20.0,
    retries: Annotated[int, typer.Option("--retries", help="Retries of a failed request.")] = 3,
    kpi: Annotated[list[str] | None, typer.Option(
        "--kpi", help="Only this KPI: a Kolada id or a catalog entry's id or name (repeatable; default: all "
                      "the plan's KPIs).")] = None,
    dry_run: DryRun = False,
    overwrite: Overwrite = False,
    fmt: ProblemFormatOption = ProblemFormat.text,
    lang: LangOption = None,
) -> None:
    """Hämta planens nyckeltal från Koladas API / fetch the plan's KPIs from the Kolada API."""
    _require_extra(lang, "httpx")
    import sys

    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.kolada.client import KoladaClient, KoladaTooLarge, KoladaUnavailable, data_urls
    from mvkplan.cycle.kolada.importing import kpis_of
    from mvkplan.cycle.kolada.responses import read_response
    from mvkplan.cycle.recording.plans import survey_plan
    from mvkplan.messages.i18n import t
    from mvkplan.project.writing import write_atomic

    project = open_project(lang)
    corpus = load_corpus(project)
    kpis: set[str] = set()
    codes: set[str] = set()
    for one_year in year:
        survey = survey_plan(corpus.index, plan, one_year)
        if survey is None:
            fail(t("survey.unknown-plan", plan=plan))
        kpis.update(kpis_of(survey))
        codes.update(_codes(corpus.index, survey.model.county))
    if not kpis:
        fail(t("kolada.no-kpis", plan=plan))
    if kpi:
        kpis = _chosen(corpus.index, plan, kpi, kpis)
    responses: list[Response] = []
    try:
        with KoladaClient(timeout=timeout, retries=retries) as client:
            for url in data_urls(kpis, codes, year, api):
                for page in client.pages(url, lambda body: read_response(body, "").next_page):
                    print(t("kolada.fetching", url=page.url), file=sys.stderr)
                    number = len(responses) + 1
                    shown = f"kolada-{plan}-{number:03d}.json"
                    if save is not None:
                        target = user_path(save) / shown
                        write_atomic(target, page.body)
                    responses.append(read_response(page.body, shown))
    except KoladaTooLarge as exc:
        fail(t("kolada.too-large", url=exc.url, limit=exc.limit))
    except KoladaUnavailable as exc:
        if exc.status is not None:
            fail(t("kolada.http", status=exc.status, url=exc.url))
        fail(t("kolada.offline", url=exc.url, detail=exc.detail))
    except OSError as exc:
        fail(f"{exc.filename}: {system_error(exc)}")
    _run(project, responses, plan, set(year), dry_run, overwrite, fmt, corpus=corpus)


def _chosen(index: LinkIndex, plan: str, given: list[str], named: set[str]) -> set[str]:
    """The KPIs ``--kpi`` names (ids, or catalog entries by id or name), each one the plan names."""
    from mvkplan.cycle.kolada.catalog import KpiNameError, resolve_kpi
    from mvkplan.messages.i18n import t

    chosen: set[str] = set()
    for text in given:
        try:
            code = resolve_kpi(index, text)
        except KpiNameError as exc:
            fail(str(exc))
        if code not in named:
            fail(t("K120", plan=plan, kpi=code, named=", ".join(sorted(named))))
        chosen.add(code)
    return chosen


def _codes(index: LinkIndex, county: str | None) -> list[str]:
    from mvkplan.models import Catalog

    codes: list[str] = []
    for loaded in index.documents.values():
        model = loaded.model
        if isinstance(model, Catalog) and "municipalities" in (model.id, model.extends):
            codes.extend(e.code for e in model.entries if e.code and e.county == county)
    return codes


def _run(project: Project, responses: list[Response], plan: str | None, years: set[int] | None,
         dry_run: bool, overwrite: bool, fmt: ProblemFormat, corpus: Corpus | None = None) -> None:
    from mvkplan.checks.validate import load_corpus
    from mvkplan.cycle.kolada.importing import import_kolada
    from mvkplan.messages.i18n import t

    corpus = corpus or load_corpus(project)
    result = import_kolada(corpus.index, project.root, responses, plan=plan, years=years, overwrite=overwrite)
    summary = "; ".join([
        t("kolada.summary", files=result.responses, values=result.matched,
          new=sum(p.new for p in result.prepared), changed=sum(p.changed for p in result.prepared),
          same=sum(p.same for p in result.prepared)),
        *(t(f"kolada.summary.{part}.{'one' if n == 1 else 'many'}", n=n)
          for part, n in (("missing", result.missing), ("other-year", result.other_year),
                          ("ignored", result.ignored)) if n),
    ])
    finish(project, corpus.loaded.documents, result.problems, result.prepared, summary, fmt,
           dry_run=dry_run, files=result.responses)
