"""What every rule is made of: the rule itself, what it yields, and what it may look at.

A rule module holds ``CODE``, ``NAME``, ``SEVERITY``, ``MESSAGES`` (``key → (English,
Swedish)``, with at least ``summary`` and ``message``), optionally an ``Options`` model, and a
``check(context, options)`` generator that yields :class:`Finding` values. Its docstring is its
documentation. Rules never format messages, decide their severity or handle suppression:
:mod:`mvkplan.lint` does all of that in one place.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict

from mvkplan.i18n import get_language
from mvkplan.index import Link, LinkIndex
from mvkplan.loading import LoadedDocument
from mvkplan.models import PlanBase
from mvkplan.problems import Problem, Severity
from mvkplan.rules.reach import LinkGraph
from mvkplan.yamlnodes import MappingNode, Node, ScalarNode, SequenceNode

Path_ = tuple[str | int, ...]
CODE_PATTERN = re.compile(r"^MVK\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
DOC_SECTIONS = ("Why", "How to fix", "Passing", "Failing")


class RuleOptions(BaseModel):
    """Base of every rule's options: unknown keys are errors, keys may be written kebab-case."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, use_attribute_docstrings=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )


def translate(messages: Mapping[str, tuple[str, str]], key: str, /, **values: object) -> str:
    """``messages[key]`` in the current language, with ``values`` filled in."""
    english, swedish = messages[key]
    return (swedish if get_language() == "sv" else english).format(**values)


@dataclass(frozen=True)
class Finding:
    """What a rule found: where, which message, and the values the message needs."""

    document: LoadedDocument
    path: Path_ = ()
    """Where in the document (keys and indices); the node's line and column are reported."""
    message: str = "message"
    """Key of the message in the rule's MESSAGES."""
    values: Mapping[str, object] = field(default_factory=dict)
    """Values for the message and the hint."""
    hint: str | None = "hint"
    """Key of the hint in the rule's MESSAGES; ignored when the rule has no such message."""
    position: tuple[int, int] | None = None
    """Line and column, when the rule knows them more precisely than ``path`` tells."""


@dataclass(frozen=True)
class Rule:
    """A lint rule read from its module."""

    code: str
    name: str
    severity: Severity
    messages: Mapping[str, tuple[str, str]]
    check: Callable[[LintContext, Any], Iterable[Finding]]
    options: type[RuleOptions] | None
    doc: str

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read a rule module, refusing one that lacks a part (a rule must explain itself)."""
        where = module.__name__
        doc = inspect.getdoc(module) or ""
        missing = [s for s in DOC_SECTIONS if f"\n{s}:" not in f"\n{doc}"]
        if missing:
            raise TypeError(f"{where}: docstring lacks {', '.join(missing)}")
        messages = module.MESSAGES
        if not {"summary", "message"} <= set(messages):
            raise TypeError(f"{where}: MESSAGES needs 'summary' and 'message'")
        if not CODE_PATTERN.match(module.CODE) or not NAME_PATTERN.match(module.NAME):
            raise TypeError(f"{where}: bad CODE or NAME")
        return cls(module.CODE, module.NAME, module.SEVERITY, messages, module.check,
                   getattr(module, "Options", None), doc)

    @property
    def summary(self) -> str:
        """One line in the current language."""
        return translate(self.messages, "summary")

    @property
    def title(self) -> str:
        """The documentation's first line, in the current language."""
        return self.documentation.splitlines()[0]

    @property
    def documentation(self) -> str:
        """The docstring, or in Swedish its translation with the same examples."""
        from mvkplan.i18n import get_language
        from mvkplan.rules.docs_sv import DOCS_SV

        if get_language() != "sv" or self.code not in DOCS_SV:
            return self.doc
        examples = self.doc[self.doc.find("\nPassing:"):] if "\nPassing:" in self.doc else ""
        examples = examples.replace("\nPassing:", "\nGodkänt:").replace("\nFailing:", "\nUnderkänt:")
        return DOCS_SV[self.code] + "\n" + examples

    def default_options(self) -> RuleOptions | None:
        """Options with every default."""
        return self.options() if self.options else None

    def problem(self, finding: Finding) -> Problem:
        """Format a finding as a problem with this rule's code and default severity."""
        line, column = finding.position or finding.document.position(finding.path)
        values = dict(finding.values)
        hint = None
        if finding.hint and finding.hint in self.messages:
            hint = translate(self.messages, finding.hint, **values)
        return Problem(finding.document.path, line, column, self.code,
                       translate(self.messages, finding.message, **values),
                       self.severity, hint, self.name)


@dataclass
class LintContext:
    """What rules may read: the link index, the documents being linted, their source text."""

    index: LinkIndex
    documents: list[LoadedDocument]
    """The repository's documents to lint (never the shipped frameworks and catalogs)."""
    root: Path
    known_selectors: frozenset[str] = frozenset()
    """Every rule code and name, for the rule that checks suppression comments."""
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _scalars: dict[str, list[tuple[Path_, ScalarNode]]] = field(default_factory=dict, repr=False)

    def plans(self) -> Iterator[tuple[LoadedDocument, PlanBase]]:
        """The documents that are plans or strategies, with their models."""
        for document in self.documents:
            if isinstance(document.model, PlanBase):
                yield document, document.model

    def links_from(self, document: LoadedDocument) -> list[Link]:
        """The links written in a document, in source order."""
        return self.graph.by_document.get(document.id, [])

    def scalars(self, document: LoadedDocument) -> list[tuple[Path_, ScalarNode]]:
        """Every text value of a document (keys excluded) with its path, for the text rules."""
        if document.path not in self._scalars:
            self._scalars[document.path] = list(iter_scalars(document.root))
        return self._scalars[document.path]

    def lines(self, document: LoadedDocument) -> list[str]:
        """The document's source lines (empty when the file cannot be read any more)."""
        if document.path not in self._lines:
            try:
                text = (self.root / document.path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            # Lines as an editor numbers them: broken at \n only (not U+2028, U+0085, …),
            # so that suppression comments and located findings use the reported lines.
            lines = [line.removesuffix("\r") for line in text.split("\n")]
            self._lines[document.path] = lines[:-1] if lines and not lines[-1] else lines
        return self._lines[document.path]

    def locate(self, document: LoadedDocument, node: Node, text: str) -> tuple[int, int]:
        """Where ``text`` first stands in the source from ``node`` on (a scalar may span lines)."""
        lines = self.lines(document)
        for number in range(node.line - 1, len(lines)):
            column = lines[number].find(text)
            if column >= 0:
                return number + 1, column + 1
        return node.line, node.column

    @cached_property
    def graph(self) -> LinkGraph:
        """Reachability along links, shared by the rules that follow chains."""
        return LinkGraph(self.index)


@dataclass(frozen=True)
class Suppression:
    """A ``# mvkplan: ignore[CODE, …]`` comment: where it stands and the lines it covers."""

    line: int
    column: int
    selectors: tuple[str, ...]
    """Codes or names as written; empty when the brackets are missing or empty."""
    covers: int
    """The line whose problems it suppresses: its own, or the next when it stands alone."""


SUPPRESSION = re.compile(r"#\s*mvkplan\s*:\s*ignore\b(?:\[([^\]]*)\])?", re.IGNORECASE)


def find_suppressions(lines: list[str]) -> Iterator[Suppression]:
    """Suppression comments in source lines, in order."""
    for number, text in enumerate(lines, start=1):
        match = SUPPRESSION.search(text)
        if match is None:
            continue
        selectors = tuple(s.strip() for s in (match.group(1) or "").split(",") if s.strip())
        alone = not text[: match.start()].strip()
        yield Suppression(number, match.start() + 1, selectors, number + 1 if alone else number)


def iter_scalars(node: Node, path: Path_ = ()) -> Iterator[tuple[Path_, ScalarNode]]:
    """Every scalar value under ``node`` (keys excluded) with its path."""
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.items):
            yield from iter_scalars(item, (*path, i))
    elif isinstance(node, MappingNode):
        for key, value in node.pairs:
            yield from iter_scalars(value, (*path, key.value))

