"""A loaded document: its validated model, and the positions of its nodes on demand.

Most documents have nothing to report, so loading keeps only the model. A position is read
when something is reported: the first few by walking rapidyaml's tree along one path
(:mod:`mvkplan.source.locate`), after that from the document's nodes, built once by
parsing its file again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mvkplan.models import DOCUMENT_MODELS, DocumentBase

if TYPE_CHECKING:
    from mvkplan.source.locate import Locator
from mvkplan.source.nodes import MappingNode, Node, SequenceNode, YamlError, to_data
from mvkplan.source.parse import load_data, parse_yaml

Path_ = tuple[str | int, ...]


_LOCATED_BEFORE_NODES = 12
"""Positions read one by one before a document's nodes are built: a walk along one path of
the parsed tree (kept for the document's next question) costs about a tenth of building them,
so a document with up to a dozen findings never builds them (at 4, the 91 files of 10 lint
findings each in the 1 001-document corpus built theirs: 0.3-0.4 of a 2.9 s lint)."""


class SourceChanged(Exception):
    """A released document's file no longer gives the model it was loaded as (it changed,
    or went, while the run read it)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class LoadedDocument:
    """A validated document; the source positions of its nodes are read when first asked for.

    Most documents have nothing to report, so loading keeps only the model: the positioned
    nodes (``root``) are built on first use, from the bytes the document was loaded from
    (kept for documents loaded from memory, read again from ``source`` otherwise and
    checked against ``digest``).
    """

    def __init__(
        self, path: str, model: DocumentBase | None, *, shipped: bool = False, digest: str = "",
        root: MappingNode | None = None, source: Path | None = None, data: bytes | None = None,
        fast: bool = False,
    ) -> None:
        self.path = path
        """Path as shown in messages (relative to the project root where possible)."""
        self._model: DocumentBase | None = model
        self.id: str = model.id if model is not None else ""
        """The document id."""
        self.kind: str = getattr(model, "kind", "")
        """The document kind, as written (``plan``, ``follow-up``, …)."""
        self.status: str | None = getattr(model, "status", None)
        """The document's status, where its kind has one."""
        self.example: bool = bool(getattr(model, "example", False))
        """Whether the document says ``example: true`` (it never shows in real ones)."""
        self.shipped = shipped
        """True for frameworks and catalogs that ship inside the package."""
        self.digest = digest
        """SHA-256 of the file's bytes: what incremental builds compare."""
        self.source = source
        """The file the document was read from (None when loaded from memory)."""
        self._data = data if source is None else None
        self._root = root
        self.fast = fast
        """The fast path took the file whole: one position can be read without the nodes."""
        self._located = 0
        self._plain: dict[str, object] | None = None
        self._pickled: bytes | None = None
        self._packed = False  # whether ``_pickled`` is compressed (zlib)
        self.card: object = None
        """What lists and titles read of the document without its model
        (:class:`mvkplan.index.cards.DocumentCard`), when it was made where the model was."""

    @classmethod
    def known(
        cls, path: str, *, id: str, kind: str, status: str | None, example: bool, digest: str,
        source: Path, fast: bool,
    ) -> LoadedDocument:
        """A document validated elsewhere (in a worker process), known here by its id, kind,
        status and example mark; its model is validated again from ``source`` if it is ever
        used."""
        document = cls(path, None, digest=digest, source=source, fast=fast)
        document.id, document.kind, document.status, document.example = id, kind, status, example
        return document

    def __repr__(self) -> str:
        return f"LoadedDocument({self.path!r}, {self.id!r})"

    def __getstate__(self) -> dict[str, object]:
        # Nodes are rebuilt on demand and the source is set by whoever reads the entry.
        return {**self.__dict__, "_model": self.model, "_root": None, "source": None}

    @property
    def model(self) -> DocumentBase:
        """The validated model; validated again from the file when it was released (and,
        within :func:`held_at_most`, let go again once enough others were made after it)."""
        if self._model is None:
            self._model = self._validate_again()
            if _held.limit is not None:
                _held.made(self)
        return self._model

    def keep(self, plain: dict[str, object] | None = None, *, pickled: bytes | None = None,
             packed: bool = False) -> None:
        """Keep the plain data the document was validated from (in a worker): its model is
        then made again from it, not from the file, and :meth:`plain` gives it. ``pickled``:
        the plain data as a signed cache entry holds it, unpickled when first used (a lint
        run whose findings are kept never uses most of them); ``packed``: those bytes
        compressed (:func:`packed`), as a worker sends them to a streaming build."""
        self._plain = plain
        self._pickled = pickled if plain is None else None
        self._packed = packed and self._pickled is not None

    def compact(self) -> None:
        """Keep the plain data pickled and compressed rather than as objects (a tenth of
        their size), unpickled when next used: what a streaming run holds of every document
        it let go."""
        if self._plain is not None:
            import pickle

            self._pickled = packed(pickle.dumps(self._plain, protocol=pickle.HIGHEST_PROTOCOL))
            self._packed, self._plain = True, None

    def _kept(self) -> dict[str, object] | None:
        if self._plain is None and self._pickled is not None:
            import pickle
            import zlib

            data = zlib.decompress(self._pickled) if self._packed else self._pickled
            # From an entry whose signature was checked when it was read (LoadCache.get),
            # or from this run's own worker.
            self._plain = pickle.loads(data)  # noqa: S301
        return self._plain

    def release(self) -> None:
        """Let go of the model (a streaming run keeps only the index); the next use of
        :attr:`model` validates the kept plain data again, else the file, which must still
        read as it did."""
        if self.source is not None or self._data is not None:
            self._model = None
        if self._pickled is not None:  # unpickled again when next used
            self._plain = None

    @property
    def released(self) -> bool:
        """Whether the model was let go (and would be validated again on use)."""
        return self._model is None

    @property
    def holds_plain(self) -> bool:
        """Whether the plain data it was validated from is kept (as objects or pickled)."""
        return self._plain is not None or self._pickled is not None

    def object_at(self, path: Path_) -> object:
        """The model object at ``path``: its YAML keys are the models' attribute names."""
        found: object = self.model
        for step in path:
            found = found[step] if isinstance(step, int) else getattr(found, step)  # type: ignore[index]
        return found

    def _validate_again(self) -> DocumentBase:
        import hashlib

        kept = self._kept()
        if kept is not None:
            return DOCUMENT_MODELS[self.kind].model_validate(kept)
        data = self._source_bytes()
        if data is None or hashlib.sha256(data).hexdigest() != self.digest:
            raise SourceChanged(self.path)
        try:
            plain = load_data(data)[0]
            return DOCUMENT_MODELS[self.kind].model_validate(plain)
        except (YamlError, ValueError, KeyError) as exc:  # pydantic's ValidationError is a ValueError
            raise SourceChanged(self.path) from exc

    @property
    def root(self) -> MappingNode:
        """The document's nodes with their positions (parsed again on first use)."""
        if self._root is None:
            self._root = self._parse_again()
        return self._root

    def plain(self) -> dict[str, object]:
        """The document's plain data (dicts, lists, strings, None) as written: kept, else read
        again from its file; what text rules scan without building nodes ({} if it is gone).
        Callers only read it."""
        kept = self._kept()
        if kept is not None:
            return kept
        if self._root is not None:
            return cast("dict[str, object]", to_data(self._root))
        data = self._source_bytes()
        try:
            return load_data(data)[0] if data is not None else {}
        except YamlError:
            return {}

    def _source_bytes(self) -> bytes | None:
        if self._data is not None or self.source is None:
            return self._data
        try:
            return self.source.read_bytes()
        except OSError:
            return None

    def _parse_again(self) -> MappingNode:
        # A file edited since it was loaded is placed as it reads now: the best there is.
        return nodes_of(self._data, self.source)

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

    def key_position(self, path: Path_) -> tuple[int, int] | None:
        """Line and column of the key that ends ``path`` (None when it is not written)."""
        found = self._locate(path, key=True)
        if found is not None:
            return None if found == (0, 0) else found
        node: Node | None = self.root
        for step in path[:-1]:
            if isinstance(node, MappingNode) and isinstance(step, str):
                node = node.get(step)
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.items):
                node = node.items[step]
            else:
                return None
        last = path[-1]
        key = node.key_node(last) if isinstance(node, MappingNode) and isinstance(last, str) else None
        return (key.line, key.column) if key else None

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of the node at ``path`` (the deepest along it that exists).

        The first few are read by walking rapidyaml's tree along ``path`` alone; a document
        asked for more builds its nodes once and answers the rest from them."""
        found = self._locate(path)
        if found is not None:
            return found
        node = self.node_at(path)
        return node.line, node.column

    def _locate(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """A position read by walking rapidyaml's tree; None when the nodes must answer.
        The document last asked keeps its parsed tree, for the questions that follow."""
        if self._root is not None or not self.fast or self._located >= _LOCATED_BEFORE_NODES:
            return None
        if not _recent or _recent[0][0] is not self:
            from mvkplan.source.locate import Locator

            data = self._source_bytes()
            if data is None:
                return None
            _recent[:] = [(self, Locator(data))]
        found = _recent[0][1].locate(path, key=key)
        if found is not None:
            self._located += 1
        return found


def packed(pickled: bytes) -> bytes:
    """Pickled plain data compressed as a streaming build holds it for every document it let
    go (zlib's fastest level: about a quarter of the size, for a few ms per megabyte)."""
    import zlib

    return zlib.compress(pickled, 1)


class _Held:
    """The models made again from released documents, oldest first, while a limit is set."""

    def __init__(self) -> None:
        self.limit: int | None = None
        self.documents: deque[LoadedDocument] = deque()

    def made(self, document: LoadedDocument) -> None:
        self.documents.append(document)
        while len(self.documents) > cast(int, self.limit):
            self.documents.popleft().release()


_held = _Held()


@contextmanager
def held_at_most(limit: int) -> Iterator[None]:
    """Within this, at most ``limit`` models made again from released documents stay alive:
    making one more lets the oldest go (it is made again if used again). A streaming build
    renders its pages so: a page may read any document's model, and no process comes to
    hold them all. The models made within are let go when it ends."""
    before, _held.limit = _held.limit, limit
    try:
        yield
    finally:
        _held.limit = before
        while _held.documents:
            _held.documents.popleft().release()


def models_held() -> int:
    """How many models made again are alive within :func:`held_at_most` (for probes)."""
    return len(_held.documents)


_recent: list[tuple[LoadedDocument, Locator]] = []
"""The last document whose position was read by a walk, with its parsed tree (one slot)."""


def nodes_of(data: bytes | None, source: Path | None) -> MappingNode:
    """The positioned nodes of ``data``, else of the file at ``source`` as it reads now; a bare
    mapping at 1:1 when neither can be had (every position then falls back to the top)."""
    if data is None and source is not None:
        try:
            data = source.read_bytes()
        except OSError:
            data = None
    if data is None:
        return MappingNode(1, 1)
    try:
        return parse_yaml(data)
    except YamlError:
        return MappingNode(1, 1)
