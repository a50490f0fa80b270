"""``mvkplan diff``: the real changes from Kalmar 2021 to Kalmar 2024, pairing rules, and
one document across the revisions of a temporary git repository.

What the Kalmar test expects was read by hand in the two sources (shared/seeds/000_… and the
Bilaga 3 of 003_…): the goal tables hold 3/3/1/4 goals in 2021 and 4/4/1/4 in 2024; the new
goals are "Ökad kunskap om verkningsfulla förebyggande insatser för våldsutövare" (area 1) and
"Öka förutsättningar för myndighetssamverkan på lokal nivå." (area 2); every other goal keeps
its words (2024 adds a full stop to "… ge stöd till våldsutsatta."); the regulation cited
changes from SOSFS 2014:4 to HSLF-FS 2022:39.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from textwrap import dedent

import pytest

from conftest import run_cli
from mvkplan.messages.i18n import Wording
from mvkplan.models.documents import RegionalPlan
from mvkplan.views.diff.compare import diff_documents
from mvkplan.views.diff.match import similarity, word_diff
from mvkplan.views.diff.summary import counts_line

GIT = shutil.which("git")


def _kalmar(fmt: str = "json") -> str:
    result = run_cli("diff", "kalmar-2021", "kalmar-2024", "--format", fmt, "--lang", "sv")
    assert result.exit_code == 0, result
    return result.stdout


def test_kalmar_2021_to_2024_goals_per_area_and_new_goals():
    data = json.loads(_kalmar())
    assert data["summary"].startswith("Mål per område: 3/3/1/4 → 4/4/1/4; 11 mål oförändrade, 2 nya")
    areas = data["areas"]
    assert [a["status"] for a in areas] == ["unchanged"] * 4  # same four headings, new ids
    assert [(a["old_id"], a["new_id"]) for a in areas] == [
        ("forebyggande-arbete", "forebygga"), ("upptackt-skydd-och-stod", "upptackt-skydd-stod"),
        ("brottsbekampning", "brottsbekampning"), ("kunskap-och-metodutveckling", "kunskap-metodutveckling")]
    added = [(a["new_id"], i["title"]) for a in areas for i in a["items"] if i["status"] == "added"]
    assert added == [
        ("forebygga", "Ökad kunskap om verkningsfulla förebyggande insatser för våldsutövare"),
        ("upptackt-skydd-stod", "Öka förutsättningar för myndighetssamverkan på lokal nivå."),
    ]
    assert not [i for a in areas for i in a["items"] if i["status"] in {"removed", "reworded"}]
    assert [a["summary"].split(" (")[0] for a in areas] == [
        "3 mål oförändrade, 1 nytt", "3 mål oförändrade, 1 nytt", "1 mål oförändrat", "4 mål oförändrade"]
    # The 2021 goal on perpetrators stays in its area, paired with its 2024 wording (renamed id).
    brott = areas[2]["items"]
    assert [(i["old_id"], i["new_id"], i["moved_from"]) for i in brott] == [
        ("kunskap-insatser-for-valdsutovare", "insatser-metoder-valdsutovare", None)]


def test_kalmar_2021_to_2024_regulation_and_goal_details():
    data = json.loads(_kalmar())
    assert data["regulations"] == [{"old": "SOSFS 2014:4", "new": "HSLF-FS 2022:39"}]
    period = next(c for c in data["changes"] if c["field"] == "period")
    assert (period["removed"], period["added"]) == (["2021–2023"], ["2024–2026"])
    items = {i["new_id"]: i for a in data["areas"] for i in a["items"]}
    regelverk = {c["field"]: c for c in items["tillampa-regelverk"]["changes"]}
    assert regelverk["description"]["removed"] == ["(SOSFS 2014:4)"]  # printed in parentheses
    assert any("HSLF-FS 2022:39" in text for text in regelverk["examples"]["added"])
    stod = {c["field"]: c for c in items["upptacka-och-ge-stod"]["changes"]}
    assert stod["title"]["added"] == ["Ökad medvetenhet att upptäcka och ge stöd till våldsutsatta."]
    assert stod["methods"]["removed"] == ["Barnahus", "Resurscentra"]
    utovare = {c["field"]: c for c in items["insatser-metoder-valdsutovare"]["changes"]}
    assert utovare["methods"]["added"] == ["IPVI"]


def test_kalmar_text_and_markdown_forms():
    text = _kalmar("text")
    assert "Regelverk: SOSFS 2014:4 → HSLF-FS 2022:39" in text
    assert "  Mål (nytt): Öka förutsättningar för myndighetssamverkan på lokal nivå." in text
    markdown = _kalmar("md")
    assert markdown.startswith("### kalmar-2021 (2021–2023) → kalmar-2024 (2024–2026)")
    assert "~~SOSFS 2014:4~~ → **HSLF-FS 2022:39**" in markdown
    html = _kalmar("html")
    assert "<h1>Vad är nytt jämfört med 2021–2023</h1>" in html
    assert "<del>SOSFS 2014:4</del>" in html


def _plan(areas: str, *, doc_id: str = "plan", period: str = "{start: 2024, end: 2026}") -> str:
    return dedent(f"""\
        id: {doc_id}
        kind: regional-plan
        title: Handlingsplan
        period: {period}
        areas:
        """) + dedent(areas)


def _model(text: str) -> RegionalPlan:
    import yaml

    return RegionalPlan.model_validate(yaml.safe_load(text))


OLD = """\
  - id: forebygga
    title: Förebyggande arbete
    goals:
      - {id: a, title: Alla skolor arbetar med en våldsförebyggande metod}
      - {id: b, title: Kommunerna har en samverkansrutin med polisen}
      - {id: c, title: Personalen har grundkunskap om våld, methods: [mvp]}
  - id: stod
    title: Skydd och stöd
    goals:
      - {id: d, title: Socialtjänsten frågar rutinmässigt om våld}
"""


def test_pairs_by_id_then_by_similar_title_and_reports_moves_and_rewording():
    new = """\
  - id: forebygga
    title: Förebyggande arbete
    goals:
      - {id: a, title: Alla skolor arbetar med en våldsförebyggande metod}
      - {id: b2, title: Kommunerna har en skriftlig samverkansrutin med polisen}
      - {id: e, title: Kampanj om våld i ungas relationer varje år}
  - id: stod
    title: Skydd och stöd till våldsutsatta
    goals:
      - {id: d, title: Socialtjänsten frågar rutinmässigt om våld}
      - {id: c, title: Personalen har grundkunskap om våld, methods: [mvp, vip]}
"""
    result = diff_documents(_model(_plan(OLD)), _model(_plan(new)))
    first, second = result.areas
    assert [(i.status, i.old_id, i.new_id) for i in first.items] == [
        ("unchanged", "a", "a"), ("reworded", "b", "b2"), ("added", None, "e")]
    reworded = first.items[1]
    assert ("+", "skriftlig") in reworded.words and all(op != "-" for op, _ in reworded.words)
    assert second.status == "reworded" and second.old_title == "Skydd och stöd"
    moved = second.items[1]
    assert (moved.new_id, moved.moved_from) == ("c", "Förebyggande arbete")
    assert moved.changes[0].added == ("vip",)
    assert first.summary == "1 mål oförändrat, 1 nytt, 1 omformulerat"
    assert second.summary.startswith("1 mål oförändrat, 1 flyttat hit (1 med ändrade")


def test_unrelated_titles_are_removed_and_added_not_paired():
    new = OLD.replace("Socialtjänsten frågar rutinmässigt om våld", "Skyddade boenden följs upp årligen") \
             .replace("id: d,", "id: x,")
    result = diff_documents(_model(_plan(OLD)), _model(_plan(new)))
    statuses = [(i.status, i.title) for i in result.areas[1].items]
    assert statuses == [("added", "Skyddade boenden följs upp årligen"),
                        ("removed", "Socialtjänsten frågar rutinmässigt om våld")]


def test_word_diff_and_similarity_ignore_spacing_and_case():
    assert similarity("insatser/metoder för våldsutövare", "insatser /metoder för Våldsutövare") == 1.0
    assert word_diff("ge stöd till våldsutsatta", "ge stöd till alla våldsutsatta") == [
        ("=", "ge stöd till"), ("+", "alla"), ("=", "våldsutsatta")]
    assert counts_line((), "goal", Wording("sv")) == ""


# -- diff --rev on a temporary git repository with three commits ---------------------------


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                          text=True, env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                          "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                                          "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder),
                                          "PATH": "/usr/bin:/bin"}).stdout


@pytest.fixture
def repository(project: Path) -> Path:
    if GIT is None:
        pytest.skip("git not installed")
    _git(project, "init", "-q", "-b", "main")
    plan = project / "plans" / "plan.yaml"
    plan.write_text(_plan(OLD), encoding="utf-8")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "first")
    plan.write_text(_plan(OLD.replace("med polisen", "med polisen och regionen")), encoding="utf-8")
    (project / "plans" / "other.yaml").write_text(_plan(OLD, doc_id="other"), encoding="utf-8")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "second: reword b, add other")
    plan.write_text(_plan(OLD.replace("med polisen", "med polisen och regionen"),
                          period="{start: 2024, end: 2027}"), encoding="utf-8")
    _git(project, "commit", "-q", "-am", "third: longer period")
    return project


def test_rev_range_compares_two_commits_without_checkout(repository: Path):
    head = _git(repository, "rev-parse", "HEAD").strip()
    result = run_cli("diff", "plan", "--rev", "HEAD~2..HEAD~1", "--format", "json", cwd=repository)
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["old_label"] == "plan @ HEAD~2" and data["new_label"] == "plan @ HEAD~1"
    items = {i["new_id"]: i for a in data["areas"] for i in a["items"]}
    assert items["b"]["status"] == "reworded"
    assert ["+", "och regionen"] in items["b"]["words"]
    assert not data["changes"]  # same period at these two commits
    assert _git(repository, "rev-parse", "HEAD").strip() == head  # nothing checked out
    later = json.loads(run_cli("diff", "plan", "--rev", "HEAD~1..HEAD", "-f", "json", cwd=repository).stdout)
    assert [(c["field"], c["removed"], c["added"]) for c in later["changes"]] == [
        ("period", ["2024–2026"], ["2024–2027"])]


def test_single_rev_compares_with_the_working_tree(repository: Path):
    plan = repository / "plans" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "Socialtjänsten frågar rutinmässigt om våld", "Socialtjänsten frågar alltid om våld"), encoding="utf-8")
    result = run_cli("diff", "plan", "--rev", "HEAD", "--lang", "sv", cwd=repository)
    assert result.exit_code == 0, result
    assert "plan @ HEAD → plan @ arbetskopian" in result.stdout
    assert "Mål (omformulerat): Socialtjänsten frågar alltid om våld" in result.stdout
    assert "[-rutinmässigt-] {+alltid+}" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["plan", "--rev", "nosuch"], "unknown revision 'nosuch'"),
    (["plan", "--rev", "HEAD~7"], "unknown revision 'HEAD~7'"),
    (["plan", "--rev", "--upload-pack=x"], "is not a revision"),
    (["plan", "--rev", "HEAD.."], "is not a revision range"),
    (["other", "--rev", "HEAD~2"], "plans/other.yaml does not exist at revision 'HEAD~2'"),
    (["missing", "--rev", "HEAD"], "unknown document 'missing'"),
    (["nationell-strategi", "--rev", "HEAD"], "'nationell-strategi' ships with mvkplan"),
    (["plan"], "give two documents"),
    (["plan", "other", "--rev", "HEAD"], "give two documents"),
])
def test_bad_revisions_and_documents_exit_2(repository: Path, args: list[str], message: str):
    result = run_cli("diff", *args, cwd=repository)
    assert result.exit_code == 2, result
    assert message in result.stderr, result
    assert "Traceback" not in result.stderr


def test_a_revision_with_a_broken_document_exits_2(repository: Path):
    plan = repository / "plans" / "plan.yaml"
    plan.write_text("id: plan\nkind: regional-plan\ntitle: [unclosed\n", encoding="utf-8")
    _git(repository, "commit", "-q", "-am", "broken")
    plan.write_text(_plan(OLD), encoding="utf-8")
    result = run_cli("diff", "plan", "--rev", "HEAD", cwd=repository)
    assert result.exit_code == 2, result
    assert "'plan' at revision 'HEAD' cannot be read" in result.stderr


def test_swedish_messages(repository: Path):
    result = run_cli("diff", "plan", "--rev", "nosuch", cwd=repository, env={"MVKPLAN_LANG": "sv"})
    assert result.exit_code == 2 and "okänd revision 'nosuch'" in result.stderr, result


def test_site_has_a_whats_new_page_linked_from_the_document(real_project: Path):
    result = run_cli("build", "-o", "site", cwd=real_project)
    assert result.exit_code == 0, result
    page = (real_project / "site" / "nytt" / "kalmar-2024.html").read_text(encoding="utf-8")
    assert "<h1>Vad är nytt jämfört med 2021–2023</h1>" in page
    assert "Mål per område: 3/3/1/4 → 4/4/1/4" in page
    document = (real_project / "site" / "dokument" / "kalmar-2024.html").read_text(encoding="utf-8")
    assert '<a href="../nytt/kalmar-2024.html">Vad är nytt jämfört med 2021–2023</a>' in document
    assert not (real_project / "site" / "nytt" / "kalmar-2021.html").exists()  # supersedes nothing
