"""Follow-ups of a whole country: validate and report, as ratios to loading the same files.

A synthetic repository: 21 county plans (2022–2026, 10 goals × 5 typed indicators each), a
catalog of 290 municipalities spread over the counties, and for every county 5 follow-ups
(2022–2026) in which each of its municipalities answers all 50 indicators: 290 × 5 × 50 =
72 500 values in 105 follow-up files. The baseline is mvkplan loading the files (parse with
positions + schema); then the full ``validate`` (loading, index, references, follow-up
checks) and ``report`` for every county's latest year (roll-up over all five years),
rendered as HTML and as JSON. Prints the times and the ratios.

    python benchmarks/followup_report.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from mvkplan.checks.validate import validate
from mvkplan.loading.load import load_paths
from mvkplan.loading.shipped import shipped_documents
from mvkplan.project.config import find_project
from mvkplan.publish.report.render import render_report
from mvkplan.views.report.build import build_report, report_data

COUNTIES = ["stockholm", "uppsala", "sodermanland", "ostergotland", "jonkoping", "kronoberg",
            "kalmar", "gotland", "blekinge", "skane", "halland", "vastra-gotaland", "varmland",
            "orebro", "vastmanland", "dalarna", "gavleborg", "vasternorrland", "jamtland",
            "vasterbotten", "norrbotten"]
MUNICIPALITIES = 290
YEARS = range(2022, 2027)
TYPES = ("percent", "yes-no", "count", "number", "choice")


def municipalities() -> dict[str, list[str]]:
    by_county: dict[str, list[str]] = {c: [] for c in COUNTIES}
    for n in range(MUNICIPALITIES):
        by_county[COUNTIES[n % len(COUNTIES)]].append(f"syntetisk-kommun-{n:03d}")
    return by_county


def catalog(by_county: dict[str, list[str]]) -> str:
    lines = ["id: syntetiska-kommuner", "kind: catalog", "title: Syntetiska kommuner",
             "extends: municipalities", "entries:"]
    for county, names in by_county.items():
        for name in names:
            lines += [f"  - id: {name}", f"    name: {name.replace('-', ' ').title()}",
                      f"    county: {county}"]
    return "\n".join(lines) + "\n"


def plan(county: str) -> str:
    lines = [f"id: {county}-2022", "kind: regional-plan", f"title: Handlingsplan {county}",
             f"county: {county}", "period: {start: 2022, end: 2026}", "areas:"]
    for a in range(1, 5):
        lines += [f"  - id: omrade-{a}", f"    links: [nationell-strategi/{a}]", "    goals:"]
        for g in range(1, 4 if a < 3 else 3):
            lines += [f"      - id: mal-{a}-{g}", f"        title: Målsättning {a}.{g}",
                      "        indicators:"]
            for i in range(5):
                kind = TYPES[i]
                lines += [f"          - id: ind-{i}", f"            type: {kind}",
                          "            reported_by: [municipality]", "            frequency: årlig"]
                if kind == "choice":
                    lines.append("            choices: [Ja, Delvis, Nej]")
                if kind == "percent":
                    lines.append('            target: {year: 2026, value: "75"}')
    return "\n".join(lines) + "\n"


def goals() -> list[str]:
    return [f"mal-{a}-{g}" for a in range(1, 5) for g in range(1, 4 if a < 3 else 3)]


def value(kind: str, n: int) -> str:
    return {"percent": f'"{n % 100},5"', "yes-no": "ja" if n % 3 else "nej", "count": str(n % 40),
            "number": f'"{n % 90},25"', "choice": ("Ja", "Delvis", "Nej")[n % 3]}[kind]


def follow_up(county: str, year: int, names: list[str]) -> str:
    lines = [f"id: {county}-2022-{year}", "kind: follow-up", f"title: Uppföljning {year}",
             f"plan: {county}-2022", f"year: {year}", "status: adopted", "respondents:"]
    lines += [f"  - municipality: {name}" for name in names]
    lines.append("values:")
    n = year
    for name in names:
        for goal in goals():
            for i in range(5):
                n += 7
                lines += [f"  - indicator: {goal}/ind-{i}", f"    respondent: {name}",
                          f"    value: {value(TYPES[i], n)}"]
    return "\n".join(lines) + "\n"


def write(root: Path) -> int:
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    by_county = municipalities()
    (root / "plans").mkdir()
    (root / "plans" / "syntetiska-kommuner.yaml").write_text(catalog(by_county), encoding="utf-8")
    values = 0
    for county, names in by_county.items():
        folder = root / "plans" / county
        (folder / "uppfoljning").mkdir(parents=True)
        (folder / f"{county}-2022.yaml").write_text(plan(county), encoding="utf-8")
        for year in YEARS:
            path = folder / "uppfoljning" / f"{county}-2022-{year}.yaml"
            path.write_text(follow_up(county, year, names), encoding="utf-8")
            values += len(names) * len(goals()) * 5
    return values


def main() -> None:
    assert len(goals()) * 5 == 50
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        values = write(root)
        project = find_project(root)
        shipped_documents()
        started = time.perf_counter()
        loaded = load_paths([root / "plans"], root, max_size=64 * 1024 * 1024)
        loading = time.perf_counter() - started
        assert not loaded.problems, loaded.problems[:3]
        started = time.perf_counter()
        corpus, problems = validate(project)
        validating = time.perf_counter() - started
        assert not problems, problems[:3]
        started = time.perf_counter()
        pages = [render_report(build_report(corpus.index, f"{c}-2022", 2026)) for c in COUNTIES]
        html = time.perf_counter() - started
        started = time.perf_counter()
        data = [json.dumps(report_data(build_report(corpus.index, f"{c}-2022", 2026)))
                for c in COUNTIES]
        as_json = time.perf_counter() - started
        files, size = loaded.files, sum(p.stat().st_size for p in (root / "plans").rglob("*.yaml"))
    print(f"follow-up values:             {values} in {files} files ({size / 1e6:.1f} MB)")
    print(f"loading (baseline):           {loading:.2f} s")
    print(f"validate (load + checks):     {validating:.2f} s  ({validating / loading:.2f}x loading)")
    print(f"report html, 21 × 5 years:    {html:.2f} s  ({html / loading:.2f}x loading, "
          f"{sum(map(len, pages)) / 1e6:.1f} MB)")
    print(f"report json, 21 × 5 years:    {as_json:.2f} s  ({as_json / loading:.2f}x loading, "
          f"{sum(map(len, data)) / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
