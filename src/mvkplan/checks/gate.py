"""The gate before publishing: which errors stop ``render`` and ``build`` unless forced.

A document that ``validate`` rejects is not published: a broken reference would become a dead
link, an unknown county a page of its own. With ``--force`` it is published anyway, and the
errors are handed to the templates, which show them in a banner on the document's page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from mvkplan.checks.validate import Corpus
from mvkplan.messages.problems import Problem, Severity


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
