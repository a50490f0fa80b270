"""Speed and memory at national scale, each figure beside the baselines of the same run.

Writes corpora of copies of ``plans/kalmar/kalmar-2024.yaml`` under new ids (with the
real Kalmar plans they link to), then times whole processes (medians):

* floors: rapidyaml parsing every file, libyaml composing every file, ``import typer``;
* mvkplan: validate and lint cold (``--no-cache``), warm (cache filled, nothing changed:
  the last run's answer) and after one file changed (the per-file cache answers for the
  rest), coverage, build (full, then after one changed file), and ``--version``;
* optionally the same commands with an older mvkplan (``--baseline-src``: a ``src``
  folder, e.g. ``git archive <commit> src templates | tar -x -C /tmp/old``, then
  ``/tmp/old/src``; without ``templates`` beside it the old build fails) as "today's time";
* peak RSS of validate against the bytes of YAML read;
* for every command, the time at the largest size over the time at the smallest.

Times are CPU time (user + system, workers included) unless ``--clock wall``: on a
shared machine elapsed time measures the neighbours. Figures are only comparable
within one run.

    python benchmarks/scale.py [--sizes 1000,5000] [--runs 3] [--baseline-src /tmp/old/src]
"""

from __future__ import annotations

import argparse
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

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "plans" / "kalmar" / "kalmar-2024.yaml"
PYTHON = sys.executable
FLOOR_RYML = "import ryml,sys,pathlib\nfor p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):" \
             " ryml.parse_in_arena(p.read_bytes())"
FLOOR_LIBYAML = "import yaml,sys,pathlib\nfor p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):" \
                " yaml.compose(p.read_bytes(), Loader=yaml.CSafeLoader)"


def write_corpus(root: Path, documents: int) -> int:
    """``documents`` copies of kalmar-2024 plus the Kalmar plans; returns the YAML bytes."""
    (root / "plans").mkdir(parents=True)
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(SOURCE.parent, root / "plans" / "kalmar")
    text = SOURCE.read_text(encoding="utf-8")
    for n in range(documents):
        folder = root / "plans" / "copies" / f"{n // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"copy-{n}.yaml").write_text(
            text.replace("id: kalmar-2024\n", f"id: copy-{n}\n", 1), encoding="utf-8")
    return sum(p.stat().st_size for p in (root / "plans").rglob("*.yaml"))


CLOCK = "cpu"
"""'cpu': user + system time of the process and its workers (robust on a shared machine);
'wall': elapsed time (what a user waits, and what worker processes shorten)."""


def timed(command: list[str], cwd: Path, src: Path, runs: int, edit: Path | None = None) -> float:
    """Median time of ``command``; with ``edit``, that file's title changes before each run
    (untimed), so the last run's answer is stale and the per-file cache does the work."""
    env = {**os.environ, "PYTHONPATH": str(src), "MVKPLAN_LANG": "en"}
    timings = []
    for run in range(runs):
        if edit is not None:
            text = edit.read_text(encoding="utf-8")
            edit.write_text(re.sub(r"(?m)^title: .*$", f"title: Ändrad titel {run}", text, count=1),
                            encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        timings.append(cpu if CLOCK == "cpu" else wall)
    return statistics.median(timings)


def peak_rss(command: list[str], cwd: Path, src: Path) -> int:
    """Peak resident memory of one run, in bytes (the largest process of the run)."""
    probe = ("import resource,subprocess,sys;subprocess.run(sys.argv[1:],capture_output=True);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([PYTHON, "-c", probe, *command], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip()) * 1024


class Figures(dict[str, float]):
    """Figures of one size, each printed as soon as it is measured (runs are long)."""

    def __setitem__(self, name: str, value: float) -> None:
        super().__setitem__(name, value)
        print(f"  {name}: {value:.2f}", file=sys.stderr, flush=True)


def measure(size: int, runs: int, baseline: Path | None) -> dict[str, float]:
    src = REPO / "src"
    mvk = [PYTHON, "-m", "mvkplan"]
    print(f"{size} documents:", file=sys.stderr, flush=True)
    figures = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        figures["yaml bytes"] = write_corpus(root, size)
        plans = str(root / "plans")
        figures["floor: rapidyaml parse"] = timed([PYTHON, "-c", FLOOR_RYML, plans], root, src, runs)
        figures["floor: libyaml compose"] = timed([PYTHON, "-c", FLOOR_LIBYAML, plans], root, src, runs)
        figures["floor: import typer"] = timed([PYTHON, "-c", "import typer"], root, src, runs)
        figures["--version"] = timed([*mvk, "--version"], root, src, runs)
        if baseline is not None:
            figures["today: validate"] = timed([*mvk, "validate"], root, baseline, runs)
            figures["today: lint"] = timed([*mvk, "lint"], root, baseline, runs)
            figures["today: build"] = timed([*mvk, "build"], root, baseline, 1)
            shutil.rmtree(root / "site", ignore_errors=True)
        figures["validate cold"] = timed([*mvk, "validate", "--no-cache"], root, src, runs)
        figures["lint cold"] = timed([*mvk, "lint", "--no-cache"], root, src, runs)
        timed([*mvk, "validate"], root, src, 1)  # fill the cache
        figures["validate warm"] = timed([*mvk, "validate"], root, src, runs)
        figures["lint warm"] = timed([*mvk, "lint"], root, src, runs)
        edited = root / "plans" / "copies" / "000" / "copy-2.yaml"
        figures["validate after one change"] = timed([*mvk, "validate"], root, src, runs, edited)
        figures["lint after one change"] = timed([*mvk, "lint"], root, src, runs, edited)
        figures["coverage warm"] = timed([*mvk, "coverage"], root, src, runs)
        figures["build full"] = timed([*mvk, "build"], root, src, 1)
        copy = root / "plans" / "copies" / "000" / "copy-1.yaml"
        copy.write_text(copy.read_text(encoding="utf-8").replace(
            "title: Att förebygga", "title: Att motverka", 1), encoding="utf-8")
        figures["build after one change"] = timed([*mvk, "build"], root, src, 1)
        figures["validate peak RSS"] = peak_rss([*mvk, "validate", "--no-cache"], root, src)
        figures["interpreter RSS"] = peak_rss(
            [PYTHON, "-c", "import mvkplan.cli.main, mvkplan.checks.validate, "
                    "mvkplan.loading.load, mvkplan.index.linkindex"],
            root, src)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-src", type=Path)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args()
    global CLOCK
    CLOCK = args.clock
    sizes = [int(s) for s in args.sizes.split(",")]
    # Today's times only at the first size: an older mvkplan may take very long at the next.
    results = {size: measure(size, args.runs, args.baseline_src if size == sizes[0] else None)
               for size in sizes}
    for size, f in results.items():
        ryml, libyaml, typer = (f["floor: rapidyaml parse"], f["floor: libyaml compose"],
                                f["floor: import typer"])
        print(f"\n== {size} documents, {f['yaml bytes'] / 1e6:.1f} MB of YAML, {CLOCK} time ==")
        print(f"{'floor: rapidyaml parse':28} {ryml:7.2f} s")
        print(f"{'floor: libyaml compose':28} {libyaml:7.2f} s")
        print(f"{'floor: import typer':28} {typer:7.2f} s")
        rows = [
            ("--version", "import typer", typer),
            ("validate cold", "rapidyaml parse", ryml),
            ("validate warm", "libyaml compose", libyaml),
            ("lint cold", "validate cold", f["validate cold"]),
            ("lint warm", "validate warm", f["validate warm"]),
            ("validate after one change", "libyaml compose", libyaml),
            ("lint after one change", "validate after one change", f["validate after one change"]),
            ("coverage warm", "validate warm", f["validate warm"]),
            ("build after one change", "build full", f["build full"]),
        ]
        for name, base in (("validate", "validate cold"), ("lint", "lint cold"),
                           ("build", "build full")):
            if f"today: {name}" in f:
                rows.append((base, f"today's {name}", f[f"today: {name}"]))
        for name, label, baseline in rows:
            print(f"{name:28} {f[name]:7.2f} s   {f[name] / baseline:5.2f}x {label}")
        rss, interpreter = f["validate peak RSS"], f["interpreter RSS"]
        print(f"{'validate peak RSS':28} {rss / 1e6:7.0f} MB  {rss / f['yaml bytes']:5.2f}x YAML bytes")
        print(f"{'  beyond the interpreter':28} {(rss - interpreter) / 1e6:7.0f} MB  "
              f"{(rss - interpreter) / f['yaml bytes']:5.2f}x YAML bytes "
              f"(interpreter with mvkplan imported: {interpreter / 1e6:.0f} MB)")
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        print(f"\n== time at {sizes[-1]} / time at {sizes[0]} (target ≤ 5.5) ==")
        for name in ("validate cold", "validate warm", "validate after one change", "lint cold",
                     "lint warm", "lint after one change", "coverage warm", "build full"):
            print(f"{name:28} {large[name] / small[name]:5.2f}")


if __name__ == "__main__":
    main()
