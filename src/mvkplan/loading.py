"""Load documents: files → nodes with positions → validated models.

A file that fails at any step becomes problems and the run goes on; callers get
every loaded document plus every problem, never an exception for bad input.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from mvkplan.config import DEFAULT_MAX_FILE_SIZE
from mvkplan.discovery import YAML_SUFFIXES, walk
from mvkplan.i18n import has, t
from mvkplan.models import DOCUMENT_MODELS, DocumentBase
from mvkplan.problems import Problem
from mvkplan.schema_errors import problems_from_validation
from mvkplan.textmatch import closest
from mvkplan.yamlnodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    YamlError,
    parse_yaml,
    to_data,
)

Path_ = tuple[str | int, ...]


@dataclass
class LoadedDocument:
    """A validated document with the source positions of all its nodes."""

    path: str
    """Path as shown in messages (relative to the project root where possible)."""
    root: MappingNode
    model: DocumentBase
    shipped: bool = False
    """True for frameworks and catalogs that ship inside the package."""

    @property
    def id(self) -> str:
        """The document id."""
        return self.model.id

    def node_at(self, path: Path_) -> Node:
        """The deepest node along ``path`` (keys and list indices) that exists."""
        node: Node = self.root
        for step in path:
            child: Node | None = None
            if isinstance(node, MappingNode) and isinstance(step, str):
                child = node.get(step)
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                child = node.items[step] if 0 <= step < len(node.items) else None
            if child is None:
                break
            node = child
        return node

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of the node at ``path``."""
        node = self.node_at(path)
        return node.line, node.column


@dataclass
class LoadResult:
    """Everything loading a set of files produced."""

    documents: list[LoadedDocument]
    problems: list[Problem]
    files: int


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """YAML files under ``paths`` in a stable order, and the paths that do not exist."""
    found = walk(paths)
    return found.files, found.missing


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, else as given; always with '/'."""
    # The path as named (a symbolic link is shown as itself, not as where it leads).
    named = Path(os.path.abspath(path))
    for folder in (Path(os.path.abspath(root)), root.resolve()):
        try:
            return named.relative_to(folder).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def load_bytes(data: bytes, shown: str, *, shipped: bool = False) -> tuple[LoadedDocument | None, list[Problem]]:
    """Parse and validate one file's bytes."""
    # A big file allocates hundreds of thousands of nodes that all stay alive: the cyclic
    # garbage collector would rescan them again and again (superlinear), and frees nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_bytes(data, shown, shipped=shipped)
    finally:
        if enabled:
            gc.enable()


def _load_bytes(data: bytes, shown: str, *, shipped: bool) -> tuple[LoadedDocument | None, list[Problem]]:
    try:
        root = parse_yaml(data)
    except YamlError as exc:
        return None, [_yaml_problem(shown, exc)]
    kind_node = root.get("kind")
    kind = kind_node.value if isinstance(kind_node, ScalarNode) else None
    if kind not in DOCUMENT_MODELS:
        return None, [_kind_problem(shown, root, kind)]
    model_class = DOCUMENT_MODELS[kind]
    try:
        model = model_class.model_validate(to_data(root))
    except ValidationError as exc:
        return None, problems_from_validation(exc, shown, root, model_class)
    return LoadedDocument(shown, root, model, shipped), []


def load_file(
    path: Path, shown: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read, parse and validate one file, refusing files over ``max_size`` before reading."""
    try:
        size = path.stat().st_size
        if size > max_size:
            return None, [Problem(shown, 0, 0, "E102", t("E102", size=size, limit=max_size), hint=t("E102.hint"))]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, 0, "E110", t("E110", detail=exc.strerror or str(exc)))]
    return load_bytes(data, shown)


def load_paths(paths: Iterable[Path], root: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
               follow_external: bool = False) -> LoadResult:
    """Load every YAML file under ``paths``; problems for what fails or is skipped, documents
    for the rest."""
    discovered = walk(paths, root, follow_external=follow_external)
    files = discovered.files
    documents: list[LoadedDocument] = []
    problems = [Problem(display_path(p, root), 0, 0, "E402", t("E402", path=p)) for p in discovered.missing]
    problems += [Problem(display_path(s.path, root), 0, 0, s.code, s.message, hint=s.hint)
                 for s in discovered.skipped]
    for path in files:
        document, found = load_file(path, display_path(path, root), max_size=max_size)
        problems.extend(found)
        if document is not None:
            documents.append(document)
    return LoadResult(documents, problems, len(files) + len(discovered.skipped))


@cache
def shipped_documents() -> tuple[LoadedDocument, ...]:
    """The frameworks and catalogs inside the package, loaded once per process."""
    documents: list[LoadedDocument] = []
    for folder in ("frameworks", "catalogs"):
        for entry in sorted(_data_dir(folder).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(YAML_SUFFIXES):
                continue
            shown = f"<mvkplan>/{folder}/{entry.name}"
            document, problems = load_bytes(entry.read_bytes(), shown, shipped=True)
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
    close = closest(kind, DOCUMENT_MODELS)
    hint = t("hint.did_you_mean", close=close) if close else t("E205.hint", kinds=kinds)
    return Problem(shown, node.line, node.column, "E205", t("E205", kind=kind), hint=hint)


def iter_documents(*groups: Iterable[LoadedDocument]) -> Iterator[LoadedDocument]:
    """Chain groups of documents (shipped first, then the repository's)."""
    for group in groups:
        yield from group
