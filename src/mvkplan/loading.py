"""Load documents: files → plain data → validated models (nodes with positions on demand).

A file that fails at any step becomes problems and the run goes on; callers get
every loaded document plus every problem, never an exception for bad input.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from mvkplan.cache import LoadCache
from mvkplan.config import DEFAULT_MAX_FILE_SIZE
from mvkplan.discovery import YAML_SUFFIXES, Discovery, walk
from mvkplan.i18n import has, t
from mvkplan.loaded import LoadedDocument, nodes_of
from mvkplan.models import DOCUMENT_MODELS
from mvkplan.paths import display_path
from mvkplan.problems import Problem
from mvkplan.schema_errors import problems_from_validation
from mvkplan.textmatch import closest
from mvkplan.vocabulary import english_for
from mvkplan.yamlnodes import (
    MappingNode,
    YamlError,
    load_data,
)


@dataclass
class LoadResult:
    """Everything loading a set of files produced."""

    documents: list[LoadedDocument]
    problems: list[Problem]
    files: int
    failed: list[str] = field(default_factory=list)
    """Shown paths of the files that could not be loaded (their problems are in ``problems``)."""

    def unloaded(self) -> dict[str, str]:
        """Document id (the file name's stem) → shown path, for every file that failed to load."""
        return {PurePosixPath(shown).stem: shown for shown in self.failed}


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """YAML files under ``paths`` in a stable order, and the paths that do not exist."""
    found = walk(paths)
    return found.files, found.missing


def load_bytes(
    data: bytes, shown: str, *, shipped: bool = False, source: Path | None = None,
) -> tuple[LoadedDocument | None, list[Problem]]:
    """Parse and validate one file's bytes (read from ``source``, when given)."""
    # A big file allocates hundreds of thousands of objects that all stay alive: the cyclic
    # garbage collector would rescan them again and again (superlinear), and frees nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_bytes(data, shown, shipped=shipped, source=source)
    finally:
        if enabled:
            gc.enable()


def _load_bytes(
    data: bytes, shown: str, *, shipped: bool, source: Path | None,
) -> tuple[LoadedDocument | None, list[Problem]]:
    return load_with_data(data, shown, shipped=shipped, source=source)[0]


def load_with_data(
    data: bytes, shown: str, *, shipped: bool = False, source: Path | None = None,
) -> tuple[Loaded, dict[str, object] | None]:
    """What :func:`load_bytes` gives, and the plain data of the file when it parsed."""
    try:
        plain, root = load_data(data)
    except YamlError as exc:
        return (None, [_yaml_problem(shown, exc)]), None
    loaded = document_from_plain(plain, shown, digest=hashlib.sha256(data).hexdigest(),
                                 source=source, shipped=shipped, data=data, root=root,
                                 fast=root is None)
    return loaded, plain


def parse_only(data: bytes, shown: str) -> tuple[dict[str, object] | None, list[Problem], bool]:
    """The plain data of a file, or the problem that stops it parsing (what workers do), and
    whether the fast path took it."""
    try:
        plain, root = load_data(data)
    except YamlError as exc:
        return None, [_yaml_problem(shown, exc)], False
    return plain, [], root is None


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
        return None, [_kind_problem(shown, nodes, kind if isinstance(kind, str) else None)]
    model_class = DOCUMENT_MODELS[kind]
    try:
        model = model_class.model_validate(plain)
    except ValidationError as exc:
        return None, problems_from_validation(exc, shown, root or nodes_of(data, source), model_class)
    return LoadedDocument(shown, model, shipped=shipped, digest=digest, root=root, source=source,
                          data=data, fast=fast), []


def load_file(
    path: Path, shown: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
    cache: LoadCache | None = None,
) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read, parse and validate one file, refusing files over ``max_size`` before reading."""
    from mvkplan.loadmany import load_all

    return load_all([path], [shown], max_size, cache)[0]


def load_paths(
    paths: Iterable[Path], root: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
    follow_external: bool = False, cache: LoadCache | None = None,
    discovered: Discovery | None = None,
    each: Callable[[LoadedDocument, object], None] | None = None,
    prepare: Callable[[LoadedDocument], object] | None = None, keep_plain: bool = False,
) -> LoadResult:
    """Load every YAML file under ``paths``; problems for what fails or is skipped, documents
    for the rest. ``each`` is called with every document as soon as it is loaded, in order,
    before the next is made (a streaming run indexes it and lets go of its model), and with
    what ``prepare`` made of it (None when it made nothing); with ``keep_plain``, a document
    known by what ``prepare`` made keeps the plain data it was validated from.

    With a ``cache``, unchanged files come from it; the others are loaded in parallel
    processes when there are enough of them (:mod:`mvkplan.parallel`), in the same order.
    """
    if discovered is None:
        discovered = walk(paths, root, follow_external=follow_external)
    files = discovered.files
    documents: list[LoadedDocument] = []
    problems = [Problem(display_path(p, root), 0, 0, "E402", t("E402", path=p)) for p in discovered.missing]
    problems += [Problem(display_path(s.path, root), 0, 0, s.code, s.message, hint=s.hint)
                 for s in discovered.skipped]
    shown = [display_path(path, root) for path in files]
    failed: list[str] = []
    from mvkplan.loadmany import iter_loaded

    loading = iter_loaded(files, shown, max_size, cache, prepare, discovered.digests, keep_plain)
    for name, (document, found, prepared) in zip(shown, loading, strict=True):
        problems.extend(found)
        if document is not None:
            documents.append(document)
            if each is not None:
                each(document, prepared)
        else:
            failed.append(name)
    return LoadResult(documents, problems, len(files) + len(discovered.skipped), failed)


Loaded = tuple["LoadedDocument | None", list[Problem]]


def read_file(path: Path, shown: str, max_size: int) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or the problem that stops it being read (too big, unreadable)."""
    try:
        size = path.stat().st_size
        if size > max_size:
            return None, [Problem(shown, 0, 0, "E102", t("E102", size=size, limit=max_size), hint=t("E102.hint"))]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [Problem(shown, 0, 0, "E110", t("E110", detail=exc.strerror or str(exc)))]


@cache
def shipped_documents() -> tuple[LoadedDocument, ...]:
    """The frameworks and catalogs inside the package, loaded once per process."""
    documents: list[LoadedDocument] = []
    for folder in ("frameworks", "catalogs"):
        for entry in sorted(_data_dir(folder).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(YAML_SUFFIXES):
                continue
            shown = f"<mvkplan>/{folder}/{entry.name}"
            document, problems = load_bytes(entry.read_bytes(), shown, shipped=True, source=entry)
            if document is None:  # a broken shipped file is a bug in mvkplan itself
                raise RuntimeError("; ".join(f"{p.path}:{p.line}: {p.message}" for p in problems))
            documents.append(document)
    return tuple(documents)


def _data_dir(folder: str) -> Path:
    return Path(str(resources.files("mvkplan") / "data" / folder))


def _yaml_problem(shown: str, exc: YamlError) -> Problem:
    values = {k: v for k, v in exc.values.items() if k != "tab"}
    hint: str | None
    if exc.code == "E103":
        message = t("E103", detail=exc.detail)
        if exc.values.get("tab"):
            hint = t("E103.tab")
        elif "mapping values are not allowed" in exc.detail:
            hint = t("E203.hint.colon")
        else:
            hint = t("E103.hint")
    else:
        message = t(exc.code, **values)
        hint = t(exc.code + ".hint") if has(exc.code + ".hint") else None
    return Problem(shown, exc.line, exc.column, exc.code, message, hint=hint)


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


def iter_documents(*groups: Iterable[LoadedDocument]) -> Iterator[LoadedDocument]:
    """Chain groups of documents (shipped first, then the repository's)."""
    for group in groups:
        yield from group
