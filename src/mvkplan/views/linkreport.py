"""What a document or item links to, what links back, and the repository's link graph."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mvkplan.index.linkindex import CATALOG_RELATIONS, Link, LinkIndex

GRAPH_RELATIONS = ("link", "supersedes", "annex-of", "cites", "publication")


@dataclass(frozen=True)
class LinkLine:
    """One link as shown: from where, to where, its relation and the target's title."""

    source: str
    target: str
    relation: str
    title: str | None
    file: str
    line: int

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {"source": self.source, "target": self.target, "relation": self.relation,
                "title": self.title, "resolved": self.title is not None,
                "file": self.file, "line": self.line}


@dataclass(frozen=True)
class LinkSummary:
    """Outgoing links and back-links of one document or item."""

    ref: str
    title: str
    links_to: list[LinkLine]
    linked_from: list[LinkLine]

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {"id": self.ref, "title": self.title,
                "links_to": [x.to_dict() for x in self.links_to],
                "linked_from": [x.to_dict() for x in self.linked_from]}


def title_of(index: LinkIndex, ref: str) -> str | None:
    """The title of a document or item, or None when the reference does not resolve."""
    if "/" in ref:
        item = index.item(ref)
        return item.title if item else None
    model = index.document(ref)
    return model.title if model else None


def summarize(index: LinkIndex, ref: str, *, catalogs: bool = False) -> LinkSummary | None:
    """Links of ``ref`` (a document id or ``doc/item``); None if it does not resolve."""
    title = title_of(index, ref)
    if title is None:
        return None
    document_id, _, item_id = ref.partition("/")
    outgoing = index.links_from(document_id, item_id or None)
    incoming = index.backlinks(ref) if item_id else index.backlinks_to_document(document_id)
    keep = (lambda link: True) if catalogs else (
        lambda link: link.relation not in CATALOG_RELATIONS)
    return LinkSummary(
        ref, title,
        [_line(index, link, link.target) for link in outgoing if keep(link)],
        [_line(index, link, link.source_key) for link in incoming if keep(link)],
    )


def _line(index: LinkIndex, link: Link, shown: str) -> LinkLine:
    return LinkLine(link.source_key, link.target, link.relation, title_of(index, shown),
                    link.file, link.line)


@dataclass(frozen=True)
class Edge:
    """Links from one document into another, counted per relation."""

    source: str
    target: str
    relation: str
    count: int


def document_graph(index: LinkIndex) -> tuple[list[str], list[Edge]]:
    """Documents that take part in links, and the edges between them."""
    counts: Counter[tuple[str, str, str]] = Counter(
        (link.document, link.target_document, link.relation)
        for link in index.links
        if link.relation in GRAPH_RELATIONS and link.target_document in index.documents
        and link.target_document != link.document
    )
    edges = [Edge(s, t, r, n) for (s, t, r), n in sorted(counts.items())]
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    return nodes, edges


def _node_ids(nodes: list[str]) -> dict[str, str]:
    """A Mermaid node id per document: letters, digits and '_' only, and unique (``a-b`` and
    ``a_b`` must not merge into one node)."""
    ids: dict[str, str] = {}
    for node in nodes:
        base = re.sub(r"[^A-Za-z0-9_]", "_", node) or "_"
        candidate, number = base, 1
        while candidate in ids.values():
            number += 1
            candidate = f"{base}_{number}"
        ids[node] = candidate
    return ids


def _label(index: LinkIndex, document_id: str) -> str:
    model = index.document(document_id)
    return (model.short_title or model.title) if model else document_id


_MERMAID_SAFE = re.compile(r"[\w ,.()/-]")


def mermaid_text(text: str) -> str:
    """Text for inside a Mermaid ``["…"]`` label: anything that could close the label, start
    markup or break the line becomes an entity code (``#60;``), which Mermaid shows as text."""
    return "".join(c if _MERMAID_SAFE.fullmatch(c) and c.isprintable() else f"#{ord(c)};"
                   for c in text)


def dot_string(text: str) -> str:
    """A DOT double-quoted string's content: quotes, backslashes and line breaks escaped,
    other control characters dropped, so an id can never add attributes or statements."""
    text = "".join(c for c in text if c.isprintable() or c == "\n")
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def to_mermaid(index: LinkIndex) -> str:
    """The document graph as a Mermaid flowchart."""
    nodes, edges = document_graph(index)
    ids = _node_ids(nodes)
    lines = ["graph LR"]
    for node in nodes:
        lines.append(f'  {ids[node]}["{mermaid_text(_label(index, node))}<br/>{mermaid_text(node)}"]')
    for e in edges:
        relation = mermaid_text(f"{e.relation} ×{e.count}")
        lines.append(f"  {ids[e.source]} -->|\"{relation}\"| {ids[e.target]}")
    return "\n".join(lines) + "\n"


def to_dot(index: LinkIndex) -> str:
    """The document graph in Graphviz DOT."""
    nodes, edges = document_graph(index)
    lines = ["digraph mvkplan {", "  rankdir=LR;", "  node [shape=box];"]
    for node in nodes:
        label = f"{dot_string(_label(index, node))}\\n{dot_string(node)}"
        lines.append(f'  "{dot_string(node)}" [label="{label}"];')
    for e in edges:
        lines.append(f'  "{dot_string(e.source)}" -> "{dot_string(e.target)}" '
                     f'[label="{dot_string(e.relation)} ×{e.count}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graph_dict(index: LinkIndex) -> dict[str, object]:
    """The document graph as plain data."""
    nodes, edges = document_graph(index)
    return {
        "nodes": [{"id": n, "title": _label(index, n)} for n in nodes],
        "edges": [{"source": e.source, "target": e.target, "relation": e.relation,
                   "count": e.count} for e in edges],
    }
