"""The gate before publishing: which errors stop ``render`` and ``build`` unless forced, and
which documents ``build`` publishes.

A document that ``validate`` rejects is not published: a broken reference would become a dead
link, an unknown county a page of its own. With ``--force`` it is published anyway, and the
errors are handed to the templates, which show them in a banner on the document's page.

``build`` publishes what is finished, as static-site tools treat drafts (Hugo, Jekyll): a
document whose ``status`` is adopted or superseded (history, marked as such), a draft only
when asked (``--drafts``), and none with lint errors (a ``[fyll i: …]`` placeholder is one)
unless forced. :func:`select_documents` makes that choice from a lint run's errors, grouped
by :func:`problems_by_document`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mvkplan.checks.validate import Corpus
from mvkplan.index.cards import card_of
from mvkplan.messages.problems import Problem, Severity

if TYPE_CHECKING:
    from mvkplan.index.linkindex import LinkIndex


def blocking(problems: Iterable[Problem], paths: Iterable[str] | None = None) -> list[Problem]:
    """The errors among ``problems`` (only those in the files ``paths``, when given)."""
    wanted = None if paths is None else set(paths)
    return sorted(p for p in problems
                  if p.severity >= Severity.ERROR and (wanted is None or p.path in wanted))


def document_files(corpus: Corpus, document_id: str) -> list[str]:
    """The file of a document, or, when it failed to load, the files named after it."""
    loaded = corpus.index.documents.get(document_id)
    if loaded is not None:
        return [loaded.path]
    return [shown for shown in corpus.loaded.failed if PurePosixPath(shown).stem == document_id]


def errors_by_document(corpus: Corpus, problems: Iterable[Problem]) -> dict[str, list[str]]:
    """Document id → its errors as one line each (``path:line:col: CODE message``)."""
    ids = {loaded.path: document_id for document_id, loaded in corpus.index.documents.items()}
    found: dict[str, list[str]] = {}
    for problem in blocking(problems):
        if problem.path in ids:
            found.setdefault(ids[problem.path], []).append(one_line(problem))
    return found


def one_line(problem: Problem) -> str:
    """A problem as one line of text, for a banner."""
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.code} {problem.message}"


# -- what build publishes ------------------------------------------------------------------


class Reason(str, Enum):
    """Why a document is left out of the site."""

    DRAFT = "draft"
    """Its status is draft and drafts were not asked for."""
    LINT = "lint"
    """Lint found errors in it (placeholders, for one) and the build is not forced."""
    PLAN = "plan"
    """A follow-up of a plan that is not published: its page is that plan's report."""


@dataclass(frozen=True)
class LeftOut:
    """A document the site does not publish, and why."""

    document: str
    path: str
    reason: Reason
    problems: tuple[Problem, ...] = ()
    """The lint errors that keep it out (reason LINT)."""

    @property
    def codes(self) -> list[str]:
        """The distinct codes of its problems, sorted."""
        return sorted({problem.code for problem in self.problems})


@dataclass(frozen=True)
class Selection:
    """The documents a build publishes and those it leaves out."""

    published: frozenset[str]
    left_out: tuple[LeftOut, ...]


def is_draft(index: LinkIndex, document_id: str) -> bool:
    """Whether the document's status is draft (shipped documents never are)."""
    loaded = index.documents.get(document_id)
    # The loaded document knows its status without its model (which may have been let go).
    return loaded is not None and not loaded.shipped and loaded.status == "draft"


def select_documents(index: LinkIndex, *, drafts: bool = False,
                     errors: Mapping[str, Sequence[Problem]] | None = None,
                     force: bool = False) -> Selection:
    """Which of the index's documents a build publishes.

    Shipped frameworks and catalogs always; the repository's documents when adopted or
    superseded, drafts only with ``drafts``; a document with ``errors`` (lint errors by
    document id) only with ``force``. A follow-up goes with its plan: its page is the plan's
    report, which cannot be shown without the plan.
    """
    errors = errors or {}
    published: set[str] = set()
    left_out: list[LeftOut] = []
    for document_id, loaded in sorted(index.documents.items()):
        if loaded.shipped:
            published.add(document_id)
        elif is_draft(index, document_id) and not drafts:
            left_out.append(LeftOut(document_id, loaded.path, Reason.DRAFT))
        elif errors.get(document_id) and not force:
            left_out.append(LeftOut(document_id, loaded.path, Reason.LINT,
                                    tuple(errors[document_id])))
        else:
            published.add(document_id)
    for document_id in sorted(published):
        loaded = index.documents[document_id]
        if loaded.kind != "follow-up":
            continue
        plan = card_of(loaded).plan  # (a streaming build let the model go)
        if plan not in published:
            published.discard(document_id)
            left_out.append(LeftOut(document_id, index.documents[document_id].path, Reason.PLAN))
    return Selection(frozenset(published), tuple(sorted(left_out, key=lambda o: o.document)))


def problems_by_document(corpus: Corpus, problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Document id → its errors among ``problems`` (a lint run's, for one), for documents of
    the corpus's index."""
    ids = {loaded.path: document_id for document_id, loaded in corpus.index.documents.items()}
    found: dict[str, list[Problem]] = {}
    for problem in blocking(problems):
        if problem.path in ids:
            found.setdefault(ids[problem.path], []).append(problem)
    return found
