"""Reporters: problems → text for people or machines. The registry defines ``--format``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from mvkplan import __version__
from mvkplan.messages.i18n import count, t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.messages.terminal import printable

MAX_PER_FILE = 100
"""Problems shown per file in the text and github formats; the rest are counted in one line
("… and N more"). JSON and SARIF keep every problem."""


@dataclass
class Report:
    """What a command found: the problems, how many files it read, and rule descriptions."""

    problems: list[Problem]
    files: int
    rules: dict[str, str] = field(default_factory=dict)
    """Code → one-line description, for formats that list rules (SARIF)."""
    rule_metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Code → further SARIF reportingDescriptor properties (name, help, defaultConfiguration)."""
    sources: Callable[[str], list[str] | None] | None = None
    """Shown path → the file's lines, for the text format's source excerpts (None: no excerpts)."""

    @property
    def counts(self) -> dict[str, int]:
        """Number of problems per severity."""
        return {
            s.label: sum(1 for p in self.problems if p.severity == s) for s in Severity
        }

    def summary(self) -> str:
        """One line: all valid, or how many problems in how many files."""
        if not self.problems:
            if self.files <= 1:
                return t("summary.clean.one" if self.files == 1 else "summary.clean.none")
            return t("summary.clean", files=count(self.files, "file"))
        counts = self.counts
        parts = [count(counts["error"], "error"), count(counts["warning"], "warning")]
        if counts["info"]:
            parts.append(count(counts["info"], "info"))
        return t("summary.problems", problems=count(len(self.problems), "problem"),
                 counts=", ".join(parts), bad=len({p.path for p in self.problems}),
                 files=count(max(self.files, 1), "file"))


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


_ANSI = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def report_text(report: Report, out: TextIO) -> None:
    """``path:line:col: CODE message`` and an indented hint, then a summary line."""
    colour = _colour(out)
    hint_label = t("hint.label")
    for p, more in capped(report.problems):
        if more:
            out.write(f"{printable(p.path)}: {t('report.more', count=more)}\n")
            continue
        code = f"{_ANSI[p.severity]}{p.code}\033[0m" if colour else p.code
        severity = t(f"severity.{p.severity.label}")
        where = f"{printable(p.path)}:{printable(p.place)}" if p.place else _place(p)
        out.write(f"{where}: {code} [{severity}] {printable(p.message)}\n")
        if report.sources is not None and p.line and not p.place and p.code[:2] in SOURCE_CODES:
            out.write(source_excerpt(report.sources(p.path), p.line, p.column))
        if p.hint:
            out.write(f"    {hint_label}: {printable(p.hint)}\n")
    out.write(report.summary() + "\n")


SOURCE_CODES = ("E1", "E2")
"""Syntax and schema problems: the ones whose source line the text format shows."""


def source_excerpt(lines: list[str] | None, line: int, column: int) -> str:
    """The offending line with a caret under the column, as ruff and rustc print it."""
    if not lines or line < 1:
        return ""
    if line > len(lines):  # the parser stopped at the end of the file: show its last line
        line, column = len(lines), len(lines[-1]) + 1
    text = lines[line - 1].rstrip("\r\n")
    number = str(line)
    pad = " " * len(number)
    # keep tabs in the indentation so that the caret lines up with what the terminal shows
    lead = "".join(ch if ch == "\t" else " " for ch in text[: max(column - 1, 0)])
    return f"  {number} | {text}\n  {pad} | {lead}^\n"


def file_lines(root: Path) -> Callable[[str], list[str] | None]:
    """Read (once) the lines of the files problems are shown against, relative to ``root``."""
    cache: dict[str, list[str] | None] = {}

    def lines(shown: str) -> list[str] | None:
        if shown not in cache:
            try:
                data = (root / shown).read_bytes()
                cache[shown] = data.decode("utf-8", errors="replace").splitlines()
            except OSError:
                cache[shown] = None
        return cache[shown]

    return lines


def _place(p: Problem) -> str:
    """``path:line:col``, or only the path for a problem about the whole file (as ruff does)."""
    path = printable(p.path)
    return f"{path}:{p.line}:{p.column}" if p.line else path


def capped(problems: list[Problem], limit: int = MAX_PER_FILE) -> Iterator[tuple[Problem, int]]:
    """The problems (sorted by file) with at most ``limit`` per file; after a file's last
    shown problem, one ``(problem, N)`` pair saying N more were left out."""
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for index, p in enumerate(problems):
        shown[p.path] = shown.get(p.path, 0) + 1
        if shown[p.path] <= limit:
            yield p, 0
        else:
            hidden[p.path] = hidden.get(p.path, 0) + 1
        following = problems[index + 1].path if index + 1 < len(problems) else None
        if following != p.path and hidden.get(p.path):
            yield p, hidden.pop(p.path)


def report_json(report: Report, out: TextIO) -> None:
    """A JSON object with the problems and a summary, for scripts."""
    data = {
        "version": __version__,
        "files": report.files,
        "counts": report.counts,
        "problems": [p.to_dict() for p in report.problems],
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report_github(report: Report, out: TextIO) -> None:
    """GitHub Actions workflow commands, which annotate the pull request's lines."""
    for p, more in capped(report.problems):
        props = f"file={_gh_escape(printable(p.path), prop=True)}"
        if more:
            out.write(f"::notice {props}::{_gh_escape(t('report.more', count=more))}\n")
            continue
        if p.line:
            props += f",line={p.line},col={p.column}"
        props += f",title={_gh_escape(p.code, prop=True)}"
        message = p.message + (f" ({t('hint.label')}: {p.hint})" if p.hint else "")
        out.write(f"::{_GH_LEVEL[p.severity]} {props}::{_gh_escape(printable(message))}\n")
    print(report.summary(), file=sys.stderr)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_document(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (for code-scanning dashboards)."""
    codes = sorted({p.code for p in report.problems} | set(report.rules))
    rules = [
        {"id": code, "shortDescription": {"text": report.rules.get(code, code)},
         **report.rule_metadata.get(code, {})}
        for code in codes
    ]
    results = []
    for p in report.problems:
        location: dict[str, Any] = {"artifactLocation": {"uri": p.path}}
        if p.line:
            location["region"] = {"startLine": p.line, "startColumn": max(p.column, 1)}
        text = p.message + (f" ({t('hint.label')}: {p.hint})" if p.hint else "")
        results.append({
            "ruleId": p.code,
            "ruleIndex": codes.index(p.code),
            "level": _SARIF_LEVEL[p.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": location}],
        })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mvkplan", "version": __version__,
                "informationUri": "https://github.com/mvkplan/mvkplan", "rules": rules,
            }},
            "results": results,
        }],
    }


def report_sarif(report: Report, out: TextIO) -> None:
    """SARIF 2.1.0 as JSON."""
    out.write(json.dumps(sarif_document(report), ensure_ascii=False, indent=2) + "\n")


REPORTERS: dict[str, Callable[[Report, TextIO], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
    "sarif": report_sarif,
}
