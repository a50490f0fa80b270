"""The words of list, links, coverage and survey in the user's language; schema -o says what it wrote.

A Swedish coordinator sees Swedish headers, kinds, statuses and relations (the site's words for
kinds and statuses); an English run shows the YAML values; JSON output is the same in both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_first_use import _in_terminal

from conftest import REPO, run_cli


def _header(output: str) -> list[str]:
    """The cells of a rich table's header row."""
    line = next(line for line in output.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in line.strip("┃").split("┃")]


def _row(output: str, document: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(f"│ {document} "))
    return [cell.strip() for cell in line.strip("│").split("│")]


def test_list_in_swedish_names_columns_kinds_and_statuses_in_swedish() -> None:
    result = run_cli("list", "--lang", "sv")
    assert result.exit_code == 0, result
    assert _header(result.stdout) == ["id", "typ", "län", "period", "status", "mål", "aktiviteter",
                                      "rader", "fil"]
    assert _row(result.stdout, "kalmar-2021")[1:5] == ["regional handlingsplan", "kalmar", "2021–2023",
                                                       "ersatt"]
    assert _row(result.stdout, "kalmar-2024-2025")[1] == "uppföljning"
    assert _row(result.stdout, "kalmar-2024-2025")[4] == "antagen, exempel"
    assert _row(result.stdout, "exempelkommun-2025")[1:5:3] == ["lokal handlingsplan", "utkast, exempel"]
    assert _row(result.stdout, "kalmar-jamstalldhetsstrategi-2024")[1] == "regional strategi"
    for english in ("regional-plan", "follow-up", "adopted", "superseded", ", example", "kind"):
        assert english not in result.stdout, english


def test_list_in_english_shows_the_values_as_written() -> None:
    result = run_cli("list", "--lang", "en")
    assert result.exit_code == 0, result
    assert _header(result.stdout) == ["id", "kind", "county", "period", "status", "goals", "activities",
                                      "rows", "file"]
    assert _row(result.stdout, "kalmar-2021")[1:5] == ["regional-plan", "kalmar", "2021–2023", "superseded"]
    assert _row(result.stdout, "exempelkommun-2025")[4] == "draft, example"
    for swedish in ("antagen", "ersatt", "handlingsplan", "uppföljning", "län", "aktiviteter"):
        assert swedish not in result.stdout, swedish


def test_the_language_can_come_from_the_environment() -> None:
    result = run_cli("list", env={"MVKPLAN_LANG": "sv"})
    assert _header(result.stdout)[1:3] == ["typ", "län"], result
    assert _row(result.stdout, "kalmar-2024")[1] == "regional handlingsplan"


@pytest.mark.parametrize("args", [("list", "--format", "json"), ("links", "kalmar-2024", "--format", "json"),
                                  ("coverage", "--format", "json"), ("coverage", "--format", "csv")])
def test_machine_readable_output_is_the_same_in_both_languages(args: tuple[str, ...]) -> None:
    english, swedish = run_cli(*args, "--lang", "en"), run_cli(*args, "--lang", "sv")
    assert english.exit_code == swedish.exit_code == 0, (english, swedish)
    assert english.stdout == swedish.stdout


def test_list_json_keeps_its_keys_and_values() -> None:
    rows = json.loads(run_cli("list", "--format", "json", "--lang", "sv").stdout)
    row = next(r for r in rows if r["id"] == "exempelkommun-2025")
    assert set(row) == {"id", "kind", "county", "period", "status", "goals", "activities", "rows", "path"}
    assert (row["kind"], row["status"]) == ("local-plan", "draft, example")


def test_list_on_a_narrow_terminal_counts_in_swedish() -> None:
    listing = _in_terminal("list", "--lang", "sv")
    assert "kalmar-2021  regional handlingsplan · kalmar · 2021–2023 · ersatt · 11 mål" in listing, listing
    assert "jonkoping-2022  verksamhetsplan · jonkoping · 2022 · antagen · 37 aktiviteter" in listing
    assert "18 rader" in listing and "activities" not in listing


def test_links_in_swedish_names_directions_and_relations_in_swedish() -> None:
    result = run_cli("links", "kalmar-2024", "--lang", "sv")
    assert result.exit_code == 0, result
    assert "länkar till (" in result.stdout and "länkas från (" in result.stdout
    assert "kalmar-2021 Att förebygga och bekämpa mäns våld mot kvinnor (ersätter)" in result.stdout
    assert "kalmar-jamstalldhetsstrategi-2024 Ett jämställt Kalmar län (bilaga till)" in result.stdout
    assert "Mäns våld mot kvinnor ska upphöra (länk)" in result.stdout
    assert "(uppföljning, plans/kalmar/uppfoljning/kalmar-2024-2025.yaml:" in result.stdout
    assert "(hänvisar till, plans/kalmar/kalmar-jamstalldhetsstrategi-2024.yaml:" in result.stdout
    for english in ("(link)", "(supersedes)", "(annex-of)", "(cites", "(follow-up", "links to", "linked from"):
        assert english not in result.stdout, english


def test_links_in_english_names_the_relations_as_written() -> None:
    result = run_cli("links", "kalmar-2024", "--lang", "en")
    assert "kalmar-2021 Att förebygga och bekämpa mäns våld mot kvinnor (supersedes)" in result.stdout
    assert "Ett jämställt Kalmar län (annex-of)" in result.stdout
    assert "(follow-up, plans/kalmar/uppfoljning/kalmar-2024-2025.yaml:" in result.stdout
    assert "länk" not in result.stdout and "ersätter" not in result.stdout


def test_an_unresolved_link_is_named_in_the_users_language(project: Path) -> None:
    (project / "plans" / "plan-2025.yaml").write_text(
        "id: plan-2025\nkind: local-plan\ntitle: Plan\nlinks: [nationell-strategi/99]\n", encoding="utf-8")
    swedish = run_cli("links", "plan-2025", "--lang", "sv", cwd=project)
    assert "nationell-strategi/99 saknas (länk)" in swedish.stdout, swedish
    english = run_cli("links", "plan-2025", "--lang", "en", cwd=project)
    assert "nationell-strategi/99 unresolved (link)" in english.stdout, english


def test_coverage_table_header_and_legend_follow_the_language() -> None:
    swedish, english = run_cli("coverage", "--lang", "sv"), run_cli("coverage", "--lang", "en")
    assert _header(swedish.stdout)[0] == "dokument" and "siffra = antal mål" in swedish.stdout, swedish
    assert _header(english.stdout)[0] == "document" and "number = goals" in english.stdout, english
    assert "dokument" not in english.stdout and "siffra" not in english.stdout


def test_survey_export_counts_questions_in_the_users_language(real_project: Path) -> None:
    # A copy of the plans: the export records who was asked in the follow-up it writes.
    pytest.importorskip("openpyxl")
    swedish = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-o", str(real_project / "sv"),
                      "-r", "kalmar-kommun", "--lang", "sv", cwd=real_project)
    assert swedish.exit_code == 0, swedish
    assert " frågor)" in swedish.stdout and "sv: 1 arbetsbok skriven" in swedish.stdout, swedish
    english = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-o", str(real_project / "en"),
                      "-r", "kalmar-kommun", "--lang", "en", cwd=real_project)
    assert " questions)" in english.stdout and "en: 1 workbook written" in english.stdout, english


def test_survey_names_a_documents_kind_in_the_users_language(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    swedish = run_cli("survey", "export", "kalmar-profil", "--year", "2025", "-o", str(tmp_path), "--lang", "sv")
    assert swedish.exit_code == 2 and "'kalmar-profil' är ingen plan (länets arbete)" in swedish.stderr, swedish
    english = run_cli("survey", "export", "kalmar-profil", "--year", "2025", "-o", str(tmp_path), "--lang", "en")
    assert "'kalmar-profil' is not a plan (county-profile)" in english.stderr, english


# -- schema -o ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("sv", "Skrev "), ("en", "Wrote ")])
def test_schema_output_says_what_it_wrote(project: Path, lang: str, said: str) -> None:
    result = run_cli("schema", "-o", "schema/mvkplan.schema.json", "--lang", lang, cwd=project)
    assert result.exit_code == 0, result
    assert result.stdout == f"{said}schema/mvkplan.schema.json\n", result
    written = (project / "schema" / "mvkplan.schema.json").read_text(encoding="utf-8")
    assert written == (REPO / "schema" / "mvkplan.schema.json").read_text(encoding="utf-8")
    assert [p.name for p in (project / "schema").iterdir()] == ["mvkplan.schema.json"]  # no temp file left


def test_schema_output_into_a_folder_names_the_file(project: Path) -> None:
    (project / "ut").mkdir()
    result = run_cli("schema", "-o", "ut", cwd=project)
    assert result.exit_code == 0 and result.stdout == "Wrote ut/mvkplan.schema.json\n", result
    assert json.loads((project / "ut" / "mvkplan.schema.json").read_text(encoding="utf-8"))["$defs"]


def test_schema_without_output_or_with_a_dash_prints_only_the_schema(project: Path) -> None:
    plain, dash = run_cli("schema", cwd=project), run_cli("schema", "-o", "-", cwd=project)
    assert plain.stdout == dash.stdout and json.loads(plain.stdout)["$defs"]
    assert not (project / "-").exists()


def test_schema_output_that_cannot_be_written_is_an_error_in_the_users_language(project: Path) -> None:
    (project / "fil").write_text("x", encoding="utf-8")
    result = run_cli("schema", "-o", "fil/schema.json", "--lang", "sv", cwd=project)
    assert result.exit_code == 2 and result.stderr.startswith("mvkplan: "), result
    assert result.stdout == "" and "Traceback" not in result.stderr
    protected = run_cli("schema", "-o", "mvkplan.toml", "--lang", "sv", cwd=project)
    assert protected.exit_code == 2 and "skriver inte över" in protected.stderr, protected
