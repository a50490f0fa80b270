"""``mvkplan validate``: schema, identity and references of a project's documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mvkplan.config import Project
from mvkplan.followup.checks import check_follow_ups
from mvkplan.index import LinkIndex
from mvkplan.loading import LoadResult, display_path, iter_documents, load_paths, shipped_documents
from mvkplan.paths import is_within
from mvkplan.problems import Problem
from mvkplan.references import check_index


@dataclass
class Corpus:
    """A project's documents loaded and indexed, with the problems loading found."""

    project: Project
    loaded: LoadResult
    index: LinkIndex

    @property
    def files(self) -> int:
        """Number of YAML files read."""
        return self.loaded.files


def load_corpus(project: Project, extra: list[Path] | None = None) -> Corpus:
    """Load the configured documents (and ``extra`` paths) and index them with the shipped ones."""
    paths = project.document_paths()
    for path in extra or []:
        if not any(is_within(path, configured) for configured in paths):
            paths.append(path)
    loaded = load_paths(paths, project.root, max_size=project.settings.max_file_size,
                        follow_external=project.settings.follow_external_symlinks)
    index = LinkIndex.build(iter_documents(shipped_documents(), loaded.documents))
    return Corpus(project, loaded, index)


def validate(project: Project, targets: list[Path] | None = None) -> tuple[Corpus, list[Problem]]:
    """Every loading, schema, identity and reference problem; only for ``targets`` if given."""
    corpus = load_corpus(project, targets)
    problems = [*corpus.loaded.problems, *check_index(corpus.index),
                *check_follow_ups(corpus.index)]
    if targets:
        wanted = [display_path(t, project.root) for t in targets]
        problems = [p for p in problems if any(_shown_within(p.path, w) for w in wanted)]
    return corpus, sorted(set(problems))


def _shown_within(shown: str, wanted: str) -> bool:
    return shown == wanted or shown.startswith(wanted.rstrip("/") + "/") or wanted in ("", ".")
