"""What a document or item links to, what links back, and the repository's link graph."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mvkplan.index import CATALOG_RELATIONS, Link, LinkIndex

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


def _node_id(document_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", document_id)


def _label(index: LinkIndex, document_id: str) -> str:
    model = index.document(document_id)
    return (model.short_title or model.title) if model else document_id


def to_mermaid(index: LinkIndex) -> str:
    """The document graph as a Mermaid flowchart."""
    nodes, edges = document_graph(index)
    lines = ["graph LR"]
    for node in nodes:
        label = _label(index, node).replace('"', "'")
        lines.append(f'  {_node_id(node)}["{label}<br/>{node}"]')
    for e in edges:
        lines.append(f"  {_node_id(e.source)} -->|{e.relation} ×{e.count}| {_node_id(e.target)}")
    return "\n".join(lines) + "\n"


def to_dot(index: LinkIndex) -> str:
    """The document graph in Graphviz DOT."""
    nodes, edges = document_graph(index)
    lines = ["digraph mvkplan {", "  rankdir=LR;", "  node [shape=box];"]
    for node in nodes:
        label = _label(index, node).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'  "{node}" [label="{label}\\n{node}"];')
    for e in edges:
        lines.append(f'  "{e.source}" -> "{e.target}" [label="{e.relation} ×{e.count}"];')
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
