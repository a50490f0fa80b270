"""What every rule is made of: the rule itself, what it yields, and what it may look at.

A rule module holds ``CODE``, ``NAME``, ``SEVERITY``, ``MESSAGES`` (the catalog keys of its
messages, ``N_("MVK0NN.summary")``, ``N_("MVK0NN.message")`` at least, their words in
``messages/locale``), optionally an ``Options`` model and a ``SCOPE`` (:data:`DOCUMENT` when
its findings about a document depend on that document alone, the default :data:`CORPUS` when
they may read the index or other documents), and a
``check(context, options)`` generator that yields :class:`Finding` values. Its docstring is its
documentation. Rules never format messages, decide their severity or handle suppression:
:mod:`mvkplan.checks.lint` does all of that in one place.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict

from mvkplan.checks.rules.reach import LinkGraph
from mvkplan.checks.rules.text import DocumentText, Source
from mvkplan.index.linkindex import Link, LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import MESSAGES, get_language, t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.models import PlanBase
from mvkplan.models.docstrings import docstring
from mvkplan.source.nodes import Node

Path_ = tuple[str | int, ...]
CODE_PATTERN = re.compile(r"^MVK\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
DOC_SECTIONS = ("Why", "How to fix", "Passing", "Failing")
DOCUMENT = "document"
"""A rule's scope: it reads nothing but the document it reports on (its model, text and
file), the rule options and today's date; its findings are kept per file
(:mod:`mvkplan.checks.findings`)."""
CORPUS = "corpus"
"""A rule's scope: it may read the link index, other documents, or what is computed once
for the whole run."""


class RuleOptions(BaseModel):
    """Base of every rule's options: unknown keys are errors, keys may be written kebab-case."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )

    @classmethod
    def descriptions(cls) -> dict[str, str]:
        """Each option's description (by field name): the docstring under its attribute, read
        from the source when asked (``mvkplan rules NAME``) rather than when the class is made,
        as ``use_attribute_docstrings`` does on every run that imports the rules."""
        return {name: doc for name in cls.model_fields if (doc := docstring(cls, name)) is not None}


@dataclass(frozen=True)
class Term:
    """A value of a message that is a word in the user's language: its catalog key.

    Worded when the problem is formatted, like the message itself, so that a rule yields the
    same findings in every language.
    """

    key: str


@dataclass(frozen=True)
class Finding:
    """What a rule found: where, which message, and the values the message needs."""

    document: LoadedDocument
    path: Path_ = ()
    """Where in the document (keys and indices); the node's line and column are reported."""
    message: str = "message"
    """Key of the message among the rule's (``message`` for ``MVK0NN.message``)."""
    values: Mapping[str, object] = field(default_factory=dict)
    """Values for the message and the hint."""
    hint: str | None = "hint"
    """Key of the hint among the rule's; ignored when the rule has no such message."""
    position: tuple[int, int] | None = None
    """Line and column, when the rule knows them more precisely than ``path`` tells."""


@dataclass(frozen=True)
class Rule:
    """A lint rule read from its module."""

    code: str
    name: str
    severity: Severity
    keys: tuple[str, ...]
    """The rule's own message keys, without the code (``summary``, ``message``, ``hint``, …)."""
    check: Callable[[LintContext, Any], Iterable[Finding]]
    options: type[RuleOptions] | None
    doc: str
    scope: str = CORPUS
    """:data:`DOCUMENT` or :data:`CORPUS`: what the rule's findings depend on."""

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read a rule module, refusing one that lacks a part (a rule must explain itself)."""
        where = module.__name__
        doc = inspect.getdoc(module) or ""
        missing = [s for s in DOC_SECTIONS if f"\n{s}:" not in f"\n{doc}"]
        if missing:
            raise TypeError(f"{where}: docstring lacks {', '.join(missing)}")
        if not CODE_PATTERN.match(module.CODE) or not NAME_PATTERN.match(module.NAME):
            raise TypeError(f"{where}: bad CODE or NAME")
        prefix = f"{module.CODE}."
        if any(not key.startswith(prefix) for key in module.MESSAGES):
            raise TypeError(f"{where}: MESSAGES keys must start with '{prefix}'")
        keys = tuple(key.removeprefix(prefix) for key in module.MESSAGES)
        if not {"summary", "message"} <= set(keys):
            raise TypeError(f"{where}: MESSAGES needs '{prefix}summary' and '{prefix}message'")
        scope = getattr(module, "SCOPE", CORPUS)
        if scope not in (DOCUMENT, CORPUS):
            raise TypeError(f"{where}: SCOPE must be '{DOCUMENT}' or '{CORPUS}'")
        return cls(module.CODE, module.NAME, module.SEVERITY, keys, module.check,
                   getattr(module, "Options", None), doc, scope)

    @property
    def messages(self) -> Mapping[str, tuple[str, str]]:
        """The rule's messages, ``key → (English, Swedish)``, read from the catalogs."""
        return {key: MESSAGES[f"{self.code}.{key}"] for key in self.keys}

    def message(self, key: str, /, **values: object) -> str:
        """The rule's message ``key`` in the current language, with ``values`` filled in."""
        return t(f"{self.code}.{key}", **values)

    @property
    def summary(self) -> str:
        """One line in the current language."""
        return self.message("summary")

    @property
    def title(self) -> str:
        """The documentation's first line, in the current language."""
        return self.documentation.splitlines()[0]

    @property
    def documentation(self) -> str:
        """The docstring, or in Swedish its translation with the same examples."""
        from mvkplan.checks.rules.docs_sv import DOCS_SV

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
        values = {name: t(value.key) if isinstance(value, Term) else value
                  for name, value in finding.values.items()}
        hint = None
        if finding.hint and finding.hint in self.keys:
            hint = self.message(finding.hint, **values)
        return Problem(finding.document.path, line, column, self.code,
                       self.message(finding.message, **values),
                       self.severity, hint, self.name)


def plain_data(document: LoadedDocument) -> dict[str, object]:
    """The document's values as plain data: dicts, lists, strings as written, None for nulls.

    The one place text rules get a document's values from, so that they never need the
    positioned nodes (built again from the file on demand) unless they report something.
    """
    return document.plain()


T = TypeVar("T")


@dataclass
class LintContext:
    """What rules may read: the link index, the documents being linted, their source text.

    Rules are shown the documents a slice at a time, so a finding about a document must
    depend only on that document and the index; what a rule computes once for the whole
    corpus goes through :meth:`once`.
    """

    index: LinkIndex
    documents: list[LoadedDocument]
    """The repository's documents to lint (never the shipped frameworks and catalogs)."""
    root: Path
    known_selectors: frozenset[str] = frozenset()
    """Every rule code and name, for the rule that checks suppression comments."""
    shared: dict[str, object] = field(default_factory=dict, repr=False)
    """What :meth:`once` computed, shared by every slice of the documents."""
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _texts: dict[str, DocumentText] = field(default_factory=dict, repr=False)
    _sources: dict[str, Source] = field(default_factory=dict, repr=False)
    _suppressions: dict[str, list[Suppression]] = field(default_factory=dict, repr=False)

    def subset(self, documents: list[LoadedDocument]) -> LintContext:
        """The same context for some of the documents (sharing what :meth:`once` computed)."""
        return LintContext(self.index, documents, self.root, self.known_selectors, self.shared)

    def narrowed(self, documents: list[LoadedDocument]) -> LintContext:
        """:meth:`subset`, also sharing what this context read of each file (its bytes,
        lines, text values and suppression comments)."""
        narrowed = self.subset(documents)
        narrowed._lines, narrowed._texts = self._lines, self._texts
        narrowed._sources, narrowed._suppressions = self._sources, self._suppressions
        return narrowed

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per lint run (every slice of documents shares it)."""
        if key not in self.shared:
            self.shared[key] = compute()
        return cast(T, self.shared[key])

    def plans(self) -> Iterator[tuple[LoadedDocument, PlanBase]]:
        """The documents that are plans or strategies, with their models."""
        for document in self.documents:
            if isinstance(document.model, PlanBase):
                yield document, document.model

    def links_from(self, document: LoadedDocument) -> list[Link]:
        """The links written in a document, in source order."""
        return self.graph.by_document.get(document.id, [])

    def source(self, document: LoadedDocument) -> Source:
        """The document's file as bytes, to tell cheaply that no value holds something."""
        if document.path not in self._sources:
            try:
                data: bytes | None = (self.root / document.path).read_bytes()
            except OSError:
                data = None
            self._sources[document.path] = Source(data)
        return self._sources[document.path]

    def text(self, document: LoadedDocument) -> DocumentText:
        """Every text value of a document (keys excluded), for the text rules."""
        if document.path not in self._texts:
            self._texts[document.path] = DocumentText(document, plain_data(document))
        return self._texts[document.path]

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

    def suppressions(self, document: LoadedDocument) -> list[Suppression]:
        """The document's ``# mvkplan: ignore[…]`` comments, in order."""
        if document.path not in self._suppressions:
            found: list[Suppression] = []
            if self._may_suppress(document):
                found = list(find_suppressions(self.lines(document)))
            self._suppressions[document.path] = found
        return self._suppressions[document.path]

    def _may_suppress(self, document: LoadedDocument) -> bool:
        """Whether the file may hold a suppression comment (most hold none: look fast)."""
        return MAY_SUPPRESS.search(self.source(document).lowered) is not None

    def locate(self, document: LoadedDocument, node: Node, text: str) -> tuple[int, int]:
        """Where ``text`` first stands in the source from ``node`` on (a scalar may span lines)."""
        return self._find(document, (node.line, node.column), text)

    def locate_value(self, document: LoadedDocument, path: Path_, text: str) -> tuple[int, int]:
        """Where ``text`` first stands in the source from the value at ``path`` on."""
        return self._find(document, document.position(path), text)

    def _find(self, document: LoadedDocument, start: tuple[int, int], text: str) -> tuple[int, int]:
        lines = self.lines(document)
        for number in range(start[0] - 1, len(lines)):
            column = lines[number].find(text)
            if column >= 0:
                return number + 1, column + 1
        return start

    @property
    def graph(self) -> LinkGraph:
        """Reachability along links, shared by the rules that follow chains."""
        return self.once("graph", lambda: LinkGraph(self.index))


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
MAY_SUPPRESS = re.compile(rb"#[\s\x1c-\x1f\x80-\xff]*mv(?:k|\xe2\x84\xaa)plan[\s\x1c-\x1f\x80-\xff]*:")
"""Matches the UTF-8 of a file, ASCII letters lowered, wherever SUPPRESSION could match its text:
any non-ASCII character may be a space, and 'K' (Kelvin) is a 'k' ignoring case."""


def find_suppressions(lines: list[str]) -> Iterator[Suppression]:
    """Suppression comments in source lines, in order."""
    for number, text in enumerate(lines, start=1):
        match = SUPPRESSION.search(text)
        if match is None:
            continue
        selectors = tuple(s.strip() for s in (match.group(1) or "").split(",") if s.strip())
        alone = not text[: match.start()].strip()
        yield Suppression(number, match.start() + 1, selectors, number + 1 if alone else number)
