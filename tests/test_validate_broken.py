"""Every broken document in tests/broken/ is reported with its code and line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

BROKEN = Path(__file__).parent / "broken"

# file → (code, line, column)
EXPECTED = {
    "duplicate-key.yaml": ("E104", 4, 1),
    "alias.yaml": ("E105", 3, 8),
    "not-utf8.yaml": ("E101", 3, 9),
    "tab-indented.yaml": ("E103", 5, 1),
    "unclosed-quote.yaml": ("E103", 4, 1),
    "control-character.yaml": ("E103", 3, 12),
    "top-level-list.yaml": ("E106", 1, 1),
    "empty.yaml": ("E108", 1, 1),
    "multiple-documents.yaml": ("E107", 4, 1),
    "python-tag.yaml": ("E109", 3, 8),
    "unknown-field.yaml": ("E202", 4, 1),
    "missing-title.yaml": ("E201", 1, 1),
    "text-with-colon.yaml": ("E103", 3, 12),
    "bad-status.yaml": ("E204", 4, 9),
    "unknown-kind.yaml": ("E205", 2, 7),
    "id-mismatch.yaml": ("E210", 1, 5),
    "duplicate-item.yaml": ("E212", 7, 9),
    "unknown-document.yaml": ("E301", 4, 13),
    "unknown-item.yaml": ("E302", 6, 13),
    "malformed-reference.yaml": ("E306", 4, 9),
    "unknown-county.yaml": ("E307", 4, 9),
    "self-link.yaml": ("E304", 4, 13),
    "bad-period.yaml": ("E204", 4, 9),
    "bad-date.yaml": ("E204", 4, 10),
}


def test_every_broken_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_document_is_reported_at_its_place(name: str, project: Path) -> None:
    shutil.copy(BROKEN / name, project / "plans" / name)
    code, line, column = EXPECTED[name]
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert f"plans/{name}:{line}:{column}: {code} " in result.stdout, result
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_document_in_json_and_github_formats(name: str, project: Path) -> None:
    import json

    shutil.copy(BROKEN / name, project / "plans" / name)
    code, line, column = EXPECTED[name]
    data = json.loads(run_cli("validate", "--format", "json", cwd=project).stdout)
    assert {"path": f"plans/{name}", "line": line, "column": column, "code": code} in [
        {k: p[k] for k in ("path", "line", "column", "code")} for p in data["problems"]
    ]
    github = run_cli("validate", "--format", "github", cwd=project)
    assert f"::error file=plans/{name},line={line},col={column},title={code}::" in github.stdout


def test_file_over_the_size_limit_is_refused_before_reading(project: Path) -> None:
    (project / "mvkplan.toml").write_text('paths = ["plans"]\nmax-file-size = 1000\n')
    big = project / "plans" / "big.yaml"
    big.write_text("id: big\nkind: regional-plan\ntitle: " + "x" * 2000 + "\n")
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert "plans/big.yaml: E102 " in result.stdout, result  # the whole file: no line 0


def test_supersedes_cycle_is_reported_once(project: Path) -> None:
    for this, other in (("plan-a", "plan-b"), ("plan-b", "plan-a")):
        (project / "plans" / f"{this}.yaml").write_text(
            f"id: {this}\nkind: regional-plan\ntitle: Plan\nsupersedes: {other}\n"
        )
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert result.stdout.count("E305") == 1, result
    assert "plan-a → plan-b → plan-a" in result.stdout


def test_did_you_mean_hints(project: Path) -> None:
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\ncounty: kalmr\nstatus: adoptd\n"
    )
    result = run_cli("validate", cwd=project)
    assert "hint: did you mean 'adopted'?" in result.stdout, result
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\ncounty: kalmr\nlinks: [agenda2030/5.20]\n"
    )
    result = run_cli("validate", cwd=project)
    assert "hint: did you mean 'kalmar'?" in result.stdout, result
    assert "hint: did you mean 'agenda2030/5.2'?" in result.stdout, result


def test_swedish_messages(project: Path) -> None:
    shutil.copy(BROKEN / "duplicate-key.yaml", project / "plans")
    result = run_cli("validate", "--lang", "sv", cwd=project)
    assert "nyckeln 'title' förekommer två gånger" in result.stdout, result
    assert "tips:" in result.stdout
    locale = run_cli("validate", cwd=project, env={"MVKPLAN_LANG": "", "LANG": "sv_SE.UTF-8"})
    assert "förekommer två gånger" in locale.stdout, locale


def test_missing_path_is_a_usage_error(project: Path) -> None:
    result = run_cli("validate", "plans/nope.yaml", cwd=project)
    assert result.exit_code == 2, result
    assert "Traceback" not in result.stdout + result.stderr


def test_broken_configuration_is_a_usage_error(project: Path) -> None:
    (project / "mvkplan.toml").write_text('pathz = ["plans"]\n')
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 2, result
    assert "pathz" in result.stderr


def test_one_broken_file_does_not_stop_the_others(project: Path) -> None:
    shutil.copy(BROKEN / "alias.yaml", project / "plans")
    shutil.copy(BROKEN / "unknown-field.yaml", project / "plans")
    result = run_cli("validate", cwd=project)
    assert "E105" in result.stdout and "E202" in result.stdout, result
    assert "2 problems" in result.stdout
