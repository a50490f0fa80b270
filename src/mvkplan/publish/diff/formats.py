"""``mvkplan diff`` output: plain text, Markdown (for a pull-request comment) and JSON.

The HTML form is a page of the site, rendered from ``templates/html/diff.html``
(``mvkplan.publish.diff.page``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from mvkplan.views.diff.model import AreaChange, DocumentDiff, FieldChange, ItemChange

_STATUS = {"unchanged": "oförändrat", "reworded": "omformulerat", "changed": "ändrat",
           "added": "nytt", "removed": "borttaget"}
_KIND = {"goal": "Mål", "activity": "Aktivitet", "row": "Rad"}


def status_label(item: ItemChange) -> str:
    """Swedish status of an item, 'flyttat från …' included."""
    label = _STATUS[item.status]
    if item.moved_from:
        label += f", flyttat från {item.moved_from}"
    return label


def to_text(diff: DocumentDiff) -> str:
    """A readable report for the terminal."""
    lines = [f"{diff.old_label} → {diff.new_label}", diff.summary, ""]
    for replacement in diff.regulations:
        lines.append(f"Regelverk: {replacement.old} → {replacement.new}")
    for area in diff.areas:
        lines += ["", f"{_area_heading(area)}", f"  {area.summary}"]
        for change in area.changes:
            lines.extend(_field_lines(change, "  ", "- ", "+ "))
        for item in area.items:
            if item.status == "unchanged" and not item.moved_from:
                continue
            lines.append(f"  {_KIND[item.kind]} ({status_label(item)}): {item.title}")
            if item.words:
                lines.append("    ordändringar: " + _runs(item, "[-{}-]", "{{+{}+}}"))
            lines.extend(f"    remissvar: {response}" for response in item.responses)
            for change in item.changes:
                lines.extend(_field_lines(change, "    ", "- ", "+ "))
    if diff.changes:
        lines += ["", "Övriga ändringar i dokumentet"]
    for change in diff.changes:
        lines.extend(_field_lines(change, "  ", "- ", "+ "))
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(diff: DocumentDiff) -> str:
    """GitHub-flavoured Markdown, meant for a pull-request comment."""
    esc = _md
    lines = [f"### {esc(diff.old_label)} → {esc(diff.new_label)}", "", f"**{esc(diff.summary)}**", ""]
    for replacement in diff.regulations:
        lines.append(f"- Regelverk: ~~{esc(replacement.old)}~~ → **{esc(replacement.new)}**")
    for area in diff.areas:
        lines += ["", f"#### {esc(_area_heading(area))}", "", f"_{esc(area.summary)}_", ""]
        for change in area.changes:
            lines.extend(_field_lines(change, "- ", "  - ➖ ", "  - ➕ ", esc))
        for item in area.items:
            if item.status == "unchanged" and not item.moved_from:
                continue
            title = _runs(item, "~~{}~~", "**{}**", esc) if item.words else esc(item.title)
            lines.append(f"- {_KIND[item.kind]} ({esc(status_label(item))}): {title}")
            lines.extend(f"  - Remissvar: {esc(response)}" for response in item.responses)
            for change in item.changes:
                lines.extend(_field_lines(change, "  - ", "    - ➖ ", "    - ➕ ", esc))
    if diff.changes:
        lines += ["", "#### Övriga ändringar i dokumentet", ""]
    for change in diff.changes:
        lines.extend(_field_lines(change, "- ", "  - ➖ ", "  - ➕ ", esc))
    return "\n".join(lines).rstrip() + "\n"


def to_json(diff: DocumentDiff) -> str:
    """The whole comparison as JSON."""
    return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _area_heading(area: AreaChange) -> str:
    heading = area.title
    if area.status == "reworded" and area.old_title:
        heading += f" (tidigare: {area.old_title})"
    elif area.status in {"added", "removed"}:
        heading += f" ({_STATUS[area.status]} område)"
    return heading


def _runs(item: ItemChange, removed: str, added: str, esc: Callable[[str], str] = str) -> str:
    parts = []
    for op, text in item.words:
        parts.append(esc(text) if op == "=" else (removed if op == "-" else added).format(esc(text)))
    return " ".join(parts)


def _field_lines(change: FieldChange, indent: str, minus: str, plus: str,
                 esc: Callable[[str], str] = str) -> list[str]:
    lines = [f"{indent}{esc(change.label)}:"]
    pad = " " * len(indent) if not indent.strip() else ""
    lines += [f"{pad}{minus}{esc(text)}" for text in change.removed]
    lines += [f"{pad}{plus}{esc(text)}" for text in change.added]
    return lines


def _md(text: str) -> str:
    from mvkplan.publish.render.markdown import escape_markdown

    return escape_markdown(text)


FORMATTERS: dict[str, Callable[[DocumentDiff], str]] = {
    "text": to_text, "md": to_markdown, "json": to_json,
}
