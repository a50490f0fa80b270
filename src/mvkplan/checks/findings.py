"""Lint findings kept per file, so that a lint after one change runs the rules on few files.

What the rules report about a document, after suppressions and severity overrides, is kept
in the project's cache (``.mvkplan_cache/findings/``), one entry per file holding the findings
of each rule scope (:data:`~mvkplan.checks.rules.base.DOCUMENT`,
:data:`~mvkplan.checks.rules.base.CORPUS`). The entry's key and, for the rules that read the
index, a condition kept beside their findings are made of everything the findings depend on:

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

Entries are signed like every entry of the cache (:func:`~mvkplan.loading.cache.encode_entry`)
for their own key, and checked before anything in them is unpickled: a tampered, moved or
foreign entry is a miss, and its document is linted again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mvkplan.checks.rules.base import Rule, RuleOptions
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.cache import LoadCache, decode_entry, encode_entry, fingerprint
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.i18n import get_language
from mvkplan.messages.problems import Problem, Severity
from mvkplan.project.config import Project

SUBFOLDER = "findings"
"""Where in the cache folder the entries lie (one per document and scope)."""


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
    """The kept findings of one project, for one selection of rules."""

    def __init__(self, project: Project, selection: Selection) -> None:
        self.cache = LoadCache.for_project(project.root)
        self.folder = self.cache.folder / SUBFOLDER
        self.run = hashlib.sha256("\0".join([
            fingerprint(), get_language(), date.today().isoformat(),
            os.environ.get("MVKPLAN_YAML_ENGINE", ""), str(project.root),
            project.settings.model_dump_json(), selection.describe(), ""]).encode()).hexdigest()

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

    def get(self, key: str) -> Kept | None:
        """The findings kept under ``key``; None when absent, unsigned, tampered or damaged."""
        if not self.usable():
            return None
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        found = decode_entry(raw, _label(key))
        return found if isinstance(found, Kept) and found.well_formed() else None

    def put(self, key: str, kept: Kept) -> None:
        """Keep ``kept`` under ``key`` (written atomically; failures are ignored)."""
        if self.usable():
            self.cache.write_path(self._path(key), encode_entry(kept, _label(key)))

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key


def _label(key: str) -> str:
    """What an entry is signed for: its own key (an entry copied to another key is a miss)."""
    return f"{SUBFOLDER}/{key}"


def neighbourhoods(index: LinkIndex) -> dict[str, str]:
    """Every project document's id → a digest of its neighbourhood: the shown path and
    SHA-256 of each project document it is linked with (both ways, through any chain of
    links) and of every project catalog. Shipped documents join nothing: they link only
    among themselves, and the fingerprint covers them."""
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

    project = {doc_id: document for doc_id, document in index.documents.items()
               if not document.shipped}
    for link in index.links:
        join(link.document, link.target_document)
    successors, extensions = index.chains()
    for older, newer in successors.items():
        join(older, newer)
    for extended, extending in extensions.items():
        for catalog in extending:
            join(extended, catalog)
    members: dict[str, list[str]] = {}
    for doc_id, document in project.items():
        members.setdefault(find(doc_id), []).append(f"{doc_id}\0{document.path}\0{document.digest}")
    catalogs = sorted(f"{doc_id}\0{document.path}\0{document.digest}"
                      for doc_id, document in project.items() if document.kind == "catalog")
    common = "\n".join(["catalogs", *catalogs, ""])
    digests = {group: hashlib.sha256("\n".join([common, *sorted(names)]).encode()).hexdigest()
               for group, names in members.items()}
    return {doc_id: digests[find(doc_id)] for doc_id in project}
