"""Golden files: one document of each kind, rendered to HTML and Markdown.

The fixture project (tests/fixtures/render) holds one small document per kind. When a
change to the output is intended, regenerate with ``MVKPLAN_UPDATE_GOLDEN=1 pytest
tests/test_render_golden.py`` and review the diff of tests/golden/. The inline stylesheet
is left out of the HTML goldens (it has its own checks), so styling changes do not churn them.
"""

from __future__ import annotations

import os

import pytest
from test_render_support import FIXTURE, GOLDEN, normalise_style

from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.render.pages import render_document

ONE_OF_EACH_KIND = {
    "regional-plan": "exempel-2024",
    "strategy": "exempel-strategi",
    "activity-plan": "exempel-verksamhetsplan-2022",
    "local-plan": "exempel-kommun-2024",
    "framework": "exempel-strategi-2020",
    "county-profile": "exempel-profil",
    "catalog": "exempel-kallor",
}


@pytest.fixture(scope="module")
def index():
    corpus = load_corpus(find_project(FIXTURE))
    assert not corpus.loaded.problems
    return corpus.index


def test_the_fixture_has_one_document_of_every_kind(index):
    kinds = {index.documents[d].model.kind: d for d in ONE_OF_EACH_KIND.values()}
    assert kinds == ONE_OF_EACH_KIND


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("kind", sorted(ONE_OF_EACH_KIND))
def test_rendering_matches_the_golden_file(index, kind, fmt):
    document = ONE_OF_EACH_KIND[kind]
    text = render_document(index, document, fmt, updated="2024-02-01")
    if fmt == "html":
        text = normalise_style(text)
    golden = GOLDEN / f"{document}.{fmt}"
    if os.environ.get("MVKPLAN_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with MVKPLAN_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"
