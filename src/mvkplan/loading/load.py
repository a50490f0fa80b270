"""Load documents: discover → read (or the cache) → parse → validate, for a whole project.

The stages run down once, one module each: :mod:`.files` reads a file's bytes,
:mod:`.parsing` turns them into plain data, :mod:`.validation` into a document model
(:class:`~mvkplan.loading.documents.LoadedDocument`), and :mod:`.many` runs those for many
files, behind the cache (:mod:`.cache`) and worker processes. A file that fails at any step
becomes problems and the run goes on; callers get every loaded document plus every problem,
never an exception for bad input.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mvkplan.loading.cache import LoadCache
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.files import shown_paths
from mvkplan.loading.many import Earlier, iter_loaded, load_all
from mvkplan.loading.validation import Loaded
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem
from mvkplan.project.config import DEFAULT_MAX_FILE_SIZE
from mvkplan.project.discovery import Discovery, walk
from mvkplan.project.paths import display_path


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


def load_file(
    path: Path, shown: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
    cache: LoadCache | None = None,
) -> Loaded:
    """Read, parse and validate one file, refusing files over ``max_size`` before reading."""
    return load_all([path], [shown], max_size, cache)[0]


def load_paths(
    paths: Iterable[Path], root: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
    follow_external: bool = False, cache: LoadCache | None = None,
    discovered: Discovery | None = None,
    each: Callable[[LoadedDocument, object], None] | None = None,
    prepare: Callable[[LoadedDocument], object] | None = None, keep_plain: bool = False,
    here: Collection[Path] = (), earlier: Earlier | None = None,
    keep_plain_loaded: bool | None = None,
) -> LoadResult:
    """Load every YAML file under ``paths``; problems for what fails or is skipped, documents
    for the rest. ``each`` is called with every document as soon as it is loaded, in order,
    before the next is made (a streaming run indexes it and lets go of its model), and with
    what ``prepare`` made of it (None when it made nothing); with ``keep_plain``, a document
    known by what ``prepare`` made keeps the plain data it was validated from (and a document
    validated here too, unless ``keep_plain_loaded`` says otherwise).

    With a ``cache``, unchanged files come from it; the others are loaded in parallel
    processes when there are enough of them (:mod:`mvkplan.project.parallel`), in the same order;
    those in ``here`` (whose models the caller keeps) always in this process; those
    ``earlier`` knows unchanged come from it (:func:`mvkplan.loading.many.iter_loaded`).
    """
    if discovered is None:
        discovered = walk(paths, root, follow_external=follow_external)
    files = discovered.files
    documents: list[LoadedDocument] = []
    problems = [Problem(display_path(p, root), 0, 0, "E402", t("E402", path=p)) for p in discovered.missing]
    problems += [Problem(display_path(s.path, root), 0, 0, s.code, s.message, hint=s.hint)
                 for s in discovered.skipped]
    shown = shown_paths(files, root)
    failed: list[str] = []
    loading = iter_loaded(files, shown, max_size, cache, prepare, discovered.digests, keep_plain, here,
                          earlier, keep_plain_loaded)
    for name, made in zip(shown, loading, strict=True):
        problems.extend(made.problems)
        if made.document is not None:
            documents.append(made.document)
            if each is not None:
                each(made.document, made.prepared)
        else:
            failed.append(name)
    return LoadResult(documents, problems, len(files) + len(discovered.skipped), failed)


def iter_documents(*groups: Iterable[LoadedDocument]) -> Iterator[LoadedDocument]:
    """Chain groups of documents (shipped first, then the repository's)."""
    for group in groups:
        yield from group
