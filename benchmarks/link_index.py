"""Building the link index costs little next to loading the documents.

Writes a synthetic repository of 2,000 documents, then times loading (read, parse,
validate) and building the LinkIndex plus checking every reference. Prints both and
the ratio index/load (the baseline is loading, measured in the same run).

    python benchmarks/link_index.py [--documents 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _synthetic import write_repository  # noqa: E402

from mvkplan.checks.references import check_index  # noqa: E402
from mvkplan.index.linkindex import LinkIndex  # noqa: E402
from mvkplan.loading.load import iter_documents, load_paths
from mvkplan.loading.shipped import shipped_documents  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        count = write_repository(root, args.documents)
        shipped_documents()
        started = time.perf_counter()
        loaded = load_paths([root / "plans"], root)
        load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        index = LinkIndex.build(iter_documents(shipped_documents(), loaded.documents))
        problems = list(check_index(index))
        index_seconds = time.perf_counter() - started
    print(f"documents:           {count}")
    print(f"links:               {len(index.links)}")
    print(f"problems:            {len(problems)}")
    print(f"load (baseline):     {load_seconds:.3f} s")
    print(f"index + references:  {index_seconds:.3f} s")
    print(f"ratio index/load:    {index_seconds / load_seconds:.2f}")


if __name__ == "__main__":
    main()
