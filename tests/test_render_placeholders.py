"""``[[references]]`` and ``[[basis]]`` place a structured list where the source prints it."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_kalmar_2021_prints_its_agreements_right_after_the_lead_in() -> None:
    html = run_cli("render", "kalmar-2021", "--output", "-").stdout
    lead_in = html.index("andra överenskommelser som är relevanta:")
    listed = html.index("Lanzarotekonventionen")
    following = html.index("Regeringen framhåller")
    assert lead_in < listed < following
    underlag = html.index("Underlag som ligger till grund för handlingsplanen är:")
    assert underlag < html.index("GREVIO") < html.index('<h2 id="den-nationella-strategins-fyra-mal"')
    assert 'id="mvk-referenser"' not in html and 'id="mvk-underlag"' not in html


def test_markdown_places_the_list_too() -> None:
    md = run_cli("render", "kalmar-2021", "--format", "md", "--output", "-").stdout
    assert md.index("som är relevanta:") < md.index("FN:s konvention om barnets rättigheter")
    assert "[[references]]" not in md


def test_a_document_without_placeholders_keeps_its_reference_section() -> None:
    html = run_cli("render", "jonkoping-2022", "--output", "-").stdout
    assert 'id="mvk-referenser"' in html


def test_unknown_placeholder_is_a_validation_error(project: Path) -> None:
    (project / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: regional-plan\ntitle: Plan\nsections:\n  - id: a\n    title: A\n"
        "    body: |-\n      Text\n\n      [[referenser]]\n"
    )
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert "E204" in result.stdout and "[[referenser]]" in result.stdout
