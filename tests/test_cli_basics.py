"""Start-up, version, schema: what pre-commit and editors rely on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_cli


def test_version_does_not_import_the_heavy_libraries() -> None:
    code = (
        "import sys; sys.argv = ['mvkplan', '--version']\n"
        "from mvkplan.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'jinja2', 'mvkplan.models', 'yaml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "mvkplan 0." in out.stdout
    assert "HEAVY []" in out.stdout, out.stdout


def test_version_from_the_program_does_not_build_the_command_line() -> None:
    """``mvkplan --version`` (the console script and ``python -m mvkplan``) skips Typer."""
    code = (
        "import sys; sys.argv = ['mvkplan', '--version']\n"
        "from mvkplan.__main__ import main\n"
        "main()\n"
        "print('LOADED', [m for m in ('typer', 'mvkplan.cli.main') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("mvkplan 0."), out.stdout
    assert "LOADED []" in out.stdout, out.stdout
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'mvkplan = "mvkplan.__main__:main"' in pyproject
    assert "def main() -> None:" in (REPO / "src/mvkplan/__main__.py").read_text()


def test_schema_is_valid_json_schema_and_up_to_date(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    result = run_cli("schema")
    assert result.exit_code == 0, result
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    shipped = (REPO / "schema" / "mvkplan.schema.json").read_text(encoding="utf-8")
    assert shipped == result.stdout, "run: mvkplan schema -o schema/mvkplan.schema.json"


def yaml12_core(node: object) -> object:
    """Data as a YAML 1.2 editor (yaml-language-server) reads it: 2024 is a number, no is text."""
    from mvkplan.source.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, MappingNode):
        return {k.value: yaml12_core(v) for k, v in node.pairs}
    if isinstance(node, SequenceNode):
        return [yaml12_core(item) for item in node.items]
    assert isinstance(node, ScalarNode)
    if not node.plain:
        return node.value
    if node.is_null:
        return None
    if node.value in ("true", "false"):
        return node.value == "true"
    if re.fullmatch(r"[-+]?[0-9]+", node.value):
        return int(node.value)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", node.value):
        return float(node.value)
    return node.value


def test_schema_accepts_the_shipped_plans() -> None:
    """The JSON Schema editors use agrees with the tool on every real plan."""
    from jsonschema import Draft202012Validator

    from mvkplan.source.parse import parse_yaml

    validator = Draft202012Validator(json.loads(run_cli("schema").stdout))
    for path in sorted((REPO / "plans").rglob("*.yaml")):
        data = yaml12_core(parse_yaml(path.read_bytes()))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path}: {errors[:3]}"


def test_schema_describes_fields_for_hover_docs() -> None:
    schema = json.loads(run_cli("schema").stdout)
    goal = schema["$defs"]["Goal"]["properties"]
    assert all("description" in spec for spec in goal.values())
