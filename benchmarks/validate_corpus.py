"""Validating a country's corpus: mvkplan's full validate next to a bare libyaml parse.

A synthetic corpus shaped like Sweden's (21 counties × 3 plan versions, 290
municipalities × 2 versions) is written to a temporary folder. The baseline is
``yaml.load(CSafeLoader)`` of every file, which checks nothing; mvkplan's figure is
the whole validate (positions, schema, ids, references). Prints both and the ratio.

    python benchmarks/validate_corpus.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from _synthetic import write_repository  # noqa: E402

from mvkplan.checks.validate import validate  # noqa: E402
from mvkplan.loading.shipped import shipped_documents  # noqa: E402
from mvkplan.project.config import find_project  # noqa: E402

DOCUMENTS = 21 * 3 + 290 * 2


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        count = write_repository(root, DOCUMENTS)
        files = sorted((root / "plans").rglob("*.yaml"))
        shipped_documents()
        started = time.perf_counter()
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        corpus, problems = validate(find_project(root))
        full = time.perf_counter() - started
    size = sum(1 for _ in files)
    print(f"documents:                  {count} ({size} files), problems: {len(problems)}")
    print(f"libyaml parse (baseline):   {baseline:.3f} s")
    print(f"mvkplan validate:           {full:.3f} s  ({full / baseline:.2f}x baseline)")


if __name__ == "__main__":
    main()
