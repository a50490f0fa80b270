"""Kolada: saved API responses read with located problems, recorded per municipality and sex,
and the live API fetched through recorded responses only (an httpx MockTransport: never the
network), with paging, retries and a clear message when offline."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from survey_support import follow_up, survey_project

from conftest import REPO, run_cli
from mvkplan.cycle.kolada import client as kolada_client
from mvkplan.cycle.kolada.responses import read_response

FIXTURES = REPO / "tests" / "fixtures" / "kolada"
SAVED = FIXTURES / "u00001-kalmar-2025.json"
KALMAR_CODES = ["0821", "0834", "0840", "0860", "0861", "0862", "0880", "0881", "0882", "0883", "0884", "0885"]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"a test tried the network: {request.url}")

    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(refuse))


def test_a_saved_response_is_read_with_positions():
    response = read_response(SAVED.read_bytes(), "u.json")
    assert response.problems == []
    assert response.next_page is None
    first = response.values[0]
    assert (first.kpi, first.municipality, first.year, first.gender, first.value) == ("U00001", "0880", 2025, "K", 41.7)
    assert (first.line, first.column) == (10, 60)  # the 41.7
    assert [v.value for v in response.values if v.municipality == "0881"] == [None, None, None]
    assert [v.year for v in response.values if v.municipality == "0882"] == [2025]


def test_v2_paging_links_are_followed_from_either_key():
    v2 = {"values": [], "count": 0, "next_page": "http://api.kolada.se/v2/data/x?page=2"}
    assert read_response(json.dumps(v2).encode(), "p").next_page.endswith("page=2")


@pytest.mark.parametrize("text, where, code", [
    ('{"values": [', (1, 13), "K101"),
    ('{"count": 0}', (1, 1), "K102"),
    ('{"values": [{"kpi": "U00001", "municipality": "0880", "period": 2025, "values": [{"gender": "F", "value": 1}]}]}',
     (1, 93), "K103"),
    ('{"values": [{"kpi": "U00001", "municipality": "0880", "period": "år 2025", "values": []}]}', (1, 65), "K104"),
    ('{"values": [{"kpi": "U00001", "municipality": "0880", "period": 2025,\n'
     '  "values": [{"gender": "T", "value": "12,5"}]}]}', (2, 39), "K105"),
    ('{"values": [{"kpi": "X1", "municipality": "0880", "period": 2025, "values": []}]}', (1, 21), "K106"),
    ('{"values": [{"ou": "V15E144001301", "kpi": "N15033", "period": 2025, "values": []}]}', (1, 13), "K102"),
])
def test_a_bad_response_is_located_and_yields_nothing(text, where, code):
    response = read_response(text.encode(), "bad.json")
    assert [(p.line, p.column, p.code) for p in response.problems] == [(*where, code)]
    assert response.values == []


def test_import_records_the_plans_kpi_per_municipality_and_sex(tmp_path):
    project = survey_project(tmp_path)
    result = run_cli("kolada", "import", str(SAVED), cwd=project)
    assert result.exit_code == 0, result
    assert "responses: 1; values for the plans' KPIs: 4 (new: 4," in result.stdout
    values = {(v.respondent, v.sex): (v.value, v.source) for v in follow_up(project).values}
    assert values == {
        ("kalmar-kommun", "women"): ("41,7", "Kolada U00001"),
        ("kalmar-kommun", "men"): ("9,2", "Kolada U00001"),
        ("kalmar-kommun", "total"): ("25,3", "Kolada U00001"),
        ("oskarshamn-kommun", "total"): ("18", "Kolada U00001"),
    }
    assert run_cli("validate", cwd=project).exit_code == 0
    report = run_cli("report", "kalmar-2024", "--year", "2025", "--format", "md", "--output", "-", cwd=project)
    assert "Värdenas källa: Kolada (4)" in report.stdout, report
    again = run_cli("kolada", "import", str(SAVED), cwd=project)
    assert "(new: 0, changed: 0, unchanged: 4)" in again.stdout


def test_a_revised_value_is_refused_unless_overwrite(tmp_path):
    project = survey_project(tmp_path)
    assert run_cli("kolada", "import", str(SAVED), cwd=project).exit_code == 0
    revised = tmp_path / "revised.json"
    revised.write_text(SAVED.read_text(encoding="utf-8").replace("41.7", "40.2"), encoding="utf-8")
    before = (project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml").read_bytes()
    refused = run_cli("kolada", "import", str(revised), cwd=project)
    assert refused.exit_code == 1
    assert "revised.json:10:60: K108 [error] upptacka-och-ge-stod/ifo-aktualiserade (kalmar-kommun, " \
           "women) is already recorded as '41,7', Kolada says '40,2'" in refused.stdout, refused
    assert (project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml").read_bytes() == before
    replaced = run_cli("kolada", "import", str(revised), "--overwrite", cwd=project)
    assert replaced.exit_code == 0 and "K109 [info]" in replaced.stdout, replaced
    assert ("kalmar-kommun", "women", "40,2") in {(v.respondent, v.sex, v.value) for v in follow_up(project).values}


def test_a_bad_file_stops_the_whole_import(tmp_path):
    project = survey_project(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"values": [{"kpi": "U00001"}]}', encoding="utf-8")
    before = (project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml").read_bytes()
    result = run_cli("kolada", "import", str(SAVED), str(bad), cwd=project)
    assert result.exit_code == 1
    assert "bad.json:1:13: K102 [error] not a Kolada data response: no 'municipality'" in result.stdout, result
    assert (project / "plans/kalmar/uppfoljning/kalmar-2024-2025.yaml").read_bytes() == before


def _pages(requests: list[str]):
    page1 = json.loads(SAVED.read_text(encoding="utf-8"))
    page1["values"], rest = page1["values"][:1], page1["values"][1:]
    page1["next_url"] = "https://api.kolada.se/v3/data/kpi/U00001/municipality/x/year/2025?page=2"
    page2 = {"values": rest, "count": len(rest), "next_url": None}

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(str(request.url))
        return httpx.Response(200, json=page2 if "page=2" in str(request.url) else page1)

    return handler


def test_fetch_asks_for_the_plans_kpis_and_county_and_follows_pages(tmp_path, monkeypatch):
    project = survey_project(tmp_path)
    requests: list[str] = []
    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(_pages(requests)))
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--save", "kolada-svar", cwd=project)
    assert result.exit_code == 0, result
    assert requests[0] == ("https://api.kolada.se/v3/data/kpi/U00001/municipality/"
                           + ",".join(KALMAR_CODES) + "/year/2025")
    assert requests[1].endswith("page=2") and len(requests) == 2
    assert "values for the plans' KPIs: 4 (new: 4," in result.stdout
    assert sorted(p.name for p in (project / "kolada-svar").iterdir()) == [
        "kolada-kalmar-2024-001.json", "kolada-kalmar-2024-002.json"]
    saved = run_cli("kolada", "import", *map(str, sorted((project / "kolada-svar").iterdir())), cwd=project)
    assert "(new: 0, changed: 0, unchanged: 4)" in saved.stdout


def test_fetch_retries_a_busy_api(tmp_path, monkeypatch):
    project = survey_project(tmp_path)
    calls: list[str] = []
    monkeypatch.setattr(kolada_client.time, "sleep", lambda seconds: calls.append(f"sleep {seconds}"))

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append("get")
        if calls.count("get") < 3:
            return httpx.Response(503)
        return httpx.Response(200, content=SAVED.read_bytes())

    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(handler))
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--dry-run", cwd=project)
    assert result.exit_code == 0, result
    assert calls == ["get", "sleep 1.0", "get", "sleep 2.0", "get"]


@pytest.mark.parametrize("failure, message", [
    (httpx.ConnectError("[Errno -3] Temporary failure in name resolution"), "Are you offline?"),
    (httpx.ReadTimeout("timed out"), "timeout (ReadTimeout)"),
])
def test_fetch_says_clearly_when_the_api_cannot_be_reached(tmp_path, monkeypatch, failure, message):
    project = survey_project(tmp_path)
    monkeypatch.setattr(kolada_client.time, "sleep", lambda seconds: None)

    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(handler))
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--retries", "1", cwd=project)
    assert result.exit_code == 2
    assert "cannot reach the Kolada API at https://api.kolada.se/v3/data/kpi/U00001" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_fetch_reports_an_http_error(tmp_path, monkeypatch):
    project = survey_project(tmp_path)
    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(lambda r: httpx.Response(404)))
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", cwd=project)
    assert result.exit_code == 2
    assert "the Kolada API answered 404" in result.stderr


def test_fetch_needs_a_plan_whose_indicators_name_kpis(tmp_path):
    project = survey_project(tmp_path)
    result = run_cli("kolada", "fetch", "jonkoping-2022", "--year", "2022", cwd=project)
    assert result.exit_code == 2
    assert "no indicator of 'jonkoping-2022' names a Kolada KPI" in result.stderr


def test_saved_responses_are_data_not_fixtures_of_the_code():
    assert json.loads(Path(SAVED).read_text(encoding="utf-8"))["values"][0]["municipality"] == "0880"


def test_a_kpi_no_catalog_lists_is_named_once_the_catalog_has_ids(tmp_path):
    project = survey_project(tmp_path)
    (project / "plans" / "egna-nyckeltal.yaml").write_text(
        "id: egna-nyckeltal\nkind: catalog\ntitle: Våra nyckeltal\nextends: kolada-kpis\n"
        "entries:\n  - {id: annat, name: Ett annat nyckeltal, code: U00002}\n", encoding="utf-8")
    result = run_cli("kolada", "import", str(SAVED), "--dry-run", cwd=project)
    assert result.exit_code == 0, result
    assert "u00001-kalmar-2025.json:10:60: K107 [warning] KPI U00001 is not in the catalog of known KPIs" \
        in result.stdout, result


def test_the_shipped_catalog_names_each_entry_a_source():
    from mvkplan.loading.shipped import shipped_documents

    # the codes themselves are checked against Kolada's own KPI list in test_kolada_catalog.py
    catalog = next(d.model for d in shipped_documents() if d.id == "kolada-kpis")
    assert catalog.entries and all(entry.url for entry in catalog.entries)


def test_fetch_saves_the_responses_in_a_folder_the_user_names_outside_the_repository(tmp_path, monkeypatch):
    (tmp_path / "p").mkdir()
    project = survey_project(tmp_path / "p")
    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(_pages([])))
    outside = tmp_path / "svar"
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", "--save", str(outside), "--dry-run",
                     cwd=project)
    assert result.exit_code == 0, result
    assert sorted(p.name for p in outside.iterdir()) == ["kolada-kalmar-2024-001.json", "kolada-kalmar-2024-002.json"]


@pytest.mark.parametrize("missing, foreign", [(1, 0), (0, 1), (1, 1), (3, 2), (0, 0)])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_summary_names_missing_values_apart_from_values_not_followed_up(tmp_path, missing, foreign, lang):
    """A value Kolada gives as null is "missing", never "for another KPI"; each count has its own
    singular or plural, and a count of 0 is not printed (issue 24.7)."""
    project = survey_project(tmp_path)
    rows = [{"kpi": "U00001", "municipality": "0880", "period": 2025,
             "values": [{"gender": "T", "value": 10}]}]
    rows += [{"kpi": "U00001", "municipality": code, "period": 2025, "values": [{"gender": "T", "value": None}]}
             for code in KALMAR_CODES[1:1 + missing]]
    rows += [{"kpi": "U99999", "municipality": code, "period": 2025, "values": [{"gender": "T", "value": 5}]}
             for code in KALMAR_CODES[1:1 + foreign]]
    saved = tmp_path / "svar.json"
    saved.write_text(json.dumps({"values": rows, "count": len(rows)}), encoding="utf-8")
    result = run_cli("kolada", "import", str(saved), "--lang", lang, cwd=project)
    assert result.exit_code == 0, result
    out = result.stdout
    if lang == "sv":
        assert "1 värden" not in out
        assert ("1 värde saknas i Kolada" in out) == (missing == 1)
        assert (f"{missing} värden saknas i Kolada" in out) == (missing > 1)
        assert ("nyckeltal, en kommun eller en plan som inte följs upp här" in out) == (foreign == 1)
        assert (f"{foreign} värden för nyckeltal" in out) == (foreign > 1)
        assert "saknas" in out or missing == 0
    else:
        assert "1 values" not in out
        assert ("1 value missing in Kolada" in out) == (missing == 1)
        assert (f"{missing} values missing in Kolada" in out) == (missing > 1)
        assert ("not followed up here" in out) == (foreign > 0)
        assert "for other KPIs or municipalities" not in out or foreign > 0
