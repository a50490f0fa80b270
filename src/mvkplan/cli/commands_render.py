"""``mvkplan render`` (one document) and ``mvkplan build`` (the static site)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from mvkplan.cli.app import LangOption, NoCacheOption, app, fail, open_project
from mvkplan.messages.i18n import N_
from mvkplan.messages.words import system_error

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jinja2 import Environment

    from mvkplan.checks.gate import Selection
    from mvkplan.checks.lint import LintResult
    from mvkplan.checks.validate import Corpus
    from mvkplan.index.linkindex import LinkIndex
    from mvkplan.messages.problems import Problem
    from mvkplan.project.config import Project
    from mvkplan.project.discovery import Discovery
    from mvkplan.project.look import Look
    from mvkplan.publish.render.single import PageCorpus

# Keys of this command looked up at run time (the words are in mvkplan/messages/locale).
RUNTIME_KEYS = (
    N_("build.root"),
)


class OutputFormat(str, Enum):
    """Formats of ``mvkplan render``."""

    html = "html"
    md = "md"
    pdf = "pdf"
    docx = "docx"


ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Publicera även dokument med fel; sidan visar en varning "
                                 "'innehåller fel' / publish despite errors, with a banner."),
]
PlainOption = Annotated[
    bool,
    typer.Option("--plain", help="Dokumentet exakt som antaget, utan verktygets tillägg (länkar, "
                                 "kopplingar, citat, faktaruta) / without the tool's additions "
                                 "(standard: plain i konfigurationen)."),
]
DraftsOption = Annotated[
    bool,
    typer.Option("--drafts", help="Publicera även utkast, märkta UTKAST / publish drafts too, "
                                  "marked UTKAST (standard: drafts i konfigurationen)."),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="Mapp med mallar som ersätter de inbyggda / templates "
                                     "overriding the shipped ones.", show_default=False),
]


@app.command()
def render(
    document: Annotated[str, typer.Argument(help="Dokumentets id, t.ex. kalmar-2024.",
                                            show_default=False)],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="html, md, pdf eller docx.")]
    = OutputFormat.html,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Fil att skriva, '-' för standard ut "
                                            "(standard: build/ID.html, .md, .pdf eller .docx).",
                     show_default=False),
    ] = None,
    templates: TemplatesOption = None,
    site_url: Annotated[
        str | None,
        typer.Option("--site-url", help="Adress där webbplatsen från 'mvkplan build' publiceras; länkar till "
                                        "andra dokument pekar dit (standard: site-url i konfigurationen).",
                     show_default=False),
    ] = None,
    force: ForceOption = False,
    plain: PlainOption = False,
    lang: LangOption = None,
) -> None:
    """Publicera ett dokument som HTML, Markdown, PDF eller Word / render one document.

    A document with errors is refused (exit 1, nothing written) unless --force is given.
    """
    from mvkplan.loading.documents import SourceChanged
    from mvkplan.messages.i18n import t
    from mvkplan.publish.exports import PUBLISH_FORMATS
    from mvkplan.publish.render.document import FORMATS, RenderError
    from mvkplan.publish.render.paths import UnsafePathError, safe_name
    from mvkplan.publish.render.single import page_corpus, whole_corpus

    project = open_project(lang)
    page = page_corpus(project, document)
    try:
        data = _render_one(project, page, document, fmt.value, templates, site_url, force, plain)
    except SourceChanged:  # a file changed since the kept index was read: load it all
        data = _render_one(project, whole_corpus(project), document, fmt.value, templates,
                           site_url, force, plain)
    except RenderError as exc:
        fail(t("render.failed", detail=exc))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    suffix = {**FORMATS, **PUBLISH_FORMATS}[fmt.value]
    try:
        default = f"build/{safe_name(document)}{suffix}"
    except UnsafePathError as exc:
        fail(t("render.unsafe", detail=exc))
    target = _output_path(project, output, default, safe_name(document) + suffix, page.discovered)
    _write(target, data)
    print(t("render.written", path=_shown(target, project.root)))


def _render_one(project: Project, page: PageCorpus, document: str, fmt: str,
                templates: Path | None, site_url: str | None, force: bool, plain: bool) -> bytes:
    """The bytes of one document's page, refused (exit 1) when it has errors and not ``force``."""
    from mvkplan.checks.gate import blocking, one_line
    from mvkplan.messages.i18n import t
    from mvkplan.publish.exports import PUBLISH_FORMATS
    from mvkplan.publish.render.dates import last_updated
    from mvkplan.publish.render.document import RenderError
    from mvkplan.publish.render.pages import render_document

    errors = blocking(page.problems, page.files_of(document))
    _require_document(page, document, errors)
    if errors and not force:
        _refuse(errors, t("render.refused", id=document))
    folder = _templates(project, templates)
    updated = last_updated(page.index.documents[document], project.root)
    url = site_url or project.settings.site_url
    try:
        banner = [one_line(p) for p in errors]
        if fmt in PUBLISH_FORMATS:
            return _publish(page.index, document, fmt, folder, updated, url, banner,
                            plain or project.settings.plain, project.look)
        return render_document(page.index, document, fmt, templates=folder, updated=updated,
                               site_url=url, errors=banner, env=_environment(project, fmt, folder),
                               plain=plain or project.settings.plain).encode("utf-8")
    except RenderError as exc:
        fail(t("render.failed", detail=exc))


def _environment(project: Project, fmt: str, folder: Path | None) -> Environment | None:
    """A Jinja environment reading compiled templates from the project's cache, as ``build``
    does (None when the cache is off: ``render_document`` then makes its own)."""
    from mvkplan.loading.cache import FOLDER as CACHE_FOLDER
    from mvkplan.publish.render.environment import make_environment
    from mvkplan.publish.render.incremental import compiled_folder

    cache = project.root / CACHE_FOLDER
    if os.environ.get("MVKPLAN_NO_CACHE") or fmt not in ("html", "md") or not cache.is_dir():
        return None
    return make_environment(fmt, folder, compiled=compiled_folder(cache))


@app.command()
def build(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Mapp för webbplatsen (standard: site/ eller det som "
                                         "konfigurerats).", show_default=False),
    ] = None,
    templates: TemplatesOption = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Lägg en PDF bredvid varje dokuments sida / add a "
                                                    "PDF beside every document page.")] = False,
    force: ForceOption = False,
    drafts: DraftsOption = False,
    plain: PlainOption = False,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Bygg hela den statiska webbplatsen / build the whole static site.

    Documents with errors stop the build (exit 1, nothing written) unless --force is given.
    Published are adopted and superseded documents; drafts only with --drafts (marked
    UTKAST); a document with lint errors (placeholders, for one) is left out, and named on
    stderr, unless --force is given.
    """
    from mvkplan.loading.cache import FOLDER as CACHE_FOLDER
    from mvkplan.loading.documents import held_at_most
    from mvkplan.messages.i18n import t
    from mvkplan.project.outputs import OutputError, folder_target
    from mvkplan.publish.render.dates import last_updated
    from mvkplan.publish.render.document import RenderError
    from mvkplan.publish.render.incremental import MODELS_HELD, compiled_folder, places_file, rebuild
    from mvkplan.publish.render.paths import UnsafePathError
    from mvkplan.publish.render.search import SearchError
    from mvkplan.publish.render.site import Progress, SitePage, site_pages
    from mvkplan.publish.render.sitepages import site_options

    project = open_project(lang, paths=True)
    try:  # the user's --out may be anywhere; the configured `out` is relative to the project
        target = folder_target(project, out if out else project.root / project.settings.out)
    except OutputError as exc:
        fail(str(exc))
    with held_at_most(MODELS_HELD):  # the corpus streams: no model stays made for long
        published = _published(project, templates, no_cache=no_cache, force=force,
                               drafts=drafts or project.settings.drafts)
    index, banners, folder = published.index, published.banners, published.templates

    def updated(document_id: str) -> str | None:
        return last_updated(index.documents[document_id], project.root)

    options = site_options(project.settings.site, project.look)
    if not options.search:
        print(t("build.search_left_out"), file=sys.stderr)
    if options.missing():
        print(t("build.site_missing", keys=", ".join(options.missing())), file=sys.stderr)
    # --no-cache reads no record of an earlier build (every page is rendered), but leaves one
    # for the next build, as the site it wrote is current: that build then renders only what
    # changed. (MVKPLAN_NO_CACHE=1 neither reads nor writes the cache folder at all.)
    state = None if os.environ.get("MVKPLAN_NO_CACHE") else _state(project, target)
    cached = (not no_cache and not os.environ.get("MVKPLAN_NO_CACHE")
              and (project.root / CACHE_FOLDER).is_dir())
    compiled = compiled_folder(project.root / CACHE_FOLDER) if cached else None

    def build(pages: list[SitePage], advance: Progress) -> list[Path]:
        return rebuild(index, target, state=state, previous={} if no_cache else None,
                       templates=folder, updated=updated, errors=banners,
                       plain=plain or project.settings.plain, pdf=pdf, progress=advance,
                       compiled=compiled, pages=pages, options=options,
                       places=places_file(project.root / CACHE_FOLDER) if cached else None).written

    try:
        if pdf:
            _require_extra("pdf")
        with held_at_most(MODELS_HELD):
            pages = site_pages(index, templates=folder, updated=updated, compiled=compiled,
                               errors=banners, plain=plain or project.settings.plain, pdf=pdf,
                               options=options)
        written = _render_with_progress(pages, t("build.progress"), build)
    except RenderError as exc:
        fail(t("render.failed", detail=exc))
    except UnsafePathError as exc:
        fail(t("render.unsafe", detail=exc))
    except SearchError as exc:
        fail(t("build.search_failed", detail=exc))
    except OSError as exc:
        fail(f"{exc.filename or target}: {system_error(exc)}")
    print(t("build.written", count=len(written), path=_shown(target, project.root)))


@dataclass(frozen=True)
class _Published:
    """What a build renders: the index of the documents it publishes, and the errors each
    is published with anyway (a forced build's banners)."""

    index: LinkIndex
    banners: dict[str, list[str]]
    templates: Path | None
    """The folder of templates overriding the shipped ones (checked once nothing stops the build)."""


def _published(project: Project, templates: Path | None, *, no_cache: bool, force: bool,
               drafts: bool) -> _Published:
    """Load the corpus, report what stops the build or is left out of the site, and give the
    index of what is published. The corpus itself stays here: once this returns, its own
    index (when documents are left out, a second one beside the published index) and the
    models of the documents left out are let go before a page is rendered, instead of
    being held, and inherited by every worker, to the end of the build."""
    from mvkplan.checks.gate import blocking, errors_by_document, one_line, select_documents
    from mvkplan.messages.i18n import t
    from mvkplan.publish.render.single import loaded_for_pages
    from mvkplan.publish.render.site import published_index

    corpus, problems = loaded_for_pages(project, cache=not no_cache)
    _report_skipped(corpus)
    errors = blocking(problems)
    if errors and not force:
        _refuse(errors, t("build.refused"))
    folder = _templates(project, templates)
    held = _lint_errors(corpus, no_cache)
    selection = select_documents(corpus.index, drafts=drafts, errors=held, force=force)
    _report_follow_ups_without_plan(corpus.index)
    _report_left_out(corpus, selection)
    index = published_index(corpus.index, selection.published)
    banners = errors_by_document(corpus, errors)
    for document_id, found in held.items():  # published under --force, with a banner
        if document_id in selection.published:
            banners.setdefault(document_id, []).extend(one_line(p) for p in found)
    # (A forced build's banners are part of what the record says each page shows.)
    return _Published(index, banners, folder)


# -- helpers ------------------------------------------------------------------------------


def _state(project: Project, target: Path) -> Path | None:
    """Where the record of the build into ``target`` is kept (None: the cache folder cannot
    be used, or made with its .gitignore)."""
    from mvkplan.loading.cache import LoadCache
    from mvkplan.publish.render.incremental import state_file

    cache = LoadCache.for_project(project.root)
    if not cache.usable():
        return None
    try:
        cache.prepare()
    except OSError:
        return None
    return state_file(cache.folder, target)


def _require_extra(fmt: str) -> None:
    """Exit 2 with the pip command when the optional extra of ``fmt`` is not installed."""
    import importlib.util

    from mvkplan.messages.i18n import t

    needed = {"pdf": [("weasyprint", "WeasyPrint"), ("pikepdf", "pikepdf")],
              "docx": [("docx", "python-docx")]}[fmt]
    for module, name in needed:
        if importlib.util.find_spec(module) is None:
            fail(t("render.extra", format=fmt.upper(), module=name, extra=fmt))


def _publish(index: LinkIndex, document: str, fmt: str, folder: Path | None, updated: str | None,
             site_url: str | None, errors: list[str], plain: bool, look: Look) -> bytes:
    """PDF or Word bytes in the configured look; a missing optional extra exits 2 with the pip command."""
    from mvkplan.messages.i18n import t
    from mvkplan.publish.exports import MissingExtra

    try:
        if fmt == "pdf":
            from mvkplan.publish.exports.pdf import render_pdf

            return render_pdf(index, document, templates=folder, updated=updated,
                              site_url=site_url, errors=errors, plain=plain, look=look)
        from mvkplan.publish.exports.docx import render_docx

        return render_docx(index, document, templates=folder, updated=updated,
                           site_url=site_url, errors=errors, plain=plain, look=look)
    except MissingExtra as exc:
        fail(t("render.extra", format=fmt.upper(), module=exc.module, extra=exc.extra))


def _require_document(source: Corpus | PageCorpus, document: str,
                      errors: list[Problem] | None = None) -> None:
    """Exit 2 unless ``document`` is known; exit 1, with its errors, if it failed to load."""
    from mvkplan.checks.gate import blocking
    from mvkplan.checks.validate import Corpus
    from mvkplan.messages.i18n import t
    from mvkplan.messages.textmatch import closest
    from mvkplan.publish.render.single import PageCorpus

    page = source if not isinstance(source, Corpus) else \
        PageCorpus(source.index, source.loaded.problems, source.loaded.failed, source)

    if document in page.index.documents:
        return
    if errors is None:
        loading = page.corpus.loaded.problems if page.corpus is not None else page.problems
        errors = blocking(loading, page.files_of(document))
    if errors:
        _refuse(errors, t("render.invalid", id=document))
    close = closest(document, list(page.index.documents))
    hint = t("hint.did_you_mean", close=close) if close else t("render.unknown.hint")
    fail(f"{t('render.unknown', id=document)} ({hint})")


def _refuse(errors: list[Problem], message: str) -> NoReturn:
    """List the errors that stop publishing, say so, and exit 1 with nothing written."""
    from mvkplan.messages.reporters import Report, report_text

    report_text(Report(errors, len({p.path for p in errors})), sys.stderr)
    print(f"mvkplan: {message}", file=sys.stderr)
    raise typer.Exit(1)


def _templates(project: Project, option: Path | None) -> Path | None:
    from mvkplan.messages.i18n import t

    folder = option or (project.root / project.settings.templates
                        if project.settings.templates else None)
    if folder is not None and not folder.is_dir():
        fail(t("render.templates", path=folder))
    return folder


def _output_path(project: Project, output: str | None, default: str, name: str,
                 found: Discovery | None = None) -> Path:
    """Where to write: the path the user names (a folder, or ending in '/', gets ``name`` in
    it), never over an input document or the configuration (``found``: the documents, when
    this run already walked them)."""
    from mvkplan.project.outputs import OutputError, file_target

    try:
        return file_target(project, output or str(project.root / default), name, found)
    except OutputError as exc:
        fail(str(exc))


def _report_follow_ups_without_plan(index: LinkIndex) -> None:
    """Say which follow-ups a forced build leaves out because their plan could not be loaded
    (or is no plan), and why."""
    from mvkplan.messages.i18n import t
    from mvkplan.messages.terminal import printable
    from mvkplan.publish.render.site import follow_ups_left_out

    gaps = follow_ups_left_out(index)
    if gaps:
        print(t("build.left_out", count=len(gaps)), file=sys.stderr)
        for gap in gaps:
            key = "build.left_out.not_plan" if gap.loaded else "build.left_out.missing"
            print(f"  {printable(t(key, id=gap.document, plan=gap.plan))}", file=sys.stderr)


def _report_skipped(corpus: Corpus) -> None:
    """Say which files are left out of the site because they could not be read or loaded."""
    from mvkplan.messages.i18n import t
    from mvkplan.messages.problems import Severity
    from mvkplan.messages.terminal import printable

    broken = sorted({p.path for p in corpus.loaded.problems if p.severity >= Severity.ERROR})
    if broken:
        print(t("build.skipped", count=len(broken)), file=sys.stderr)
        for path in broken:
            print(f"  {printable(path)}", file=sys.stderr)


def _lint_errors(corpus: Corpus, no_cache: bool) -> dict[str, list[Problem]]:
    """Document id → its lint errors: the rules run over the corpus the build loaded (the
    run cache answers when nothing changed; with ``no_cache`` it is not read, but the answer
    is kept for the next run, as :func:`mvkplan.publish.render.single.loaded_for_pages` keeps
    the files' entries)."""
    import contextlib

    from mvkplan.checks.answers import answer
    from mvkplan.checks.common import LintConfigError
    from mvkplan.checks.gate import problems_by_document
    from mvkplan.checks.lint import lint_of
    from mvkplan.loading.cache import refreshing

    def loaded(
        project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
        ignore: Iterable[str] = (), cache: bool = True, discovered: Discovery | None = None,
    ) -> LintResult:
        return lint_of(corpus)  # the whole project, as loaded: lint's own answer

    try:
        with refreshing() if no_cache else contextlib.nullcontext():
            _files, problems = answer("lint", loaded, corpus.project, None, select=None,
                                      ignore=(), cache=True)
    except LintConfigError as exc:
        fail(str(exc))
    return problems_by_document(corpus, problems)


def _report_left_out(corpus: Corpus, selection: Selection) -> None:
    """Say on stderr which documents the site leaves out, and why (lint errors with codes)."""
    from mvkplan.checks.gate import Reason, one_line
    from mvkplan.index.cards import card_of
    from mvkplan.messages.i18n import t
    from mvkplan.messages.terminal import printable

    drafts = [o.document for o in selection.left_out if o.reason is Reason.DRAFT]
    if drafts:
        print(t("build.left_out.draft", count=len(drafts), ids=", ".join(map(printable, drafts))),
              file=sys.stderr)
    for out in selection.left_out:
        if out.reason is Reason.LINT:
            print(t("build.left_out.lint", id=printable(out.document), codes=", ".join(out.codes)),
                  file=sys.stderr)
            for problem in out.problems:
                print(f"  {printable(one_line(problem))}", file=sys.stderr)
        elif out.reason is Reason.PLAN:
            plan = card_of(corpus.index.documents[out.document]).plan or ""  # no model made
            if plan not in corpus.index.documents:  # named with the follow-ups without a plan
                continue
            print(t("build.left_out.plan", id=printable(out.document), plan=printable(plan)),
                  file=sys.stderr)


def _write(target: Path, data: bytes) -> None:
    from mvkplan.project.writing import write_atomic

    try:
        write_atomic(target, data)
    except OSError as exc:
        fail(f"{target}: {system_error(exc)}")


def _render_with_progress(pages, label, render_site):  # type: ignore[no-untyped-def]
    """Render the pages with a progress bar on stderr (only drawn on a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from mvkplan.cli.console import Console

    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[page]}"), console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task(label, total=len(pages), page="")

        def advance(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, page=path)

        return render_site(pages, advance)


def _shown(path: Path, root: Path) -> str:
    from mvkplan.project.paths import display_path

    return display_path(path, root)
