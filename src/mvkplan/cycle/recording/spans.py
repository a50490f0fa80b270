"""Places in a YAML text, found from its composed nodes, and edits spliced in at them.

The follow-up writer and the plan-spreadsheet import change a file by replacing spans of
its text (everything else, comments and quoting included, stays byte for byte); these are
the positions both work with.
"""

from __future__ import annotations

from collections.abc import Sequence

from ruamel.yaml.nodes import Node, ScalarNode

Span = tuple[int, int, str]
"""Replace ``text[start:end]`` with the string."""


def splice(text: str, spans: Sequence[Span]) -> str:
    """``text`` with every span replaced."""
    # Applied from the end backwards; at one position, later spans in the list are applied
    # first, so that a field added to the last entry stays above the entries appended after it.
    order = sorted(enumerate(spans), key=lambda s: (s[1][0], s[1][1], s[0]), reverse=True)
    for _, (start, end, replacement) in order:
        text = text[:start] + replacement + text[end:]
    return text


def line_start(text: str, index: int) -> int:
    """The start of the line ``index`` stands on."""
    return text.rfind("\n", 0, index) + 1


def line_after(text: str, node: Node) -> int:
    """Where a line inserted after ``node`` goes: the start of the line after its end."""
    end = node.end_mark.index
    if node.end_mark.column == 0:
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def value_end(text: str, node: Node) -> int:
    """End of a scalar's text; a block scalar (| or >) is replaced up to its last line's end."""
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        end = node.end_mark.index
        return end - 1 if end > 0 and text[end - 1] == "\n" else end
    return node.end_mark.index


def newline_at(text: str, at: int) -> str:
    """The newline to put before lines inserted at ``at``: one where ``text`` ends without it."""
    return "\n" if at == len(text) and text and not text.endswith("\n") else ""
