"""The problems ``mvkplan check`` finds, kept up to date as documents change.

The reference and follow-up checks are run over the whole index on every change (they are
quick). The lint rules are run again only for the documents a change can concern: a rule's
finding about a document depends on that document and on the index, and the rules read the
index along links, both ways (what a document reaches: its chain to the national strategy,
the frameworks it covers, the plan a follow-up reports on; and what reaches it: its
successor, its follow-ups, the documents that link to an example). So the documents
linted again are the changed ones and every document linked to or from them, directly or
through others, before the change and after it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mvkplan.followup.checks import check_follow_ups
from mvkplan.index import LinkIndex
from mvkplan.lint import LintConfig, run_rules
from mvkplan.live.corpus import LiveCorpus
from mvkplan.problems import Problem
from mvkplan.references import check_index
from mvkplan.rules import RULES, LintContext
from mvkplan.rules.reach import LinkGraph


class LiveChecks:
    """Validation problems and lint findings of a :class:`LiveCorpus` (raises
    :class:`~mvkplan.lint.LintConfigError` for a configuration naming unknown rules)."""

    def __init__(self, live: LiveCorpus) -> None:
        self.live = live
        self.config = LintConfig.from_settings(live.project.settings)
        self._findings: dict[str, list[Problem]] = {}
        """Document id → what the rules found in it."""
        self._graph: LinkGraph | None = None
        self._lint(set(self._repository()))

    def reached(self, documents: Iterable[str]) -> set[str]:
        """``documents`` and every document linked to or from them, directly or not, in
        the index as it is now (call before and after a change)."""
        return reached(self.live.index, documents)

    def update(self, concerned: set[str], *, relinked: bool = True) -> None:
        """Run the rules again for the ``concerned`` documents (those that still exist);
        ``relinked=False`` says no document changed in its links or items, so the rules'
        link graph is kept."""
        repository = set(self._repository())
        for document_id in list(self._findings):
            if document_id not in repository:
                del self._findings[document_id]
        if relinked:
            self._graph = None
        self._lint(concerned & repository)

    def problems(self) -> list[Problem]:
        """Every problem, as :func:`mvkplan.check.check` lists them."""
        corpus = self.live.corpus
        found = [*check_index(corpus.index, corpus.loaded.unloaded()), *check_follow_ups(corpus.index)]
        rules = [p for document_id in self._repository() for p in self._findings[document_id]]
        unique = {(p, p.message): p for p in [*rules, *corpus.loaded.problems, *found]}
        return sorted(unique.values())

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
