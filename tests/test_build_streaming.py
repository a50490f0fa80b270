"""``mvkplan build`` streams its documents: the parent does not hold their models.

Issue 27 asks the build's peak memory to stay within three times the YAML it reads. The
models of every document are about three times the YAML by themselves, and every page
worker is forked from the build's process: so the build knows its documents by their index
entries and cards (:mod:`mvkplan.index.cards`), each keeping its plain data pickled, and a
page makes the models it reads, a few at a time (:func:`mvkplan.loading.documents.held_at_most`).

- while pages render (in this process: one job), at most ``MODELS_HELD`` (set low here) of
  the repository's documents hold a model, whatever the corpus's size, cold and warm;
- the site is, byte for byte, the one the pages make from an index whose every model is
  loaded (as builds were made before they streamed), for generated variants of the corpus;
- a card says what the model says, for any text written in the fields it holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_render_one import write_groups

from conftest import run_cli
from mvkplan.checks.gate import select_documents
from mvkplan.checks.validate import load_corpus
from mvkplan.index.cards import card_from_model, card_of
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.validation import load_with_data
from mvkplan.project.config import find_project
from mvkplan.publish.render import incremental, rendering
from mvkplan.publish.render.site import published_index, render_site, site_pages
from mvkplan.publish.render.sitepages import site_options

_KEPT_WHOLE = frozenset({"catalog", "consultation"})
"""Kinds every run keeps whole (the checks across documents read them): few per corpus."""
_TITLE = re.compile(r"(?m)^title: *(.*)$")
_HELD = 8
"""The models a build may hold made at once, in these tests (its own limit is larger)."""


class _Documents:
    """Every loaded document made while it is installed (held strongly: the probe asks
    which of them hold a model)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[LoadedDocument] = []
        original = LoadedDocument.__init__

        def made(document: LoadedDocument, *args: object, **kwargs: object) -> None:
            original(document, *args, **kwargs)  # type: ignore[arg-type]
            self.made.append(document)

        monkeypatch.setattr(LoadedDocument, "__init__", made)

    def holding(self) -> list[str]:
        """Ids of the repository's documents (not those kept whole) holding a model now."""
        return [d.id for d in self.made
                if not d.shipped and d.kind not in _KEPT_WHOLE and d._model is not None]


def _most_held(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, int]:
    """The most repository documents holding a model at any page rendered by ``build
    ARGS`` in this process, and the pages rendered."""
    most, pages = 0, 0
    with monkeypatch.context() as patched:
        patched.setattr(incremental, "MODELS_HELD", _HELD)  # fewer than the corpus has
        documents = _Documents(patched)
        render = rendering.render_page_bytes

        def probed(page: rendering.SitePage) -> bytes:
            nonlocal most, pages
            body = render(page)
            most, pages = max(most, len(documents.holding())), pages + 1
            return body

        patched.setattr(rendering, "render_page_bytes", probed)
        result = run_cli("build", *args, "-o", "site", cwd=root, env={"MVKPLAN_JOBS": "1"})
    assert result.exit_code == 0, result.stderr
    return most, pages


@settings(max_examples=2, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(groups=st.integers(4, 5))
def test_pages_render_with_a_few_models_made(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, groups: int,
) -> None:
    """Cold and after one document changed, while every page renders, at most the limit
    set of the repository's documents hold a model (of 11 per group)."""
    root = tmp_path_factory.mktemp("streaming")
    write_groups(root, groups)
    most, pages = _most_held(root, monkeypatch, "--no-cache")
    assert pages > 3 * groups
    assert most <= _HELD, f"{most} documents held their models while pages rendered"
    changed = next(p for p in sorted((root / "plans").rglob("*.yaml"))
                   if not {"uppfoljning", "examples"} & set(p.parts))
    text = changed.read_text(encoding="utf-8")
    changed.write_text(_TITLE.sub(lambda m: f"title: {m.group(1)} (ändrad)", text, count=1),
                       encoding="utf-8")
    most, pages = _most_held(root, monkeypatch)
    assert pages >= 1 and most <= _HELD


def _site_with_every_model(root: Path) -> dict[str, bytes]:
    """The site's pages made from an index whose every document holds its model (as a
    build loaded them before it streamed), for the documents ``build`` publishes."""
    project = find_project(root)
    index = load_corpus(project, cache=False).index
    selection = select_documents(index, drafts=project.settings.drafts)
    pages = site_pages(published_index(index, selection.published),
                       options=site_options(project.settings.site, project.look))
    return render_site(pages)


_SAFE_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FF,
                                   blacklist_categories=("Cc", "Cs"),
                                   blacklist_characters='"\\'), min_size=1, max_size=20)
"""Titles of any printable text (written in double quotes: no quote or backslash)."""


@settings(max_examples=4, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(groups=st.integers(1, 2), retitled=st.lists(_SAFE_TEXT, min_size=1, max_size=3),
       cached=st.booleans())
def test_streamed_site_is_the_site_of_every_model(
    tmp_path_factory: pytest.TempPathFactory, groups: int, retitled: list[str], cached: bool,
) -> None:
    """The site a streaming build writes (cold, or warm from the cache) has the same pages
    with the same bytes as the pages made from every model, with titles of any text."""
    root = tmp_path_factory.mktemp("same")
    write_groups(root, groups)
    files = [p for p in sorted((root / "plans").rglob("*.yaml"))]
    for number, title in enumerate(retitled):
        path = files[(number * 7) % len(files)]
        text = path.read_text(encoding="utf-8")
        path.write_text(_TITLE.sub(lambda _m, title=title: f'title: "{title}"', text, count=1),
                        encoding="utf-8")
    if cached:
        assert run_cli("build", "-o", "site", cwd=root).exit_code == 0
    result = run_cli("build", "-o", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    expected = _site_with_every_model(root)
    site = root / "site"
    written = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*")
               if p.is_file() and "pagefind" not in p.relative_to(site).parts
               and not p.name.startswith(".")}  # (the search index, the build's manifest)
    assert set(written) == set(expected)
    different = [path for path, body in expected.items() if written[path] != body]
    assert not different, f"pages differ: {different[:5]}"


@given(title=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
       short=st.none() | st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                                 max_size=20))
def test_a_card_says_what_the_model_says(title: str, short: str | None) -> None:
    """The card of a document holds its title and short title exactly as the model reads
    them, whatever their text, and the other fields the model has."""
    import json

    lines = ["id: x", "kind: regional-plan", f"title: {json.dumps(title)}", "county: kalmar",
             "period:", "  start: 2024", "  end: 2026", "supersedes: y", "links: [z]",
             "sections: []", "areas: []"]
    if short is not None:
        lines.append(f"short_title: {json.dumps(short)}")
    made = load_with_data(("\n".join(lines) + "\n").encode("utf-8"), "x.yaml", source=None)
    document = made.loaded[0]
    assume_valid = document is not None
    if not assume_valid:
        return  # a title the schema refuses (blank, say) is no card's business
    model = document.model
    card = card_of(document)
    assert card == card_from_model(model)
    assert (card.title, card.short_title, card.county, card.supersedes, card.links) == (
        model.title, model.short_title, model.county, model.supersedes, tuple(model.links))
    assert card.period == model.period and card.is_plan and card.kind == "regional-plan"
