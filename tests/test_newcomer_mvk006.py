"""Issue 28.7: MVK006 judges each text value on its own.

A sentence or cell that names a superseded regulation without its successor is reported even
when the document cites the successor elsewhere (a reference, another sentence); a value that
names both is left alone. Run through ``mvkplan lint`` on real files in a project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli

OLD = ("SOSFS 2014:4", "sosfs 2014:4", "SOSFS  2014:4")
NEW = ("HSLF-FS 2022:39", "hslf-fs 2022:39")
PLACES = {  # where the sentence goes: (YAML with {text}, the line it is on)
    "vision": ("vision: {text}\n", 6),
    "section": ("sections:\n  - id: s\n    title: Underlag\n    body: {text}\n", 9),
    "goal": ("areas:\n  - id: a\n    title: Område\n    goals:\n      - id: g\n"
             "        title: {text}\n", 11),
    "example": ("areas:\n  - id: a\n    title: Område\n    goals:\n      - id: g\n"
                "        title: Mål\n        examples:\n          - {text}\n", 13),
}
WORDS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzåäö "), max_size=20).map(str.strip)


def _plan(place: str, text: str, elsewhere: str) -> str:
    head = ("id: plan-2024\nkind: regional-plan\ntitle: Plan\ncounty: kronoberg\n"
            "period: {start: 2024, end: 2026}\n")
    body, _line = PLACES[place]
    tail = ""
    if elsewhere == "reference":
        tail = ("references:\n  - {type: regulation, title: HSLF-FS 2022:39, "
                "regulation: hslf-fs-2022-39}\n")
    elif elsewhere == "vision" and place != "vision":
        tail = "vision: Arbetet följer HSLF-FS 2022:39.\n"
    return head + body.format(text=json.dumps(text, ensure_ascii=False)) + tail


def _mvk006_lines(project: Path, text: str) -> list[int]:
    (project / "plans" / "plan-2024.yaml").write_text(text, encoding="utf-8")
    result = run_cli("lint", "--select", "MVK006", "--format", "json", cwd=project)
    assert result.exit_code in (0, 1), result
    return [p["line"] for p in json.loads(result.stdout)["problems"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(sorted(PLACES)), old=st.sampled_from(OLD), new=st.sampled_from(NEW),
       before=WORDS, after=WORDS, elsewhere=st.sampled_from(("reference", "vision")),
       both=st.booleans())
def test_a_text_naming_the_old_regulation_is_judged_on_its_own(
    project: Path, place: str, old: str, new: str, before: str, after: str, elsewhere: str,
    both: bool,
) -> None:
    """Reported at its own line unless the same value names the successor too."""
    text = f"{before} rutiner i enlighet med {old} {after}".strip()
    if both:
        text += f", numera {new}"
    lines = _mvk006_lines(project, _plan(place, text, elsewhere))
    assert lines == ([] if both else [PLACES[place][1]])


@pytest.mark.parametrize("body, reported", [
    ("Rutiner enligt SOSFS 2014:4 gäller. Se även HSLF-FS 2022:39 om annat.", True),
    ("Rutiner enligt SOSFS 2014:4 gäller.\n\nHSLF-FS 2022:39 gäller för det nya.", True),
    ("Rutiner enligt SOSFS 2014:4 (nu HSLF-FS 2022:39) gäller.", False),
    ("Rutiner enligt SOSFS 2014:4, som ersatts av HSLF-FS 2022:39, gäller.", False),
])
def test_a_sentence_is_judged_on_its_own_inside_one_section_body(tmp_path, body, reported):
    """The review found a whole section body judged as one text: a successor named anywhere
    in it silenced every old citation."""
    folder = tmp_path / "p"
    (folder / "plans").mkdir(parents=True)
    (folder / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (folder / "plans" / "plan.yaml").write_text(
        "id: plan\nkind: local-plan\ntitle: Plan\nmunicipality: vaxjo-kommun\nperiod: {start: 2025, end: 2026}\n"
        f"sections:\n  - id: rutiner\n    title: Rutiner\n    body: {json.dumps(body, ensure_ascii=False)}\n",
        encoding="utf-8")
    result = run_cli("lint", "--select", "MVK006", cwd=folder)
    assert ("MVK006" in result.stdout) == reported, result
