"""Render one document, build the site and show coverage on a realistic corpus.

The corpus (``_realistic.write_corpus``, the one ``scale.py`` uses) is made of copies of every
real plan and follow-up in ``plans/``, each group of copies with its ids rewritten
(``kalmar-2024-k0007``) and its links kept inside the group, so a page has as many links and
back-links as a real one. Each figure is timed as a whole process, in CPU seconds (user +
system, workers included) unless ``--clock wall``, beside the baselines of the same run:

* ``render ID`` (html, md, ``--plain``) with the cache filled by an earlier ``validate``,
  and its peak memory; optionally the same with an older mvkplan (``--baseline-src``);
* ``build --no-cache`` at each size (its growth from the smallest to the largest size),
  and a ``build`` after it with nothing changed; its peak memory is Pagefind's when the
  ``search`` extra is installed, so the build is run once more as if it were not, for
  Python's own peak (beside the interpreter with mvkplan imported);
* ``coverage`` (text) beside ``coverage --format json``.

    python benchmarks/render_one.py [--sizes 100,1000,5000] [--runs 1] [--baseline-src /tmp/old/src]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _realistic import write_corpus

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLOCK = "cpu"
WITHOUT_SEARCH = ("import runpy,sys;sys.modules['pagefind']=None;sys.argv[0]='mvkplan';"
                  "runpy.run_module('mvkplan',run_name='__main__',alter_sys=True)")
"""``python -m mvkplan`` as if the search extra were not installed (no Pagefind run)."""
INTERPRETER = "import mvkplan.cli.main, mvkplan.checks.validate, mvkplan.publish.render.site"


def run(command: list[str], cwd: Path, src: Path) -> tuple[float, int, str]:
    """Time (CPU or wall), peak memory of the largest process, and stdout of ``command``."""
    env = {**os.environ, "PYTHONPATH": str(src), "MVKPLAN_LANG": "en", "COLUMNS": "100"}
    probe = ("import resource,subprocess,sys,time;s=time.perf_counter();"
             "p=subprocess.run(sys.argv[1:],capture_output=True);w=time.perf_counter()-s;"
             "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
             "sys.stderr.write(f'{u.ru_utime+u.ru_stime} {w} {u.ru_maxrss}\\n');"
             "sys.stdout.buffer.write(p.stdout)")
    done = subprocess.run([PYTHON, "-c", probe, *command], cwd=cwd, env=env,
                          capture_output=True, check=False)
    cpu, wall, rss = done.stderr.decode().strip().splitlines()[-1].split()
    return (float(cpu) if CLOCK == "cpu" else float(wall)), int(rss) * 1024, done.stdout.decode()


def timed(command: list[str], cwd: Path, src: Path, runs: int) -> tuple[float, int]:
    """Median time and largest peak memory of ``runs`` runs."""
    results = [run(command, cwd, src)[:2] for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def measure(size: int, runs: int, baseline: Path | None) -> dict[str, float]:
    """The figures of one size, printed as they come."""
    src = REPO / "src"
    mvk = [PYTHON, "-m", "mvkplan"]
    figures: dict[str, float] = {}

    def note(name: str, value: float) -> None:
        figures[name] = value
        print(f"  {name}: {value:.2f}", file=sys.stderr, flush=True)

    print(f"{size} documents:", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        note("yaml MB", write_corpus(root, size).yaml_bytes / 1e6)
        page = ["render", "kalmar-2024-k0000", "-o", "-"]
        if baseline is not None:
            timed([*mvk, "validate"], root, baseline, 1)
            seconds, rss = timed([*mvk, *page], root, baseline, runs)
            note("today: render html", seconds)
            note("today: render MB", rss / 1e6)
            shutil.rmtree(root / ".mvkplan_cache", ignore_errors=True)
        seconds, rss = timed([*mvk, "build", "--no-cache", "--force"], root, src, 1)
        note("build --no-cache", seconds)
        note("build MB", rss / 1e6)
        note("build after --no-cache", timed([*mvk, "build", "--force"], root, src, 1)[0])
        shutil.rmtree(root / ".mvkplan_cache", ignore_errors=True)
        python_alone = [PYTHON, "-c", WITHOUT_SEARCH, "build", "--no-cache", "--force", "-o", "bare"]
        note("build MB, Python alone", timed(python_alone, root, src, 1)[1] / 1e6)
        note("interpreter MB", timed([PYTHON, "-c", INTERPRETER], root, src, 1)[1] / 1e6)
        timed([*mvk, "validate"], root, src, 1)  # the cache as a working day leaves it
        seconds, rss = timed([*mvk, *page], root, src, runs)
        note("render html", seconds)
        note("render MB", rss / 1e6)
        note("render md", timed([*mvk, *page, "--format", "md"], root, src, runs)[0])
        note("render plain", timed([*mvk, *page, "--format", "md", "--plain"], root, src, runs)[0])
        note("coverage json", timed([*mvk, "coverage", "--format", "json"], root, src, runs)[0])
        note("coverage text", timed([*mvk, "coverage"], root, src, runs)[0])
    return figures


def main() -> None:
    """Measure, then print each target met or not."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline-src", type=Path)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args()
    global CLOCK
    CLOCK = args.clock
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {size: measure(size, args.runs, args.baseline_src) for size in sizes}
    for size, f in results.items():
        print(f"\n== {size} documents, {f['yaml MB']:.1f} MB of YAML, {CLOCK} seconds ==")
        for name, value in f.items():
            print(f"{name:28} {value:8.2f}")
        checks = [("build after --no-cache / build --no-cache",
                   f["build after --no-cache"] / f["build --no-cache"], 0.2),
                  ("coverage text / json", f["coverage text"] / f["coverage json"], 2.0),
                  ("build MB / YAML MB", f["build MB"] / f["yaml MB"], 3.0),
                  ("build MB, Python alone, beyond the interpreter / YAML MB",
                   (f["build MB, Python alone"] - f["interpreter MB"]) / f["yaml MB"], 3.0)]
        if "today: render html" in f:
            checks.append(("render html / today", f["render html"] / f["today: render html"], 0.25))
        if size >= 5000:
            checks.append(("render MB (≤ 250)", f["render MB"] / 250, 1.0))
        for name, ratio, limit in checks:
            print(f"{name:42} {ratio:6.2f}  target ≤ {limit}: {'met' if ratio <= limit else 'NOT met'}")
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        ratio = large["build --no-cache"] / small["build --no-cache"]
        print(f"\nbuild {sizes[-1]} / {sizes[0]}: {ratio:.2f} "
              f"(target ≤ 5.2 for 5000/1000: {'met' if ratio <= 5.2 else 'NOT met'})")


if __name__ == "__main__":
    main()
