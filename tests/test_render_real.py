"""The real plans in plans/: everything the plan says reaches the published page."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from conftest import PLANS, REPO
from mvkplan.checks.validate import load_corpus
from mvkplan.models import PlanBase
from mvkplan.project.config import find_project
from mvkplan.publish.render.pages import render_document

pytestmark = pytest.mark.skipif(not (PLANS / "kalmar" / "kalmar-2024.yaml").exists(),
                                reason="plans/kalmar/kalmar-2024.yaml not transcribed yet")


@pytest.fixture(scope="module")
def index():
    return load_corpus(find_project(REPO)).index


def _text(markup: str) -> str:
    """Visible text of rendered HTML or Markdown, whitespace collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", markup)
    without_md = re.sub(r"\\([\\`*_\[\]|<>#.)+=-])", r"\1", without_tags)
    return " ".join(html_lib.unescape(without_md).split())


def _plain(markdown: str) -> str:
    return " ".join(re.sub(r"\[\^[^\]]+\]|[*_`]", "", markdown).split())


def _expected(index, document_id):
    """Every goal, example, indicator and framework text the published plan must show."""
    model = index.document(document_id)
    assert isinstance(model, PlanBase)
    wanted = []
    for area in model.areas:
        for goal in area.goals:
            wanted.append(goal.title)
            wanted.extend(goal.examples)
            for indicator in goal.indicators:
                if indicator.text:
                    wanted.append(indicator.text)
                elif indicator.source:
                    wanted.append(index.item(f"indicator-sources/{indicator.source}").title)
    refs = set(model.links) | {r for s in model.sections for r in s.links}
    for ref in refs:
        item = index.item(ref)
        if ref.startswith(("agenda2030/", "jamstalldhetsmal/")) and item.obj.text:
            wanted.append(item.obj.text)
    return [_plain(w) for w in wanted]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_kalmar_2024_shows_every_goal_example_and_indicator(index, fmt):
    # The normal render marks the source's known errors [sic] where they are printed.
    shown = _text(render_document(index, "kalmar-2024", fmt)).replace(" [sic]", "")
    expected = _expected(index, "kalmar-2024")
    assert len(expected) > 40
    missing = [w for w in expected if w not in shown]
    assert not missing, missing
    assert _plain(index.item("jamstalldhetsmal/6").obj.text) in shown


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_kalmar_2021_quotes_the_agenda_2030_and_gender_equality_texts(index, fmt):
    shown = _text(render_document(index, "kalmar-2021", fmt))
    for ref in ("agenda2030/3.4", "agenda2030/5.2", "agenda2030/16.a", "jamstalldhetsmal/1",
                "jamstalldhetsmal/6"):
        assert _plain(index.item(ref).obj.text) in shown, ref
    missing = [w for w in _expected(index, "kalmar-2021") if w not in shown]
    assert not missing, missing


def test_every_real_document_renders_in_both_formats(index):
    for document_id, loaded in index.documents.items():
        if loaded.shipped:
            continue
        for fmt in ("html", "md"):
            assert render_document(index, document_id, fmt).strip(), document_id
