"""First use (issue 12): nothing broken is published, check/init/new/serve, catalog hints,
calendar dates, load failures reported once, one language, source excerpts, prose lint.

Every test runs the CLI on real files: the shipped plans copied into a project, or a project
that ``mvkplan init`` made.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from conftest import REPO, run_cli

KALMAR = Path("plans/kalmar/kalmar-2024.yaml")
EXAMPLE = Path("plans/examples/exempelkommun-2025.yaml")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- nothing broken is published ---------------------------------------------------------


def test_render_refuses_a_document_with_a_broken_reference(real_project: Path) -> None:
    edit(real_project / EXAMPLE, "kalmar-2024/likvardig-kunskap", "kalmar-2024/likvardig-kunskapp")
    result = run_cli("render", "exempelkommun-2025", cwd=real_project)
    assert result.exit_code == 1, result
    assert "E302 [error] document 'kalmar-2024' has no item 'likvardig-kunskapp'" in result.stderr
    assert "nothing written" in result.stderr and "--force" in result.stderr
    assert not (real_project / "build").exists()


def test_render_force_publishes_with_a_visible_banner(real_project: Path) -> None:
    edit(real_project / EXAMPLE, "kalmar-2024/likvardig-kunskap", "kalmar-2024/likvardig-kunskapp")
    result = run_cli("render", "exempelkommun-2025", "--force", cwd=real_project)
    assert result.exit_code == 0, result
    html = (real_project / "build" / "exempelkommun-2025.html").read_text(encoding="utf-8")
    assert 'class="errors-banner" role="alert"' in html and "innehåller fel" in html
    assert "likvardig-kunskapp" in html
    md = run_cli("render", "exempelkommun-2025", "--force", "-f", "md", "-o", "-", cwd=real_project)
    assert md.stdout.startswith("> **Dokumentet innehåller fel.**"), md


def test_a_clean_document_has_no_banner(real_project: Path) -> None:
    result = run_cli("render", "kalmar-2024", "-o", "-", cwd=real_project)
    assert result.exit_code == 0, result
    assert "errors-banner" not in result.stdout.split("</style>")[1]


def test_build_refuses_an_unknown_county_and_writes_nothing(real_project: Path) -> None:
    edit(real_project / KALMAR, "county: kalmar", 'county: "07"')
    result = run_cli("build", cwd=real_project)
    assert result.exit_code == 1, result
    assert "E307 [error] unknown län '07'" in result.stderr
    assert "'07' is Kronobergs län: write its id, 'kronoberg'" in result.stderr
    assert not (real_project / "site").exists()
    forced = run_cli("build", "--force", cwd=real_project)
    assert forced.exit_code == 0, forced
    page = (real_project / "site" / "dokument" / "kalmar-2024.html").read_text(encoding="utf-8")
    assert "innehåller fel" in page
    clean = (real_project / "site" / "dokument" / "kalmar-2021.html").read_text(encoding="utf-8")
    assert 'class="errors-banner"' not in clean


# -- dates ---------------------------------------------------------------------------------


def test_dates_must_exist_in_the_calendar(real_project: Path) -> None:
    path = real_project / EXAMPLE
    edit(path, "status: draft", "status: draft\nupdated: 2024-13-01")
    result = run_cli("validate", cwd=real_project)
    assert result.exit_code == 1, result
    assert "E204 [error] '2024-13-01' is not a date in the calendar" in result.stdout
    edit(path, "updated: 2024-13-01", "updated: 2025-02-30")
    assert "'2025-02-30' is not a date in the calendar" in run_cli("validate", cwd=real_project).stdout
    for partial in ("2024", "2024-03", "2024-02-29"):
        edit(path, re.search(r"updated: \S+", path.read_text(encoding="utf-8")).group(0),
             f'updated: "{partial}"')
        assert run_cli("validate", cwd=real_project).exit_code == 0, partial


# -- a document that fails to load ---------------------------------------------------------


def test_a_document_that_fails_to_load_is_reported_once(real_project: Path) -> None:
    edit(real_project / KALMAR, "\nvision:", "\nvisio:")
    result = run_cli("validate", cwd=real_project)
    assert result.exit_code == 1, result
    assert result.stdout.count("E202") == 1
    assert "did you mean 'kalmar-2021'" not in result.stdout
    assert "E301" not in result.stdout
    assert "E308 [error] document 'kalmar-2024' could not be loaded (see its errors); 5 links in " \
           "this file point to it" in result.stdout
    e308 = [line.split(":")[0] for line in result.stdout.splitlines() if " E308 " in line]
    assert len(e308) == len(set(e308)) >= 2  # once per file that links to it
    assert "fix the errors in plans/kalmar/kalmar-2024.yaml first" in result.stdout
    subset = run_cli("validate", "plans/examples", cwd=real_project)
    assert "could not be loaded" in subset.stdout and "did you mean" not in subset.stdout


# -- check -----------------------------------------------------------------------------------


def test_check_reports_validate_and_lint_problems_in_one_run(real_project: Path) -> None:
    edit(real_project / EXAMPLE, "kalmar-2024/likvardig-kunskap", "kalmar-2024/likvardig-kunskapp")
    edit(real_project / EXAMPLE, "subtitle: Ett påhittat", "subtitle: TODO Ett påhittat")
    lint = run_cli("lint", cwd=real_project)
    assert "E302" not in lint.stdout
    result = run_cli("check", cwd=real_project)
    assert result.exit_code == 1, result
    assert "E302 [error]" in result.stdout and "MVK013 [error]" in result.stdout
    assert re.fullmatch(r"\d+ problems \(\d+ errors, \d+ warnings\) in \d+ of \d+ files\.",
                        result.stdout.strip().splitlines()[-1]), result
    data = json.loads(run_cli("check", "--format", "json", cwd=real_project).stdout)
    assert {"E302", "MVK013"} <= {p["code"] for p in data["problems"]}
    github = run_cli("check", "--format", "github", cwd=real_project)
    assert "::error file=plans/examples/exempelkommun-2025.yaml" in github.stdout


def test_check_on_the_shipped_plans_exits_0(cli) -> None:
    result = cli("check")
    assert result.exit_code == 0, result


# -- catalog values ----------------------------------------------------------------------------


def test_catalog_values_get_code_name_and_swedish_hints(real_project: Path) -> None:
    path = real_project / EXAMPLE
    edit(path, "status: draft", "status: antagen")
    result = run_cli("validate", cwd=real_project)
    assert "hint: values are written in English: 'antagen' is 'adopted'" in result.stdout, result
    edit(path, "status: antagen", "status: draft")
    edit(path, "county: kalmar", "county: kalmar\nmunicipality: vaxjo")
    result = run_cli("validate", cwd=real_project)
    assert "E307 [error] unknown kommun 'vaxjo'" in result.stdout, result
    assert "'vaxjo' is Växjö kommun: write its id, 'vaxjo-kommun'" in result.stdout
    edit(path, "kind: local-plan", "kind: lokal-handlingsplan")
    result = run_cli("validate", cwd=real_project)
    assert "'lokal-handlingsplan' is 'local-plan'" in result.stdout, result


def test_county_options_accept_codes_and_names_and_refuse_the_unknown(cli) -> None:
    by_id = cli("coverage", "--county", "kronoberg", "--format", "json")
    for spelling in ("07", "Kronoberg", "Kronobergs län"):
        same = cli("coverage", "--county", spelling, "--format", "json")
        assert same.exit_code == 0 and same.stdout == by_id.stdout, spelling
    unknown = cli("coverage", "--county", "xyz")
    assert unknown.exit_code == 2 and "unknown county 'xyz' for --county" in unknown.stderr
    typo = cli("coverage", "--county", "kronobrg")
    assert typo.exit_code == 2 and "did you mean 'kronoberg' (Kronobergs län)?" in typo.stderr


# -- new -------------------------------------------------------------------------------------


def test_new_local_plan_from_the_county_plan(real_project: Path) -> None:
    result = run_cli("new", "local-plan", "vaxjo-2025", "--municipality", "Växjö",
                     "--from", "kronoberg-2018-reviderad", "--goal", "bred-samverkan",
                     "--goal", "kunskap-valdspreventiva-metoder", cwd=real_project)
    assert result.exit_code == 0, result
    path = real_project / "plans" / "kronoberg" / "vaxjo-2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/mvkplan.schema.json"
    data = yaml.safe_load(text)
    assert (data["county"], data["municipality"]) == ("kronoberg", "vaxjo-kommun")
    assert data["period"] == {"start": 2025, "end": 2026}  # no later than the plan it follows
    goals = [g for area in data["areas"] for g in area["goals"]]
    # Each link is stamped with the fingerprint of the goal's wording (MVK026 when it changes).
    links = [[link.rsplit("@", 1) for link in g["links"]] for g in goals]
    assert [[target for target, _fp in g] for g in links] == [
        ["kronoberg-2018-reviderad/kunskap-valdspreventiva-metoder"], ["kronoberg-2018-reviderad/bred-samverkan"]]
    assert all(re.fullmatch(r"[0-9a-f]{8}", fp) for g in links for _target, fp in g)
    assert run_cli("validate", cwd=real_project).exit_code == 0
    lint = run_cli("lint", "plans/kronoberg/vaxjo-2025.yaml", cwd=real_project)
    assert lint.exit_code == 1 and "MVK013 [error] placeholder text '[fyll i:" in lint.stdout


def test_new_refuses_unknown_catalog_values_and_goals(project: Path) -> None:
    county = run_cli("new", "regional-plan", "x-2025", "--county", "07", cwd=project)
    assert county.exit_code == 0, county
    assert (project / "plans" / "kronoberg" / "x-2025.yaml").is_file()
    bad = run_cli("new", "regional-plan", "y-2025", "--county", "Atlantis", cwd=project)
    assert bad.exit_code == 2 and "unknown county 'Atlantis'" in bad.stderr
    goal = run_cli("new", "local-plan", "z-2025", "--from", "x-2025", "--goal", "nope", cwd=project)
    assert goal.exit_code == 2 and "has no goal 'nope'" in goal.stderr
    assert not (project / "plans" / "kronoberg" / "z-2025.yaml").exists()


# -- init ------------------------------------------------------------------------------------


def test_init_makes_a_repository_that_checks_and_builds(tmp_path: Path) -> None:
    result = run_cli("init", "mina-planer", "--county", "Kronoberg", cwd=tmp_path)
    assert result.exit_code == 0, result
    repo = tmp_path / "mina-planer"
    for name in ("mvkplan.toml", "schema/mvkplan.schema.json", ".pre-commit-config.yaml",
                 ".github/workflows/mvkplan.yml", "README.md", "plans/kronoberg/.gitkeep"):
        assert (repo / name).is_file(), name
    workflow = yaml.safe_load((repo / ".github/workflows/mvkplan.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert "mvkplan check --format github" in runs
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "mvkplan check"
    schema = json.loads((repo / "schema/mvkplan.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(run_cli("schema").stdout)
    assert "Kronobergs läns" in (repo / "README.md").read_text(encoding="utf-8")
    assert run_cli("check", cwd=repo).exit_code == 0
    new = run_cli("new", "local-plan", "vaxjo-2025", "--municipality", "vaxjo", cwd=repo)
    assert new.exit_code == 0, new
    text = (repo / "plans/kronoberg/vaxjo-2025.yaml").read_text(encoding="utf-8")
    assert "$schema=../../schema/mvkplan.schema.json" in text
    again = run_cli("init", "mina-planer", cwd=tmp_path)
    assert again.exit_code == 2 and "not overwriting existing files" in again.stderr


def test_outside_a_project_document_commands_exit_2(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 2, result
    assert "mvkplan init" in result.stderr and "E402" not in result.stdout


# -- serve -----------------------------------------------------------------------------------


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1 only)
        return response.read().decode("utf-8")


def test_serve_builds_serves_on_localhost_and_rebuilds_on_save(real_project: Path) -> None:
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en"}
    scratch = Path(tempfile.gettempdir())
    before = set(scratch.glob("mvkplan-serve-*"))
    process = subprocess.Popen([sys.executable, "-m", "mvkplan", "serve", "--port", "0"],
                               cwd=real_project, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        address = ""
        assert process.stdout is not None
        deadline = time.monotonic() + 60
        while not address and time.monotonic() < deadline:
            line = process.stdout.readline()
            match = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line)
            address = match.group(1) if match else ""
        assert address, "serve did not start"
        page = _get(address + "dokument/kalmar-2024.html")
        assert "Att förebygga och bekämpa mäns våld mot kvinnor" in page
        assert 'id="mvk-preview-errors"' not in page
        edit(real_project / KALMAR, "\nvision:", "\nvisio:")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            page = _get(address)
            if 'id="mvk-preview-errors"' in page:
                break
            time.sleep(0.3)
        assert "E202 unknown field &#x27;visio&#x27;" in page
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0, "SIGTERM stops the preview cleanly"
    assert set(scratch.glob("mvkplan-serve-*")) <= before, "the build folder is removed"


# -- language, plurals and source lines ------------------------------------------------------


def test_singular_and_plural_in_both_languages(project: Path) -> None:
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\nvison: x\n", encoding="utf-8")
    english = run_cli("validate", cwd=project)
    assert english.stdout.strip().endswith("1 problem (1 error, 0 warnings) in 1 of 1 file.")
    swedish = run_cli("validate", "--lang", "sv", cwd=project)
    assert "E202 [fel] okänt fält 'vison'" in swedish.stdout
    assert swedish.stdout.strip().endswith("1 problem (1 fel, 0 varningar) i 1 av 1 fil.")
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\n", encoding="utf-8")
    assert run_cli("validate", cwd=project).stdout.strip() == "The file is valid."
    assert run_cli("validate", "--lang", "sv", cwd=project).stdout.strip() == "Filen är giltig."


def test_lint_tags_every_severity_in_the_chosen_language(project: Path) -> None:
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\nvision: TODO\n", encoding="utf-8")
    result = run_cli("lint", "--lang", "sv", cwd=project)
    assert "MVK013 [fel]" in result.stdout and "[varning]" in result.stdout, result
    assert "[warning]" not in result.stdout and "[error]" not in result.stdout


def test_syntax_and_schema_errors_show_the_source_line(project: Path) -> None:
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\nstatus: antagen\n", encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert "  4 | status: antagen\n    |         ^\n" in result.stdout, result
    assert "| status" not in run_cli("validate", "--no-source", cwd=project).stdout
    assert "| status" not in run_cli("validate", "--format", "github", cwd=project).stdout
    assert "| status" not in run_cli("validate", "--format", "json", cwd=project).stdout
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: \"Plan\n", encoding="utf-8")
    broken = run_cli("check", cwd=project)
    assert "E103" in broken.stdout and "  3 | title: \"Plan\n" in broken.stdout, broken


# -- lint reads the prose --------------------------------------------------------------------


PROSE_PLAN = """\
id: plan-2024
kind: regional-plan
title: Plan
period: {{start: {start}, end: 2026}}
sections:
  - id: underlag
    title: Underlag
    body: Arbetet följer Socialstyrelsens föreskrifter SOSFS  2014:4 om våld i nära relationer.
areas:
  - id: a
    goals:
      - id: g
        title: Rutiner enligt SOSFS 2014:4 finns i alla kommuner
        indicators: [{{source: lansstyrelsens-arliga-kartlaggning, frequency: Årsvis}}]
"""


def test_superseded_regulation_in_running_text(project: Path) -> None:
    plan = project / "plans" / "plan-2024.yaml"
    plan.write_text(PROSE_PLAN.format(start=2024), encoding="utf-8")
    result = run_cli("lint", "--select", "MVK006", cwd=project)
    assert result.exit_code == 0, result  # warnings
    assert "plans/plan-2024.yaml:8:56: MVK006 [warning] cites SOSFS 2014:4, superseded by " \
           "HSLF-FS 2022:39 from 2023-01-01, but the document applies from 2024-01-01" in result.stdout
    assert "plans/plan-2024.yaml:13:31: MVK006" in result.stdout, result
    plan.write_text(PROSE_PLAN.format(start=2021), encoding="utf-8")
    assert "MVK006" not in run_cli("lint", "--select", "MVK006", cwd=project).stdout
    plan.write_text(PROSE_PLAN.format(start=2024) + "purpose: Nu gäller HSLF-FS 2022:39.\n",
                    encoding="utf-8")
    # each text is judged on its own (issue 28.7): the successor named elsewhere excuses none
    again = run_cli("lint", "--select", "MVK006", cwd=project).stdout
    assert "plan-2024.yaml:8:56: MVK006" in again and "plan-2024.yaml:13:31: MVK006" in again
    clean = run_cli("lint", "--select", "MVK006")
    assert "MVK006" not in clean.stdout  # Kalmar 2021 and Kronoberg 2018 cite it in their time


# -- terminal output -------------------------------------------------------------------------


def test_coverage_tables_fit_and_name_the_goals(cli) -> None:
    result = cli("coverage")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 120
    assert "agenda2030 (1/2)" in result.stdout and "agenda2030 (2/2)" in result.stdout
    assert any(re.fullmatch(r"\s*5\.2\s{2}Avskaffa våld och exploatering\s*", line) for line in lines)
    assert any(re.fullmatch(r"\s*1\s{2}Ett utökat och verkningsfullt förebyggande arbete mot våld\s*",
                            line) for line in lines), result
    assert "siffra" not in result.stdout  # one language per run
    assert "siffra =" in cli("coverage", "--lang", "sv").stdout


def test_links_output_into_a_file_is_never_cut(cli) -> None:
    result = cli("links", "kalmar-2024")
    assert result.exit_code == 0, result
    assert "nationell-strategi/2 Förbättrad upptäckt av våld samt starkare skydd och stöd för " \
           "våldsutsatta kvinnor och barn (link)" in result.stdout
    assert "links to (" in result.stdout and "länkar till" not in result.stdout


def _flat(help_text: str) -> str:
    """Help text without the boxes rich draws around it, on one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", help_text).split())


def test_help_is_in_one_language(cli) -> None:
    swedish = cli("check", "--lang", "sv", "--help")
    assert swedish.exit_code == 0, swedish
    for text in ("Validera och granska i ett svep", "Utdataformat.", "Visa den här hjälpen",
                 "Avsluta med 1 även vid varningar"):
        assert text in _flat(swedish.stdout), text
    for text in ("validate and lint in one pass", "Output format.", "Show this message"):
        assert text not in _flat(swedish.stdout), text
    english = cli("render", "--help")
    flat = _flat(english.stdout)
    assert "Render one document" in flat and "The document's id, e.g. kalmar-2024." in flat
    assert "Publicera ett dokument" not in flat and "Dokumentets id" not in flat
    root = cli("--help", env={"MVKPLAN_LANG": "sv"})
    assert "Skapa ett eget planarkiv" in root.stdout and "Action plans" not in root.stdout


def test_rule_documentation_in_both_languages(cli) -> None:
    from mvkplan.checks.rules import RULES
    from mvkplan.checks.rules.docs_sv import DOCS_SV

    assert set(DOCS_SV) == {rule.code for rule in RULES}
    for text in DOCS_SV.values():
        assert "\nVarför: " in text and "\nSå rättar du: " in text
    swedish = cli("rules", "MVK006", "--lang", "sv")
    assert swedish.exit_code == 0, swedish
    assert swedish.stdout.startswith("MVK006 superseded-regulation (varning)")
    assert "Varför: författningar ersätts." in swedish.stdout and "Why:" not in swedish.stdout
    assert "Underkänt:" in swedish.stdout and "sosfs-2014-4" in swedish.stdout
    english = cli("rules", "MVK006")
    assert "Why: regulations are replaced." in english.stdout and "Varför" not in english.stdout
    listing = cli("rules", "--lang", "sv").stdout
    assert "MVK013  placeholder-text" in listing and "warning" not in listing
    assert re.search(r"^MVK013 .* fel\b", listing, re.MULTILINE)


def test_messages_of_new_and_init_in_swedish(tmp_path: Path) -> None:
    made = run_cli("init", "arkiv", "--lang", "sv", cwd=tmp_path)
    assert made.exit_code == 0 and "Sedan: cd arkiv" in made.stderr, made
    again = run_cli("init", "arkiv", "--lang", "sv", cwd=tmp_path)
    assert again.exit_code == 2 and "skriver inte över befintliga filer" in again.stderr
    bad = run_cli("new", "regional-plan", "Ny Plan", "--lang", "sv", cwd=tmp_path / "arkiv")
    assert bad.exit_code == 2 and "'Ny Plan' är inget giltigt id" in bad.stderr, bad
    kind = run_cli("new", "handlingsplan", "x-2025", "--lang", "sv", cwd=tmp_path / "arkiv")
    assert kind.exit_code == 2 and "okänd dokumenttyp 'handlingsplan'" in kind.stderr
    assert "'handlingsplan' heter 'regional-plan'" in kind.stderr, kind


def _in_terminal(*args: str, columns: int = 80) -> str:
    """Run mvkplan with its output on a pseudo-terminal of ``columns`` columns."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en",
           "COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "dumb"}
    process = subprocess.Popen([sys.executable, "-m", "mvkplan", *args], cwd=REPO, env=env,
                               stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", b"".join(chunks).decode("utf-8"))


def test_tables_fit_an_80_column_terminal() -> None:
    listing = _in_terminal("list")
    assert "kalmar-jamstalldhetsstrategi-2024  strategy · kalmar · 2024–2027 · adopted" in listing
    assert "…" not in listing
    coverage = _in_terminal("coverage")
    lines = [line.rstrip() for line in coverage.splitlines()]
    assert max(len(line) for line in lines) <= 80, coverage
    assert "…" not in coverage and "agenda2030 (1/" in coverage
    assert any(re.fullmatch(r"\s*5\.2\s{2}Avskaffa våld och exploatering", line) for line in lines)
