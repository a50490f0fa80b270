"""Repairs to the tag tree WeasyPrint writes, so that veraPDF accepts the PDF as PDF/UA-1.

WeasyPrint (70) tags the PDF from its layout boxes, and a few of its boxes do not map onto
PDF/UA's structure rules (ISO 14289-1, 7.2 and 7.18.5). Each repair below takes one such
shape and rewrites it into the one the standard names, without touching the page content:

- a table's out-of-flow (visually hidden) ``<caption>`` sits in a chain of anonymous
  ``Table`` elements inside the real one: the chain is dissolved, the ``Caption`` becomes
  the table's first child (7.2-3); rows straight under a table with a head get a ``TBody``,
  and a fragment left at the foot of a page with nothing but its head (WeasyPrint tags each
  page's part of a table as a table) holds that row as its body (7.2-14);
- every box inside a link (the hidden "Fotnot" before a footnote number) gets a link
  annotation of its own, hung on a ``Span``: it is hung on the enclosing ``Link`` (7.18.5-1);
- an ``<li>`` holding a paragraph and a nested list becomes ``LI[Lbl, Div]``: what is not the
  label goes into the item's ``LBody`` (7.2-20);
- collapsed white space leaves marked content that paints nothing, each in a ``Span`` of its
  own ("redundant span", WCAG 4.1.2): the marked content joins the element around it;
- an external link's description (``/Contents``) is its address, which assistive technology
  and WCAG 2.4.9 do not count as a description: it says "Länk till" the address.

The file is read and written with pikepdf (qpdf); the output depends on the input alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mvkplan.publish.exports import MissingExtra

LIST_ITEM_KIDS = {"/Lbl", "/LBody"}
TABLE_KIDS = {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"}
# Operators that put something on the page (text, paths, images, shadings).
PAINTING = {"Tj", "TJ", "'", '"', "Do", "sh", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "BI",
            "INLINE IMAGE"}


def repair_tags(data: bytes) -> bytes:
    """The PDF ``data`` with its tag tree repaired (see the module docstring)."""
    try:
        import pikepdf
    except ImportError:
        raise MissingExtra("pdf", "pikepdf") from None
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        tree = _Tree.of(pdf)
        tree.repair()
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


@dataclass
class _Tree:
    """The structure tree of an open PDF, with its parent tree (content → element) at hand."""

    pdf: Any
    nums: dict[int, Any]
    page_keys: dict[tuple[int, int], int]
    empty: set[tuple[tuple[int, int], int]] = field(default_factory=set)

    @classmethod
    def of(cls, pdf: Any) -> _Tree:
        """Read the parent tree (WeasyPrint writes it as one flat ``/Nums`` array)."""
        flat = pdf.Root.StructTreeRoot.ParentTree.Nums
        nums = {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}
        keys = {page.obj.objgen: int(page.obj.StructParents) for page in pdf.pages
                if "/StructParents" in page.obj}
        tree = cls(pdf, nums, keys)
        tree.empty = set(_empty_content(pdf))
        return tree

    def repair(self) -> None:
        """Apply every repair, bottom-up, then write the parent tree back."""
        root = self.pdf.Root.StructTreeRoot
        for element in list(_elements(root)):
            self._hang_link_annotations(element)
        for element in list(_elements(root)):
            self._dissolve_empty_span(element)
        for element in list(_elements(root)):
            if element.S == "/Table":
                self._repair_table(element)
            elif element.S == "/LI":
                self._repair_list_item(element)
            elif element.S == "/Link":
                self._describe_link(element)
        flat = root.ParentTree.Nums
        del flat[:]
        for key in sorted(self.nums):
            flat.append(key)
            flat.append(self.nums[key])

    # -- the repairs ------------------------------------------------------------------------

    def _hang_link_annotations(self, element: Any) -> None:
        if element.S == "/Link":
            return
        links = [kid for kid in _kids(element) if _is_objr(kid)]
        if not links:
            return
        target = _ancestor(element, "/Link")
        if target is None:
            if element.S == "/Span":  # a link of its own: tag it as one
                element.S = _name("/Link")
            return
        _set_kids(element, [kid for kid in _kids(element) if not _is_objr(kid)])
        for objr in links:
            self._adopt(target, objr)
            _set_kids(target, [*_kids(target), objr])

    def _dissolve_empty_span(self, element: Any) -> None:
        if element.S != "/Span" or "/P" not in element:
            return
        kids = _kids(element)
        page = _page(element)
        if not kids or page is None or not all(_is_mcid(k) and (page, int(k)) in self.empty
                                               for k in kids):
            return
        parent = element.P
        moved = [self._move(kid, element, parent) for kid in kids]
        siblings = _kids(parent)
        at = next(i for i, kid in enumerate(siblings) if _same(kid, element))
        _set_kids(parent, [*siblings[:at], *moved, *siblings[at + 1:]])

    def _repair_table(self, table: Any) -> None:
        kids = list(self._flatten_tables(table))
        captions = [k for k in kids if _role(k) == "/Caption"]
        rest = [k for k in kids if _role(k) != "/Caption"]
        roles = {_role(k) for k in rest}
        if "/THead" in roles and "/TR" in roles:
            rest = self._wrap_rows(table, rest)
        elif "/THead" in roles and "/TBody" not in roles:
            # A fragment left at the foot of a page with its head and no row (the rows and
            # the repeated head follow on the next page): its one row is all it holds.
            for kid in rest:
                if _role(kid) == "/THead":
                    kid.S = _name("/TBody")
        for kid in [*captions, *rest]:
            self._adopt(table, kid)
        _set_kids(table, [*captions, *rest])

    def _flatten_tables(self, table: Any) -> Iterator[Any]:
        for kid in _kids(table):
            if _role(kid) == "/Table":
                yield from self._flatten_tables(kid)
            else:
                yield kid

    def _wrap_rows(self, table: Any, kids: list[Any]) -> list[Any]:
        """Rows straight under a table that has a head go into a body of their own."""
        out: list[Any] = []
        body = None
        for kid in kids:
            if _role(kid) != "/TR":
                out.append(kid)
                body = None
                continue
            if body is None:
                body = self._new_element("/TBody", table)
                out.append(body)
            self._adopt(body, kid)
            _set_kids(body, [*_kids(body), kid])
        return out

    def _repair_list_item(self, item: Any) -> None:
        kids = _kids(item)
        others = [k for k in kids if _role(k) != "/Lbl"]
        if all(_role(k) == "/LBody" for k in others) and len(others) <= 1:
            return
        body = self._new_element("/LBody", item)
        content: list[Any] = []
        for kid in others:
            if _role(kid) == "/LBody":
                content.extend(self._move(grandkid, kid, body) for grandkid in _kids(kid))
            else:
                content.append(self._move(kid, item, body))
        _set_kids(body, content)
        _set_kids(item, [*(k for k in kids if _role(k) == "/Lbl"), body])

    def _describe_link(self, link: Any) -> None:
        for kid in _kids(link):
            if not _is_objr(kid):
                continue
            annotation = kid.Obj
            uri = str(annotation.get("/A", {}).get("/URI", ""))
            if uri and str(annotation.get("/Contents", "")) == uri:
                annotation.Contents = _string(f"Länk till {uri.split('://', 1)[-1]}")

    # -- helpers --------------------------------------------------------------------------

    def _new_element(self, role: str, parent: Any) -> Any:
        import pikepdf

        element = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(role), P=parent,
                                     K=pikepdf.Array())
        if _page_ref(parent) is not None:
            element.Pg = _page_ref(parent)
        return self.pdf.make_indirect(element)

    def _move(self, kid: Any, source: Any, target: Any) -> Any:
        """``kid`` of ``source`` as a kid of ``target``, owned by it (a bare MCID names
        its page through the element holding it: one that changes page becomes an MCR)."""
        import pikepdf

        if _is_mcid(kid) and _page(source) != _page(target):
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=_page_ref(source), MCID=int(kid))
        self._adopt(target, kid)
        return kid

    def _adopt(self, parent: Any, kid: Any) -> None:
        """Make ``parent`` the owner of ``kid``: its /P, or its entry in the parent tree."""
        import pikepdf

        if _role(kid) is not None:
            kid.P = parent
        elif _is_objr(kid):
            self.nums[int(kid.Obj.StructParent)] = parent
        elif _is_mcid(kid) or (isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid):
            page = _page(parent) if _is_mcid(kid) else kid.Pg.objgen
            mcid = int(kid) if _is_mcid(kid) else int(kid.MCID)
            if page in self.page_keys:
                self.nums[self.page_keys[page]][mcid] = parent


def _empty_content(pdf: Any) -> Iterator[tuple[tuple[int, int], int]]:
    """(page, MCID) of every marked-content sequence that paints nothing."""
    import pikepdf

    for page in pdf.pages:
        open_marks: list[list[Any]] = []  # [mcid or None, painted]
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator in {"BDC", "BMC"}:
                props = instruction.operands[1] if operator == "BDC" else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                open_marks.append([mcid, False])
            elif operator == "EMC" and open_marks:
                mcid, painted = open_marks.pop()
                if mcid is not None and not painted:
                    yield page.obj.objgen, int(mcid)
                if painted and open_marks:
                    open_marks[-1][1] = True
            elif operator in PAINTING and open_marks:
                open_marks[-1][1] = True


def _elements(node: Any) -> Iterator[Any]:
    """Every structure element below ``node``, children before parents."""
    for kid in _kids(node):
        if _role(kid) is not None:
            yield from _elements(kid)
            yield kid


def _kids(node: Any) -> list[Any]:
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _set_kids(node: Any, kids: list[Any]) -> None:
    import pikepdf

    node.K = pikepdf.Array(kids)


def _role(kid: Any) -> str | None:
    import pikepdf

    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
        return str(kid.S)
    return None


def _is_objr(kid: Any) -> bool:
    import pikepdf

    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR


def _is_mcid(kid: Any) -> bool:
    return isinstance(kid, int)  # pikepdf gives PDF integers as Python ints


def _same(a: Any, b: Any) -> bool:
    return _role(a) is not None and a.is_indirect and b.is_indirect and a.objgen == b.objgen


def _ancestor(element: Any, role: str) -> Any:
    node = element.get("/P")
    while node is not None and _role(node) is not None:
        if _role(node) == role:
            return node
        node = node.get("/P")
    return None


def _page_ref(element: Any) -> Any:
    node = element
    while node is not None:
        if "/Pg" in node:
            return node.Pg
        node = node.get("/P")
    return None


def _page(element: Any) -> tuple[int, int] | None:
    ref = _page_ref(element)
    return ref.objgen if ref is not None else None


def _name(role: str) -> Any:
    import pikepdf

    return pikepdf.Name(role)


def _string(text: str) -> Any:
    import pikepdf

    return pikepdf.String(text)
