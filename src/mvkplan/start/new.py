"""``mvkplan new``: a new document from a skeleton that validates as written.

The skeleton's filler text is written as ``[fyll i: …]``, which the placeholder rule (MVK013)
reports, so a plan cannot be published with the filler left in, and a new document's only
problems are those placeholders: its period ends no later than what it serves, and ``--from``
(which starts a plan from chosen goals of another plan, usually the county's, each new goal
linked to the one it follows) brings what it copies up to date (:mod:`mvkplan.start.carry`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.review import fingerprint
from mvkplan.loading.validation import load_bytes
from mvkplan.messages.i18n import t
from mvkplan.models import PlanBase
from mvkplan.project.paths import is_within
from mvkplan.start.carry import brought_up_to_date, carried_indicator, successors

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA = Path("schema") / "mvkplan.schema.json"
_YEAR = re.compile(r"(?:^|-)((?:19|20)\d\d)(?:-|$)")

_PLAN_HEAD = """\
period: {{start: {start}, end: {end}}}
vision: "[fyll i: planens vision]"
sections:
  - id: inledning
    title: Inledning
    body: >-
      [fyll i: inledningen]
target_groups:
  violence_forms:
    - sexualiserat-vald
    - vald-i-nara-relation
    - hedersrelaterat-vald
    - prostitution-och-manniskohandel
    - vald-utovare
areas:
"""

_OWN_AREA = """\
  - id: forebygga
    links: [nationell-strategi/1]
    goals:
      - id: forsta-malet
        title: "[fyll i: målsättningen]"
        examples:
          - "[fyll i: ett exempel på aktivitet]"
        indicators:
          - source: lansstyrelsens-arliga-kartlaggning
            frequency: Årsvis
"""

_ACTIVITY_PLAN = """\
year: {start}
period: {{start: {start}, end: {start}}}
areas:
  - id: samordning
    title: Samordning
    activities:
      - id: forsta-aktiviteten
        title: "[fyll i: aktiviteten]"
        target_group: "[fyll i: målgruppen]"
        outcome: "[fyll i: det förväntade utfallet]"
        links: [nationell-strategi/1]
"""

_FRAMEWORK = """\
item_label: Delmål
items:
  - id: "1"
    title: "[fyll i: det första delmålet]"
"""

_OWN_INDICATOR = {"text": "[fyll i: hur målet följs upp]", "frequency": "Årsvis"}
"""The indicator of a goal whose original names no source for one."""

PLAN_KINDS = ("regional-plan", "local-plan", "strategy")
KINDS = (*PLAN_KINDS, "activity-plan", "framework")


class ScaffoldError(Exception):
    """A new document that cannot be written (bad id, file exists, outside the project)."""


@dataclass
class Skeleton:
    """What the new document says about itself."""

    kind: str
    id: str
    title: str
    year: int
    county: str | None = None
    municipality: str | None = None
    schema: str | None = None
    """The schema comment's path, relative to the new file."""
    source: str | None = None
    """Id of the plan whose goals the new one starts from."""
    goals: list[str] = field(default_factory=list)
    """Ids of the chosen goals of ``source`` (all of them when empty)."""


def period_start(document_id: str, default: int) -> int:
    """The year an id such as 'vaxjo-2025' names (the first four-digit year in it), else ``default``."""
    match = _YEAR.search(document_id)
    return int(match.group(1)) if match else default


def schema_comment(target: Path, root: Path) -> str:
    """The path from the new file's folder to the project's schema copy."""
    return Path(os.path.relpath(root / SCHEMA, target.parent)).as_posix()


def check_id(document_id: str) -> None:
    """Refuse ids that are no slug (they would also make odd or unsafe file names)."""
    if not SLUG.match(document_id):
        raise ScaffoldError(t("new.bad_id", id=document_id))


def scaffold(skeleton: Skeleton, index: LinkIndex | None = None) -> str:
    """The YAML text of a new document; checked to validate before it is returned."""
    check_id(skeleton.id)
    if not skeleton.title.strip():
        raise ScaffoldError(t("new.empty_title"))
    if any("\ud800" <= c <= "\udfff" for c in skeleton.title):  # bytes of no encoding in argv
        raise ScaffoldError(t("new.bad_title"))
    lines = []
    if skeleton.schema:
        lines.append(f"# yaml-language-server: $schema={skeleton.schema}")
    lines += [f"id: {skeleton.id}", f"kind: {skeleton.kind}", f"title: {_quote(skeleton.title)}",
              "status: draft"]
    if skeleton.county:
        lines.append(f"county: {skeleton.county}")
    if skeleton.municipality and skeleton.kind == "local-plan":
        lines.append(f"municipality: {skeleton.municipality}")
    text = "\n".join(lines) + "\n"
    start = skeleton.year
    if skeleton.kind in PLAN_KINDS:
        linked = [skeleton.source] if skeleton.source else ["nationell-strategi"]
        text += _PLAN_HEAD.format(start=start, end=period_end(index, start, linked))
        text += _areas_from(index, skeleton) if skeleton.source else _OWN_AREA
    elif skeleton.kind == "activity-plan":
        text += _ACTIVITY_PLAN.format(start=start)
    else:
        text += _FRAMEWORK
    document, problems = load_bytes(text.encode(), f"{skeleton.id}.yaml")
    if document is None:  # what the user passed in (the skeletons themselves validate)
        raise ScaffoldError("; ".join(p.message for p in problems))
    return text


def period_end(index: LinkIndex | None, start: int, linked: list[str]) -> int:
    """Three years from ``start``, but no later than the end of a document the new one links
    to (the national strategy, the plan it starts from) while that is still running: a fresh
    plan should not begin with a period outside what it serves (MVK008)."""
    end = start + 2
    for document_id in linked:
        model = index.document(document_id) if index else None
        period = getattr(model, "period", None)
        if period is not None and period.end is not None and start <= period.end < end:
            end = period.end
    return end


def _areas_from(index: LinkIndex | None, skeleton: Skeleton) -> str:
    """The source plan's areas holding the chosen goals, each goal linked to its original."""
    source = index.document(skeleton.source) if index and skeleton.source else None
    if index is None or not isinstance(source, PlanBase):
        raise ScaffoldError(t("new.not_plan", id=skeleton.source))
    available = [goal.id for area in source.areas for goal in area.goals]
    unknown = [g for g in skeleton.goals if g not in available]
    if unknown:
        raise ScaffoldError(t("new.no_goal", id=skeleton.source,
                              goals=", ".join(repr(g) for g in unknown), available=", ".join(available)))
    chosen = set(skeleton.goals or available)
    replaced = successors(index, f"{skeleton.year}-01-01")
    out = []
    for area in source.areas:
        goals = [goal for goal in area.goals if goal.id in chosen]
        if not goals:
            continue
        out.append(f"  - id: {area.id}\n")
        if area.title:
            out.append(f"    title: {_quote(brought_up_to_date(_one_line(area.title), replaced))}\n")
        out.append("    goals:\n")
        for goal in goals:
            out.append(f"      - id: {goal.id}\n"
                       f"        title: {_quote(brought_up_to_date(_one_line(goal.title), replaced))}\n"
                       f"        links: [{_reviewed_link(index, source.id, goal.id)}]\n"
                       "        examples:\n"
                       "          - \"[fyll i: en lokal aktivitet]\"\n"
                       "        indicators:\n")
            carried = [carried_indicator(index, i, replaced) for i in goal.indicators if i.source]
            for fields in carried or [_OWN_INDICATOR]:
                out.append("".join(f"{'          - ' if n == 0 else '            '}{key}: "
                                   f"{_quote(value)}\n" for n, (key, value) in enumerate(fields.items())))
    if not out:
        raise ScaffoldError(t("new.no_goals", id=skeleton.source))
    return "".join(out)


def _reviewed_link(index: LinkIndex, document_id: str, goal_id: str) -> str:
    """The link to a goal the new plan follows, stamped with the fingerprint of its wording:
    when the goal is reworded later, the link is reported as suspect (MVK026)."""
    key = f"{document_id}/{goal_id}"
    item = index.item(key)
    return f"{key}@{fingerprint(item)}" if item is not None else key


def target_path(root: Path, folder: Path, document_id: str) -> Path:
    """Where the new file goes; never outside the project root."""
    check_id(document_id)
    path = (folder / f"{document_id}.yaml").resolve()
    if not is_within(path, root):
        raise ScaffoldError(t("new.outside", path=path, root=root))
    if path.exists():
        raise ScaffoldError(t("new.exists", path=path))
    return path


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar on one line that reads back exactly.

    JSON's string syntax is YAML's double-quoted style; beyond the escapes JSON makes, YAML
    wants escaped what it takes for a line break (NEL, LS, PS) or refuses raw (DEL, C1, BOM,
    the non-characters U+FFFE and U+FFFF).
    """
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                                 json.dumps(text, ensure_ascii=False))


_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
