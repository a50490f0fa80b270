"""The Typer application and what every command shares."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from mvkplan import __version__
from mvkplan.cli.helptext import LocalizedGroup
from mvkplan.messages.words import system_error

if TYPE_CHECKING:
    from collections.abc import Iterator

    from typer.models import CommandInfo

    from mvkplan.messages.problems import Problem
    from mvkplan.messages.reporters import Report
    from mvkplan.project.config import Project

app = typer.Typer(
    name="mvkplan",
    help="Handlingsplaner mot mäns våld mot kvinnor som data: validera, granska, länka och publicera.\n\n"
    "Action plans against men's violence against women as data: validate, lint, link, publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=LocalizedGroup,
)


class Lang(str, Enum):
    """Message languages."""

    sv = "sv"
    en = "en"


class ProblemFormat(str, Enum):
    """Output formats for problems; mirrors mvkplan.messages.reporters.REPORTERS."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Språk för meddelanden / message language (default: locale)."),
]
ProblemFormatOption = Annotated[ProblemFormat, typer.Option("--format", "-f", help="Output format.")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Läs om alla filer / read every file again, ignoring .mvkplan_cache."),
]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="Filer eller mappar (standard: plans/ eller det som konfigurerats).",
                   show_default=False),
]


def _version(value: bool) -> None:
    if value:
        print(f"mvkplan {__version__}")
        raise typer.Exit()


# The language given before the command (``mvkplan --lang sv check``), for every command
# after it; set anew by each run of the program.
_before_command: dict[str, Lang | None] = {"lang": None}


def given_language(lang: Lang | None) -> str | None:
    """The language asked for on the command line: after the command, else before it."""
    chosen = lang or _before_command["lang"]
    return chosen.value if chosen else None


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """mvkplan."""
    _before_command["lang"] = lang


def user_path(path: Path) -> Path:
    """A path the user named on the command line, absolute and normalised (``a/../b`` is
    ``b``, so it is printed as one would write it; links are not resolved: shown as named).

    It may lie outside the repository: containment guards the paths that documents yield,
    not the folder a user chooses for the workbooks or responses.
    """
    return Path(os.path.abspath(path))


def fail(message: str) -> NoReturn:
    """Print a usage/config/I-O error and exit 2 (never a traceback)."""
    print(f"mvkplan: {message}", file=sys.stderr)
    raise typer.Exit(2)


def open_project(
    lang: Lang | None, *, documents: bool = True, paths: bool = False, named: list[Path] | None = None,
) -> Project:
    """Find the project, read its configuration and choose the message language.

    With ``documents`` (commands that read plans), a folder with neither a configuration nor
    the default plans folder is a usage error (exit 2), not an empty or failing run, unless
    files are ``named``: those are then checked on their own, as any linter checks the files
    it is given (:attr:`Project.standalone`); with
    ``paths``, a configured document path that does not exist is a usage error (exit 2), as
    the same path on the command line is.
    """
    from mvkplan.messages.i18n import detect_language, set_language, t
    from mvkplan.project.config import ConfigError, find_project

    lang = lang or _before_command["lang"]
    set_language(detect_language(given_language(lang)))
    try:
        project = find_project()
    except ConfigError as exc:
        fail(f"{exc.path}: " + t("E401", detail=exc.detail))
    if lang is None and project.settings.lang:
        set_language(detect_language(project.settings.lang))
    _settle_interrupted_import(project.root)
    if documents and project.config_file is None and not any(
            path.exists() for path in project.document_paths()):
        if named:
            return _standalone(project.root)
        fail(t("E404", path=project.root))
    if paths:
        for path in project.document_paths():
            if not path.exists() and not path.is_symlink():
                where = f"{project.config_file}: " if project.config_file else ""
                fail(where + t("E402", path=path))
    return project


def _standalone(here: Path) -> Project:
    """A run over named files with no project around them: no configured paths, no cache."""
    from mvkplan.project.config import Project, Settings

    return Project(root=here, settings=Settings(paths=[]), standalone=True)


def outside_project(project: Project, problems: list[Problem]) -> list[Problem]:
    """``problems`` with a link to a document not among the named files saying why it is
    not there (no project to find it in), where the check had no closer guess to offer."""
    if not project.standalone:
        return problems
    from dataclasses import replace

    from mvkplan.messages.i18n import t

    return [replace(p, hint=t("E301.standalone")) if p.code == "E301" and p.hint is None else p
            for p in problems]


def _settle_interrupted_import(root: Path) -> None:
    """Finish (or undo) an import killed half-way before any command reads a file, so that no
    command ever sees some follow-ups new and some old (:mod:`mvkplan.cycle.recording.journal`)."""
    from mvkplan.cycle.recording.journal import JOURNAL, JournalError, recover

    if not (root / JOURNAL).exists():
        return
    from mvkplan.cycle.recording import messages as _messages  # noqa: F401  (registers the R codes)
    from mvkplan.messages.i18n import t

    try:
        recovered = recover(root)
    except JournalError as exc:
        fail(t("R106", path=exc.path, detail=exc.detail) + "\n  " + t("R106.hint"))
    except OSError as exc:
        fail(t("R104", path=exc.filename or "", detail=system_error(exc)))
    for path in recovered.completed:
        print(t("record.completed", path=path), file=sys.stderr)
    for path in recovered.undone:
        print(t("record.undone", path=path), file=sys.stderr)


NoSourceOption = Annotated[
    bool,
    typer.Option("--no-source", help="Visa inte källraden under syntax- och schemafel / do not "
                                     "show the source line under syntax and schema errors."),
]


def emit(report: Report, fmt: ProblemFormat, root: Path | None = None) -> None:
    """Print a report in the chosen format (the text format with source lines from ``root``)."""
    from mvkplan.messages.reporters import REPORTERS, file_lines

    if root is not None and fmt is ProblemFormat.text:
        report.sources = file_lines(root)
    REPORTERS[fmt.value](report, sys.stdout)


INTERRUPTED = ("mvkplan: interrupted (Ctrl-C)", "mvkplan: avbrutet (Ctrl-C)")
_MAIN_PROCESS = os.getpid()
_said: list[bool] = []
"""Holds True once the interrupted line is written: the run then ends with 130, whatever
caught the KeyboardInterrupt on its way."""


_stderr: list[int] = []
"""A copy of the standard error the run started with: the interrupted line goes there even
while file descriptor 2 is pointed elsewhere (rapidyaml's parse silences its own messages so)."""


def main() -> None:
    """Console-script entry point; Ctrl-C ends any command with one line and exit 130."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        with contextlib.suppress(OSError):  # (no standard error at all: the line has nowhere to go)
            _stderr.append(os.dup(2))
        signal.signal(signal.SIGINT, _interrupted)
    try:
        try:
            with _only_the_command_named(app, sys.argv[1:2]):
                app()
        finally:
            # The command is done: a Ctrl-C after this would raise outside (in runpy, while
            # exiting) and end the process by the signal, with a traceback.
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                if _said and hasattr(signal, "setitimer"):  # a re-raise not yet due: not now
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    except KeyboardInterrupt:  # raised where Typer does not catch it (its own start, its exit,
        # or just as the command ended, before the line above ignores the signal)
        raise SystemExit(130) from None
    except SystemExit as exit_:
        if _said and exit_.code != 130:
            # The line was written, so the exit says so too (the KeyboardInterrupt was lost
            # where Python cannot raise it, and the command went on to its end).
            raise SystemExit(130) from None
        if _reader_gone():
            raise SystemExit(BROKEN_PIPE) from None
        raise
    if _said:
        raise SystemExit(130)


BROKEN_PIPE = 141
"""The exit code of a command whose reader went away (``mvkplan lint | head``): what a shell
shows for a program ended by SIGPIPE, as ``cat`` ends. Click's own answer, 1, says "problems
found", which nobody checked."""


def _reader_gone() -> bool:
    """Whether the command's output stopped on a broken pipe: met by Click (which then wraps
    the standard streams so that Python's last flush is silent) or by a rich console
    (:mod:`mvkplan.cli.console`); both exit with 1."""
    from typer._click.utils import PacifyFlushWrapper

    console = sys.modules.get("mvkplan.cli.console")  # imported by every command that prints with rich
    return isinstance(sys.stdout, PacifyFlushWrapper) or bool(console and console.READER_GONE.is_set())


@contextlib.contextmanager
def _only_the_command_named(whole: object, first: list[str]) -> Iterator[None]:
    """While the command line runs, the app ``whole`` holds only the command its first word names.

    Typer turns every registered command into a Click command (every parameter's type read
    from its signature) before it parses a word: a tenth of a warm run's time. A command named
    first is the command that runs, and it is built alike alone; a command line that starts
    with an option, names a group of commands or no command at all, or completes a word in
    the shell (``_MVKPLAN_COMPLETE``) sees every command.
    """
    chosen = [info for info in getattr(whole, "registered_commands", [])
              if first and _name(info) == first[0]]
    if (not isinstance(whole, typer.Typer) or len(chosen) != 1
            or any(name.endswith("_COMPLETE") for name in os.environ)):
        yield
        return
    commands, groups = whole.registered_commands, whole.registered_groups
    whole.registered_commands, whole.registered_groups = chosen, []
    try:
        yield
    finally:
        whole.registered_commands, whole.registered_groups = commands, groups


def _name(info: CommandInfo) -> str | None:
    """The name a registered command is called by (Typer's rule: its function's, with dashes)."""
    from typer.main import get_command_name

    if info.name:
        return info.name
    return get_command_name(info.callback.__name__) if info.callback else None


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: say so once, then unwind as Python does (``finally`` blocks remove temporary
    files, worker pools are ended; Typer turns the KeyboardInterrupt into exit 130).

    A forked worker process (it has this handler too, and the terminal sends Ctrl-C to the
    whole process group) ignores it silently: its parent is unwinding and ends the pool (a
    worker ending itself could die holding the pool's queue lock, and the parent would hang).
    Once interrupted, a second Ctrl-C is ignored and what the unwinding leaves to report
    (a generator closed half-way, a worker's thread: "Exception ignored in …") is not printed,
    so a user sees one line and no traceback.
    """
    if os.getpid() != _MAIN_PROCESS:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.unraisablehook = _unraisable
    _said.append(True)
    from mvkplan.messages.i18n import chosen_language, get_language, language_chosen

    # The language the command line asks for: the signal may come before Typer has read it.
    language = get_language() if language_chosen() else chosen_language(sys.argv[1:])
    line = INTERRUPTED[1 if language == "sv" else 0]
    with contextlib.suppress(OSError):  # not print(): stderr may be mid-write in this thread
        os.write(_stderr[0] if _stderr else 2, (line + "\n").encode("utf-8"))
    raise KeyboardInterrupt


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """After Ctrl-C, what Python cannot raise is not printed; but the KeyboardInterrupt itself,
    raised while Python ran a finaliser or a weakref callback (where it cannot propagate and
    is dropped), is raised again a moment later, when the program has gone on, so the
    command still stops."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and hasattr(signal, "setitimer"):
        # Not raised from here: this hook runs inside the same finaliser.
        signal.signal(signal.SIGALRM, _raise_again)
        signal.setitimer(signal.ITIMER_REAL, 0.01)


def _raise_again(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
