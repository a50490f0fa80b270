"""Property: every stage after validate is total over valid input.

Hypothesis generates valid documents of every kind (tests/generated.py), linking every kind
of reference validate accepts, puts each beside the real ``plans/`` and runs validate, lint,
render (HTML and Markdown) and build on it: validate finds no error, and nothing raises.

CI runs the ``ci`` profile (fixed seed, derandomized). Before a release run the long profile::

    MVKPLAN_HYPOTHESIS_PROFILE=release python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from generated import KINDS, document, to_yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import PLANS
from mvkplan.checks.lint import lint
from mvkplan.checks.validate import validate
from mvkplan.loading.validation import load_bytes
from mvkplan.messages.problems import Severity
from mvkplan.project.config import Project
from mvkplan.publish.render.pages import render_document
from mvkplan.publish.render.site import build_site, render_site, site_pages

# CI: a fixed seed and no shrinking (each example builds a site; the failing one is printed whole).
settings.register_profile("ci", max_examples=28, derandomize=True, deadline=None,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate],
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("release", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("MVKPLAN_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    """A project with a copy of the real plans; each example adds one file in plans/gen/."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
        shutil.copytree(PLANS, root / "plans")
        yield root


def _place(root: Path, data: dict[str, Any]) -> Path:
    folder = root / "plans" / "gen"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / f"{data['id']}.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    return path


def test_generator_makes_loadable_documents() -> None:
    """The generator itself: its output loads (otherwise the property below proves nothing)."""
    @given(document())
    @settings(max_examples=30)
    def check(data: dict[str, Any]) -> None:
        loaded, problems = load_bytes(to_yaml(data).encode(), f"{data['id']}.yaml")
        assert loaded is not None, (to_yaml(data), problems)

    check()


@pytest.mark.parametrize("kind", KINDS)
def test_every_stage_is_total_over_valid_documents(kind: str, workspace: Path) -> None:
    @given(data=document(kind))
    @settings(max_examples=max(4, settings().max_examples // len(KINDS)))
    def check(data: dict[str, Any]) -> None:
        path = _place(workspace, data)
        project = Project(root=workspace)
        corpus, problems = validate(project)
        errors = [p for p in problems if p.severity >= Severity.ERROR]
        assert errors == [], (path.read_text(encoding="utf-8"), errors)
        lint(project)
        for fmt in ("html", "md"):
            assert render_document(corpus.index, data["id"], fmt)
        # The site pages this document can change: its own, those it links to (back-links),
        # its county's, the start page and coverage (the full build runs in the test below).
        touched = {data["id"], *(link.target_document for link in corpus.index.links
                                 if link.document == data["id"])}
        pages = [page for page in site_pages(corpus.index)
                 if "/" not in page.path or page.path.startswith("lan/")
                 or page.path.removeprefix("dokument/").removesuffix(".html") in touched]
        files = render_site(pages)
        assert f"dokument/{data['id']}.html" in files or kind == "county-profile"

    check()


@given(st.lists(document(), min_size=2, max_size=3, unique_by=lambda d: d["id"]))
@settings(max_examples=max(3, settings().max_examples // 4))
def test_documents_linking_each_other(workspace: Path, documents: list[dict[str, Any]]) -> None:
    """Several generated documents at once, the later ones linking the earlier ones."""
    folder = workspace / "plans" / "gen"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for number, data in enumerate(documents):
        if number:
            data["links"] = [*data.get("links", []), documents[number - 1]["id"]]
        (folder / f"{data['id']}.yaml").write_text(to_yaml(data), encoding="utf-8")
    project = Project(root=workspace)
    corpus, problems = validate(project)
    assert [p for p in problems if p.severity >= Severity.ERROR] == []
    lint(project)
    for data in documents:
        render_document(corpus.index, data["id"], "md")
        render_document(corpus.index, data["id"], "html")
    written = build_site(corpus.index, workspace / "site")
    assert workspace / "site" / "index.html" in written
