"""``mvkplan new``: a new document from a skeleton that validates as written."""

from __future__ import annotations

import re
from pathlib import Path

from mvkplan.loading import load_bytes
from mvkplan.paths import is_within

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_COMMON = """\
# yaml-language-server: $schema={schema}
id: {id}
kind: {kind}
title: {title}
status: draft
"""

_PLAN = """\
period: {{start: {year}, end: 2026}}
vision: Ett län fritt från våld
sections:
  - id: inledning
    title: Inledning
    body: >-
      Skriv inledningen här.
target_groups:
  violence_forms:
    - sexualiserat-vald
    - vald-i-nara-relation
    - hedersrelaterat-vald
    - prostitution-och-manniskohandel
    - vald-utovare
areas:
  - id: forebygga
    links: [nationell-strategi/1]
    goals:
      - id: forsta-malet
        title: Skriv målsättningen här
        examples:
          - Ett exempel på aktivitet
        indicators:
          - source: lansstyrelsens-arliga-kartlaggning
            frequency: Årsvis
"""

_BODIES = {
    "regional-plan": _PLAN,
    "local-plan": _PLAN,
    "strategy": _PLAN,
    "activity-plan": """\
year: {year}
period: {{start: {year}, end: {year}}}
areas:
  - id: samordning
    title: Samordning
    activities:
      - id: forsta-aktiviteten
        title: Skriv aktiviteten här
        target_group: Länets aktörer
        outcome: Skriv det förväntade utfallet här
        links: [nationell-strategi/1]
""",
    "framework": """\
item_label: Delmål
items:
  - id: "1"
    title: Skriv det första delmålet här
""",
}

KINDS = tuple(_BODIES)


class ScaffoldError(Exception):
    """A new document that cannot be written (bad id, file exists, outside the project)."""


def scaffold(kind: str, document_id: str, *, title: str, county: str | None, year: int) -> str:
    """The YAML text of a new document; checked to validate before it is returned."""
    if not SLUG.match(document_id):
        raise ScaffoldError(f"'{document_id}' is not a valid id: use a-z, 0-9 and '-', e.g. gotland-2025")
    if county is not None and not SLUG.match(county):
        raise ScaffoldError(f"'{county}' is not a county id: use a-z, 0-9 and '-', e.g. kronoberg")
    if not title.strip():
        raise ScaffoldError("the title must not be empty")
    text = _COMMON.format(schema="../../schema/mvkplan.schema.json", id=document_id, kind=kind,
                          title=_quote(title))
    if county:
        text += f"county: {county}\n"
    text += _BODIES[kind].format(year=year)
    document, problems = load_bytes(text.encode(), f"{document_id}.yaml")
    if document is None:  # what the user passed in (the skeletons themselves validate)
        raise ScaffoldError("; ".join(p.message for p in problems))
    return text


def target_path(root: Path, folder: Path, document_id: str) -> Path:
    """Where the new file goes; never outside the project root."""
    path = (folder / f"{document_id}.yaml").resolve()
    if not is_within(path, root):
        raise ScaffoldError(f"{path} is outside the project {root}")
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    return path


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
