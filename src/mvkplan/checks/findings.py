"""Lint findings kept per file, so that a lint after one change runs the rules on few files.

What the rules report about a document, after suppressions and severity overrides, is kept
per file, with the findings of each rule scope (:data:`~mvkplan.checks.rules.base.DOCUMENT`,
:data:`~mvkplan.checks.rules.base.CORPUS`) apart. A file's key and, for the rules that read
the index, a condition kept beside their findings are made of everything the findings
depend on:

- every run: mvkplan itself (:func:`~mvkplan.loading.cache.fingerprint`, which covers the
  shipped frameworks and catalogs), the message language, today's date (two rules compare
  deadlines with it), the YAML engine, the project's root and configuration, and the rules
  that run with their options, severities and per-path ignores;
- the document (the key): its shown path and its file's SHA-256 (its inline
  ``# mvkplan: ignore`` comments are in those bytes);
- for the rules that read the index (the condition): its *neighbourhood* (:func:`neighbourhoods`), the
  path and SHA-256 of every project document linked to it, directly or through others, in
  either direction (links hold a follow-up's plan, what supersedes what and what a catalog
  extends), and of every project catalog (a rule may read a catalog it does not link to).
  Those rules follow links only from the document outwards (reach, serving links, link
  targets, the follow-ups and successors that link to it), so what they see of the corpus
  lies in that neighbourhood; the shipped documents are in the fingerprint.

Every file's findings of a run are kept in one entry (``.mvkplan_cache/findings/<slot>``, one
slot per message language, holding the run's key and shown path → file key and findings):
creating a file costs more than the findings it would hold, and a run reads one entry, not
one per document. A run over some files (``lint plans/x``) replaces only theirs; a run over
the whole project drops the files it did not see. The entry is signed like every entry of
the cache (:func:`~mvkplan.loading.cache.encode_entry`) for its own place, and checked before
anything in it is unpickled: a tampered, moved or foreign entry is no entry, and every
document is linted again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from mvkplan.checks.common import today
from mvkplan.checks.rules.base import Rule, RuleOptions
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.cache import LoadCache, decode_entry, encode_entry, fingerprint
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import get_language
from mvkplan.messages.problems import Problem, Severity
from mvkplan.project.config import Project

_SHARED = ("catalog", "framework")
"""Kinds of project document every document's neighbourhood holds."""

SUBFOLDER = "findings"
"""Where in the cache folder the slots lie."""


@dataclass(frozen=True)
class Selection:
    """What besides the files decides the findings: the rules that run and how."""

    rules: tuple[Rule, ...]
    options: dict[str, RuleOptions | None]
    severity: dict[str, Severity]
    per_path_ignores: tuple[tuple[str, frozenset[str]], ...]

    def describe(self) -> str:
        """The selection as text, the same for the same selection in every run."""
        options = {code: value.model_dump_json() if value is not None else None
                   for code, value in self.options.items()}
        return repr((
            [(rule.code, rule.scope, options.get(rule.code)) for rule in self.rules],
            sorted((code, level.value) for code, level in self.severity.items()),
            [(pattern, sorted(codes)) for pattern, codes in self.per_path_ignores],
        ))


@dataclass(frozen=True)
class Kept:
    """What the rules of each scope found about one file: scope → (the condition they were
    found under, the problems)."""

    scopes: dict[str, tuple[str, list[Problem]]]

    def found(self, scope: str, condition: str) -> list[Problem] | None:
        """The problems of ``scope`` if they were found under ``condition``, else None."""
        kept = self.scopes.get(scope)
        return kept[1] if kept is not None and kept[0] == condition else None

    def well_formed(self) -> bool:
        """Whether every part has the types it should (an entry from another build may not)."""
        return isinstance(self.scopes, dict) and all(
            isinstance(scope, str) and isinstance(kept, tuple) and len(kept) == 2
            and isinstance(kept[0], str) and isinstance(kept[1], list)
            and all(isinstance(problem, Problem) for problem in kept[1])
            for scope, kept in self.scopes.items())


class FindingsStore:
    """The kept findings of one project, for one run's selection of rules and language."""

    def __init__(self, project: Project, selection: Selection) -> None:
        self.cache = LoadCache.for_project(project.root)
        language = get_language()
        self.slot = self.cache.folder / SUBFOLDER / hashlib.sha256(language.encode()).hexdigest()[:32]
        self.run = hashlib.sha256("\0".join([
            fingerprint(), language, today(),
            os.environ.get("MVKPLAN_YAML_ENGINE", ""), str(project.root),
            project.settings.model_dump_json(), selection.describe(), ""]).encode()).hexdigest()
        self._files: dict[str, tuple[str, Kept]] | None = None

    def usable(self) -> bool:
        """Whether entries may be read and written (see :meth:`LoadCache.usable`)."""
        return self.cache.usable()

    def key(self, document: LoadedDocument) -> str | None:
        """The key of ``document``'s findings (None when the document's bytes are not known,
        so nothing may be kept for it)."""
        if not document.digest:
            return None
        return hashlib.sha256("\0".join([
            self.run, document.path, document.digest]).encode()).hexdigest()

    def get(self, path: str, key: str) -> Kept | None:
        """The findings kept for the file shown as ``path`` under ``key``; None when there
        are none, or the slot is absent, unsigned, tampered or damaged."""
        kept = self._read().get(path)
        return kept[1] if kept is not None and kept[0] == key else None

    def save(self, made: dict[str, tuple[str, Kept]], seen: set[str] | None) -> None:
        """Keep ``made`` (shown path → key and findings) with what the slot holds of other
        files; ``seen``: every file of the project, when the run saw them all (the slot then
        forgets the others)."""
        if not self.usable() or (not made and seen is None):
            return
        held = self._read()
        files = {path: kept for path, kept in held.items() if seen is None or path in seen}
        if not made and len(files) == len(held):
            return  # nothing new, nothing to forget
        files.update(made)
        self.cache.write_path(self.slot, encode_entry((self.run, files), _label(self.slot)))

    def _read(self) -> dict[str, tuple[str, Kept]]:
        if self._files is None:
            self._files = {}
            try:
                raw = self.slot.read_bytes() if self.usable() else b""
            except OSError:
                raw = b""
            stored = decode_entry(raw, _label(self.slot)) if raw else None
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self.run \
                    and isinstance(stored[1], dict):
                self._files = {path: kept for path, kept in stored[1].items()
                               if _well_formed(path, kept)}
        return self._files


def _well_formed(path: object, kept: object) -> bool:
    """Whether a slot's part has the types it should (a slot from another build may not)."""
    return (isinstance(path, str) and isinstance(kept, tuple) and len(kept) == 2
            and isinstance(kept[0], str) and isinstance(kept[1], Kept) and kept[1].well_formed())


def _label(slot: Path) -> str:
    """What a slot is signed for: its own place (an entry moved to another is no entry)."""
    return f"{SUBFOLDER}/{slot.name}"


def neighbourhoods(index: LinkIndex) -> dict[str, str | None]:
    """Every project document's id → a digest of its neighbourhood: the shown path and
    SHA-256 of each project document it is linked with (both ways, through any chain of
    links, :func:`components`) and of every project catalog; None when one of those
    documents' bytes are not known (nothing may then be kept)."""
    group = components(index)
    project = {doc_id: index.documents[doc_id] for doc_id in group}
    members: dict[str, list[str]] = {}
    for doc_id, document in project.items():
        members.setdefault(group[doc_id], []).append(f"{doc_id}\0{document.path}\0{document.digest}")
    # Catalogs and the project's frameworks are everyone's neighbours: a rule may name a
    # framework in its options (MVK005's `frameworks`) and read it for a plan that does not
    # link to it. They are few, so a change to one sends every document to the rules again.
    shared = sorted(f"{doc_id}\0{document.path}\0{document.digest}"
                    for doc_id, document in project.items() if document.kind in _SHARED)
    common = "\n".join(["catalogs", *shared, ""])
    unknown = {group[doc_id] for doc_id, document in project.items() if not document.digest}
    if any(not document.digest for document in project.values() if document.kind in _SHARED):
        unknown = set(members)
    digests = {group: None if group in unknown else
               hashlib.sha256("\n".join([common, *sorted(names)]).encode()).hexdigest()
               for group, names in members.items()}
    return {doc_id: digests[group[doc_id]] for doc_id in project}


def components(index: LinkIndex) -> dict[str, str]:
    """Every project document's id → the id that stands for its group: the documents linked
    with it, both ways, through any chain of links, successions and catalog extensions.
    Shipped documents join nothing: they link only among themselves, and the fingerprint
    covers them."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while node != root:  # shorten the path for the next look-up
            parent[node], node = root, parent[node]
        return root

    def join(one: str, other: str) -> None:
        if one in project and other in project:
            first, second = find(one), find(other)
            if first != second:
                parent[max(first, second)] = min(first, second)

    project = {doc_id for doc_id, document in index.documents.items() if not document.shipped}
    for link in index.links:
        join(link.document, link.target_document)
    successors, extensions = index.chains()
    for older, newer in successors.items():
        join(older, newer)
    for extended, extending in extensions.items():
        for catalog in extending:
            join(extended, catalog)
    return {doc_id: find(doc_id) for doc_id in project}
