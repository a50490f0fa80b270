"""What ``lint`` costs beyond ``validate``, on copies of kalmar-2024 (the corpus of scale.py).

Two measurements in one run, each beside its baseline:

* whole processes, CPU time (user + system, workers included; ``--clock wall`` for elapsed):
  ``validate --no-cache`` is the baseline of ``lint --no-cache`` (target: ratio ≤ 1.5);
* in one process: loading and indexing the corpus (what validate does) is the baseline of
  what lint does after it, split into the rules (finding) and the positions of what they
  found (the positioned nodes of each document with a finding are built again from its file),
  with the costliest rules. Every copy of kalmar-2024 has one finding (MVK011), so every
  document pays for positions: the worst case.

    python benchmarks/lint_cost.py [--documents 300] [--runs 3] [--clock wall]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import scale  # noqa: E402

from mvkplan.checks.lint import LintConfig  # noqa: E402
from mvkplan.checks.rules import RULES, LintContext  # noqa: E402
from mvkplan.checks.validate import load_corpus  # noqa: E402
from mvkplan.project.config import find_project  # noqa: E402


def processes(root: Path, runs: int) -> tuple[float, float, float]:
    """Median times of ``validate --no-cache``, ``lint --no-cache`` and the same lint without
    MVK011 (the one finding of every copy: without it no document needs positions)."""
    command = [sys.executable, "-m", "mvkplan"]
    validate = scale.timed([*command, "validate", "--no-cache"], root, scale.REPO / "src", runs)
    lint = scale.timed([*command, "lint", "--no-cache"], root, scale.REPO / "src", runs)
    clean = scale.timed([*command, "lint", "--no-cache", "--ignore", "MVK011"], root,
                        scale.REPO / "src", runs)
    return validate, lint, clean


def in_process(root: Path) -> tuple[float, float, float, list[tuple[float, str]]]:
    """Loading, the rules, the positions of their findings (s), and the rules by cost."""
    os.environ["MVKPLAN_JOBS"] = "1"
    project = find_project(root)
    started = time.process_time()
    corpus = load_corpus(project, cache=False)
    loading = time.process_time() - started
    documents = [d for d in corpus.index.documents.values() if not d.shipped]
    config = LintConfig.from_settings(project.settings)
    known = frozenset(s for rule in RULES for s in (rule.code, rule.name))
    context = LintContext(corpus.index, documents, project.root, known_selectors=known)
    by_rule, findings = [], []
    for rule in config.rules:
        started = time.process_time()
        found = list(rule.check(context, config.options.get(rule.code)))
        by_rule.append((time.process_time() - started, f"{rule.code} {rule.name}"))
        findings += [(rule, finding) for finding in found]
    started = time.process_time()
    problems = [rule.problem(finding) for rule, finding in findings]
    config.apply(problems, context)
    positions = time.process_time() - started
    return loading, sum(t for t, _ in by_rule), positions, sorted(by_rule, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args()
    scale.CLOCK = args.clock
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scale.write_corpus(root, args.documents)
        validate, lint, clean = processes(root, args.runs)
        loads, rules, positions, ranked = [], [], [], []
        for _ in range(args.runs):
            load, rule_time, position_time, ranked = in_process(root)
            loads.append(load)
            rules.append(rule_time)
            positions.append(position_time)
    n = args.documents + len(list((scale.SOURCE.parent).glob("*.yaml")))
    load, rule_time, position_time = (statistics.median(x) for x in (loads, rules, positions))
    per = 1000 / n
    print(f"== {n} documents ({args.documents} copies of kalmar-2024), {args.clock} time ==")
    print(f"{'validate cold (process)':34} {validate:7.2f} s")
    print(f"{'lint cold (process)':34} {lint:7.2f} s   {lint / validate:5.2f}x validate cold"
          "  (target ≤ 1.50)")
    print(f"{'lint cold without MVK011 (process)':34} {clean:7.2f} s   {clean / validate:5.2f}x"
          " validate cold  (no findings: no positions)")
    print(f"{'lint beyond validate':34} {(lint - validate) * per:7.2f} ms/document, "
          f"{(clean - validate) * per:.2f} without MVK011")
    print(f"\n{'in one process: load and index':34} {load * per:7.2f} ms/document (baseline)")
    print(f"{'lint rules':34} {rule_time * per:7.2f} ms/document   {rule_time / load:5.2f}x loading")
    print(f"{'positions of findings':34} {position_time * per:7.2f} ms/document   "
          f"{position_time / load:5.2f}x loading")
    print("costliest rules (ms/document, last run):")
    for seconds, name in ranked[:6]:
        print(f"  {name:38} {seconds * per:6.3f}")


if __name__ == "__main__":
    main()
