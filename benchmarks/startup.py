"""Start-up time of ``mvkplan --version`` next to a bare ``python -c pass``.

Pre-commit runs the CLI on every commit, so start-up matters. Prints the median of
several runs of each and the ratio to the bare interpreter (the baseline).

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare = median_seconds([sys.executable, "-c", "pass"], args.runs)
    version = median_seconds([sys.executable, "-m", "mvkplan", "--version"], args.runs)
    help_ = median_seconds([sys.executable, "-m", "mvkplan", "--help"], args.runs)
    print(f"python -c pass (baseline): {bare * 1000:7.1f} ms")
    print(f"mvkplan --version:         {version * 1000:7.1f} ms  ({version / bare:.1f}x)")
    print(f"mvkplan --help:            {help_ * 1000:7.1f} ms  ({help_ / bare:.1f}x)")


if __name__ == "__main__":
    main()
