"""Errors in the command line itself (exit 2), worded by us in the user's language.

The command-line library raises one exception class per kind of mistake and keeps what it
needs on it (the option, the parameter, the close matches); its own message text is English
and, for a bad value, Pydantic's ("Value error, 'pdfx' is not one of …"). So the message is
built here from those facts alone: the option named as the user wrote it, the value given,
what it accepts (read from the parameter's type), and close matches as "menade du …?".
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Any

from mvkplan.cli.helpformat import annotation, choices, option_name, or_list, usage_line
from mvkplan.messages.i18n import t
from mvkplan.messages.terminal import printable


def describe(error: Any, args: list[str]) -> str:
    """The message of a usage error (a Click ``UsageError`` or one of its subclasses) in the
    command line ``args``."""
    kind = type(error).__name__
    ctx = getattr(error, "ctx", None)
    if kind == "NoSuchOption":
        return _no_such_option(error, ctx)
    if kind == "MissingParameter":
        param = error.param
        if param is None:
            return t("cli.usage_error", detail=error.format_message())
        if getattr(param, "param_type_name", "") == "argument":
            return t("cli.missing_argument", name=option_name(param))
        return t("cli.missing_option", name=option_name(param))
    if kind == "BadParameter":
        return _bad_value(error, ctx, args)
    if kind == "BadOptionUsage":
        option = printable(error.option_name)
        if "does not take" in error.message:
            return t("cli.takes_no_value", option=option)
        return t("cli.requires_value", option=option)
    if kind == "NoArgsIsHelpError":
        return ""
    return _other(error, ctx)


def _no_such_option(error: Any, ctx: Any) -> str:
    option = printable(error.option_name)
    message = t("cli.no_such_option", option=option)
    if option == "--lang" or option.startswith("--lang="):
        return message + "; " + t("cli.lang_where", command=_subcommand(ctx))
    known = sorted({name for param in (ctx.command.get_params(ctx) if ctx else [])
                    for name in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
                    if name.startswith("-")})
    close = list(error.possibilities or []) or difflib.get_close_matches(option, known, n=3)
    if close:
        message += "; " + t("cli.did_you_mean", names=or_list(sorted(close)))
    return message


def _subcommand(ctx: Any) -> str:
    """The command being given, without the program's name (``survey export``)."""
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return " ".join(names) or "check"


def _bad_value(error: Any, ctx: Any, args: list[str]) -> str:
    param = error.param
    if param is None:
        return _other(error, ctx)
    value = _given_value(param, args)
    message = (t("cli.invalid_value", option=option_name(param), value=printable(value)) if value
               else t("cli.invalid_value_of", option=option_name(param)))
    values = choices(param)
    kind = annotation(param)
    if values:
        close = difflib.get_close_matches(value, values, n=2)
        message += "; " + t("cli.expect.choice", choices=or_list(values))
        if close and close != values:
            message += "; " + t("cli.did_you_mean", names=or_list(close))
    elif kind is int and (getattr(param, "min", None) is not None or getattr(param, "max", None) is not None):
        message += "; " + t("cli.expect.int_range", low=param.min, high=param.max)
    elif kind is int:
        message += "; " + t("cli.expect.int")
    elif kind is float:
        message += "; " + t("cli.expect.float")
    elif isinstance(kind, type) and issubclass(kind, Path):
        message += "; " + t("cli.expect.path")
    return message


def _given_value(param: Any, args: list[str]) -> str:
    """What the user wrote for option ``param``: the last value given for it in ``args``."""
    found = ""
    for index, arg in enumerate(args):
        for name in getattr(param, "opts", []):
            if arg == name and index + 1 < len(args):
                found = args[index + 1]
            elif arg.startswith(name + "="):
                found = arg.split("=", 1)[1]
    return found


def _other(error: Any, ctx: Any) -> str:
    message = str(getattr(error, "message", error))
    if message.startswith("No such command"):
        name = message.split("'", 2)[1] if message.count("'") >= 2 else ""
        names = list(getattr(ctx.command, "commands", {})) if ctx is not None else []
        text = t("cli.no_such_command", name=printable(name))
        close = difflib.get_close_matches(name, names, n=3)
        if close:
            return text + "; " + t("cli.did_you_mean", names=or_list(close))
        return text + "; " + t("cli.commands_are", names=or_list(names))
    if message.startswith("Missing command"):
        names = list(getattr(ctx.command, "commands", {})) if ctx is not None else []
        return t("cli.missing_command", names=or_list(names))
    if message.startswith("Got unexpected extra argument"):
        extra = message.rsplit(" (", 1)[-1].rstrip(")")
        return t("cli.extra_arguments", arguments=printable(extra))
    return t("cli.usage_error", detail=printable(message))


def print_usage_error(error: Any, args: list[str]) -> None:
    """Print the usage line, where to find help, and the error (to standard error)."""
    from rich.panel import Panel
    from rich.text import Text

    from mvkplan.cli.console import Console
    from mvkplan.messages.terminal import output_width

    console = Console(stderr=True, width=output_width(piped=80, stream=sys.stderr), highlight=False)
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        console.print(Text(usage_line(ctx.command, ctx)))
        console.print(Text(t("cli.try", command=ctx.command_path, option=ctx.help_option_names[0]),
                           style="dim"))
    console.print(Panel(Text(describe(error, args)), title=t("cli.error"), title_align="left",
                        border_style="red"))
