"""``build --no-cache`` reads nothing an earlier run left, but leaves what it made: the next
``build`` renders only what changed since, and the search index is made again only when a page
changed, came or went."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, folder_files, pages_written, run_cli
from mvkplan.publish.render.search import SEARCH_FOLDER, search_available

# The published documents (the example is a draft, left out of the site).
REAL = sorted(p.relative_to(PLANS) for p in PLANS.rglob("*.yaml") if "examples" not in p.parts)




def _project(root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    return root


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edited=st.none() | st.sampled_from(REAL), title=st.text(
    st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=20)
    .map(str.strip).filter(bool))
def test_a_build_after_build_no_cache_renders_only_what_changed(
    tmp_path_factory: pytest.TempPathFactory, edited: Path | None, title: str,
) -> None:
    """Nothing changed: the build after ``--no-cache`` writes no page. One file retitled: it
    writes some pages, not all. Either way the site is the one a full build gives."""
    root = _project(tmp_path_factory.mktemp("project") / "p")
    first = run_cli("build", "--no-cache", "--force", cwd=root)
    assert first.exit_code == 0, first
    pages = pages_written(first.stdout)
    if edited is not None:
        _retitle(root / "plans" / edited, title)
    after = run_cli("build", "--force", cwd=root)
    assert after.exit_code == 0, after
    if edited is None:
        assert pages_written(after.stdout) == 0, after
    else:
        assert 0 < pages_written(after.stdout) < pages, after
    full = run_cli("build", "--no-cache", "--force", "--out", "full", cwd=root)
    assert full.exit_code == 0, full
    assert folder_files(root / "site") == folder_files(root / "full")


def test_build_no_cache_reads_no_entry_an_earlier_run_left(real_project: Path) -> None:
    """A signed entry that no longer says what its file says (as a bug could leave one) is
    read by a cached build, and not by ``build --no-cache``, whose site is then right, and
    whose entries a later build reads."""
    from mvkplan.loading.cache import LoadCache, encode_entry
    from mvkplan.loading.many import Entry

    assert run_cli("validate", cwd=real_project).exit_code == 0
    folder = LoadCache.for_project(real_project).folder / "v1"
    page = real_project / "site" / "dokument" / "kalmar-2024.html"
    poisoned = 0
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        cache = LoadCache.for_project(real_project)
        entry = cache.get(path.name)
        if isinstance(entry, Entry) and entry.plain is not None:
            plain = entry.plain_data()
            if isinstance(plain, dict) and plain.get("id") == "kalmar-2024":
                plain["title"] = "Förgiftad titel"
                import pickle

                changed = Entry(pickle.dumps(plain), entry.digest, entry.problems, entry.fast)
                path.write_bytes(encode_entry(changed, path.name) or b"")
                poisoned += 1
    assert poisoned == 1
    assert run_cli("build", "--force", cwd=real_project).exit_code == 0
    # A cached build reads it: the lists show the document's card made from the entry (its
    # own page is made from its model, which a streaming build makes again from its file).
    assert "Förgiftad titel" in _site_text(real_project / "site")
    assert run_cli("build", "--no-cache", "--force", cwd=real_project).exit_code == 0
    assert "Förgiftad titel" not in _site_text(real_project / "site")
    assert "Förgiftad titel" not in page.read_text(encoding="utf-8")
    assert run_cli("build", "--force", cwd=real_project).exit_code == 0
    assert "Förgiftad titel" not in _site_text(real_project / "site")


def _site_text(site: Path) -> str:
    """Every HTML page of the site, one after the other."""
    return "".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))


@pytest.mark.skipif(not search_available(), reason="Pagefind (mvkplan[search]) is not installed")
def test_the_search_index_is_kept_while_no_page_changes(real_project: Path) -> None:
    """A build that renders nothing keeps the search index (the same files, not made again);
    one that renders a page makes it anew."""
    assert run_cli("build", "--no-cache", "--force", cwd=real_project).exit_code == 0
    search = real_project / "site" / SEARCH_FOLDER
    before = {p: p.stat().st_ino for p in search.rglob("*") if p.is_file()}
    assert before
    assert pages_written(run_cli("build", "--force", cwd=real_project).stdout) == 0
    assert {p: p.stat().st_ino for p in search.rglob("*") if p.is_file()} == before
    _retitle(real_project / "plans" / "kalmar" / "kalmar-2024.yaml", "En ny titel")
    assert pages_written(run_cli("build", "--force", cwd=real_project).stdout) > 0
    after = {p: p.stat().st_ino for p in search.rglob("*") if p.is_file()}
    assert after and after != before
