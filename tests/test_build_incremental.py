"""Incremental builds render only what changed, and give the site a full build gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit, folder_files, pages_written, run_cli, title_line
from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.render.incremental import rebuild


def test_unchanged_project_writes_nothing(real_project: Path) -> None:
    first = run_cli("build", cwd=real_project)
    assert pages_written(first.stdout) > 10, first
    before = folder_files(real_project / "site")
    again = run_cli("build", cwd=real_project)
    assert again.exit_code == 0 and pages_written(again.stdout) == 0, again
    assert folder_files(real_project / "site") == before


def test_one_changed_plan_renders_its_neighbourhood_and_matches_a_full_build(
    real_project: Path,
) -> None:
    run_cli("build", cwd=real_project)
    plan = real_project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    text = plan.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.MULTILINE)
    assert title
    plan.write_text(text.replace(title.group(0), "title: Ny titel för Kronoberg", 1),
                    encoding="utf-8")
    changed = run_cli("build", cwd=real_project)
    pages = len(folder_files(real_project / "site"))
    assert 0 < pages_written(changed.stdout) < pages, changed
    full = run_cli("build", "--no-cache", "--out", "full", cwd=real_project)
    assert full.exit_code == 0, full
    assert folder_files(real_project / "site") == folder_files(real_project / "full")
    assert "Ny titel för Kronoberg" in (real_project / "site" / "dokument" /
                                         "kronoberg-2018-reviderad.html").read_text()


def test_a_deleted_page_is_written_again(real_project: Path) -> None:
    run_cli("build", cwd=real_project)
    page = real_project / "site" / "dokument" / "kalmar-2024.html"
    expected = page.read_bytes()
    page.unlink()
    assert pages_written(run_cli("build", cwd=real_project).stdout) == 1
    assert page.read_bytes() == expected


def test_rebuild_is_a_library_call(real_project: Path) -> None:
    index = load_corpus(find_project(real_project)).index
    state = real_project / "state.json"
    out = real_project / "out"
    first = rebuild(index, out, state=state)
    assert len(first.written) == first.pages and not first.unchanged
    second = rebuild(index, out, state=state)
    assert not second.written and len(second.unchanged) == second.pages


def test_a_removed_document_leaves_the_incremental_site(real_project: Path) -> None:
    run_cli("build", cwd=real_project)
    (real_project / "plans" / "examples" / "exempelkommun-2025.yaml").unlink()
    again = run_cli("build", cwd=real_project)
    assert again.exit_code == 0, again
    assert not (real_project / "site" / "dokument" / "exempelkommun-2025.html").exists()
    full = run_cli("build", "--no-cache", "--out", "full", cwd=real_project)
    assert full.exit_code == 0, full
    site, reference = folder_files(real_project / "site"), folder_files(real_project / "full")
    assert {k: v for k, v in site.items() if "manifest" not in k} == {
        k: v for k, v in reference.items() if "manifest" not in k}


# Each edit changes what other pages show: the superseded plan's title is on its successor's
# page and its "what is new" page; a follow-up's title is on its plan's page; a plan's body
# text is on its own page and its "what is new" page alone.
EDITS = {
    "superseded plan's title": ("kalmar/kalmar-2021.yaml", None, "title: Gammal Kalmarplan"),
    "follow-up's title": ("kalmar/uppfoljning", None, "title: Ny uppföljningstitel"),
    "plan's body text": ("kalmar/kalmar-2024.yaml", "Länsstyrelsen", "Länsstyrelsen (ändrad)"),
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_after_each_kind_of_change_the_site_is_byte_for_byte_a_full_build(
    real_project: Path, change: str,
) -> None:
    where, old, new = EDITS[change]
    path = real_project / "plans" / where
    if path.is_dir():
        path = sorted(path.rglob("*.yaml"))[0]
    assert run_cli("build", cwd=real_project).exit_code == 0
    pages = folder_files(real_project / "site")
    edit(path, old or title_line(path), new)
    again = run_cli("build", cwd=real_project)
    assert again.exit_code == 0, again
    assert 0 < pages_written(again.stdout) < len(pages) - 1, again  # not every page
    full = run_cli("build", "--no-cache", "--out", "full", cwd=real_project)
    assert full.exit_code == 0, full
    assert folder_files(real_project / "site") == folder_files(real_project / "full")
    assert folder_files(real_project / "site") != pages


def test_a_rebuild_leaves_unchanged_pages_untouched(real_project: Path) -> None:
    """Unchanged pages are neither rendered nor copied: the very same files stay."""
    run_cli("build", cwd=real_project)
    site = real_project / "site"
    def stamps() -> dict[Path, tuple[int, int]]:
        # Every page and data file; not the search index, which is made anew over them all.
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*")
                if p.is_file() and not p.name.startswith(".")
                and p.relative_to(site).parts[0] != "pagefind"}

    before = stamps()
    plan = real_project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    edit(plan, title_line(plan), "title: Ny titel för Kronoberg")
    changed = run_cli("build", cwd=real_project)
    after = stamps()
    touched = {p for p in before if after.get(p) != before[p]}
    assert len(touched) == pages_written(changed.stdout), changed
    assert site / "dokument" / "kronoberg-2018-reviderad.html" in touched
    assert site / "dokument" / "kalmar-2024.html" not in touched
    assert site / "data" / "kronoberg-2018-reviderad.csv" in touched
    assert site / "data" / "kalmar-2024.csv" not in touched


def test_a_build_stopped_while_the_site_moves_in_is_completed_by_the_next(
    real_project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopped as the new site is to take the old one's place, the old site stays whole;
    the next build renders again the pages that were about to change, whatever the folder
    holds (here the change is undone in between, so their records match the old pages)."""
    from mvkplan.publish.render import publish

    run_cli("build", cwd=real_project)
    before = folder_files(real_project / "site")
    plan = real_project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    original = title_line(plan)
    edit(plan, original, "title: Ny titel för Kronoberg")

    def stopped(staging: Path, out: Path) -> None:
        raise OSError(5, "Input/output error", str(out))

    monkeypatch.setattr(publish, "_swap", stopped)
    assert run_cli("build", cwd=real_project).exit_code == 2
    monkeypatch.undo()
    assert folder_files(real_project / "site") == before
    assert [p.name for p in real_project.iterdir() if ".new-" in p.name] == []
    edit(plan, "title: Ny titel för Kronoberg", original)
    assert run_cli("build", cwd=real_project).exit_code == 0
    assert run_cli("build", "--no-cache", "--out", "full", cwd=real_project).exit_code == 0
    assert folder_files(real_project / "site") == folder_files(real_project / "full")


def test_pages_rendered_by_workers_are_those_of_one_process(
    real_project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mvkplan.publish.render import rendering

    monkeypatch.setattr(rendering, "PARALLEL_PAGES", 2)  # the real plans are few: fork anyway
    one = run_cli("build", "--no-cache", "--out", "one", cwd=real_project, env={"MVKPLAN_JOBS": "1"})
    two = run_cli("build", "--no-cache", "--out", "two", cwd=real_project, env={"MVKPLAN_JOBS": "2"})
    assert one.exit_code == two.exit_code == 0, (one, two)
    assert folder_files(real_project / "one") == folder_files(real_project / "two")
    assert len(folder_files(real_project / "two")) > 10


def test_a_forced_build_and_its_fix_are_built_incrementally(real_project: Path) -> None:
    """The errors a page is published with are part of its record: fixing them renders it."""
    plan = real_project / "plans" / "kalmar" / "kalmar-2024.yaml"
    edit(plan, "links: [jamstalldhetsmal/6]", "links: [jamstalldhetsmal/99]")
    forced = run_cli("build", "--force", cwd=real_project)
    assert forced.exit_code == 0, forced
    page = real_project / "site" / "dokument" / "kalmar-2024.html"
    assert "E302" in page.read_text(encoding="utf-8")  # the banner
    swedish = run_cli("build", "--force", "--lang", "sv", cwd=real_project)  # only the banner changes
    assert pages_written(swedish.stdout.replace("Skrev", "Wrote").replace("sidor till", "pages to")) == 1
    assert "dokumentet &#39;jamstalldhetsmal&#39; har inget" in page.read_text(encoding="utf-8")
    edit(plan, "links: [jamstalldhetsmal/99]", "links: [jamstalldhetsmal/6]")
    fixed = run_cli("build", cwd=real_project)
    assert 0 < pages_written(fixed.stdout) < len(folder_files(real_project / "site")), fixed
    assert run_cli("build", "--no-cache", "--out", "full", cwd=real_project).exit_code == 0
    assert folder_files(real_project / "site") == folder_files(real_project / "full")


def test_links_are_ordered_as_written_without_reading_positions(real_project: Path) -> None:
    """Back-links are listed in the order they are written: the order read from the plain
    data is the order of their lines and columns, in every real document."""
    from mvkplan.publish.render.places import written_order

    index = load_corpus(find_project(real_project)).index
    checked = 0
    for document_id in index.documents:
        links = index.links_from(document_id)
        if len(links) > 1:
            assert sorted(links, key=written_order(links, index)) == sorted(
                links, key=lambda link: (link.line, link.column)), document_id
            checked += 1
    assert checked > 5
