"""``mvkplan serve`` keeps the project loaded: after each kind of change, the site it
rebuilds in memory is byte for byte the site a fresh preview build gives, with the same
problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import edit, folder_files, title_line
from mvkplan.checks.check import check
from mvkplan.index import memo
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.load import iter_documents
from mvkplan.loading.shipped import shipped_documents
from mvkplan.project.config import find_project
from mvkplan.publish.serve.server import Outcome, Preview, build_preview
from mvkplan.publish.serve.site import LiveSite


def _same_as_a_fresh_build(root: Path, preview: Preview, outcome: Outcome, scratch: Path) -> None:
    fresh = scratch / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    kept = dict(memo._kept)  # as in a serving process, where no other index comes between
    expected = build_preview(root, fresh)
    memo._kept.clear()
    memo._kept.update(kept)
    assert (outcome.failure, outcome.errors) == (expected.failure, expected.errors)
    if expected.failure is None:  # (a failed build leaves the served site as it was)
        assert folder_files(preview.out) == folder_files(fresh)
    assert preview.site is not None
    problems = check(find_project(root), cache=False).problems
    assert [(p, p.message, p.hint) for p in preview.site.checks.problems()] == [
        (p, p.message, p.hint) for p in problems]


def test_each_kind_of_change_rebuilds_in_memory_what_a_fresh_build_gives(
    real_project: Path, tmp_path: Path,
) -> None:
    plans = real_project / "plans"
    preview = Preview(real_project, tmp_path / "live", log=lambda _line: None)
    outcome = preview.rebuild()
    pages = len(folder_files(preview.out))
    assert pages >= outcome.pages > 10  # (and the site's manifest)
    _same_as_a_fresh_build(real_project, preview, outcome, tmp_path)

    kronoberg = plans / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    kalmar = plans / "kalmar" / "kalmar-2024.yaml"
    example = plans / "examples" / "exempelkommun-2025.yaml"
    added = plans / "kronoberg" / "kronoberg-ny.yaml"
    kalmar_2021 = plans / "kalmar" / "kalmar-2021.yaml"
    changes = [  # what changes, the file the watcher reports, and how
        ("title", kronoberg, lambda: edit(kronoberg, title_line(kronoberg),
                                           "title: Ny titel för Kronoberg")),
        ("title shown elsewhere", kalmar_2021, lambda: edit(
            kalmar_2021, title_line(kalmar_2021), "title: Gammal Kalmarplan")),
        ("link added", kalmar, lambda: edit(kalmar, "links: [jamstalldhetsmal/6]",
                                             "links: [jamstalldhetsmal/6, agenda2030/5.2]")),
        ("link broken", kalmar, lambda: edit(kalmar, "agenda2030/5.2]", "agenda2030/99.9]")),
        ("line moved above a broken link", kalmar, lambda: edit(
            kalmar, "\nid: kalmar-2024", "\n# en rad till\nid: kalmar-2024")),
        ("title, a broken link elsewhere", kronoberg, lambda: edit(
            kronoberg, "title: Ny titel för Kronoberg", "title: Ännu en titel för Kronoberg")),
        ("broken link fixed", kalmar, lambda: edit(kalmar, "agenda2030/99.9]", "agenda2030/5.2]")),
        ("link removed", example, lambda: edit(example, "links: [kalmar-2024/likvardig-kunskap]",
                                                "links: []")),
        ("document added", added, lambda: added.write_text(
            kronoberg.read_text(encoding="utf-8").replace(
                "id: kronoberg-2018-reviderad", "id: kronoberg-ny", 1), encoding="utf-8")),
        ("document deleted", example, example.unlink),
        ("made invalid", kalmar, lambda: edit(kalmar, "\nvision:", "\nvisio:")),
        ("fixed", kalmar, lambda: edit(kalmar, "\nvisio:", "\nvision:")),
        ("added one deleted", added, added.unlink),
        ("title, not reported", None, lambda: edit(kronoberg, "title: Ännu en titel för Kronoberg",
                                                     "title: Titel som ingen rapporterade")),
    ]
    for name, path, change in changes:
        change()
        outcome = preview.rebuild([path] if path else [])
        assert outcome.pages or outcome.failure, name
        if name == "title":
            assert outcome.pages < pages, "not every page is rendered again"
        _same_as_a_fresh_build(real_project, preview, outcome, tmp_path)
        if name == "link broken":
            broken = [p for p in outcome.errors if "99.9" in p.message]
            assert broken and broken[0].path.endswith("kalmar-2024.yaml")
        if name == "line moved above a broken link":  # found again, one line further down
            assert [p.line for p in outcome.errors if "99.9" in p.message] == [
                p.line + 1 for p in broken]


def test_an_invalid_file_is_left_out_and_its_errors_shown_as_a_fresh_build_does(
    real_project: Path, tmp_path: Path,
) -> None:
    preview = Preview(real_project, tmp_path / "out", log=lambda _line: None)
    assert preview.rebuild().errors == []
    kronoberg = real_project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    edit(kronoberg, "\ntitle:", "\nvisio: x\ntitle:")
    outcome = preview.rebuild([kronoberg])
    fresh = build_preview(real_project, tmp_path / "fresh")
    assert outcome.failure is None and outcome.errors == fresh.errors
    assert any(p.code == "E202" for p in outcome.errors)
    assert not (tmp_path / "out" / "dokument" / "kronoberg-2018-reviderad.html").exists()
    assert folder_files(tmp_path / "out") == folder_files(tmp_path / "fresh")


def test_a_changed_configuration_loads_the_project_anew(real_project: Path, tmp_path: Path) -> None:
    preview = Preview(real_project, tmp_path / "out", log=lambda _line: None)
    preview.rebuild()
    kept = preview.site
    (real_project / "mvkplan.toml").write_text('paths = ["plans/kalmar"]\n', encoding="utf-8")
    preview.rebuild()
    assert preview.site is not kept
    assert not (tmp_path / "out" / "dokument" / "kronoberg-2018-reviderad.html").exists()


def test_reindexing_in_place_gives_the_index_a_build_gives(real_project: Path) -> None:
    site = LiveSite(find_project(real_project), real_project / "out")
    index = site.live.index
    documents = [d for d in index.documents.values() if not d.shipped]
    reordered = [*documents[1:], documents[0]]
    changed = index.reindex(iter_documents(shipped_documents(), reordered))
    assert changed == set()
    fresh = LinkIndex.build(iter_documents(shipped_documents(), reordered))
    assert list(index.documents) == list(fresh.documents)
    assert index.links == fresh.links
    assert {k: v for k, v in index._backlinks.items() if v} == {
        k: v for k, v in fresh._backlinks.items() if v}
    for document_id in fresh.documents:
        assert index.backlinks_to_document(document_id) == fresh.backlinks_to_document(document_id)
        assert index.successor_of(document_id) == fresh.successor_of(document_id)
        assert index.item_ids(document_id) == fresh.item_ids(document_id)


def test_a_reported_save_reloads_that_file_alone_without_walking_the_folders(
    real_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mvkplan.publish.serve import corpus

    site = LiveSite(find_project(real_project), tmp_path / "out")
    site.build()
    loaded: list[str] = []
    real_load = corpus.load_file

    def load_file(path: Path, shown: str, **options: object) -> object:
        loaded.append(shown)
        return real_load(path, shown, **options)  # type: ignore[arg-type]

    def walk(*_args: object, **_options: object) -> None:
        raise AssertionError("the folders are walked again")

    monkeypatch.setattr(corpus, "load_file", load_file)
    monkeypatch.setattr(corpus, "walk", walk)
    kronoberg = real_project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    edit(kronoberg, title_line(kronoberg), "title: Ny titel för Kronoberg")
    built, _ = site.build([kronoberg])
    assert loaded == ["plans/kronoberg/kronoberg-2018-reviderad.yaml"]
    assert "dokument/kronoberg-2018-reviderad.html" in {
        p.relative_to(site.out).as_posix() for p in built.written}
    assert "Ny titel för Kronoberg" in (site.out / "dokument" /
                                         "kronoberg-2018-reviderad.html").read_text(encoding="utf-8")


def test_reindex_walks_only_new_documents_and_names_what_changed(real_project: Path) -> None:
    from mvkplan.loading.load import load_file

    site = LiveSite(find_project(real_project), real_project / "out")
    index = site.live.index
    kronoberg = real_project / "plans" / "kronoberg" / "kronoberg-2018-reviderad.yaml"
    edit(kronoberg, title_line(kronoberg), "title: Ny titel för Kronoberg")
    changed, _ = load_file(kronoberg, "plans/kronoberg/kronoberg-2018-reviderad.yaml")
    assert changed is not None
    kept = [changed if d.id == changed.id else d for d in index.documents.values()
            if d.id != "exempelkommun-2025"]
    unchanged = index.documents["kalmar-2024"]
    items = index.items["kalmar-2024"]
    assert index.reindex(kept) == {"kronoberg-2018-reviderad", "exempelkommun-2025"}
    assert index.documents["kronoberg-2018-reviderad"] is changed
    assert "exempelkommun-2025" not in index.documents
    assert index.documents["kalmar-2024"] is unchanged and index.items["kalmar-2024"] is items
    assert not [link for link in index.links if link.document == "exempelkommun-2025"]


def test_a_large_project_is_kept_out_of_the_collectors_sight_after_its_first_build(
    real_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from mvkplan.publish.serve import site as live_site

    monkeypatch.setattr(live_site, "SETTLED_FROM", 0)  # as at 200 documents and more
    try:
        site = LiveSite(find_project(real_project), tmp_path / "live")
        before = gc.get_freeze_count()
        site.build()
        settled = gc.get_freeze_count()
        assert settled > before
        kalmar_2021 = real_project / "plans" / "kalmar" / "kalmar-2021.yaml"
        edit(kalmar_2021, title_line(kalmar_2021), "title: Gammal Kalmarplan")
        built, _ = site.build([kalmar_2021])
        assert gc.get_freeze_count() <= settled  # only the first build (what it dropped is freed)
        assert 0 < len(built.written) < built.pages
        kept = dict(memo._kept)
        build_preview(real_project, tmp_path / "fresh")
        memo._kept.clear()
        memo._kept.update(kept)
        assert folder_files(tmp_path / "live") == folder_files(tmp_path / "fresh")
    finally:
        gc.unfreeze()


def test_a_save_writes_again_only_the_list_lines_of_what_changed(
    real_project: Path, tmp_path: Path,
) -> None:
    from mvkplan.publish.render import fragments

    site = LiveSite(find_project(real_project), tmp_path / "live")
    site.build()
    kept = site._env
    kalmar_2021 = real_project / "plans" / "kalmar" / "kalmar-2021.yaml"
    edit(kalmar_2021, title_line(kalmar_2021), "title: Gammal Kalmarplan")
    lines = dict(fragments._CALLS)
    built, _ = site.build([kalmar_2021])
    assert site._env is kept  # the same templates: the same environment, the same macros
    new = [str(html) for key, html in fragments._CALLS.items() if key not in lines]
    assert new and all("Gammal Kalmarplan" in html for html in new)  # its line on each list
    page = (tmp_path / "live" / "lan" / "kalmar.html").read_text(encoding="utf-8")
    assert page.count("Gammal Kalmarplan") == 1 and any(html in page for html in new)
    build_preview(real_project, tmp_path / "fresh")
    assert folder_files(tmp_path / "live") == folder_files(tmp_path / "fresh")


def test_a_changed_template_gives_a_new_environment_and_forgets_the_kept_lines(
    real_project: Path, tmp_path: Path,
) -> None:
    from mvkplan.publish.render import fragments
    from mvkplan.publish.render.environment import shipped_templates

    overrides = tmp_path / "templates"
    (overrides / "html" / "site").mkdir(parents=True)
    macros = overrides / "html" / "site" / "macros.html"
    macros.write_text((shipped_templates() / "html" / "site" / "macros.html").read_text(
        encoding="utf-8"), encoding="utf-8")
    site = LiveSite(find_project(real_project), tmp_path / "live", templates=overrides)
    site.build()
    first = site._env
    assert fragments._CALLS
    macros.write_text(macros.read_text(encoding="utf-8").replace(
        '<ul class="doc-list">', '<ul class="doc-list changed">'), encoding="utf-8")
    site.build()
    assert site._env is not first and first is not None
    old_environment = first[1]
    assert all(getattr(key[0], "_environment", None) is not old_environment
               for key in fragments._CALLS)  # the old templates' lines are forgotten
    assert 'class="doc-list changed"' in (tmp_path / "live" / "index.html").read_text(encoding="utf-8")
