"""``mvkplan init`` (a plans repository of one's own) and ``mvkplan serve`` (live preview)."""

from __future__ import annotations

import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mvkplan.cli.app import LangOption, app, fail, given_language, open_project
from mvkplan.messages.words import system_error


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Mapp att skapa arkivet i / folder for the new "
                                                "repository (default: the current folder).")]
    = Path("."),
    county: Annotated[str | None, typer.Option(
        "--county", help="Your county: id, code or name, e.g. kronoberg.", show_default=False)] = None,
    no_git: Annotated[bool, typer.Option(
        "--no-git", help="Do not make the folder a git repository with a first commit.")] = False,
    lang: LangOption = None,
) -> None:
    """Skapa ett eget planarkiv / start a plans repository of your own.

    Writes mvkplan.toml, plans/, the editor schema, .pre-commit-config.yaml, a GitHub Actions
    workflow running 'mvkplan check' and a README for the coordinator, whose install line is
    where this mvkplan was installed from ('install' in mvkplan.toml), then makes the folder a
    git repository with a first commit (unless --no-git, or it is inside one already).
    Existing files are never overwritten: if any is there already, nothing is written (exit 2).
    """
    from mvkplan.messages.i18n import detect_language, set_language, t
    from mvkplan.start.gitrepo import git_program
    from mvkplan.start.init import StarterError, starter_files, write_starter

    set_language(detect_language(given_language(lang)))
    git = None if no_git else git_program()
    if not no_git and git is None:  # said before anything is written
        fail(t("init.no_git"))
    county_id = county_name = None
    if county:
        from mvkplan.cli.catalog_options import resolve_entry
        from mvkplan.index.linkindex import LinkIndex
        from mvkplan.loading.load import iter_documents
        from mvkplan.loading.shipped import shipped_documents

        index = LinkIndex.build(iter_documents(shipped_documents()))
        county_id = resolve_entry(index, "counties", county, "--county")
        entry = index.item(f"counties/{county_id}")
        county_name = getattr(entry.obj if entry else None, "name", None)
    try:
        written = write_starter(folder, starter_files(county_id, county_name))
    except StarterError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or folder}: {system_error(exc)}")
    for path in written:
        print(path)
    if git is not None:
        _first_commit(folder, git, written)
    from mvkplan.start.install import installed_from

    origin = installed_from()
    if origin.local:  # the generated README and CI workflow would name a path on this machine
        print(t("init.install_local", requirement=origin.requirement), file=sys.stderr)
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    print("\n" + t("init.next", where=where), file=sys.stderr)


def _first_commit(folder: Path, git: str, files: list[Path]) -> None:
    """Make ``folder`` a git repository with a first commit, and say what was done."""
    from mvkplan.messages.i18n import t
    from mvkplan.start.gitrepo import GitError, first_commit

    try:
        done = first_commit(folder, git, files)
    except GitError as exc:
        fail(t("init.git_failed", detail=exc.detail))
    if done.inside is not None:
        print(t("init.inside_git", path=done.inside), file=sys.stderr)
    else:
        print(t("init.committed"), file=sys.stderr)


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535,
                                                help="Port on 127.0.0.1 (0: any free one).")] = 8000,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="Templates overriding the shipped ones.", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    """Förhandsvisa webbplatsen och bygg om när du sparar / live preview on localhost.

    Builds the site into a temporary folder, serves it on http://127.0.0.1:PORT/ and rebuilds
    on every save of a plan, the configuration or a template. Errors are shown at the top of
    every page. Stop with Ctrl+C.
    """
    from mvkplan.messages.i18n import t

    project = open_project(lang)
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        fail(t("serve.extra"))
    from mvkplan.publish.serve.server import Preview

    with tempfile.TemporaryDirectory(prefix="mvkplan-serve-") as out:
        preview = Preview(project.root, Path(out), port=port, templates=templates,
                          log=lambda line: print(line, flush=True))
        try:
            address = preview.start()
        except OSError as exc:
            fail(f"127.0.0.1:{port}: {system_error(exc)}")
        print(t("serve.serving", address=address), flush=True)
        # SIGTERM (a service manager, a test) ends the preview as Ctrl+C does: cleanly
        signal.signal(signal.SIGTERM, lambda _signum, _frame: preview.stop_event.set())
        logging.getLogger("watchfiles").setLevel(logging.ERROR)
        try:
            preview.watch()
        except KeyboardInterrupt:
            pass
        finally:
            preview.stop()
