"""Helpers for the survey and Kolada tests: a project whose Kalmar follow-up defines survey
questions (a real follow-up, not the shipped example), and a respondent who fills in a workbook."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import PLANS

QUESTIONS = """\
# Uppföljning 2025: frågorna till kommunerna (handskriven)
id: kalmar-2024-2025
kind: follow-up
title: Årlig uppföljning 2025 av regional handlingsplan för Kalmar län 2024–2026
plan: kalmar-2024
year: 2025
county: kalmar
status: draft
respondents: []
indicators:
  - id: mvp-i-grundskolan
    goal: likvardig-kunskap
    indicator: lansstyrelsens-arliga-kartlaggning
    title: Arbetar kommunen med MVP i grundskolan?
    type: yes-no
    reported_by: [municipality]
  - id: personal-grundutbildad
    goal: likvardig-kunskap
    title: Andel av socialtjänstens personal som gått grundutbildning om våld
    type: percent
    reported_by: [municipality]
  - id: arenden
    goal: upptacka-och-ge-stod
    title: Antal ärenden om våld i nära relation
    type: count
    per_sex: true
    reported_by: [municipality]
  - id: fragar-om-vald
    goal: upptacka-och-ge-stod
    title: Ställer socialtjänsten rutinmässigt frågan om våld?
    type: choice
    choices: [Ja, Delvis, Nej]
    reported_by: [municipality]
  - id: viktigaste-insats
    goal: samverkan-civilsamhalle-naringsliv
    title: "Beskriv årets viktigaste insats: vad och med vem?"
    type: text
    reported_by: [municipality]
  - id: ifo-aktualiserade
    goal: upptacka-och-ge-stod
    title: Vuxna som aktualiserats i IFO på grund av våld i nära relation
    type: number
    unit: antal per 10 000 vuxna invånare
    kolada: U00001
    per_sex: true
    reported_by: [municipality]
values: []
"""

KALMAR = ["borgholm-kommun", "emmaboda-kommun", "hultsfred-kommun", "hogsby-kommun", "kalmar-kommun",
          "monsteras-kommun", "morbylanga-kommun", "nybro-kommun", "oskarshamn-kommun", "torsas-kommun",
          "vimmerby-kommun", "vastervik-kommun"]


@pytest.fixture(scope="module", autouse=True)
def survey_key(tmp_path_factory):
    """A config folder of the module's own, so the signing key made on export is never the user's.

    Autouse where a test module imports it; yields the folder the key is kept in.
    """
    config = tmp_path_factory.mktemp("config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(config))
        patch.delenv("MVKPLAN_SURVEY_KEY", raising=False)
        yield config / "mvkplan"


def resign(path: Path) -> None:
    """Sign the workbook's metadata again with this machine's key, as an export would have."""
    from openpyxl import load_workbook

    from mvkplan.cycle.survey.signing import SignedQuestion, import_key, signature

    wb = load_workbook(path)
    meta = wb["mvkplan"]
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 8)}
    table = [SignedQuestion(int(meta.cell(r, 1).value), meta.cell(r, 2).value, meta.cell(r, 3).value,
                            meta.cell(r, 4).value) for r in range(8, meta.max_row + 1) if meta.cell(r, 1).value]
    meta["B7"] = signature(import_key(), values["plan"], int(values["year"]), values["respondent"], table)
    wb.save(path)


def edit(path: Path, cells: dict[str, object], sheet: str = "Enkät") -> None:
    """Set ``cells`` of ``sheet`` as a spreadsheet program would (no signing again)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for cell, value in cells.items():
        wb[sheet][cell] = value
    wb.save(path)


def rezip(path: Path, target: Path, add: dict[str, bytes] | None = None,
          change: dict[str, object] | None = None) -> Path:
    """``path`` zipped again into ``target``, with the parts in ``add`` added and those in ``change``
    passed through the function given for each."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if change and item.filename in change:
                data = change[item.filename](data)  # type: ignore[operator]
            out.writestr(item.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return target


def survey_project(tmp_path: Path) -> Path:
    """A copy of plans/ without Kalmar's example follow-ups, plus the follow-up above."""
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, tmp_path / "plans")
    folder = tmp_path / "plans" / "kalmar" / "uppfoljning"
    for example in folder.glob("kalmar-2024-*.yaml"):
        example.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kalmar-2024-2025.yaml").write_text(QUESTIONS, encoding="utf-8")
    return tmp_path


def follow_up(project: Path, name: str = "kalmar-2024-2025"):
    """The follow-up as the project's loader reads it."""
    from mvkplan.loading.load import load_file

    path = project / "plans" / "kalmar" / "uppfoljning" / f"{name}.yaml"
    loaded, problems = load_file(path, path.name)
    assert loaded is not None, problems
    return loaded.model


def answers_for(index: int) -> dict[str, object]:
    """What municipality number ``index`` answers, by format label prefix of the question row."""
    return {
        "Ja/Nej": "Ja" if index % 2 else "Nej",
        "Procent": 10 + index * 5.5,
        "Antal": index * 3,
        "Välj": ["Ja", "Delvis", "Nej"][index % 3],
        "Fritext": f"Utbildning med kvinnojouren, insats {index}",
    }


def fill(path: Path, index: int, extra: dict[str, object] | None = None) -> dict[tuple[str, str | None], str]:
    """Fill a workbook as a respondent would (openpyxl, answer column G); the expected recorded values."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["Enkät"]
    meta = wb["mvkplan"]
    row_ids = {int(meta.cell(r, 1).value): meta.cell(r, 2).value for r in range(8, meta.max_row + 1)
               if meta.cell(r, 1).value}
    expected: dict[tuple[str, str | None], str] = {}
    answers = answers_for(index)
    for row in range(2, ws.max_row + 1):
        label = str(ws[f"F{row}"].value or "")
        prefix = next((p for p in answers if label.startswith(p)), None)
        if prefix is None:
            continue
        value = answers[prefix]
        if prefix == "Antal":
            value = int(value) + row  # different per sex row
        ws[f"G{row}"] = value
        key, _, sex = row_ids[row].partition("#")
        expected[(key, sex or None)] = _recorded(value, prefix)
    ws["I2"] = f"Kommentar {index}"
    for cell, value in (extra or {}).items():
        ws[cell] = value
    wb.save(path)
    return expected


def _recorded(value: object, prefix: str) -> str:
    if prefix == "Ja/Nej":
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else str(value).replace(".", ",")
    return str(value)
