"""The yearly survey for a whole country: export and import of 290 municipalities' workbooks,
next to reading the same workbooks with openpyxl alone.

A synthetic project (one plan, a catalog of 290 municipalities, a follow-up defining 12 survey
questions of every type, 3 of them per sex) is written to a temporary folder. Timed: the
export (290 workbooks), the import (safety checks, reading, checking every cell, comparing
with the follow-up, validating and writing it), and the baseline: ``openpyxl.load_workbook(
read_only=True)`` of each filled workbook with every cell value read. Prints the figures and
the ratios to the baseline.

    python benchmarks/survey_roundtrip.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from mvkplan.checks.validate import load_corpus
from mvkplan.cycle.recording.commit import check_written, write_all
from mvkplan.cycle.survey.exporting import export_surveys
from mvkplan.cycle.survey.importing import import_survey, workbook_files
from mvkplan.project.config import find_project

MUNICIPALITIES = int(sys.argv[1]) if len(sys.argv) > 1 else 290
TYPES = ["yes-no", "percent", "count", "choice", "text", "number"]


def write_project(root: Path) -> None:
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    plans = root / "plans"
    (plans / "uppfoljning").mkdir(parents=True)
    catalog = ["id: kommuner-bench", "kind: catalog", "title: Kommuner", "extends: municipalities", "entries:"]
    for n in range(MUNICIPALITIES):
        catalog += [f"  - id: kommun-{n:03d}", f"    name: Kommun {n}", f'    code: "X{n:03d}"',
                    "    county: stockholm"]
    (plans / "kommuner-bench.yaml").write_text("\n".join(catalog) + "\n", encoding="utf-8")
    plan = ["id: plan-2024", "kind: regional-plan", "title: Regional handlingsplan", "county: stockholm",
            "period: {start: 2024, end: 2026}", "areas:"]
    for a in range(3):
        plan += [f"  - id: omrade-{a}", f"    links: [nationell-strategi/{a + 1}]", "    goals:"]
        for g in range(2):
            plan += [f"      - id: mal-{a}-{g}", f"        title: Målsättning {a}.{g}"]
    (plans / "plan-2024.yaml").write_text("\n".join(plan) + "\n", encoding="utf-8")
    follow_up = ["id: plan-2024-2025", "kind: follow-up", "title: Uppföljning 2025", "plan: plan-2024",
                 "year: 2025", "county: stockholm", "status: draft", "indicators:"]
    for q in range(12):
        kind = TYPES[q % len(TYPES)]
        follow_up += [f"  - id: fraga-{q}", f"    goal: mal-{q % 3}-{q % 2}", f"    title: Fråga {q} om arbetet",
                      f"    type: {kind}", "    reported_by: [municipality]"]
        if kind == "choice":
            follow_up.append("    choices: [Ja, Delvis, Nej]")
        if kind == "count":
            follow_up.append("    per_sex: true")
    (plans / "uppfoljning" / "plan-2024-2025.yaml").write_text("\n".join(follow_up) + "\n", encoding="utf-8")


ANSWERS = {"Ja/Nej": "Ja", "Procent": 42.5, "Antal": 7, "Välj": "Delvis", "Fritext": "Samverkan med jouren",
           "Tal": 3.25}


def fill(path: Path) -> None:
    wb = load_workbook(path)
    ws = wb["Enkät"]
    for row in range(2, ws.max_row + 1):
        label = str(ws[f"F{row}"].value or "")
        for prefix, value in ANSWERS.items():
            if label.startswith(prefix):
                ws[f"G{row}"] = value
    wb.save(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_project(root)
        project = find_project(root)
        corpus = load_corpus(project)
        out = root / "build" / "enkat"
        started = time.perf_counter()
        written = export_surveys(corpus.index, "plan-2024", 2025, out)
        export_time = time.perf_counter() - started
        for item in written:
            fill(item.path)
        files = workbook_files([out])
        started = time.perf_counter()
        for path in files:
            wb = load_workbook(path, read_only=True)
            for ws in wb.worksheets:
                for _ in ws.iter_rows(values_only=True):
                    pass
            wb.close()
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        corpus = load_corpus(project)
        result = import_survey(corpus.index, root, files)
        problems = [*result.problems, *check_written(corpus.loaded.documents, result.prepared)]
        assert not problems, problems[:3]
        write_all(root, result.prepared)
        import_time = time.perf_counter() - started
        rows = sum(item.questions for item in written)
        print(f"{len(written)} workbooks, {rows} question rows, {result.answers} answers recorded")
        print(f"openpyxl alone, reading the filled workbooks: {baseline:.2f} s (baseline)")
        print(f"mvkplan survey export:                        {export_time:.2f} s  "
              f"({export_time / baseline:.1f}× baseline)")
        print(f"mvkplan survey import (check, record, write): {import_time:.2f} s  "
              f"({import_time / baseline:.1f}× baseline)")


if __name__ == "__main__":
    sys.exit(main())
