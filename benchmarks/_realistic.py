"""A realistic corpus: copies of every real plan and follow-up in ``plans/``, for benchmarks.

One *group* is one copy of the whole real set. In group ``g`` every document id of the set
becomes ``<id>-k<g>`` (its file name too), wherever it is written: the ``id`` itself, a
follow-up's ``plan``, ``supersedes``, and every link (``kalmar-2024/likvardig-kunskap``),
so that the links of a group point inside that group. Ids are rewritten as whole words only
(``kalmar-2024`` is a prefix of ``kalmar-2024-2024`` and of no catalog id such as
``kalmar-kommun``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"


@dataclass(frozen=True)
class Corpus:
    """What :func:`write_corpus` wrote."""

    documents: int
    groups: int
    yaml_bytes: int
    files: list[Path]
    """Every YAML file written, in the order written."""


def real_documents(plans: Path = PLANS) -> dict[str, tuple[Path, str]]:
    """Document id (the file name's stem) → (path relative to ``plans``, text)."""
    return {path.stem: (path.relative_to(plans), path.read_text(encoding="utf-8"))
            for path in sorted(plans.rglob("*.yaml"))}


def write_corpus(root: Path, documents: int, plans: Path = PLANS) -> Corpus:
    """A project at ``root`` (``mvkplan.toml`` and ``plans/``) with about ``documents``
    documents: whole groups, as many as it takes to reach ``documents`` (at least one)."""
    real = real_documents(plans)
    groups = max(1, math.ceil(documents / len(real)))
    # Longest first, so that an id that begins another is never matched inside it.
    words = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(real, key=len, reverse=True))
                       + r")(?![\w-])")
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    files: list[Path] = []
    written = 0
    for group in range(groups):
        suffix = f"-k{group:04d}"
        folder = root / "plans" / f"g{group // 100:03d}" / f"k{group:04d}"
        for doc_id, (relative, text) in real.items():
            target = folder / relative.parent / f"{doc_id}{suffix}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            data = words.sub(rf"\1{suffix}", text).encode("utf-8")
            target.write_bytes(data)
            files.append(target)
            written += len(data)
    return Corpus(len(files), groups, written, files)
