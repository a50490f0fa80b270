"""Validate every new follow-up text with mvkplan's own loader and checks, then write all or none."""

from __future__ import annotations

from pathlib import Path

from mvkplan.checks.references import check_index
from mvkplan.cycle.recording.journal import replace_all
from mvkplan.cycle.recording.record import Prepared
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.load import iter_documents
from mvkplan.loading.shipped import shipped_documents
from mvkplan.loading.validation import load_bytes
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem, Severity


def check_written(documents: list[LoadedDocument], prepared: list[Prepared]) -> list[Problem]:
    """Problems the new texts would have: schema, identity and references, as ``validate`` sees them."""
    problems: list[Problem] = []
    new: list[LoadedDocument] = []
    for item in prepared:
        if item.text is None:
            continue
        loaded, found = load_bytes(item.text.encode("utf-8"), item.path)
        problems.extend(_refused(item.path, p) for p in found)
        if loaded is not None:
            new.append(loaded)
    if problems:
        return problems
    paths = {item.path for item in prepared}
    kept = [d for d in documents if d.path not in paths]
    index = LinkIndex.build(iter_documents(shipped_documents(), kept, new))
    found = [p for p in check_index(index) if p.path in paths and p.severity >= Severity.ERROR]
    found.extend(_follow_up_checks(index, paths))
    return [_refused(p.path, p) for p in found]


def _follow_up_checks(index: LinkIndex, paths: set[str]) -> list[Problem]:
    """The follow-up checks of ``validate``, when this mvkplan has them."""
    try:
        from mvkplan.checks import followups as checks
    except ImportError:
        return []
    run = getattr(checks, "check_follow_ups", None)
    if run is None:
        return []
    return [p for p in run(index) if p.path in paths and p.severity >= Severity.ERROR]


def _refused(path: str, problem: Problem) -> Problem:
    return Problem(path, problem.line, problem.column, "R102",
                   t("R102", code=problem.code, message=problem.message), hint=problem.hint)


def write_all(root: Path, prepared: list[Prepared]) -> list[str]:
    """Write every prepared text that changes its file, all or none (:mod:`.journal`); the paths written."""
    texts: dict[str, bytes] = {}
    for item in prepared:
        if item.text is None:
            continue
        target = root / item.path
        data = item.text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        texts[item.path] = data
    return replace_all(root, texts)
