"""Help pages in the user's language, laid out as Typer lays them out.

Typer prints its own words around our help texts ("Usage:", "Options", "[default: …]",
"[required]") and shows each option's Python type (``<bool>``, ``<list[Path]>``); its strings
are fixed when it is imported. So every command's help is printed here instead, from the
public attributes of its parameters (``opts``, ``help``, ``required``, ``default``,
``is_flag``, ``hidden``) and the annotation Typer keeps for each (``type_descriptor``): a flag
shows no type, a choice its values, anything else a word in the user's language.
"""

from __future__ import annotations

import datetime
import inspect
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from mvkplan.messages.i18n import has, t


def annotation(param: Any) -> Any:
    """The Python type a parameter's values have (``list[X]`` and ``X | None`` unwrapped to X)."""
    declared = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    while True:
        args = [arg for arg in typing.get_args(declared) if arg is not type(None)]
        if not args or declared is None:
            return declared
        declared = args[0]


def choices(param: Any) -> list[str] | None:
    """The values a parameter accepts, when it is a choice (an Enum)."""
    kind = annotation(param)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [str(member.value) for member in kind]
    return None


def value_word(param: Any) -> str:
    """What follows an option in the help: nothing for a flag, ``a|b|c`` for a choice, else a word."""
    if getattr(param, "is_flag", False) or annotation(param) is bool:
        return ""
    values = choices(param)
    if values:
        return "|".join(values)
    kind = annotation(param)
    for python, key in ((bool, ""), (int, "cli.type.int"), (float, "cli.type.float"),
                        (Path, "cli.type.path"), (datetime.date, "cli.type.date")):
        if isinstance(kind, type) and issubclass(kind, python):
            return t(key) if key else ""
    return t("cli.type.text")


def argument_name(param: Any) -> str:
    """An argument as the usage line shows it, in the user's language (``[SÖKVÄGAR]...``)."""
    key = f"cli.arg.{param.name}"
    if has(key):
        return t(key)
    name = (param.name or "").upper()
    name = name if param.required else f"[{name}]"
    return name + ("..." if getattr(param, "nargs", 1) != 1 else "")


def option_name(param: Any) -> str:
    """How an error names a parameter: its option names, or its argument name."""
    if getattr(param, "param_type_name", "") == "argument":
        return argument_name(param)
    return " / ".join(f"'{name}'" for name in param.opts)


def or_list(values: list[str]) -> str:
    """``'a', 'b' or 'c'`` in the user's language."""
    quoted = [f"'{value}'" for value in values]
    if len(quoted) < 2:
        return "".join(quoted)
    return t("cli.or", first=", ".join(quoted[:-1]), last=quoted[-1])


def default_text(param: Any) -> str | None:
    """The default shown in the help, or None (flags, empty and unset defaults are not shown)."""
    shown = getattr(param, "show_default", None)
    if isinstance(shown, str):
        return shown
    default = getattr(param, "default", None)
    if not shown or getattr(param, "is_flag", False) or default in (None, (), [], False):
        return None
    return str(default.value if isinstance(default, Enum) else default)


def usage_line(command: Any, ctx: Any) -> str:
    """``Användning: mvkplan check [FLAGGOR] [SÖKVÄGAR]...``."""
    parts = [t("cli.usage"), ctx.command_path, t("cli.usage.options")]
    if getattr(command, "commands", None):
        parts.append(t("cli.usage.command"))
    parts += [argument_name(param) for param in command.get_params(ctx)
              if getattr(param, "param_type_name", "") == "argument" and not getattr(param, "hidden", False)]
    return " ".join(parts)


def _paragraphs(text: str) -> list[str]:
    """Help text as paragraphs, each on one line (a paragraph marked ``\\b`` keeps its breaks)."""
    text = inspect.cleandoc(text).partition("\f")[0]
    return [part.strip("\b\n") if part.startswith("\b") else " ".join(part.split())
            for part in text.split("\n\n") if part.strip()]


def print_help(command: Any, ctx: Any) -> None:
    """Print the help page of ``command`` (a command or a group) to standard output."""
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from mvkplan.cli.console import Console
    from mvkplan.messages.terminal import output_width

    console = Console(width=output_width(piped=80), highlight=False)
    console.print(Padding(Text(usage_line(command, ctx)), 1))
    paragraphs = _paragraphs(command.help or "")
    if paragraphs:
        body = Text(paragraphs[0])
        for paragraph in paragraphs[1:]:
            body.append("\n\n" + paragraph, style="dim")
        console.print(Padding(body, (0, 1, 1, 1)))
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [p for p in params if getattr(p, "param_type_name", "") == "argument"]
    options = [p for p in params if getattr(p, "param_type_name", "") != "argument"]
    for title, group in ((t("cli.panel.arguments"), arguments), (t("cli.panel.options"), options)):
        if not group:
            continue
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        required = any(param.required for param in group)
        for param in group:
            row: list[Any] = ["*" if param.required else ""] if required else []
            if param in arguments:
                row += [Text(argument_name(param)), Text("")]
            else:
                long = [o for o in param.opts if o.startswith("--")] + [o for o in param.secondary_opts
                                                                         if o.startswith("--")]
                short = [o for o in param.opts if not o.startswith("--")]
                row += [Text(",".join(long), style="bold cyan"), Text(",".join(short), style="bold green")]
            row.append(Text("" if param in arguments else value_word(param), style="bold yellow"))
            help_text = Text(" ".join((param.help or "").split()))
            default = default_text(param)
            if default is not None:
                help_text.append(" " + t("cli.default", value=default), style="dim")
            if param.required:
                help_text.append(" " + t("cli.required"), style="dim red")
            row.append(help_text)
            table.add_row(*row)
        console.print(Panel(table, title=title, title_align="left", border_style="dim"))
    commands = getattr(command, "commands", None)
    if commands:
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        for name, sub in commands.items():
            if getattr(sub, "hidden", False):
                continue
            summary = _paragraphs(sub.short_help or sub.help or "")
            table.add_row(Text(name, style="bold cyan"), Text(summary[0] if summary else ""))
        console.print(Panel(table, title=t("cli.panel.commands"), title_align="left", border_style="dim"))
