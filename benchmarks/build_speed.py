"""``mvkplan build`` at scale: a full build and a rebuild after one change, beside today's.

Writes the corpus of ``scale.py`` (copies of ``plans/kalmar/kalmar-2024.yaml`` under new
ids, with the Kalmar plans they link to), then times whole processes:

* ``validate`` with a warm cache: the loading part of every build (not render's);
* ``build`` into an empty folder (full; what builds keep in ``.mvkplan_cache/build`` is
  removed first: the record of pages and where documents' links stand in their files), then
  again after the title of one copy changed (the start page, county page, coverage and
  catalog pages list that title too);
* the rebuild ``mvkplan serve`` does after a save, in its own process with the project kept
  loaded (:mod:`mvkplan.publish.serve`): the first save after the start (which fills what later
  saves reuse) and the median of the later ones;
* the same two builds with an older mvkplan (``--baseline-src``: a folder holding ``src``
  and ``templates``, e.g. ``git archive <commit> src templates | tar -x -C /tmp/old``), as
  "today's" times, measured in the same run;

and prints wall-clock and CPU time (the process and its workers) of each, the ratios the
issue sets (full build against today's, rebuild against the full build), and the part of
each build that is not loading (build minus warm validate).

With ``--distinct`` every copy's text differs from the others' (a number is added to a
common word), so that nothing a process keeps per text is shared between copies.

    python benchmarks/build_speed.py [--size 1000] [--runs 1] [--baseline-src /tmp/old] [--distinct]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import PYTHON, REPO, write_corpus  # noqa: E402

_WORD = re.compile(r"\bkvinnor\b")


def run(command: list[str], cwd: Path, src: Path, runs: int,
        before: list[str] | None = None) -> tuple[float, float]:
    """Median (wall, cpu) seconds of ``command``; ``before`` runs ahead of each, untimed."""
    env = {**os.environ, "PYTHONPATH": str(src), "MVKPLAN_LANG": "en"}
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=cwd, env=env, capture_output=True, check=False)
        start = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - started)
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(end.ru_utime - start.ru_utime + end.ru_stime - start.ru_stime)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({src}):\n{done.stdout}{done.stderr}")
    return statistics.median(walls), statistics.median(cpus)


def make_distinct(root: Path) -> None:
    for path in sorted((root / "plans" / "copies").rglob("*.yaml")):
        number = path.stem.removeprefix("copy-")
        text = path.read_text(encoding="utf-8")
        path.write_text(_WORD.sub(f"kvinnor{number}", text), encoding="utf-8")


def toggle(root: Path) -> None:
    """Change the title of one copy (the change is undone by the next call)."""
    copy = root / "plans" / "copies" / "000" / "copy-1.yaml"
    text = copy.read_text(encoding="utf-8")
    if "title: Att motverka" in text:
        text = text.replace("title: Att motverka", "title: Att förebygga", 1)
    else:
        text = text.replace("title: Att förebygga", "title: Att motverka", 1)
    copy.write_text(text, encoding="utf-8")


LIVE = """
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from build_speed import toggle
from mvkplan.project.config import find_project
from mvkplan.publish.serve.site import LiveSite
root = Path(sys.argv[1])
site = LiveSite(find_project(root), Path(tempfile.mkdtemp()) / "site")
site.build()
times = []
for _ in range(int(sys.argv[3]) + 1):
    toggle(root)
    ru = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    started = time.perf_counter()
    built, _ = site.build([root / "plans" / "copies" / "000" / "copy-1.yaml"])
    wall = time.perf_counter() - started
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(a.ru_utime - b.ru_utime + a.ru_stime - b.ru_stime for a, b in zip(after, ru))
    assert built.written and len(built.written) < built.pages, built.written
    times.append((wall, cpu))
print(json.dumps(times))
"""


def live(root: Path, src: Path, runs: int) -> dict[str, tuple[float, float]]:
    """The in-process rebuild of ``mvkplan serve`` after one change: the first save, then
    the median of ``max(runs, 3)`` later saves."""
    env = {**os.environ, "PYTHONPATH": str(src), "MVKPLAN_LANG": "en"}
    done = subprocess.run([PYTHON, "-c", LIVE, str(root), str(Path(__file__).parent),
                           str(max(runs, 3))], cwd=root, env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the in-process rebuild failed ({src}):\n{done.stdout}{done.stderr}")
    times = json.loads(done.stdout.strip().splitlines()[-1])
    later = times[1:]
    return {"serve: first save": (times[0][0], times[0][1]),
            "serve: rebuild after one change": (statistics.median(t[0] for t in later),
                                                statistics.median(t[1] for t in later))}


def measure(root: Path, src: Path, runs: int) -> dict[str, tuple[float, float]]:
    mvk = [PYTHON, "-m", "mvkplan"]
    figures: dict[str, tuple[float, float]] = {}
    run([*mvk, "validate"], root, src, 1)  # fill this version's cache
    figures["validate warm"] = run([*mvk, "validate"], root, src, runs)
    clean = [PYTHON, "-c", "import shutil; shutil.rmtree('site', ignore_errors=True);"
             "shutil.rmtree('.mvkplan_cache/build', ignore_errors=True)"]
    figures["build full"] = run([*mvk, "build"], root, src, runs, before=clean)
    walls, cpus = [], []
    for _ in range(runs):
        toggle(root)
        wall, cpu = run([*mvk, "build"], root, src, 1)
        walls.append(wall)
        cpus.append(cpu)
    figures["build after one change"] = (statistics.median(walls), statistics.median(cpus))
    if (src / "mvkplan" / "live").is_dir():
        figures.update(live(root, src, runs))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline-src", type=Path,
                        help="folder with src/ and templates/ of today's mvkplan")
    parser.add_argument("--distinct", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root, args.size)
        if args.distinct:
            make_distinct(root)
        if args.baseline_src is not None:
            print("today's mvkplan …", file=sys.stderr, flush=True)
            results["today"] = measure(root, args.baseline_src / "src", args.runs)
            shutil.rmtree(root / "site", ignore_errors=True)
        print("this mvkplan …", file=sys.stderr, flush=True)
        results["now"] = measure(root, REPO / "src", args.runs)
    cores = len(os.sched_getaffinity(0))
    print(f"\n== build, {args.size} copies{' (distinct texts)' if args.distinct else ''}, "
          f"{cores} cores, medians of {args.runs} ==")
    print(f"{'':34} {'wall s':>8} {'cpu s':>8}")
    for version, figures in results.items():
        for name, (wall, cpu) in figures.items():
            print(f"{version + ': ' + name:34} {wall:8.2f} {cpu:8.2f}")
        load = figures["validate warm"]
        for name in ("build full", "build after one change"):
            wall, cpu = figures[name]
            print(f"{version + ': ' + name + ' − load':34} {wall - load[0]:8.2f} {cpu - load[1]:8.2f}")
    now = results["now"]
    print(f"\n{'ratio':34} {'wall':>8} {'cpu':>8}")
    full, change = now["build full"], now["build after one change"]
    print(f"{'rebuild / full build':34} {change[0] / full[0]:8.3f} {change[1] / full[1]:8.3f}   (target ≤ 0.05)")
    if "serve: rebuild after one change" in now:
        served, first = now["serve: rebuild after one change"], now["serve: first save"]
        print(f"{'serve rebuild / full build':34} {served[0] / full[0]:8.3f} "
              f"{served[1] / full[1]:8.3f}   (target ≤ 0.05)")
        print(f"{'serve first save / full build':34} {first[0] / full[0]:8.3f} {first[1] / full[1]:8.3f}")
    if "today" in results:
        today = results["today"]["build full"]
        print(f"{'full build / today':34} {full[0] / today[0]:8.3f} {full[1] / today[1]:8.3f}   (target ≤ 0.5)")
        old = results["today"]["build after one change"]
        print(f"{'rebuild / today rebuild':34} {change[0] / old[0]:8.3f} {change[1] / old[1]:8.3f}")


if __name__ == "__main__":
    main()
