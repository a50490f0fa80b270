"""``mvkplan lint`` and ``mvkplan rules``."""

from __future__ import annotations

import json
import re
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mvkplan.cli.app import (
    LangOption,
    NoCacheOption,
    NoSourceOption,
    PathsArgument,
    ProblemFormat,
    ProblemFormatOption,
    StrictOption,
    app,
    emit,
    fail,
    open_project,
    outside_project,
    user_path,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mvkplan.checks.rules import Rule
    from mvkplan.messages.problems import Problem
    from mvkplan.project.config import Project

SelectorOption = list[str] | None


@app.command()
def lint(
    paths: PathsArgument = None,
    fmt: ProblemFormatOption = ProblemFormat.text,
    strict: StrictOption = False,
    select: Annotated[SelectorOption, typer.Option(
        "--select", help="Run only these rules (codes, names or prefixes; replaces the "
        "configured 'select'). Repeat or separate with commas.", show_default=False,
    )] = None,
    ignore: Annotated[SelectorOption, typer.Option(
        "--ignore", help="Skip these rules too (added to the configured 'ignore').",
        show_default=False,
    )] = None,
    no_source: NoSourceOption = False,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Granska planernas kvalitet / check the plans against the field's quality rules.

    Exit 0 when no error remains (no warning either with --strict), 1 otherwise, 2 on usage,
    configuration or I/O errors. 'mvkplan rules' lists the rules.
    """
    from mvkplan.checks.answers import lint_answer

    _answer_and_report(lint_answer, open_project(lang, paths=True, named=paths), paths, fmt, strict=strict,
                       select=select, ignore=ignore, no_source=no_source, no_cache=no_cache)


@app.command()
def check(
    paths: PathsArgument = None,
    fmt: ProblemFormatOption = ProblemFormat.text,
    strict: StrictOption = False,
    select: Annotated[SelectorOption, typer.Option(
        "--select", help="Run only these lint rules (codes, names or prefixes).",
        show_default=False,
    )] = None,
    ignore: Annotated[SelectorOption, typer.Option(
        "--ignore", help="Skip these lint rules too.", show_default=False,
    )] = None,
    no_source: NoSourceOption = False,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Validera och granska i ett svep / validate and lint in one pass (for CI and pre-commit).

    One report and one exit code: 0 when no error remains (no warning either with --strict),
    1 otherwise, 2 on usage, configuration or I/O errors.
    """
    from mvkplan.checks.answers import check_answer

    _answer_and_report(check_answer, open_project(lang, named=paths), paths, fmt, strict=strict,
                       select=select, ignore=ignore, no_source=no_source, no_cache=no_cache)


def _answer_and_report(
    answer: Callable[..., tuple[int, list[Problem]]], project: Project, paths: list[Path] | None,
    fmt: ProblemFormat, *, strict: bool, select: list[str] | None, ignore: list[str] | None,
    no_source: bool, no_cache: bool,
) -> None:
    """Run ``lint_answer`` or ``check_answer`` over ``paths`` and print the report; exits."""
    from mvkplan.checks.common import LintConfigError
    from mvkplan.messages.i18n import t
    from mvkplan.messages.problems import exit_code_for
    from mvkplan.messages.reporters import Report

    targets = [user_path(p) for p in paths or []]
    for target in targets:
        if not target.exists():
            fail(t("E402", path=target))
    _check_selectors(select, ignore)
    try:
        files, problems = answer(project, targets or None, select=_split(select),
                                 ignore=_split(ignore) or (),
                                 cache=not no_cache and not project.standalone)
    except LintConfigError as exc:
        where = project.config_file.name if project.config_file else "mvkplan"
        fail(f"{where}: {exc.message}")
    report = Report(outside_project(project, problems), files)
    if fmt is ProblemFormat.sarif:  # the only format that lists the rules (the others need no rule loaded)
        report.rules, report.rule_metadata = _rule_summaries(), _rule_metadata()
    emit(report, fmt, None if no_source else project.root)
    raise typer.Exit(exit_code_for(problems, strict=strict))


class RulesFormat(str, Enum):
    """Output formats of 'mvkplan rules'."""

    text = "text"
    json = "json"


@app.command()
def rules(
    rule: Annotated[str | None, typer.Argument(
        help="A rule's code or name, to explain that rule.", show_default=False)] = None,
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
    lang: LangOption = None,
) -> None:
    """Lista granskningsreglerna / list the lint rules, or explain one."""
    from mvkplan.checks.lint import unknown_rule_message
    from mvkplan.checks.rules import RULES, find_rule

    open_project(lang, documents=False)
    chosen = list(RULES)
    if rule is not None:
        found = find_rule(rule)
        if found is None:
            fail(unknown_rule_message(rule))
        chosen = [found]
    if fmt is RulesFormat.json:
        data = [_rule_data(r) for r in chosen]
        sys.stdout.write(json.dumps(data if rule is None else data[0], ensure_ascii=False,
                                    indent=2) + "\n")
    elif rule is None:
        print("\n".join(_rule_lines(chosen)))
    else:
        print(_explain(chosen[0]))


def _rule_lines(chosen: list[Rule]) -> list[str]:
    """One line a rule (code, name, severity, summary) when every line fits the width (a
    terminal's, COLUMNS, or 80 into a pipe); else the summary on its own line beneath, wrapped
    only if even that is too long."""
    import textwrap

    from mvkplan.messages.i18n import t
    from mvkplan.messages.terminal import line_width

    width = max(len(r.name) for r in chosen)
    severities = {r.severity.label: t(f"severity.{r.severity.label}") for r in chosen}
    label = max(len(s) for s in severities.values())
    heads = [f"{r.code}  {r.name:<{width}}  {severities[r.severity.label]:<{label}}" for r in chosen]
    room = line_width()
    if all(len(head) + 2 + len(r.summary) <= room for head, r in zip(heads, chosen, strict=True)):
        return [f"{head}  {r.summary}" for head, r in zip(heads, chosen, strict=True)]
    lines = []
    for head, r in zip(heads, chosen, strict=True):
        lines.append(head.rstrip())
        lines += textwrap.wrap(r.summary, max(room - 4, 20), initial_indent="    ",
                               subsequent_indent="    ")
    return lines


def _check_selectors(select: list[str] | None, ignore: list[str] | None) -> None:
    """A rule named on the command line that does not exist: exit 2 naming the option, not the config."""
    for option, values in (("--select", select), ("--ignore", ignore)):
        for selector in _split(values) or []:
            from mvkplan.checks.lint import unknown_rule_message
            from mvkplan.checks.rules import select_rules

            if not select_rules(selector):
                fail(f"{option}: {unknown_rule_message(selector)}")


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _rule_summaries() -> dict[str, str]:
    from mvkplan.checks.rules import RULES

    return {r.code: r.summary for r in RULES}


def _rule_metadata() -> dict[str, dict[str, Any]]:
    """SARIF properties of every rule: name, full help and default level."""
    from mvkplan.checks.rules import RULES

    levels = {"error": "error", "warning": "warning", "info": "note"}
    return {
        r.code: {
            "name": r.name,
            "fullDescription": {"text": r.title},
            "help": {"text": r.doc, "markdown": r.doc},
            "defaultConfiguration": {"level": levels[r.severity.label]},
        }
        for r in RULES
    }


def _options(rule: Rule) -> list[dict[str, object]]:
    from mvkplan.checks.rules.docs_sv import OPTIONS_SV
    from mvkplan.messages.i18n import get_language

    if rule.options is None:
        return []
    defaults = rule.options()
    described = rule.options.descriptions()
    swedish = get_language() == "sv"
    return [
        {"name": field.alias or name, "default": getattr(defaults, name),
         "description": (OPTIONS_SV.get((rule.code, field.alias or name)) if swedish else None)
         or described.get(name, "")}
        for name, field in rule.options.model_fields.items()
    ]


def _rule_data(rule: Rule) -> dict[str, object]:
    return {
        "code": rule.code, "name": rule.name, "severity": rule.severity.label,
        "summary": rule.summary, "doc": rule.documentation, "options": _options(rule),
    }


def _explain(rule: Rule) -> str:
    from mvkplan.messages.i18n import t

    severity = t(f"severity.{rule.severity.label}")
    # The documentation's first paragraph is its own one-line summary: the rule's summary
    # stands in its place, so the reader is not told the same thing twice.
    _first, _, rest = rule.documentation.partition("\n\n")
    lines = [f"{rule.code} {rule.name} ({severity})", "", rule.summary, "", _terminal(rest.strip())]
    options = _options(rule)
    if options:
        lines += ["", t("rules.options", code=rule.code)]
        lines += [f"  {o['name']} = {json.dumps(o['default'], ensure_ascii=False)}"
                  f"    {_terminal(str(o['description']))}" for o in options]
    return "\n".join(lines)


def _terminal(text: str) -> str:
    """Docstring markup read as plain text: ``code`` becomes 'code'; the fences around an
    example (```yaml, ```) go, its indentation shows it."""
    text = re.sub(r"(?m)^[ \t]*```[a-z]*[ \t]*(?:\n|\Z)", "", text).rstrip()
    return re.sub(r"(?<!`)``([^`]+?)``(?!`)", r"'\1'", text)
