"""Framework texts quoted where a plan lists them, from the shipped frameworks only.

A plan names 'agenda2030/5.2'; the wording printed under it comes from the framework
document, so every plan quotes the same, current text.
"""

from __future__ import annotations

from mvkplan.index.linkformat import sort_key
from mvkplan.index.linkindex import Item
from mvkplan.index.titles import document_title
from mvkplan.models import Framework, FrameworkItem
from mvkplan.publish.render.links import Urls
from mvkplan.publish.render.markdown import Writer
from mvkplan.publish.render.views import Quote, QuoteBlock, QuoteGroup


def quote_blocks(refs: list[str], urls: Urls, writer: Writer, *,
                 titles: bool = True) -> list[QuoteBlock]:
    """The framework items among ``refs``, grouped by framework and by parent goal.

    With ``titles=False`` only items with an official text are quoted.
    """
    by_framework: dict[str, list[Item]] = {}
    for ref in dict.fromkeys(refs):
        item = urls.index.item(ref)
        # Only goals and targets have official texts; a link to a framework's section (or to
        # anything else validate accepts) is named elsewhere, never quoted.
        if item is None or not isinstance(item.obj, FrameworkItem) \
                or not isinstance(urls.index.document(item.document), Framework):
            continue
        if not titles and not item.obj.text and not any(c.text for c in item.obj.items):
            continue
        by_framework.setdefault(item.document, []).append(item)
    blocks = []
    for framework_id, items in by_framework.items():
        model = urls.index.document(framework_id)
        assert isinstance(model, Framework)
        groups = _groups(model, items, urls, writer)
        blocks.append(QuoteBlock(document_title(urls.index, framework_id),
                                 urls.document(framework_id), groups))
    return blocks


def _groups(model: Framework, items: list[Item], urls: Urls, writer: Writer) -> list[QuoteGroup]:
    parents = _parents(model.items)
    label = model.item_label or ""
    wanted = {item.id for item in items}
    groups: list[QuoteGroup] = []
    loose: list[Quote] = []
    # Top-level items and their linked children, in the framework's own numeric order.
    ordered = sorted(items, key=lambda i: sort_key(i.id))
    done: set[str] = set()
    for item in ordered:
        if item.id in done:
            continue
        parent = parents.get(item.id)
        if parent is None and not any(parents.get(w) is item.obj for w in wanted):
            loose.append(_quote(item.obj, model.id, urls, writer))
            done.add(item.id)
            continue
        head = parent or item.obj
        if loose:
            groups.append(QuoteGroup(None, None, None, loose))
            loose = []
        children = [c for c in head.items if c.id in wanted]
        done.update(c.id for c in children)
        done.add(head.id)
        heading = f"{label} {head.number}: {head.title}" if head.number else head.title
        groups.append(QuoteGroup(
            heading.strip(), urls.document(model.id, head.id),
            writer.block(head.text) if head.text else None,
            [_quote(child, model.id, urls, writer) for child in children],
        ))
    if loose:
        groups.append(QuoteGroup(None, None, None, loose))
    return groups


def _quote(item: FrameworkItem, framework_id: str, urls: Urls, writer: Writer) -> Quote:
    return Quote(item.number, item.title, writer.inline(item.text) if item.text else None,
                 urls.document(framework_id, item.id))


def _parents(items: list[FrameworkItem]) -> dict[str, FrameworkItem]:
    found: dict[str, FrameworkItem] = {}
    for item in items:
        for child in item.items:
            found[child.id] = item
        found.update(_parents(item.items))
    return found
