"""``mvkplan diff`` output: plain text, Markdown (for a pull-request comment) and JSON.

The HTML form is a page of the site, rendered from ``templates/html/diff.html``
(``mvkplan.publish.diff.page``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from mvkplan.messages.i18n import N_, Wording, get_language
from mvkplan.views.diff.model import AreaChange, DocumentDiff, FieldChange, ItemChange

_STATUS = {"unchanged": N_("diff.status.unchanged"), "reworded": N_("diff.status.reworded"),
           "changed": N_("diff.status.changed"), "added": N_("diff.status.added"),
           "removed": N_("diff.status.removed")}
_KIND = {"goal": N_("diff.kind.goal"), "activity": N_("diff.kind.activity"), "row": N_("diff.kind.row")}


def status_label(item: ItemChange, say: Wording) -> str:
    """The status of an item, 'flyttat från …' included."""
    label = say(_STATUS[item.status])
    if item.moved_from:
        label += say("diff.moved_from", area=item.moved_from)
    return label


def to_text(diff: DocumentDiff) -> str:
    """A readable report for the terminal, in the run's language."""
    say = Wording(get_language())
    lines = [f"{diff.old_label} → {diff.new_label}", diff.summary, ""]
    for replacement in diff.regulations:
        lines.append(say("diff.regulation", old=replacement.old, new=replacement.new))
    for area in diff.areas:
        lines += ["", f"{_area_heading(area, say)}", f"  {area.summary}"]
        for change in area.changes:
            lines.extend(_field_lines(change, "  ", "- ", "+ "))
        for item in area.items:
            if item.status == "unchanged" and not item.moved_from:
                continue
            lines.append(f"  {say(_KIND[item.kind])} ({status_label(item, say)}): {item.title}")
            if item.words:
                lines.append("    " + say("diff.words") + " " + _runs(item, "[-{}-]", "{{+{}+}}"))
            lines.extend("    " + say("diff.response", response=response) for response in item.responses)
            for change in item.changes:
                lines.extend(_field_lines(change, "    ", "- ", "+ "))
    if diff.changes:
        lines += ["", say("diff.other_changes")]
    for change in diff.changes:
        lines.extend(_field_lines(change, "  ", "- ", "+ "))
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(diff: DocumentDiff) -> str:
    """GitHub-flavoured Markdown, meant for a pull-request comment, in the run's language."""
    say = Wording(get_language())
    esc = _md
    lines = [f"### {esc(diff.old_label)} → {esc(diff.new_label)}", "", f"**{esc(diff.summary)}**", ""]
    for replacement in diff.regulations:
        lines.append("- " + say("diff.regulation", old=f"~~{esc(replacement.old)}~~",
                                   new=f"**{esc(replacement.new)}**"))
    for area in diff.areas:
        lines += ["", f"#### {esc(_area_heading(area, say))}", "", f"_{esc(area.summary)}_", ""]
        for change in area.changes:
            lines.extend(_field_lines(change, "- ", "  - ➖ ", "  - ➕ ", esc))
        for item in area.items:
            if item.status == "unchanged" and not item.moved_from:
                continue
            title = _runs(item, "~~{}~~", "**{}**", esc) if item.words else esc(item.title)
            lines.append(f"- {say(_KIND[item.kind])} ({esc(status_label(item, say))}): {title}")
            lines.extend("  - " + say("diff.response.md", response=esc(response)) for response in item.responses)
            for change in item.changes:
                lines.extend(_field_lines(change, "  - ", "    - ➖ ", "    - ➕ ", esc))
    if diff.changes:
        lines += ["", "#### " + say("diff.other_changes"), ""]
    for change in diff.changes:
        lines.extend(_field_lines(change, "- ", "  - ➖ ", "  - ➕ ", esc))
    return "\n".join(lines).rstrip() + "\n"


def to_json(diff: DocumentDiff) -> str:
    """The whole comparison as JSON."""
    return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _area_heading(area: AreaChange, say: Wording) -> str:
    heading = area.title
    if area.status == "reworded" and area.old_title:
        heading += say("diff.area.formerly", title=area.old_title)
    elif area.status == "added":
        heading += say("diff.area.new")
    elif area.status == "removed":
        heading += say("diff.area.gone")
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
