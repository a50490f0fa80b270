"""Writing a review: every changed file validated as ``validate`` would, then all written or none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.checks.references import check_index
from mvkplan.cycle.recording.journal import replace_all
from mvkplan.cycle.recording.yamledit import EditError
from mvkplan.cycle.review.find import Retarget
from mvkplan.cycle.review.splice import Path_, replace_links
from mvkplan.index.linkindex import Link, LinkIndex
from mvkplan.index.review import ReviewedLink
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.load import iter_documents
from mvkplan.loading.shipped import shipped_documents
from mvkplan.loading.validation import load_bytes
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem, Severity


@dataclass
class Written:
    """What a review wrote (project-relative paths), or the problems that kept it from writing."""

    paths: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def new_texts(root: Path, stamps: Sequence[ReviewedLink],
              retargets: Sequence[Retarget]) -> tuple[dict[str, str], list[Problem]]:
    """The new text of every file a link is rewritten in; a link that cannot be is a problem."""
    wanted: dict[str, dict[Path_, str]] = defaultdict(dict)
    placed: dict[str, list[Link]] = defaultdict(list)
    for stamp in stamps:
        link = stamp.link
        wanted[link.file][link.path] = f"{link.target}@{stamp.current}"
        placed[link.file].append(link)
    for retarget in retargets:  # a moved link gets its new target's fingerprint, not the old one's
        wanted[retarget.link.file][retarget.link.path] = retarget.written
        placed[retarget.link.file].append(retarget.link)
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for path, links in wanted.items():
        try:
            original = (root / path).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, 0, 0, "V103", t("V103", path=path, detail=exc)))
            continue
        try:
            texts[path] = replace_links(original, links)
        except EditError as exc:
            first = placed[path][0]
            problems.append(Problem(path, first.line, first.column, "V101",
                                    t("V101", detail=exc), hint=t("V101.hint")))
    return texts, problems


def check_texts(documents: Sequence[LoadedDocument], texts: dict[str, str]) -> list[Problem]:
    """The errors ``validate`` would find in the new texts, indexed with every other document."""
    problems: list[Problem] = []
    new: list[LoadedDocument] = []
    for path, text in texts.items():
        loaded, found = load_bytes(text.encode("utf-8"), path)
        problems.extend(_refused(p) for p in found)
        if loaded is not None:
            new.append(loaded)
    if problems:
        return problems
    kept = [d for d in documents if d.path not in texts]
    # Only what the rewrite brings is refused: an error the file already had (a broken link
    # elsewhere in it) is validate's to report, and must not keep its links from being reviewed.
    before = {_where(p) for p in _errors(LinkIndex.build(iter_documents(shipped_documents(), documents)), texts)}
    after = _errors(LinkIndex.build(iter_documents(shipped_documents(), kept, new)), texts)
    return [_refused(p) for p in after if _where(p) not in before]


def _errors(index: LinkIndex, paths: Mapping[str, str]) -> list[Problem]:
    return [p for p in check_index(index) if p.path in paths and p.severity >= Severity.ERROR]


def _where(problem: Problem) -> tuple[str, int, str, str]:
    # A rewritten link stays on its line (a longer one before it on the line moves the column):
    # the same error reads the same before and after.
    return problem.path, problem.line, problem.code, problem.message


def _refused(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.column, "V102",
                   t("V102", code=problem.code, message=problem.message), hint=problem.hint)


def write_review(root: Path, documents: Sequence[LoadedDocument], stamps: Sequence[ReviewedLink],
                 retargets: Sequence[Retarget]) -> Written:
    """Rewrite the links of ``stamps`` and ``retargets`` in their files: all files or none."""
    texts, problems = new_texts(root, stamps, retargets)
    problems = problems or check_texts(documents, texts)
    if problems:
        return Written(problems=problems)
    return Written(paths=replace_all(root, {path: text.encode("utf-8") for path, text in texts.items()}))
