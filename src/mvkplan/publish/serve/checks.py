"""The problems ``mvkplan check`` finds, kept up to date as documents change.

The reference checks are run over the whole index again when a change can alter what they
find: a document changed in its links or items, came, went or moved, or a changed document
had a reference problem (whose line may have moved); a document's own follow-up checks when
it changed. The lint rules are run again only for the documents a change can concern: a rule's
finding about a document depends on that document and on the index, and the rules read the
index along links, both ways (what a document reaches: its chain to the national strategy,
the frameworks it covers, the plan a follow-up reports on; and what reaches it: its
successor, its follow-ups, the documents that link to an example). So the documents
linted again are the changed ones and every document linked to or from them, directly or
through others, before the change and after it.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Iterable

from mvkplan.checks.followups import document_problems, follow_up_problems
from mvkplan.checks.lint import LintConfig, run_rules
from mvkplan.checks.references import check_index
from mvkplan.checks.rules import RULES, LintContext
from mvkplan.checks.rules.reach import LinkGraph
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.messages.problems import Problem
from mvkplan.publish.serve.corpus import LiveCorpus


class LiveChecks:
    """Validation problems and lint findings of a :class:`LiveCorpus` (raises
    :class:`~mvkplan.checks.common.LintConfigError` for a configuration naming unknown rules)."""

    def __init__(self, live: LiveCorpus) -> None:
        self.live = live
        self.config = LintConfig.from_settings(live.project.settings)
        self._findings: dict[str, list[Problem]] = {}
        """Document id → what the rules found in it."""
        self._graph: LinkGraph | None = None
        self._lint(set(self._repository()))
        self._own: weakref.WeakKeyDictionary[LoadedDocument, list[Problem]] = (
            weakref.WeakKeyDictionary())
        """What a document's own indicators tell alone (a changed document is a new object)."""
        self._references: tuple[Hashable, list[Problem]] | None = None
        """The reference checks' problems, and the documents' places they were found for."""

    def reached(self, documents: Iterable[str]) -> set[str]:
        """``documents`` and every document linked to or from them, directly or not, in
        the index as it is now (call before and after a change)."""
        return reached(self.live.index, documents)

    def update(self, concerned: set[str], *, relinked: bool = True,
               changed: set[str] | None = None) -> None:
        """Run the rules again for the ``concerned`` documents (those that still exist);
        ``relinked=False`` says no document changed in its links or items, so the rules'
        link graph is kept, and so are the reference checks' problems unless one of them
        is in one of the ``changed`` documents (its place in the file may have moved)."""
        repository = set(self._repository())
        for document_id in list(self._findings):
            if document_id not in repository:
                del self._findings[document_id]
        if relinked or changed is None:
            self._graph = None
            self._references = None
        elif self._references is not None:
            paths = {d.path for d in self.live.index.documents.values() if d.id in changed}
            if any(problem.path in paths for problem in self._references[1]):
                self._references = None
        self._lint(concerned & repository)

    def problems(self) -> list[Problem]:
        """Every problem, as :func:`mvkplan.checks.check.check` lists them."""
        corpus = self.live.corpus
        found = [*self._reference_problems(), *self._follow_up_problems()]
        rules = [p for document_id in self._repository() for p in self._findings[document_id]]
        unique = {(p, p.message): p for p in [*rules, *corpus.loaded.problems, *found]}
        return sorted(unique.values())

    def _reference_problems(self) -> list[Problem]:
        """:func:`check_index`'s problems, kept while no document changed in its links or
        items (see :meth:`update`) and every document is where it was, as are the files
        that failed to load and the duplicate items: nothing they depend on has changed."""
        corpus = self.live.corpus
        index, unloaded = corpus.index, corpus.loaded.unloaded()
        places = (tuple((d.id, d.path, d.shipped) for d in index.documents.values()),
                  tuple(sorted(unloaded.items())),
                  tuple((owner.path, item.path) for owner, item, _ in index.duplicates),
                  tuple((a.path, b.path) for a, b in index.duplicate_documents))
        if self._references is None or self._references[0] != places:
            self._references = (places, list(check_index(index, unloaded)))
        return self._references[1]

    def _follow_up_problems(self) -> list[Problem]:
        """:func:`check_follow_ups`'s problems; each document's own kept with the document."""
        index = self.live.index
        found: list[Problem] = []
        for loaded in index.documents.values():
            if not loaded.shipped:
                own = self._own.get(loaded)
                if own is None:
                    own = self._own[loaded] = list(document_problems(loaded))
                found.extend(own)
        found.extend(follow_up_problems(index))
        return found

    def _repository(self) -> list[str]:
        return [document_id for document_id, document in self.live.index.documents.items()
                if not document.shipped]

    def _lint(self, documents: set[str]) -> None:
        index = self.live.index
        known = frozenset(s for rule in RULES for s in (rule.code, rule.name))
        every = [index.documents[d] for d in self._repository()]
        context = LintContext(index, every, self.live.project.root, known_selectors=known)
        if self._graph is not None:
            context.shared["graph"] = LinkGraph.relinked(self._graph, index)
        for document in every:
            if document.id in documents:
                self._findings[document.id] = run_rules(self.config, context.subset([document]))
        graph = context.shared.get("graph")
        self._graph = graph if isinstance(graph, LinkGraph) else None


def reached(index: LinkIndex, documents: Iterable[str]) -> set[str]:
    """``documents`` and what links to them or is linked from them, followed all the way
    in each direction."""
    found = set(documents)
    for direction in (_forward, _backward):
        todo = list(documents)
        seen = set(todo)
        while todo:
            for other in direction(index, todo.pop()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        found |= seen
    return found


def _forward(index: LinkIndex, document_id: str) -> set[str]:
    return {link.target_document for link in index.links_from(document_id)}


def _backward(index: LinkIndex, document_id: str) -> set[str]:
    return {link.document for link in index.backlinks_to_document(document_id)}
