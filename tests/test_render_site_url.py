"""A standalone render links other documents into the published site when it knows where that is."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_without_site_url_other_documents_are_text() -> None:
    result = run_cli("render", "kalmar-2024", "--output", "-")
    assert result.exit_code == 0, result
    assert "dokument/kalmar-2021.html" not in result.stdout
    assert 'href="#likvardig-kunskap"' in result.stdout or 'id="likvardig-kunskap"' in result.stdout


def test_site_url_turns_cross_document_links_into_hyperlinks() -> None:
    result = run_cli("render", "kalmar-2024", "--output", "-", "--site-url", "https://example.se/mvk/")
    assert result.exit_code == 0, result
    assert 'href="https://example.se/mvk/dokument/kalmar-2021.html"' in result.stdout
    # The example municipality links to kalmar-2024, but an example never shows in a real plan.
    assert "exempelkommun-2025" not in result.stdout


def test_site_url_from_configuration(real_project: Path) -> None:
    (real_project / "mvkplan.toml").write_text('paths = ["plans"]\nsite-url = "https://example.se"\n')
    result = run_cli("render", "kalmar-2024", "--format", "md", "--output", "-", cwd=real_project)
    assert result.exit_code == 0, result
    assert "https://example.se/dokument/kalmar-2021.html" in result.stdout


def test_unsafe_site_url_is_refused() -> None:
    result = run_cli("render", "kalmar-2024", "--output", "-", "--site-url", "javascript:alert(1)")
    assert result.exit_code == 2, result
    assert "Traceback" not in result.stdout + result.stderr
