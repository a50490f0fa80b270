"""Validate: plain data to a document model, or located problems (one file at a time).

Schema errors are placed with the nodes of the file, built again only when there is
something to report (:meth:`mvkplan.loading.documents.LoadedDocument` reads positions
on demand).
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from mvkplan.loading.documents import LoadedDocument, nodes_of
from mvkplan.loading.parsing import parse
from mvkplan.loading.schema_errors import problems_from_validation
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem
from mvkplan.messages.textmatch import closest
from mvkplan.messages.vocabulary import english_for
from mvkplan.models import DOCUMENT_MODELS
from mvkplan.source.nodes import MappingNode


class Loaded(NamedTuple):
    """One file loaded: its document (None when it did not load) and its problems.

    A named tuple, so that ``document, problems = load_bytes(...)`` reads as it always has."""

    document: LoadedDocument | None
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class LoadedWithPlain:
    """One file loaded, and the plain data it was validated from (None when it did not parse)."""

    loaded: Loaded
    plain: dict[str, object] | None


def load_bytes(
    data: bytes, shown: str, *, shipped: bool = False, source: Path | None = None,
) -> Loaded:
    """Parse and validate one file's bytes (read from ``source``, when given)."""
    with collector_paused():
        return load_with_data(data, shown, shipped=shipped, source=source).loaded


def load_with_data(
    data: bytes, shown: str, *, shipped: bool = False, source: Path | None = None,
) -> LoadedWithPlain:
    """What :func:`load_bytes` gives, and the plain data of the file when it parsed."""
    parsed = parse(data, shown)
    if parsed.plain is None:
        return LoadedWithPlain(Loaded(None, parsed.problems), None)
    loaded = document_from_plain(parsed.plain, shown, digest=hashlib.sha256(data).hexdigest(),
                                 source=source, shipped=shipped, data=data, root=parsed.root,
                                 fast=parsed.fast)
    return LoadedWithPlain(loaded, parsed.plain)


def document_from_plain(
    plain: dict[str, object], shown: str, *, digest: str, source: Path | None,
    shipped: bool = False, data: bytes | None = None, root: MappingNode | None = None,
    fast: bool = False,
) -> Loaded:
    """The document validated from its file's plain data, or the problems that stop it; a
    problem's position comes from the nodes, parsed again (from ``data`` or ``source``)."""
    kind = plain.get("kind")
    if not isinstance(kind, str) or kind not in DOCUMENT_MODELS:
        nodes = root or nodes_of(data, source)
        return Loaded(None, [_kind_problem(shown, nodes, kind if isinstance(kind, str) else None)])
    model_class = DOCUMENT_MODELS[kind]
    try:
        model = model_class.model_validate(plain)
    except ValidationError as exc:
        return Loaded(None, problems_from_validation(exc, shown, root or nodes_of(data, source), model_class))
    return Loaded(LoadedDocument(shown, model, shipped=shipped, digest=digest, root=root, source=source,
                                 data=data, fast=fast), [])


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection while a file's objects are made.

    A big file allocates hundreds of thousands of objects that all stay alive: the cyclic
    garbage collector would rescan them again and again (superlinear), and frees nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _kind_problem(shown: str, root: MappingNode, kind: str | None) -> Problem:
    kinds = ", ".join(DOCUMENT_MODELS)
    if kind is None:
        key = root.get("kind")
        line, column = (key.line, key.column) if key else (root.line, root.column)
        return Problem(shown, line, column, "E201", t("E201", field="kind"), hint=t("E205.hint", kinds=kinds))
    node = root.get("kind")
    assert node is not None
    english = english_for(kind, list(DOCUMENT_MODELS))
    close = closest(kind, DOCUMENT_MODELS)
    if english:
        hint = t("E204.swedish", value=kind, english=english)
    else:
        hint = t("hint.did_you_mean", close=close) if close else t("E205.hint", kinds=kinds)
    return Problem(shown, node.line, node.column, "E205", t("E205", kind=kind), hint=hint)
