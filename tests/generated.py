"""Hypothesis strategies for valid documents of every kind, linking everything validate accepts.

The link targets are drawn from the real corpus (``plans/`` plus the shipped frameworks and
catalogs): every document id and every item key the index knows — framework goals and
targets, framework *sections*, plan areas, goals, activities, rows, catalog entries — plus
the generated document's own items. Text fields mix Swedish prose with Markdown and hostile
payloads (script tags, ``javascript:`` links, entities, footnote markers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import strategies as st

from conftest import PLANS, REPO
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.load import iter_documents, load_paths
from mvkplan.loading.shipped import shipped_documents

HOSTILE = [
    "<script>alert(1)</script>", "[klick](javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)",
    "[y](&#106;avascript:alert(1))", "[z](javascript&colon;alert(1))", "<img src=x onerror=alert(1)>",
    "**fet** och _kursiv_", "[^1]", "`kod`", "> citat", "- punkt\n- punkt", "&amp; &lt; &#0;",
    "{{ page }}", "{% raw %}", "\\", '"', "'", "ÅÄÖ åäö é ü", "a\u2028b", "%s %d {}", "# rubrik",
    "[[references]]", "<!-- kommentar -->", "[länk](https://example.se)", "\t indrag",
]

_plain = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
    min_size=1, max_size=30,
).filter(lambda s: s.strip() != "")
TEXT = st.one_of(_plain, st.sampled_from(HOSTILE), st.lists(st.sampled_from(HOSTILE), min_size=1,
                                                             max_size=3).map(" ".join))
SLUG = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}\Z")
KINDS = ["regional-plan", "strategy", "activity-plan", "local-plan", "framework", "county-profile",
         "catalog"]


@dataclass(frozen=True)
class Corpus:
    """The real documents and what can be linked in them."""

    documents: tuple[LoadedDocument, ...]
    references: tuple[str, ...]
    counties: tuple[str, ...]
    municipalities: tuple[str, ...]
    methods: tuple[str, ...]
    sources: tuple[str, ...]
    regulations: tuple[str, ...]
    forms: tuple[str, ...]


@cache
def corpus() -> Corpus:
    """Load ``plans/`` once per test process."""
    loaded = load_paths([PLANS], REPO)
    index = LinkIndex.build(iter_documents(shipped_documents(), loaded.documents))
    refs = sorted({*index.documents, *(item.key for items in index.items.values()
                                        for item in items.values())})

    def ids(catalog: str) -> tuple[str, ...]:
        return tuple(sorted(index.items.get(catalog, {})))

    return Corpus(tuple(loaded.documents), tuple(refs), ids("counties"), ids("municipalities"),
                  ids("methods"), ids("indicator-sources"), ids("regulations"), ids("violence-forms"))


def _refs(own: list[str], source: str, document_id: str) -> st.SearchStrategy[list[str]]:
    pool = [r for r in (*corpus().references, *own) if r not in (source, document_id)]
    return st.lists(st.sampled_from(pool), max_size=3, unique=True)


@st.composite
def document(draw: st.DrawFn, kind: str | None = None) -> dict[str, Any]:
    """A valid document (as plain data) of ``kind`` or any kind."""
    c = corpus()
    kind = kind or draw(st.sampled_from(KINDS))
    existing = {d.id for d in c.documents} | set(c.references)
    doc_id = draw(SLUG.filter(lambda s: s not in existing and s.split("/")[0] not in existing))
    data: dict[str, Any] = {"id": doc_id, "kind": kind, "title": draw(TEXT)}
    own: list[str] = []

    def item_id() -> str:
        value = draw(SLUG.filter(lambda s: f"{doc_id}/{s}" not in own))
        own.append(f"{doc_id}/{value}")
        return value

    def links(source: str) -> list[str]:
        return draw(_refs(own, f"{doc_id}/{source}", doc_id))

    if draw(st.booleans()):
        data["county"] = draw(st.sampled_from(c.counties))
    if draw(st.booleans()):
        start = draw(st.integers(1990, 2040))
        data["period"] = {"start": start, "end": start + draw(st.integers(0, 8))}
    data["status"] = draw(st.sampled_from(["draft", "adopted"]))
    if draw(st.booleans()):
        data["subtitle"] = draw(TEXT)
    if draw(st.booleans()):
        data["updated"] = draw(st.sampled_from(["2024", "2024-03", "2024-03-01"]))
    notes = [{"id": str(n), "text": draw(TEXT)} for n in range(1, draw(st.integers(0, 2)) + 1)]
    if notes:
        data["footnotes"] = notes
    sections = []
    for _ in range(draw(st.integers(0, 2))):
        section_id = item_id()
        section: dict[str, Any] = {"id": section_id, "title": draw(TEXT)}
        if draw(st.booleans()):
            section["body"] = draw(TEXT) + (" [^1]" if notes else "")
        section["links"] = links(section_id)
        sections.append(section)
    if sections:
        data["sections"] = sections
    if draw(st.booleans()):
        data["supersedes"] = draw(st.sampled_from([d.id for d in c.documents]))
    data["links"] = draw(_refs(own, doc_id, doc_id))
    if kind in ("regional-plan", "strategy", "activity-plan", "local-plan"):
        _plan(draw, data, kind, item_id, links)
    elif kind == "framework":
        data["item_label"] = draw(st.sampled_from(["Delmål", "Mål", "Mål 5"]))
        data["items"] = [_framework_item(draw, item_id, links, depth=0)
                         for _ in range(draw(st.integers(1, 3)))]
    elif kind == "county-profile":
        data["intro"] = draw(TEXT)
        data["publications"] = [
            {"title": draw(TEXT), **({"document": draw(st.sampled_from(c.references))}
                                     if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(0, 3)))
        ]
    else:
        if draw(st.booleans()):
            data["extends"] = draw(st.sampled_from(["methods", "indicator-sources", "regulations"]))
        data["entries"] = [{"id": item_id(), "name": draw(TEXT), "description": draw(TEXT)}
                           for _ in range(draw(st.integers(1, 3)))]
    return data


def _plan(draw: st.DrawFn, data: dict[str, Any], kind: str, item_id: Any, links: Any) -> None:
    c = corpus()
    if kind == "local-plan" and draw(st.booleans()):
        data["municipality"] = draw(st.sampled_from(c.municipalities))
    data["vision"] = draw(TEXT)
    data["target_groups"] = {"intro": draw(TEXT),
                             "violence_forms": draw(st.lists(st.sampled_from(c.forms), unique=True))}
    data["references"] = [
        {"type": "other", "title": draw(TEXT),
         **({"document": draw(st.sampled_from(c.references))} if draw(st.booleans()) else {}),
         **({"regulation": draw(st.sampled_from(c.regulations))} if draw(st.booleans()) else {})}
        for _ in range(draw(st.integers(0, 2)))
    ]
    areas = []
    for _ in range(draw(st.integers(0, 2))):
        area_id = item_id()
        area: dict[str, Any] = {"id": area_id, "title": draw(TEXT), "links": links(area_id)}
        goals = []
        for _ in range(draw(st.integers(0, 2))):
            goal_id = item_id()
            goals.append({
                "id": goal_id, "title": draw(TEXT), "links": links(goal_id),
                "examples": draw(st.lists(TEXT, max_size=2)),
                "methods": draw(st.lists(st.sampled_from(c.methods), max_size=2, unique=True)),
                "indicators": [{"source": draw(st.sampled_from(c.sources)), "frequency": "Årsvis"}],
            })
        area["goals"] = goals
        area["activities"] = []
        if draw(st.booleans()):
            activity_id = item_id()
            area["activities"] = [{"id": activity_id, "title": draw(TEXT), "links": links(activity_id),
                                   "target_group": draw(TEXT)}]
        area["rows"] = []
        if draw(st.booleans()):
            row_id = item_id()
            area["rows"] = [{"id": row_id, "problem": draw(TEXT), "measures": [draw(TEXT)],
                             "links": links(row_id)}]
        areas.append(area)
    data["areas"] = areas
    if kind == "strategy" and draw(st.booleans()):
        list_id = item_id()
        data["indicator_lists"] = [{"id": list_id, "title": draw(TEXT), "links": links(list_id),
                                    "indicators": [draw(TEXT)]}]
        data["regional_goals"] = [_framework_item(draw, item_id, links, depth=1)]


def _framework_item(draw: st.DrawFn, item_id: Any, links: Any, depth: int) -> dict[str, Any]:
    identifier = item_id()
    item: dict[str, Any] = {"id": identifier, "title": draw(TEXT), "links": links(identifier)}
    if draw(st.booleans()):
        item["number"] = draw(st.sampled_from(["1", "5.2", "A"]))
    if draw(st.booleans()):
        item["text"] = draw(TEXT)
    if depth == 0 and draw(st.booleans()):
        item["items"] = [_framework_item(draw, item_id, links, depth=1)
                         for _ in range(draw(st.integers(1, 2)))]
    return item


def to_yaml(data: dict[str, Any]) -> str:
    """Block YAML with every scalar double-quoted (JSON strings are valid YAML)."""
    return "\n".join(_block(data, 0)) + "\n"


def _block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, dict | list) and child:
                lines.append(f"{pad}{key}:")
                lines.extend(_block(child, indent + 2))
            else:
                lines.append(f"{pad}{key}: {_scalar(child)}")
    else:
        for child in value:
            if isinstance(child, dict | list) and child:
                inner = _block(child, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_scalar(child)}")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value == [] or value == {}:
        return "[]" if value == [] else "{}"
    return json.dumps(value, ensure_ascii=False)
