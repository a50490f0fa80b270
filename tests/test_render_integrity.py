"""Every render of the real plans: internal links resolve, examples never leak, --plain."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from conftest import REPO, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.render.pages import render_document

_HREF = re.compile(r'href="#([^"]*)"')
_MD_LINK = re.compile(r"\]\(#([^)\s]*)\)")
_ID = re.compile(r'\bid="([^"]+)"')


@pytest.fixture(scope="module")
def index():
    return load_corpus(find_project(REPO)).index


def _repository_documents(index):
    return sorted(d for d, loaded in index.documents.items() if not loaded.shipped)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_every_internal_anchor_of_every_render_resolves(index, fmt):
    broken = []
    for document in _repository_documents(index):
        for plain in (False, True):
            text = render_document(index, document, fmt, plain=plain)
            ids = set(_ID.findall(text)) | {"mvk-top"}
            targets = _HREF.findall(text) + (_MD_LINK.findall(text) if fmt == "md" else [])
            broken += [f"{document} ({'plain' if plain else 'full'}): #{t}"
                       for t in targets if unquote(t) not in ids]
    assert not broken, "\n".join(broken)


def _example_texts(index):
    texts = set()
    for loaded in index.documents.values():
        if not loaded.model.example:
            continue
        model = loaded.model
        texts |= {model.title, *(model.subtitle or "",)}
        for area in getattr(model, "areas", []):
            texts |= {g.title for g in area.goals}
        texts |= {s.title for s in model.sections}
    return {t for t in texts if len(t) > 12}


def test_no_text_of_an_example_appears_in_a_real_render(index):
    examples = _example_texts(index)
    assert examples, "the repository should hold an example document"
    leaks = []
    for document in _repository_documents(index):
        if index.documents[document].model.example:
            continue
        for fmt in ("html", "md"):
            text = render_document(index, document, fmt)
            leaks += [f"{document}.{fmt}: {t}" for t in examples if t in text]
            leaks += [f"{document}.{fmt}: link" for d in index.documents
                      if index.documents[d].model.example and d in text]
    assert not leaks, "\n".join(leaks)


def test_plain_prints_no_additions_and_full_prints_them_apart():
    full = run_cli("render", "kalmar-2024", "-f", "md", "-o", "-").stdout
    plain = run_cli("render", "kalmar-2024", "-f", "md", "-o", "-", "--plain").stdout
    assert "**Kopplingar**" in full and "Metoder:" in full
    for addition in ("Kopplingar", "Metoder:", "Kopplat till", "Om dokumentet", "Status:"):
        assert addition not in plain, addition
    # The source's own words are in both.
    assert "Likvärdig kunskap om universella våldsförebyggande metoder" in plain


def test_plain_from_the_configuration(real_project):
    (real_project / "mvkplan.toml").write_text('paths = ["plans"]\nplain = true\n')
    result = run_cli("render", "kalmar-2024", "-f", "md", "-o", "-", cwd=real_project)
    assert result.exit_code == 0, result
    assert "Kopplingar" not in result.stdout


def test_the_county_pages_own_date_wins():
    md = run_cli("render", "kalmar-profil", "-f", "md", "-o", "-").stdout
    assert "Senast uppdaterad: 2021-11-18" in md
    assert "Fulltext (öppnas i nytt fönster)" in md
