"""Rewriting links in place: only the bytes of the links themselves change.

ruamel.yaml's composer (public API) gives each link's exact span in the text; the new link is
rendered by the follow-up writer's :func:`~mvkplan.cycle.recording.yamledit.render_scalar`,
which quotes exactly where YAML needs it and checks that mvkplan reads the result back as the
text meant. Comments, quoting, indentation and every other value stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mvkplan.cycle.recording.yamledit import EditError, render_scalar

Path_ = tuple[str | int, ...]
BOM = "\ufeff"


def replace_links(text: str, links: Mapping[Path_, str]) -> str:
    """``text`` with the list item at each path (keys and indices, ending in a ``links`` index)
    replaced by the given link text; :class:`EditError` when one cannot be found or rewritten."""
    if not links:
        return text
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom):]
    try:
        root = YAML().compose(body)
    except YAMLError as exc:
        raise EditError(str(exc).splitlines()[0]) from None
    edits = []
    for path, new in links.items():
        parent, node = _walk(root, path)
        if node.style in ("|", ">"):
            raise EditError("the link is written as a block scalar")
        rendered = render_scalar(new, flow=bool(parent.flow_style))
        edits.append((node.start_mark.index, node.end_mark.index, rendered))
    for start, end, rendered in sorted(edits, reverse=True):
        body = body[:start] + rendered + body[end:]
    return bom + body


def _walk(root: Node | None, path: Path_) -> tuple[SequenceNode, ScalarNode]:
    """The sequence holding the scalar at ``path``, and the scalar."""
    node, parent = root, None
    for step in path:
        parent = node
        if isinstance(node, MappingNode) and isinstance(step, str):
            node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == step), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            raise EditError(f"nothing at {'/'.join(map(str, path))}")
    if not isinstance(node, ScalarNode) or not isinstance(parent, SequenceNode):
        raise EditError(f"{'/'.join(map(str, path))} is not an item of a list")
    return parent, node
