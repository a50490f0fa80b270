"""The Word file for consultation rounds: real headings, lists and tables; LibreOffice opens it.

LibreOffice (soffice) converts it headless; without soffice that check skips locally, CI sets
MVKPLAN_REQUIRE_LIBREOFFICE=1 and installs libreoffice-writer-nogui, turning the skip into a failure.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import docx
from test_render_support import require_or_skip

from conftest import REPO, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.exports.docx import render_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@cache
def _index():
    return load_corpus(find_project(REPO)).index


@cache
def _kalmar_2024() -> bytes:
    return render_docx(_index(), "kalmar-2024", updated="2024-01-01")


def _goal_titles() -> list[str]:
    model = _index().documents["kalmar-2024"].model
    return [" ".join(goal.title.split()) for area in model.areas for goal in area.goals]


def test_docx_has_heading_styles_lists_and_tables():
    word = docx.Document(io.BytesIO(_kalmar_2024()))
    model = _index().documents["kalmar-2024"].model
    styles = [p.style.name for p in word.paragraphs]
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert styles.count("Title") == 1
    assert "Inledning" in headings
    for area in model.areas:
        assert area.title in headings
    assert "List Bullet" in styles
    assert len(word.tables) == len(model.areas)  # one goal table per area
    cells = [" ".join(cell.text.split()) for table in word.tables for row in table.rows for cell in row.cells]
    for title in _goal_titles():
        assert any(cell.startswith(title) for cell in cells), title
    header = word.tables[0].rows[0]
    assert [c.text for c in header.cells] == ["Målsättningar", "Exempel på lokala aktiviteter", "Årlig uppföljning"]
    assert header._tr.trPr.xpath("./w:tblHeader")  # repeated on every page
    assert word.core_properties.title.startswith(model.title)
    assert word.core_properties.language == "sv-SE"
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Hoppa till innehållet" not in text and "Innehåll" not in headings  # screen-only parts left out


def converted_text(source: Path) -> str:
    """The text LibreOffice makes of the .docx ``source`` (beside it), asserting it converted
    without an error; a profile of its own beside the file, never the user's."""
    folder = source.parent
    profile = (folder / "profile").as_uri()
    result = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=240, env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    return source.with_suffix(".txt").read_text(encoding="utf-8-sig")


def test_same_input_same_bytes():
    assert render_docx(_index(), "kalmar-2024", updated="2024-01-01") == _kalmar_2024()


def test_libreoffice_converts_the_docx_without_error(tmp_path: Path):
    require_or_skip(SOFFICE is not None, "MVKPLAN_REQUIRE_LIBREOFFICE", "LibreOffice (soffice)")
    source = tmp_path / "kalmar-2024.docx"
    source.write_bytes(_kalmar_2024())
    text = " ".join(converted_text(source).split())
    model = _index().documents["kalmar-2024"].model
    position = 0
    for heading in ["Inledning", *(area.title for area in model.areas)]:
        position = text.index(heading, position)
    for title in _goal_titles():
        assert title in text, title
    assert "Målsättningar" in text and "Årlig uppföljning" in text  # the tables came through


def test_cli_writes_docx_and_explains_a_missing_extra(real_project: Path, monkeypatch):
    result = run_cli("render", "kalmar-2024", "--format", "docx", cwd=real_project)
    assert result.exit_code == 0, result
    data = (real_project / "build" / "kalmar-2024.docx").read_bytes()
    assert data[:2] == b"PK"
    monkeypatch.setitem(sys.modules, "docx", None)
    missing = run_cli("render", "kalmar-2024", "--format", "docx", "-o", "-", cwd=real_project)
    assert missing.exit_code == 2, missing
    assert "pip install 'mvkplan[docx]'" in missing.stderr
