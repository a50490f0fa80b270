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


def _all_help_texts() -> list[tuple[str, str]]:
    import typer.main

    from mvkplan.cli.main import app

    found: list[tuple[str, str]] = []

    def walk(command: object, name: str) -> None:
        for param in getattr(command, "params", []):
            text = getattr(param, "help", None)
            if text:
                found.append((name, text))
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{name} {sub_name}")

    walk(typer.main.get_command(app), "mvkplan")
    return found


def test_every_option_help_has_both_languages() -> None:
    from mvkplan.cli.helptext import TEXTS

    missing = [(name, text) for name, text in _all_help_texts() if text not in TEXTS]
    assert missing == []


def test_diff_help_is_english_in_english_and_swedish_in_swedish(cli) -> None:
    english = cli("diff", "--help")
    assert english.exit_code == 0, english
    assert "The document to compare from" in english.stdout
    assert "jämföra" not in english.stdout
    swedish = cli("kolada", "fetch", "--help", env={"MVKPLAN_LANG": "sv"})
    assert swedish.exit_code == 0, swedish
    assert "Sekunder per anrop" in swedish.stdout
    assert "Seconds per request" not in swedish.stdout


def test_diff_output_folder_gets_a_named_file_not_a_file_named_like_the_folder(cli, tmp_path: Path) -> None:
    folder = tmp_path / "diffs"
    result = cli("diff", "kalmar-2021", "kalmar-2024", "-f", "json", "-o", f"{folder}/")
    assert result.exit_code == 0, result
    assert folder.is_dir(), result
    assert (folder / "kalmar-2021-kalmar-2024.json").read_text(encoding="utf-8").startswith("{")
    again = cli("diff", "kalmar-2021", "kalmar-2024", "-o", str(folder))
    assert again.exit_code == 0, again
    assert (folder / "kalmar-2021-kalmar-2024.txt").is_file()
    to_stdout = cli("diff", "kalmar-2021", "kalmar-2024", "-o", "-")
    assert to_stdout.exit_code == 0 and "Wrote" not in to_stdout.stderr, to_stdout
    assert to_stdout.stdout.strip()


def test_unknown_county_reads_as_swedish(cli) -> None:
    result = cli("coverage", "--county", "xyz", env={"MVKPLAN_LANG": "sv"})
    assert result.exit_code == 2, result
    assert "okänt län 'xyz'" in result.stderr, result
    municipality = cli("new", "local-plan", "a-2025", "--municipality", "nowhere", env={"MVKPLAN_LANG": "sv"})
    assert municipality.exit_code == 2, municipality
    assert "okänd kommun 'nowhere'" in municipality.stderr, municipality


def test_a_missing_extra_is_named_in_the_chosen_language(cli, project: Path, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("openpyxl", "httpx") else real(name, *a))
    survey = cli("survey", "export", "x", "--year", "2025", cwd=project, env={"MVKPLAN_LANG": "sv"})
    assert survey.exit_code == 2, survey
    assert "kommandot kräver tillägget 'survey'" in survey.stderr, survey
    kolada = cli("kolada", "fetch", "x", "--year", "2025", "--lang", "sv", cwd=project)
    assert kolada.exit_code == 2, kolada
    assert "kommandot kräver tillägget 'kolada' (saknas: httpx)" in kolada.stderr, kolada


def test_an_unknown_rule_on_the_command_line_names_the_option_not_the_config(cli, project: Path) -> None:
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    for command in ("lint", "check"):
        result = cli(command, "--select", "MVK002,nope", cwd=project)
        assert result.exit_code == 2, result
        assert "--select: unknown rule 'nope'" in result.stderr, result
        assert "mvkplan.toml" not in result.stderr, result
    ignored = cli("lint", "--ignore", "mvk999", cwd=project)
    assert ignored.exit_code == 2 and "--ignore: unknown rule 'mvk999'" in ignored.stderr, ignored


def test_new_refuses_a_municipality_outside_the_county_given(cli, project: Path) -> None:
    result = cli("new", "local-plan", "vaxjo-2027", "--municipality", "vaxjo", "--county", "kalmar", cwd=project)
    assert result.exit_code == 2, result
    assert "lies in kronoberg, not in --county kalmar" in result.stderr, result
    assert list((project / "plans").rglob("*.yaml")) == []
    agreeing = cli("new", "local-plan", "vaxjo-2027", "--municipality", "vaxjo", "--county", "07", cwd=project)
    assert agreeing.exit_code == 0, agreeing
    assert (project / "plans" / "kronoberg" / "vaxjo-2027.yaml").is_file()


def test_kolada_import_takes_a_folder_of_saved_responses(cli, project: Path) -> None:
    empty = project / "svar"
    empty.mkdir()
    none = cli("kolada", "import", "svar", cwd=project)
    assert none.exit_code == 2, none
    assert "no .json responses in svar" in none.stderr, none
    (empty / "a.json").write_text('{"foo": [1]}', encoding="utf-8")
    wrong = cli("kolada", "import", "svar", "--dry-run", cwd=project)
    assert wrong.exit_code == 1, wrong
    assert "K102" in wrong.stdout + wrong.stderr, wrong
    missing = cli("kolada", "import", "nowhere", cwd=project)
    assert missing.exit_code == 2 and "path not found: nowhere" in missing.stderr, missing


def test_render_never_writes_where_mvkplan_reads_its_configuration(cli, real_project: Path) -> None:
    # a page written as mvkplan.toml (or pyproject.toml) in the root would be read as the configuration
    for name in ("pyproject.toml", "mvkplan.toml"):
        before = (real_project / name).read_bytes() if (real_project / name).exists() else None
        result = cli("render", "kalmar-2024", "-o", name, cwd=real_project)
        assert result.exit_code == 2, result
        assert "refusing to overwrite" in result.stderr, result
        after = (real_project / name).read_bytes() if (real_project / name).exists() else None
        assert after == before
    assert cli("validate", cwd=real_project).exit_code == 0
