"""A synthetic repository shaped like the real plans, for benchmarks."""

from __future__ import annotations

from pathlib import Path

COUNTIES = ["kalmar", "kronoberg", "jonkoping", "stockholm", "uppsala", "sodermanland",
            "ostergotland", "gotland", "blekinge", "skane", "halland", "vastra-gotaland",
            "varmland", "orebro", "vastmanland", "dalarna", "gavleborg", "vasternorrland",
            "jamtland", "vasterbotten", "norrbotten"]


def regional_plan(doc_id: str, county: str, supersedes: str | None) -> str:
    lines = [f"id: {doc_id}", "kind: regional-plan", f"title: Regional handlingsplan {doc_id}",
             f"county: {county}", "period: {start: 2024, end: 2026}"]
    if supersedes:
        lines.append(f"supersedes: {supersedes}")
        lines.append("status: adopted")
    lines.append("areas:")
    for n in range(1, 5):
        lines += [f"  - id: omrade-{n}", f"    links: [nationell-strategi/{n}]", "    goals:"]
        for g in range(4):
            lines += [
                f"      - id: mal-{n}-{g}",
                f"        title: Målsättning {n}.{g} om ett utökat och verkningsfullt arbete",
                "        examples:",
                "          - Implementera arbetssätt utifrån evidensbaserade metoder.",
                "          - Delta på lokala och regionala nätverksmöten.",
                "        methods: [mvp, vip]",
                "        links: [jamstalldhetsmal/6, agenda2030/5.2]",
                "        indicators:",
                "          - {source: lansstyrelsens-arliga-kartlaggning, frequency: Årsvis}",
            ]
    return "\n".join(lines) + "\n"


def local_plan(doc_id: str, county: str, county_plan: str) -> str:
    lines = [f"id: {doc_id}", "kind: local-plan", f"title: Lokal plan {doc_id}",
             f"county: {county}", "period: {start: 2025, end: 2026}", "areas:",
             "  - id: lokalt", "    goals:"]
    for n in range(1, 5):
        lines += [f"      - id: lokalt-mal-{n}", f"        title: Lokalt mål {n}",
                  f"        links: [{county_plan}/mal-{n}-0]",
                  "        indicators: [{source: oppna-jamforelser-vald, frequency: Årsvis}]"]
    return "\n".join(lines) + "\n"


def write_repository(root: Path, documents: int) -> int:
    """Write about ``documents`` plans (3 versions per county, the rest municipalities)."""
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    written = 0
    for county in COUNTIES:
        folder = root / "plans" / county
        folder.mkdir(parents=True, exist_ok=True)
        previous = None
        for year in (2018, 2021, 2024):
            doc_id = f"{county}-{year}"
            (folder / f"{doc_id}.yaml").write_text(regional_plan(doc_id, county, previous), encoding="utf-8")
            previous = doc_id
            written += 1
    n = 0
    while written < documents:
        county = COUNTIES[n % len(COUNTIES)]
        doc_id = f"kommun-{n}-2025"
        folder = root / "plans" / county / "kommuner"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc_id}.yaml").write_text(local_plan(doc_id, county, f"{county}-2024"), encoding="utf-8")
        written += 1
        n += 1
    return written
