"""Incremental builds render only what changed, and give the site a full build gives."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli
from mvkplan.config import find_project
from mvkplan.render.incremental import rebuild
from mvkplan.validate import load_corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _written(output: str) -> int:
    match = re.search(r"Wrote (\d+) pages", output)
    assert match, output
    return int(match.group(1))


def test_unchanged_project_writes_nothing(real_project: Path) -> None:
    first = run_cli("build", cwd=real_project)
    assert _written(first.stdout) > 10, first
    before = _files(real_project / "site")
    again = run_cli("build", cwd=real_project)
    assert again.exit_code == 0 and _written(again.stdout) == 0, again
    assert _files(real_project / "site") == before


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
    pages = len(_files(real_project / "site"))
    assert 0 < _written(changed.stdout) < pages, changed
    full = run_cli("build", "--no-cache", "--out", "full", cwd=real_project)
    assert full.exit_code == 0, full
    assert _files(real_project / "site") == _files(real_project / "full")
    assert "Ny titel för Kronoberg" in (real_project / "site" / "dokument" /
                                         "kronoberg-2018-reviderad.html").read_text()


def test_a_deleted_page_is_written_again(real_project: Path) -> None:
    run_cli("build", cwd=real_project)
    page = real_project / "site" / "dokument" / "kalmar-2024.html"
    expected = page.read_bytes()
    page.unlink()
    assert _written(run_cli("build", cwd=real_project).stdout) == 1
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
    site, reference = _files(real_project / "site"), _files(real_project / "full")
    assert {k: v for k, v in site.items() if "manifest" not in k} == {
        k: v for k, v in reference.items() if "manifest" not in k}
