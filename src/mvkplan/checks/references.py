"""Reference checks over a built :class:`LinkIndex`: every problem validate reports about links."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from mvkplan.index.linkindex import CATALOG_RELATIONS, REF, Link, LinkIndex
from mvkplan.index.lookup import closest_entry, find_entry
from mvkplan.index.stored import LinkProblems
from mvkplan.messages.i18n import t
from mvkplan.messages.problems import Problem, Severity
from mvkplan.messages.textmatch import closest
from mvkplan.project.paths import is_portable_name

_CATALOG_OF_RELATION = {"county": "counties", "municipality": "municipalities"}


def check_index(index: LinkIndex, unloaded: Mapping[str, str] | None = None,
                checked: Mapping[str, LinkProblems] | None = None) -> Iterator[Problem]:
    """Identity problems (ids, file names) and link problems, in no particular order.

    ``unloaded`` maps the ids of documents whose files failed to load to those files: a link
    to one of them is reported as such, not as an unknown document with a false "did you mean".
    ``checked``: the link problems of every document, as :func:`links_checked` gives them.
    """
    yield from _identity_problems(index)
    if checked is None:
        checked = links_checked(index, unloaded)
    for found in checked.values():
        yield from found.problems
    for found in checked.values():
        yield from found.unloadable
    yield from _supersedes_cycles(index)


def links_checked(index: LinkIndex, unloaded: Mapping[str, str] | None = None,
                  kept: Mapping[str, LinkProblems] | None = None) -> dict[str, LinkProblems]:
    """The link problems of every indexed document, in index order: ``kept``'s for the
    documents it holds (the caller vouches they still stand), found anew for the others."""
    checked: dict[str, LinkProblems] = {}
    for document_id in index.documents:
        known = kept.get(document_id) if kept is not None else None
        checked[document_id] = known if known is not None else _document_links(
            index, index.links_from(document_id), unloaded or {})
    return checked


def _document_links(index: LinkIndex, links: list[Link], unloaded: Mapping[str, str]) -> LinkProblems:
    """The problems of one document's links (E308 once per target document)."""
    problems: list[Problem] = []
    unloadable: dict[str, list[Problem]] = {}
    for link in links:
        if link.relation in CATALOG_RELATIONS:
            continue  # unknown methods, sources, regulations: lint's job, with its own codes
        for problem in _link_problems(index, link, unloaded):
            if problem.code == "E308":  # once per file and document, not once per link
                unloadable.setdefault(link.target_document, []).append(problem)
            else:
                problems.append(problem)
    once = []
    for target, found in unloadable.items():
        first = min(found)
        message = first.message if len(found) == 1 else t("E308.many", target=target, count=len(found))
        once.append(Problem(first.path, first.line, first.column, "E308", message, hint=first.hint))
    return LinkProblems(tuple(problems), tuple(once))


def _identity_problems(index: LinkIndex) -> Iterator[Problem]:
    for loaded in index.documents.values():
        if not loaded.shipped and not is_portable_name(loaded.id):
            line, column = loaded.position(("id",))
            yield Problem(loaded.path, line, column, "E213", t("E213", id=loaded.id), hint=t("E213.hint"))
        stem = _stem(loaded.path)
        if not loaded.shipped and stem != loaded.id:
            line, column = loaded.position(("id",))
            yield Problem(loaded.path, line, column, "E210", t("E210", id=loaded.id, stem=stem),
                          hint=t("E210.hint", id=loaded.id))
    for duplicate, original in index.duplicate_documents:
        line, column = duplicate.position(("id",))
        yield Problem(duplicate.path, line, column, "E211",
                      t("E211", id=duplicate.id, other=original.path), hint=t("E211.hint"))
    for owner, item, first in index.duplicates:
        line, column = owner.position((*item.path, "id"))
        first_line, _ = owner.position((*first.path, "id"))
        yield Problem(owner.path, line, column, "E212", t("E212", id=item.id, first=first_line),
                      hint=t("E212.hint"))


def _stem(shown: str) -> str:
    """``PurePosixPath(shown).stem`` of a shown path (normalised, '/'-separated), without
    making a path object per document."""
    name = shown.rstrip("/").rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _link_problems(index: LinkIndex, link: Link, unloaded: Mapping[str, str]) -> Iterator[Problem]:
    def at() -> tuple[str, int, int]:  # positions are read only for a link that is reported
        return (link.file, *link.owner.position(link.path))

    if not REF.match(link.target):
        yield Problem(*at(), "E306", t("E306", target=link.target), hint=t("E306.hint"))
        return
    if link.relation in _CATALOG_OF_RELATION:
        catalog = _CATALOG_OF_RELATION[link.relation]
        if not index.resolves(link.target):
            value = link.target_item or ""
            label = getattr(index.document(catalog), "entry_label", None) or catalog
            yield Problem(*at(), "E307", t("E307", catalog=label, value=value),
                          hint=_catalog_hint(index, catalog, value))
        return
    document_id, item_id = link.target_document, link.target_item
    if document_id not in index.documents and document_id in unloaded:
        yield Problem(*at(), "E308", t("E308", target=document_id),
                      hint=t("E308.hint", path=unloaded[document_id]))
        return
    if document_id not in index.documents:
        close = closest(document_id, index.documents)
        hint = t("hint.did_you_mean", close=close) if close else None
        yield Problem(*at(), "E301", t("E301", target=document_id), hint=hint)
        return
    if item_id is not None and index.item(link.target) is None:
        close = closest(item_id, index.item_ids(document_id))
        hint = t("hint.did_you_mean", close=f"{document_id}/{close}") if close else None
        yield Problem(*at(), "E302", t("E302", document=document_id, item=item_id), hint=hint)
        return
    if link.target in (link.source_key, link.document) and link.relation != "cites":
        yield Problem(*at(), "E304", t("E304"), hint=t("E304.hint"))
        return
    successor = _successor(index, document_id)
    if item_id is not None and successor and successor != link.document:
        yield Problem(*at(), "E303", t("E303", target=link.target, document=document_id,
                                     successor=successor),
                      severity=Severity.WARNING, hint=t("E303.hint", successor=successor))


def _catalog_hint(index: LinkIndex, catalog: str, value: str) -> str | None:
    """'07 is the code of kronoberg', or a did-you-mean over ids, codes and names."""
    exact = find_entry(index, catalog, value)
    if exact is not None:
        return t("E307.hint.named", value=value, id=exact.id, name=exact.name)
    close = closest_entry(index, catalog, value)
    return t("hint.did_you_mean.named", close=close.id, name=close.name) if close else None


def _successor(index: LinkIndex, document_id: str) -> str | None:
    successor = index.successor_of(document_id)
    if successor:
        return successor
    loaded = index.documents.get(document_id)
    return "?" if loaded is not None and loaded.status == "superseded" else None


def _supersedes_cycles(index: LinkIndex) -> Iterator[Problem]:
    following = {link.document: link for link in index.links if link.relation == "supersedes"}
    reported: set[str] = set()
    for start in sorted(following):
        chain = [start]
        current = following[start].target
        while current in following and current not in chain:
            chain.append(current)
            current = following[current].target
        if current == start and not reported.intersection(chain):
            reported.update(chain)
            link = following[start]
            cycle = " → ".join([*chain, start])
            yield Problem(link.file, link.line, link.column, "E305", t("E305", cycle=cycle),
                          hint=t("E305.hint"))
