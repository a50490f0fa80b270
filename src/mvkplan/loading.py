"""Load documents: files → nodes with positions → validated models.

A file that fails at any step becomes problems and the run goes on; callers get
every loaded document plus every problem, never an exception for bad input.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import cast

from pydantic import ValidationError

from mvkplan.cache import LoadCache
from mvkplan.config import DEFAULT_MAX_FILE_SIZE
from mvkplan.discovery import YAML_SUFFIXES, walk
from mvkplan.i18n import get_language, has, t
from mvkplan.models import DOCUMENT_MODELS, DocumentBase
from mvkplan.problems import Problem
from mvkplan.schema_errors import problems_from_validation
from mvkplan.textmatch import closest
from mvkplan.vocabulary import english_for
from mvkplan.yamlnodes import (
    MappingNode,
    Node,
    SequenceNode,
    YamlError,
    load_data,
    parse_yaml,
)

Path_ = tuple[str | int, ...]


class LoadedDocument:
    """A validated document; the source positions of its nodes are read when first asked for.

    Most documents have nothing to report, so loading keeps only the model: the positioned
    nodes (``root``) are built on first use, from the bytes the document was loaded from
    (kept for documents loaded from memory, read again from ``source`` otherwise and
    checked against ``digest``).
    """

    def __init__(
        self, path: str, model: DocumentBase, *, shipped: bool = False, digest: str = "",
        root: MappingNode | None = None, source: Path | None = None, data: bytes | None = None,
    ) -> None:
        self.path = path
        """Path as shown in messages (relative to the project root where possible)."""
        self.model = model
        self.shipped = shipped
        """True for frameworks and catalogs that ship inside the package."""
        self.digest = digest
        """SHA-256 of the file's bytes: what incremental builds compare."""
        self.source = source
        """The file the document was read from (None when loaded from memory)."""
        self._data = data if source is None else None
        self._root = root

    def __repr__(self) -> str:
        return f"LoadedDocument({self.path!r}, {self.model.id!r})"

    def __getstate__(self) -> dict[str, object]:
        # Nodes are rebuilt on demand and the source is set by whoever reads the entry.
        return {**self.__dict__, "_root": None, "source": None}

    @property
    def id(self) -> str:
        """The document id."""
        return self.model.id

    @property
    def root(self) -> MappingNode:
        """The document's nodes with their positions (parsed again on first use)."""
        if self._root is None:
            self._root = self._parse_again()
        return self._root

    def _parse_again(self) -> MappingNode:
        data = self._data
        if data is None and self.source is not None:
            try:
                data = self.source.read_bytes()
            except OSError:
                data = None
        if data is None:
            return MappingNode(1, 1)  # the file is gone: every position falls back to 1:1
        # A file edited since it was loaded is placed as it reads now: the best there is.
        try:
            return parse_yaml(data)
        except YamlError:
            return MappingNode(1, 1)

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
    failed: list[str] = field(default_factory=list)
    """Shown paths of the files that could not be loaded (their problems are in ``problems``)."""

    def unloaded(self) -> dict[str, str]:
        """Document id (the file name's stem) → shown path, for every file that failed to load."""
        return {PurePosixPath(shown).stem: shown for shown in self.failed}


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
    try:
        plain, root = load_data(data)
    except YamlError as exc:
        return None, [_yaml_problem(shown, exc)]
    kind = plain.get("kind")
    if not isinstance(kind, str) or kind not in DOCUMENT_MODELS:
        root = root or parse_yaml(data)
        return None, [_kind_problem(shown, root, kind if isinstance(kind, str) else None)]
    model_class = DOCUMENT_MODELS[kind]
    try:
        model = model_class.model_validate(plain)
    except ValidationError as exc:
        return None, problems_from_validation(exc, shown, root or parse_yaml(data), model_class)
    return LoadedDocument(shown, model, shipped=shipped, digest=hashlib.sha256(data).hexdigest(),
                          root=root, source=source, data=data), []


def load_file(
    path: Path, shown: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
    cache: LoadCache | None = None,
) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read, parse and validate one file, refusing files over ``max_size`` before reading."""
    data, problems = _read(path, shown, max_size)
    if data is None:
        return None, problems
    if cache is None:
        return load_bytes(data, shown, source=path)
    key = cache.key(shown, data, get_language())
    hit = cache.get(key)
    if hit is not None:
        return _with_source(cast(Loaded, hit), path)
    result = load_bytes(data, shown, source=path)
    cache.put(key, result)
    return result


def load_paths(
    paths: Iterable[Path], root: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
    follow_external: bool = False, cache: LoadCache | None = None,
) -> LoadResult:
    """Load every YAML file under ``paths``; problems for what fails or is skipped, documents
    for the rest.

    With a ``cache``, unchanged files come from it; the others are loaded in parallel
    processes when there are enough of them (:mod:`mvkplan.parallel`), in the same order.
    """
    discovered = walk(paths, root, follow_external=follow_external)
    files = discovered.files
    documents: list[LoadedDocument] = []
    problems = [Problem(display_path(p, root), 0, 0, "E402", t("E402", path=p)) for p in discovered.missing]
    problems += [Problem(display_path(s.path, root), 0, 0, s.code, s.message, hint=s.hint)
                 for s in discovered.skipped]
    shown = [display_path(path, root) for path in files]
    failed: list[str] = []
    for name, (document, found) in zip(shown, _load_all(files, shown, max_size, cache), strict=True):
        problems.extend(found)
        if document is not None:
            documents.append(document)
        else:
            failed.append(name)
    return LoadResult(documents, problems, len(files) + len(discovered.skipped), failed)


PARALLEL_MINIMUM = 48
"""Files to load before worker processes pay for themselves."""


Loaded = tuple["LoadedDocument | None", list[Problem]]


def _load_all(
    files: list[Path], shown: list[str], max_size: int, cache: LoadCache | None
) -> list[Loaded]:
    from mvkplan.cache import encode_entry
    from mvkplan.parallel import map_ordered, workers

    language = get_language()
    results: list[Loaded | None] = [None] * len(files)
    if cache is not None:  # hits are read here; only misses are loaded
        for index, path in enumerate(files):
            data, _ = _read(path, shown[index], max_size)
            if data is not None:
                hit = cache.get(cache.key(shown[index], data, language))
                results[index] = None if hit is None else _with_source(cast(Loaded, hit), path)
    misses = [index for index, result in enumerate(results) if result is None]

    if len(misses) < PARALLEL_MINIMUM or workers() < 2:
        for index in misses:
            data, problems = _read(files[index], shown[index], max_size)
            result = (load_bytes(data, shown[index], source=files[index]) if data is not None
                      else (None, problems))
            results[index] = result
            if cache is not None and data is not None:
                cache.put(cache.key(shown[index], data, language), result)
        return [result for result in results if result is not None]

    def load_entry(index: int) -> bytes:
        """One file's result as a cache entry: what a worker sends back (and caches)."""
        data, problems = _read(files[index], shown[index], max_size)
        entry = encode_entry(load_bytes(data, shown[index]) if data is not None else (None, problems))
        if cache is not None and data is not None:
            cache.write(cache.key(shown[index], data, language), entry)
        return entry

    entries = map_ordered(load_entry, misses, minimum=PARALLEL_MINIMUM)
    for index, entry in zip(misses, entries, strict=True):
        results[index] = _with_source(_decode(entry), files[index])
    return [result for result in results if result is not None]


def _with_source(loaded: Loaded, path: Path) -> Loaded:
    """A result read from the cache or a worker, told where its file is."""
    document = loaded[0]
    if document is not None:
        document.source = path
    return loaded


def _decode(entry: bytes) -> Loaded:
    from mvkplan.cache import decode_entry

    return cast(Loaded, decode_entry(entry))


def _read(path: Path, shown: str, max_size: int) -> tuple[bytes | None, list[Problem]]:
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
