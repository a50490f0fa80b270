"""The Kolada ids of the KPI catalog and the national-indicators framework, checked against
Kolada's own KPI list (issue 24, item 6), and ``kolada fetch --kpi`` by a catalog entry's name.

``tests/data/kolada/`` holds Kolada's KPI list filtered to violence as of 2024-03 and 2026-03
(ids and titles verbatim, from the rKolada package; see /work/shared/data/kolada/README.md):
every code the catalog ships must be in one of them under the title the entry quotes, and the
last year the entry says Kolada published it must be the snapshots' last publication period.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from survey_support import QUESTIONS, survey_project

from conftest import REPO, run_cli
from mvkplan.cycle.kolada import client as kolada_client
from mvkplan.cycle.kolada.catalog import KpiNameError, resolve_kpi
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.load import iter_documents
from mvkplan.loading.shipped import shipped_documents
from mvkplan.models import Catalog, Framework

SNAPSHOTS = {year: REPO / "tests" / "data" / "kolada" / f"kolada_kpis_violence_snapshot_{year}-03.csv"
             for year in (2024, 2026)}
LAST_YEAR = re.compile(r"Kolada: senast publicerat år (\d{4})")


def _snapshot(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


KOLADA = {year: _snapshot(path) for year, path in SNAPSHOTS.items()}


def _catalog() -> Catalog:
    model = next(d.model for d in shipped_documents() if d.id == "kolada-kpis")
    assert isinstance(model, Catalog)
    return model


def _coded():
    return [entry for entry in _catalog().entries if entry.code]


@pytest.mark.parametrize("entry", _coded(), ids=lambda e: e.id)
def test_every_code_is_a_kolada_kpi_with_the_title_the_entry_quotes(entry):
    rows = [KOLADA[year][entry.code] for year in (2026, 2024) if entry.code in KOLADA[year]]
    assert rows, f"{entry.code} is in neither of Kolada's lists"
    assert entry.aliases[0] == rows[0]["title"]  # verbatim, the newest list's wording


@pytest.mark.parametrize("entry", _coded(), ids=lambda e: e.id)
def test_every_code_is_marked_with_the_last_year_kolada_published_it(entry):
    periods = [int(KOLADA[y][entry.code]["publ_period"]) for y in KOLADA
               if entry.code in KOLADA[y] and KOLADA[y][entry.code]["publ_period"]]
    discontinued = re.search(r"\(-(\d{4})\)", entry.aliases[0])
    expected = max(periods) if periods else int(discontinued.group(1)) if discontinued else None
    found = LAST_YEAR.search(entry.description or "")
    assert expected is not None and found is not None and int(found.group(1)) == expected


def test_one_entry_per_kpi():
    codes = [entry.code for entry in _coded()]
    assert len(codes) == len(set(codes))
    for entry in _coded():  # a KPI per sex or per partner is its own entry, never an entry's list
        assert not re.search(r"\bkvinnor och män\b|, [a-zåäö]+, [a-zåäö]+ och ", entry.name)


def test_the_entries_kolada_splits_are_split():
    entries = {entry.id: entry.code for entry in _catalog().entries}
    samverkan = {k: v for k, v in entries.items() if k.startswith("oj-overenskommelse-samverkan")}
    assert sorted(samverkan.values()) == ["U37484", "U37485", "U37486", "U37487", "U37488", "U37489"]
    assert entries["oj-stodsamtal-med-bistandsbeslut-kvinnor"] == "U37510"
    assert entries["oj-stodsamtal-med-bistandsbeslut-man"] == "U37511"
    assert entries["oj-stodsamtal-utan-bistandsbeslut"] is None  # Kolada has no KPI for it


def test_framework_links_name_catalog_entries_with_kolada_ids():
    index = LinkIndex.build(iter_documents(shipped_documents(), [], []))
    framework = index.documents["nationella-indikatorer"].model
    assert isinstance(framework, Framework)
    codes = {entry.id: entry.code for entry in _catalog().entries}
    linked = [link for goal in framework.items for item in goal.items for link in item.links
              if link.startswith("kolada-kpis/")]
    assert len(linked) == 14
    for link in linked:
        assert codes.get(link.split("/", 1)[1]), link


# --- kolada fetch --kpi --------------------------------------------------------------------

KPI = "U30750"
ENTRY = next(e for e in _catalog().entries if e.code == KPI)


def _index() -> LinkIndex:
    return LinkIndex.build(iter_documents(shipped_documents(), [], []))


def _variant(draw_case: list[bool], spaces: list[int], text: str) -> str:
    words = text.split(" ")
    cased = ["".join(c.upper() if up else c.lower() for c, up in zip(w, draw_case * len(w), strict=False))
             for w in words]
    return (" " * spaces[0]) + "".join(w + " " * (1 + s) for w, s in zip(cased, spaces[1:] * len(words),
                                                                      strict=False)).rstrip() + " " * spaces[-1]


@settings(max_examples=150, deadline=None)
@given(entry=st.sampled_from(_coded()), form=st.sampled_from(["id", "name", "alias", "code"]),
       case=st.lists(st.booleans(), min_size=1, max_size=5), spaces=st.lists(st.integers(0, 2), min_size=2, max_size=4))
def test_any_way_of_naming_an_entry_resolves_to_its_code(entry, form, case, spaces):
    text = {"id": entry.id, "name": entry.name, "alias": entry.aliases[0], "code": entry.code}[form]
    assert resolve_kpi(_index(), _variant(case, spaces, text)) == entry.code


@pytest.mark.parametrize("given", ["", "U3075", "X30750", "ifo-vuxna", "oj-stodsamtal-utan-bistandsbeslut",
                                   "../../etc/passwd", "=cmd|' /C calc'!A0", "\x1b[31mröd", "ö" * 5000])
def test_a_name_that_is_no_kpi_is_refused(given):
    with pytest.raises(KpiNameError) as error:
        resolve_kpi(_index(), given)
    assert str(error.value).startswith("K119")


@pytest.fixture
def kpi_project(tmp_path, monkeypatch):
    project = survey_project(tmp_path)
    path = project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml"
    path.write_text(QUESTIONS.replace("kolada: U00001", f"kolada: {KPI}"), encoding="utf-8")
    requests: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(str(request.url))
        return httpx.Response(200, json={"values": [], "count": 0, "next_url": None})

    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(handler))
    return project, requests


@pytest.mark.parametrize("given", [KPI, KPI.lower(), ENTRY.id, ENTRY.name, ENTRY.name.upper(), ENTRY.aliases[0]])
def test_fetch_takes_a_catalog_entry_as_well_as_an_id(kpi_project, given):
    project, requests = kpi_project
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--kpi", given, "--dry-run", cwd=project)
    assert result.exit_code == 0, result
    assert requests and all(f"/data/kpi/{KPI}/municipality/" in url for url in requests)


@pytest.mark.parametrize(("given", "code"), [
    ("ifo-vuxna", "K119"), ("oj-stodsamtal-utan-bistandsbeslut", "K119"), ("N07402", "K120"),
    ("anmalda-grov-kvinnofridskrankning", "K120")])
def test_fetch_refuses_a_kpi_it_cannot_record(kpi_project, given, code):
    project, requests = kpi_project
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--kpi", given, cwd=project)
    assert result.exit_code == 2, result
    assert code in result.stderr and "Traceback" not in result.stderr
    assert requests == []
    swedish = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--kpi", given, cwd=project,
                      env={"MVKPLAN_LANG": "sv"})
    assert code in swedish.stderr and swedish.stderr != result.stderr
