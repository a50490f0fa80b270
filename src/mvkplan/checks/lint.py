"""``mvkplan lint``: run the quality rules over a project's documents.

Rules only yield findings. Everything configurable happens here, in one place and in this
order: which rules run (``select``/``ignore``), then per-path ignores, inline
``# mvkplan: ignore[CODE]`` comments and severity overrides (:meth:`LintConfig.apply`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from pydantic import ValidationError

from mvkplan.checks.common import LintConfigError
from mvkplan.checks.findings import FindingsStore, Kept, Selection, components, neighbourhoods
from mvkplan.checks.rules import RULES, LintContext, Rule, RuleOptions, find_rule, select_rules
from mvkplan.checks.rules.base import CORPUS, DOCUMENT
from mvkplan.checks.validate import Corpus, streamed_corpus
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.load import discover
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.messages.textmatch import closest
from mvkplan.project.config import Project, Settings
from mvkplan.project.discovery import Discovery
from mvkplan.project.paths import display_path

SLICE = 32
"""Documents the rules see at a time."""


@dataclass(frozen=True)
class LintConfig:
    """The lint settings resolved against the rule registry."""

    rules: tuple[Rule, ...]
    """The rules that run, in code order."""
    options: dict[str, RuleOptions | None]
    severity: dict[str, Severity]
    per_path_ignores: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def from_settings(
        cls, settings: Settings, *, select: list[str] | None = None,
        ignore: Iterable[str] = (),
    ) -> LintConfig:
        """Resolve ``settings``; ``select`` replaces the configured selection, ``ignore`` adds."""
        selected = _codes(select if select is not None else settings.select, "select")
        ignored = _codes([*settings.ignore, *ignore], "ignore")
        enabled = tuple(
            rule for rule in RULES
            if (not selected or rule.code in selected) and rule.code not in ignored
        )
        severity: dict[str, Severity] = {}
        for selector, value in settings.severity.items():
            try:
                level = Severity.parse(value)
            except KeyError:
                raise LintConfigError(t("lint.severity", value=value)) from None
            for code in _codes([selector], "severity"):
                severity[code] = level
        per_path = tuple(
            (pattern, frozenset(_codes(selectors, f"per-path-ignores.{pattern}")))
            for pattern, selectors in settings.per_path_ignores.items()
        )
        return cls(enabled, _options(settings.rules), severity, per_path)

    def apply(self, problems: Iterable[Problem], context: LintContext) -> list[Problem]:
        """Drop what per-path ignores and inline comments suppress; apply severity overrides."""
        kept: list[Problem] = []
        inline = _inline_suppressions(context)
        for problem in problems:
            if any(problem.code in codes and _path_matches(problem.path, pattern)
                   for pattern, codes in self.per_path_ignores):
                continue
            if problem.code in inline.get((problem.path, problem.line), ()):
                continue
            level = self.severity.get(problem.code)
            kept.append(problem.with_severity(level) if level else problem)
        return kept


@dataclass
class LintResult:
    """What a lint run found, and over what."""

    corpus: Corpus
    problems: list[Problem]
    files: int
    own: list[Problem] = field(default_factory=list)
    """What each document's own validation checks found as it loaded (follow-up values of
    a plan's indicators): ``check`` reports them with the checks across documents."""


def lint(
    project: Project, targets: list[Path] | None = None, *, select: list[str] | None = None,
    ignore: Iterable[str] = (), cache: bool = True, discovered: Discovery | None = None,
) -> LintResult:
    """Lint the project's documents (only those under ``targets`` when given).

    Files that fail to load are reported with their loading problems, since no rule could
    look at them. Raises :class:`LintConfigError` for settings naming unknown rules.
    """
    config = LintConfig.from_settings(project.settings, select=select, ignore=ignore)
    # Every file the cache lacks is loaded and validated in this process, and keeps its
    # model: the rules' workers, forked afterwards, share those models. Loaded by workers,
    # each would cost a second validation (and its plain data sent here) for the rules.
    corpus, own = streamed_corpus(project, targets, cache=cache, discovered=discovered,
                                  release=False)
    return _lint_corpus(config, corpus, own, targets, cache=cache, fork=True)


def lint_of(corpus: Corpus) -> LintResult:
    """:func:`lint` of the whole project over a corpus already loaded (``build`` loads one
    for its pages): the same answer, without loading and validating every file again."""
    config = LintConfig.from_settings(corpus.project.settings)
    return _lint_corpus(config, corpus, [], None, cache=True, fork=False)


def _lint_corpus(
    config: LintConfig, corpus: Corpus, own: list[Problem], targets: list[Path] | None, *,
    cache: bool, fork: bool,
) -> LintResult:
    project = corpus.project
    wanted = [display_path(t, project.root) for t in targets or []]
    documents = [
        document for document in corpus.index.documents.values()
        if not document.shipped and _wanted(document.path, wanted)
    ]
    known = frozenset(s for rule in RULES for s in (rule.code, rule.name))
    context = LintContext(corpus.index, documents, project.root, known_selectors=known)
    store = None
    if cache and not os.environ.get("MVKPLAN_NO_CACHE"):
        store = FindingsStore(project, Selection(config.rules, config.options, config.severity,
                                                 config.per_path_ignores))
    problems = run_rules(config, context, store, whole=not targets, shared=corpus.shared,
                         fork=fork)
    problems += [p for p in corpus.loaded.problems if _wanted(p.path, wanted)]
    files = corpus.files if not targets else len(discover(targets)[0])
    unique = {(p, p.message): p for p in problems}  # Problem equality ignores the message
    return LintResult(corpus, sorted(unique.values()), files, own)


def run_rules(
    config: LintConfig, context: LintContext, store: FindingsStore | None = None, *,
    whole: bool = False, shared: Sequence[LoadedDocument] = (), fork: bool = False,
) -> list[Problem]:
    """Every problem the enabled rules find in the context's documents, suppressions and
    severity overrides applied.

    Rules see the documents a slice at a time, so what they keep per document (its bytes,
    its text values) stays small; a finding depends only on its document and the index, so
    the slices find what all documents at once would. Documents known here by their index
    entries alone (from cache entries, or validated by loading workers) are shown to the
    rules in forked workers, which validate them again side by side (doing that in this
    process would cost more than the rules); with ``fork``, so are documents that have their
    models (the fork shares them), to spread the rules over the cores. Results keep the
    slices' order.

    With a ``store``, what a document's rules of each scope found is kept per file, and a
    document whose findings of a scope are kept is not shown to those rules again (nor
    validated, when no scope is left to run); ``whole``: the context holds every document
    of the project (the store then forgets files it no longer has). ``shared``: documents
    known by their entries that rules of other documents may read whole (follow-ups and
    their plans); those linked with a document the rules see are validated here before
    workers fork, so the workers share them instead of each validating them again.
    """
    work = _Work.plan(config, context, store)
    documents = [document for document in context.documents if work.scopes.get(document.path)]
    slices = [documents[start:start + SLICE] for start in range(0, len(documents), SLICE)]
    if not fork and not any(document.released for document in documents):
        found = [work.run_slice(context.subset(part)) for part in slices]
    else:
        from mvkplan.project.parallel import map_ordered

        _make_shared(shared, documents, context)
        if any(CORPUS in scopes for scopes in work.scopes.values()):
            _share(config, context)
        found = map_ordered(lambda part: _run_released(work, context.subset(part)), slices,
                            minimum=2)
    if store is not None and work.store is not None:
        store.save({path: kept for _, made in found for path, kept in made.items()},
                   {document.path for document in context.documents} if whole else None)
    return [*work.kept, *(problem for part, _ in found for problem in part)]


Made = dict[str, tuple[str, Kept]]
"""Shown path → the key and findings to keep for the file (what a slice found)."""


@dataclass
class _Work:
    """What a lint run still has to do: per document, the scopes whose rules must see it;
    the findings kept from earlier runs; what to keep of this run's."""

    config: LintConfig
    scopes: dict[str, tuple[str, ...]]
    """Document path → the scopes of rules to run on it (every scope without a store)."""
    kept: list[Problem]
    """Findings read from the store, for documents and scopes not run again."""
    entries: dict[str, tuple[str, dict[str, str | None], Kept]]
    """Document path → its key, each scope's condition (None: its findings are not to be
    kept), and what the store holds for it."""
    store: FindingsStore | None

    @classmethod
    def plan(cls, config: LintConfig, context: LintContext, store: FindingsStore | None) -> _Work:
        """Look up every document's kept findings; what is missing is left to run."""
        used = tuple(scope for scope in (DOCUMENT, CORPUS)
                     if any(rule.scope == scope for rule in config.rules))
        if store is None or not store.usable():
            return cls(config, {document.path: used for document in context.documents}, [], {}, None)
        hoods = neighbourhoods(context.index) if CORPUS in used else {}
        scopes: dict[str, tuple[str, ...]] = {}
        kept: list[Problem] = []
        entries: dict[str, tuple[str, dict[str, str | None], Kept]] = {}
        for document in context.documents:
            key = store.key(document)
            entry = store.get(document.path, key) if key is not None else None
            conditions = {DOCUMENT: "", CORPUS: hoods.get(document.id)}
            missing: list[str] = []
            for scope in used:
                condition = conditions[scope]
                found = (entry.found(scope, condition)
                         if entry is not None and condition is not None else None)
                if found is None:
                    missing.append(scope)
                else:
                    kept.extend(found)
            scopes[document.path] = tuple(missing)
            if key is not None and missing:
                entries[document.path] = (key, conditions, entry or Kept({}))
        return cls(config, scopes, kept, entries, store)

    def run_slice(self, context: LintContext) -> tuple[list[Problem], Made]:
        """The findings of a slice of documents, each document shown to the rules of the
        scopes it still needs, and what to keep of them per file."""
        found: list[Problem] = []
        made: dict[str, dict[str, list[Problem]]] = {}
        for scope in (DOCUMENT, CORPUS):
            documents = [d for d in context.documents if scope in self.scopes.get(d.path, ())]
            rules = [rule for rule in self.config.rules if rule.scope == scope]
            if not documents or not rules:
                continue
            part = context.narrowed(documents)
            problems = self.config.apply(
                [rule.problem(finding) for rule in rules
                 for finding in rule.check(part, self.config.options.get(rule.code))], part)
            found.extend(problems)
            by_path: dict[str, list[Problem]] | None = {d.path: [] for d in documents}
            for problem in problems:
                if by_path is not None and problem.path in by_path:
                    by_path[problem.path].append(problem)
                else:  # about a file the slice did not show: whose it is cannot be told
                    by_path = None
            for path, mine in (by_path or {}).items():
                made.setdefault(path, {})[scope] = mine
        return found, self._keep(made)

    def _keep(self, made: dict[str, dict[str, list[Problem]]]) -> Made:
        """Each document's new findings beside those the store holds that are still valid."""
        if self.store is None:
            return {}
        keep: Made = {}
        for path, scopes in made.items():
            if path not in self.entries:
                continue
            key, conditions, entry = self.entries[path]
            held = {scope: kept for scope, kept in entry.scopes.items()
                    if scope not in scopes and kept[0] == conditions.get(scope)}
            held.update({scope: (condition, problems) for scope, problems in scopes.items()
                         if (condition := conditions[scope]) is not None})
            keep[path] = (key, Kept(held))
        return keep


def _share(config: LintConfig, context: LintContext) -> None:
    """Compute what the rules share (:meth:`LintContext.once`) before workers are forked, so
    that they inherit it instead of each computing it again."""
    context.graph  # noqa: B018 - computed once, kept in the context
    nothing = context.subset([])
    for rule in config.rules:
        for _ in rule.check(nothing, config.options.get(rule.code)):
            pass


def _make_shared(shared: Sequence[LoadedDocument], documents: list[LoadedDocument],
                 context: LintContext) -> None:
    """Validate the ``shared`` documents linked (through any chain) with one the rules are
    about to see: all of them in a whole run, and after one change only those near it (a
    rule reads a follow-up's plan, a plan's follow-ups; nothing farther)."""
    waiting = [document for document in shared if document.released]
    if not waiting:
        return
    groups = components(context.index)
    near = {groups.get(document.id) for document in documents}
    for document in waiting:
        if groups.get(document.id) in near:
            document.model  # noqa: B018 - made here, before the workers fork


def _run_released(work: _Work, context: LintContext) -> tuple[list[Problem], Made]:
    """:meth:`_Work.run_slice` in a worker; the documents it validated again from the plain
    data kept for them let go of their models after the slice, as they had before it."""
    released = [document for document in context.documents if document.released]
    try:
        return work.run_slice(context)
    finally:
        for document in released:
            document.release()


def unknown_rule_message(selector: str, key: str | None = None) -> str:
    """'unknown rule …' (in ``key`` of the configuration), with the closest code or name."""
    known = [s for rule in RULES for s in (rule.code, rule.name)]
    close = closest(selector.upper(), known) or closest(selector.lower(), known)
    message = (t("lint.unknown", selector=selector, key=key) if key
               else t("lint.unknown_rule", selector=selector))
    return message + (t("lint.did_you_mean", close=close) if close else "")


def _codes(selectors: Iterable[str], key: str) -> set[str]:
    """The codes that ``selectors`` name; an unknown selector is a configuration error."""
    codes: set[str] = set()
    for selector in selectors:
        rules = select_rules(selector)
        if not rules:
            raise LintConfigError(unknown_rule_message(selector, key))
        codes.update(rule.code for rule in rules)
    return codes


def _options(table: dict[str, dict[str, object]]) -> dict[str, RuleOptions | None]:
    """Every rule's options: the defaults, with the configured values validated on top."""
    options = {rule.code: rule.default_options() for rule in RULES}
    for selector, values in table.items():
        rule = find_rule(selector)
        if rule is None:
            _codes([selector], "rules")  # raises, with a did-you-mean
            continue
        if rule.options is None:
            raise LintConfigError(t("lint.no_options", code=rule.code, name=rule.name))
        try:
            options[rule.code] = rule.options.model_validate(values)
        except ValidationError as exc:
            detail = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise LintConfigError(t("lint.options", code=rule.code, name=rule.name,
                                    detail=detail)) from None
    return options


def _inline_suppressions(context: LintContext) -> dict[tuple[str, int], set[str]]:
    """(path, line) → codes suppressed there by ``# mvkplan: ignore[…]`` comments."""
    suppressed: dict[tuple[str, int], set[str]] = {}
    for document in context.documents:
        for comment in context.suppressions(document):
            codes = {rule.code for s in comment.selectors if (rule := find_rule(s))}
            suppressed.setdefault((document.path, comment.covers), set()).update(codes)
    return suppressed


def _path_matches(path: str, pattern: str) -> bool:
    """A glob match, or the path lies in the folder ``pattern`` names."""
    folder = pattern.rstrip("/")
    return fnmatchcase(path, pattern) or path.startswith(folder + "/")


def _wanted(shown: str, wanted: list[str]) -> bool:
    return not wanted or any(
        shown == w or shown.startswith(w.rstrip("/") + "/") or w in ("", ".") for w in wanted
    )
