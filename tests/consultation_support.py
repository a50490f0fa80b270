"""Helpers for the consultation tests: a consultation of the real ``kalmar-2024`` (three bodies, one
silent), and a body that fills in its response workbook as a spreadsheet program would."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from conftest import PLANS

CONSULTATION = """\
# Remissen av förslaget till handlingsplan 2024–2026 (handskriven)
id: kalmar-2024-remiss
kind: consultation
title: Remiss av förslag till regional handlingsplan mot mäns våld mot kvinnor 2024–2026
county: kalmar
status: draft
plan: kalmar-2024
revision: 9f326f0
sent: 2023-09-01
deadline: 2023-10-31
bodies:
  - id: kalmar-kommun
    name: Kalmar kommun
    municipality: kalmar-kommun
  - id: region-kalmar-lan
    name: Region Kalmar län   # hälso- och sjukvården
  - id: polisen-syd
    name: Polisregion Syd
responses: []
"""

BODIES = ("kalmar-kommun", "region-kalmar-lan", "polisen-syd")
SHEET = "Remissvar"


def add_consultation(root: Path, text: str = CONSULTATION) -> Path:
    """Write the consultation beside the Kalmar plans; its path."""
    path = root / "plans" / "kalmar" / "kalmar-2024-remiss.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def consultation_project(root: Path) -> Path:
    """``root`` made a project: a copy of plans/ with the consultation above beside the Kalmar plans."""
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    shutil.copytree(PLANS, root / "plans")
    add_consultation(root)
    return root


def rows_of(path: Path) -> dict[str, int]:
    """Row id (the hidden metadata table) → sheet row, of a response workbook."""
    wb = load_workbook(path)
    meta = wb["mvkplan"]
    found = {}
    for row in meta.iter_rows(min_row=8, values_only=True):
        if row[0] is not None:
            found[str(row[1])] = int(row[0])
    wb.close()
    return found


def respond(path: Path, points: dict[str, tuple[object, object]], out: Path | None = None) -> Path:
    """Fill in ``points`` (row id → (point, proposal)) and save, as a body's spreadsheet program would."""
    rows = rows_of(path)
    wb = load_workbook(path)
    ws = wb[SHEET]
    for row_id, (point, proposal) in points.items():
        ws[f"G{rows[row_id]}"] = point
        ws[f"I{rows[row_id]}"] = proposal
    target = out or path
    wb.save(target)
    wb.close()
    return target
