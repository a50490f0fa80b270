"""Look settings refused when they would make text unreadable or break the Word export (review
findings): a dark paper colour with the shipped text colours; a Word template (.dotx) or a
package python-docx cannot read as the reference document."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from mvkplan.project.look import DEFAULT_COLORS


def test_the_default_colours_are_the_shipped_stylesheets() -> None:
    css = (REPO / "templates" / "static" / "mvkplan.css").read_text(encoding="utf-8")
    start = css.index(":root {")
    block = css[start:css.index("}", start)]
    root = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{3,6});", block))
    assert {name: root[name] for name in DEFAULT_COLORS} == DEFAULT_COLORS


def _project(folder: Path, look: str) -> Path:
    (folder / "plans").mkdir(parents=True)
    (folder / "mvkplan.toml").write_text(f'paths = ["plans"]\n[look]\n{look}\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("paper", ["#1b1f23", "#000000", "#0f2940", "#4f5b66"])
def test_a_paper_colour_too_dark_for_the_shipped_text_colours_is_refused(tmp_path: Path, paper: str) -> None:
    folder = _project(tmp_path, f'colors = {{paper = "{paper}"}}')
    result = run_cli("validate", cwd=folder)
    assert result.exit_code == 2, result
    assert "look.colors" in result.stderr and "on paper" in result.stderr


def _docx_bytes(content_type: str) -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", content_type.encode())
            target.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["dotx", "no-content-types"])
def test_a_reference_template_word_cannot_read_is_refused_at_configuration(tmp_path: Path, kind: str) -> None:
    pytest.importorskip("docx")
    if kind == "dotx":
        data = _docx_bytes("template.main+xml")
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            target.writestr("word/document.xml", "<w:document/>")
            target.writestr("word/styles.xml", "<w:styles/>")
        data = out.getvalue()
    folder = _project(tmp_path, 'reference-docx = "mall.docx"')
    (folder / "mall.docx").write_bytes(data)
    result = run_cli("validate", cwd=folder)
    assert result.exit_code == 2, result
    assert "reference-docx" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("written, ok", [("2026-11-30", True), ('"2026-11-30"', True),
                                         ('"2026-13-45"', False), ('"30/11 2026"', False)])
def test_the_accessibility_review_date_is_a_real_date(tmp_path: Path, written: str, ok: bool) -> None:
    """A TOML date (the natural way to write it) was refused; '2026-13-45' was published."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "mvkplan.toml").write_text(f'paths = ["plans"]\n[site]\naccessibility-reviewed = {written}\n',
                                           encoding="utf-8")
    result = run_cli("validate", cwd=tmp_path)
    assert (result.exit_code != 2) == ok, result
    if not ok:
        assert "line 3" in result.stderr and "accessibility-reviewed" in result.stderr
