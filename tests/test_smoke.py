"""Smoke tests: commands as a user runs them, on the mistakes a user makes (found by hand)."""

from __future__ import annotations

from pathlib import Path


def test_build_out_naming_a_file_is_refused_and_the_file_survives(cli, project: Path) -> None:
    notes = project / "NOTES.md"
    notes.write_text("my notes\n", encoding="utf-8")
    result = cli("build", "--out", "NOTES.md", cwd=project)
    assert result.exit_code == 2, result
    assert "it is a file" in result.stderr, result
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".NOTES")] == []
