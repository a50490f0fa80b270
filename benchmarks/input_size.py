"""Near-linear in input size: validate and lint on one file with 10 k, 30 k and 100 k keys/links.

Three shapes of one hostile-but-plausible file, each at three sizes:

* ``unknown-keys``: a plan whose area has N unknown keys (N E202 problems before the cap);
* ``links``: one goal with N links (to framework goals and to N goals of the plan itself);
* ``goals``: one area with N goals (N items, N links, N titles for the duplicate rule).

Each figure is the time of ``validate`` and ``lint`` divided by the time at 10 k (the
baseline, measured in the same run). Linear growth gives 3.0 and 10.0; a quadratic step
would give 9 and 100. ::

    python benchmarks/input_size.py            # 10 k, 30 k, 100 k
    python benchmarks/input_size.py 2000 6000 20000   # quicker
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mvkplan.checks.lint import lint
from mvkplan.checks.validate import validate
from mvkplan.loading.shipped import shipped_documents
from mvkplan.project.config import Project, Settings

HEAD = ["id: stor", "kind: regional-plan", "title: Stor plan", "county: kalmar",
        "period: {start: 2024, end: 2026}", "areas:", "  - id: omrade"]


def unknown_keys(n: int) -> str:
    return "\n".join([*HEAD, *(f"    okand-{k}: x" for k in range(n))]) + "\n"


def links(n: int) -> str:
    targets = [f"nationell-strategi/{1 + k % 4}" if k % 2 else f"stor/mal-{k}" for k in range(n)]
    lines = [*HEAD, "    goals:", "      - id: huvudmal", "        title: Huvudmål", "        links:"]
    lines += [f"          - {target}" for target in targets]
    lines += [f"      - id: mal-{k}\n        title: Mål {k}" for k in range(0, n, 2)]
    return "\n".join(lines) + "\n"


def goals(n: int) -> str:
    lines = [*HEAD, "    goals:"]
    lines += [f"      - id: mal-{k}\n        title: Mål nummer {k}\n        links: [nationell-strategi/1]"
              for k in range(n)]
    return "\n".join(lines) + "\n"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    shipped_documents()
    print(f"{'shape':<14}{'size':>8}{'validate s':>12}{'ratio':>8}{'lint s':>10}{'ratio':>8}")
    for name, make in (("unknown-keys", unknown_keys), ("links", links), ("goals", goals)):
        base: tuple[float, float] | None = None
        for size in sizes:
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                (root / "plans").mkdir()
                (root / "plans" / "stor.yaml").write_text(make(size), encoding="utf-8")
                project = Project(root, Settings(max_file_size=64 * 1024 * 1024))
                checked = timed(lambda: validate(project))  # noqa: B023
                linted = timed(lambda: lint(project))  # noqa: B023
            base = base or (checked, linted)
            print(f"{name:<14}{size:>8}{checked:>12.2f}{checked / base[0]:>8.1f}"
                  f"{linted:>10.2f}{linted / base[1]:>8.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 30_000, 100_000])
