"""The county's look on the site, and a stylesheet edit that reaches every page on the next
incremental build (issue 26.4; a stale stylesheet was carried over from the build record)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from mvkplan.publish.render import environment, incremental


def _css(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    css = re.search(r"<style>(.*?)</style>", text, re.S)
    assert css is not None
    digest = base64.b64encode(hashlib.sha256(css.group(1).encode()).digest()).decode()
    assert f"sha256-{digest}" in text  # the policy still allows the page's own stylesheet
    return css.group(1)


@settings(max_examples=4, deadline=None)
@given(navy=st.from_regex(r"#[01][0-9a-f][0-2][0-9a-f][0-2][0-9a-f]", fullmatch=True),
       font=st.sampled_from(["Liberation Serif", "DejaVu Sans", "Noto Sans"]))
def test_the_configured_colours_and_font_reach_every_site_page(tmp_path_factory, navy, font):
    project = tmp_path_factory.mktemp("look")
    (project / "mvkplan.toml").write_text(
        f'paths = ["plans"]\n[look]\ncolors = {{navy = "{navy}"}}\nfonts = {{body = "{font}"}}\n',
        encoding="utf-8")
    shutil.copytree(REPO / "plans" / "kalmar", project / "plans" / "kalmar")
    result = run_cli("build", cwd=project)
    assert result.exit_code == 0, result
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        css = _css(page)
        assert f"--navy: {navy}" in css and f'"{font}"' in css, page


def test_an_edited_shipped_stylesheet_reaches_every_page_of_the_next_build(tmp_path, monkeypatch):
    shipped = tmp_path / "templates"
    shutil.copytree(REPO / "templates", shipped)
    monkeypatch.setattr(environment, "shipped_templates", lambda: shipped)
    monkeypatch.setattr(incremental, "shipped_templates", lambda: shipped, raising=False)
    project = tmp_path / "project"
    project.mkdir()
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(REPO / "plans" / "kalmar", project / "plans" / "kalmar")
    assert run_cli("build", cwd=project).exit_code == 0
    sheet = shipped / "static" / "mvkplan.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n.edited-rule { color: #123456; }\n",
                     encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.exit_code == 0, result
    for page in sorted((project / "site").rglob("*.html")):
        assert ".edited-rule" in _css(page), page


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
