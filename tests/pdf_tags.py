"""What PDF/UA-1 asks of a PDF's tag tree, read with pikepdf (no tests of its own).

``tag_problems`` encodes the veraPDF rules the PDFs once failed, so that generated documents
can be checked quickly, without Java: 7.2-3 (a Table holds only TR, THead, TBody, TFoot,
Caption), 7.2-14 (a THead needs a TBody), 7.2-20 (an LI holds only Lbl and LBody), 7.18.5-1
(a link annotation hangs on a Link), WCAG 2.4.9 (a link's description is not an address) and
4.1.2 "redundant span" (no Span whose content paints nothing). It also checks what a repair
must never break: every piece of marked content on a page belongs to exactly one element, and
the parent tree names that element. ``verapdf`` runs the real validator where it is installed.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from defusedxml import ElementTree

from conftest import REPO

VERAPDF = Path(os.environ.get("MVKPLAN_VERAPDF", REPO.parent / "shared" / "tools" / "verapdf" / "verapdf"))
PAINTING = {"Tj", "TJ", "'", '"', "Do", "sh", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "BI",
            "INLINE IMAGE"}


def verapdf_available() -> bool:
    """veraPDF's script beside the repository (or $MVKPLAN_VERAPDF), and Java to run it."""
    return VERAPDF.is_file() and shutil.which("java") is not None


@dataclass(frozen=True)
class Verdict:
    """veraPDF's verdict on one file: the rules it failed, as 'clause-test (checks)'."""

    file: str
    failed: tuple[str, ...]


def verapdf(files: list[Path], *, wcag: bool = False) -> list[Verdict]:
    """Run veraPDF once over ``files`` (PDF/UA-1, or with ``wcag`` the WCAG 2.2 machine profile)."""
    command = [str(VERAPDF), *(["--wcag"] if wcag else []), *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    assert run.returncode in (0, 1), f"veraPDF could not run ({run.returncode}): {run.stderr[-2000:]}"
    verdicts = []
    for job in ElementTree.fromstring(run.stdout).iter("job"):
        name = job.findtext("item/name") or "?"
        details = job.find("validationReport/details")
        assert details is not None, f"veraPDF gave no report for {name}"
        failed = tuple(f"{rule.get('clause')}-{rule.get('testNumber')} ({rule.get('failedChecks')})"
                       for rule in details.iter("rule") if rule.get("status") == "failed")
        verdicts.append(Verdict(Path(name).name, failed))
    assert sorted(v.file for v in verdicts) == sorted(f.name for f in files)
    return verdicts


def tag_problems(data: bytes) -> list[str]:
    """Every way the PDF's tag tree breaks the rules above, as readable lines."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        flat = root.ParentTree.Nums
        nums = {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}
        owners: dict[tuple[tuple[int, int], int], list[Any]] = {}
        for element in _elements(root):
            role = str(element.S)
            kids = _kids(element)
            roles = [str(k.S) for k in kids if _is_element(k)]
            if role == "/Table":
                bad = sorted(set(roles) - {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"})
                if bad:
                    problems.append(f"7.2-3: Table holds {bad}")
                if "/THead" in roles and "/TBody" not in roles:
                    problems.append(f"7.2-14: Table {roles} has a THead and no TBody")
            if role == "/LI" and (set(roles) - {"/Lbl", "/LBody"} or len(roles) != len(kids)):
                problems.append(f"7.2-20: LI holds {roles}")
            for kid in kids:
                if _is_objr(kid) and role != "/Link":
                    problems.append(f"7.18.5-1: a link annotation hangs on {role}")
                page, mcid = _content(kid, element)
                if mcid is not None:
                    owners.setdefault((page, mcid), []).append(element)
        empty = set(_empty_content(pdf))
        for element in _elements(root):
            mcids = [_content(k, element) for k in _kids(element) if not _is_element(k)]
            if str(element.S) == "/Span" and mcids and all(m in empty for m in mcids):
                problems.append("4.1.2-17: a Span whose content paints nothing")
        keys = {page.obj.objgen: int(page.obj.StructParents) for page in pdf.pages
                if "/StructParents" in page.obj}
        reachable = {element.objgen for element in _elements(root)}
        for page_and_mcid in _marked_content(pdf):
            found = owners.get(page_and_mcid, [])
            page, mcid = page_and_mcid
            named = nums[keys[page]][mcid]
            if not found:
                # Only the running header and footer stay outside the tree (WeasyPrint
                # tags them apart: an Artifact in the tree needs PDF 2.0).
                if named.objgen in reachable:
                    problems.append(f"content of {named.S} lost from the tree")
            elif len(found) > 1:
                problems.append(f"content {page_and_mcid} belongs to {len(found)} elements")
            elif named.objgen != found[0].objgen:
                problems.append(f"the parent tree names {named.S} for content of {found[0].S}")
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                owner = nums.get(int(annotation.get("/StructParent", -1)))
                if owner is None or str(owner.S) != "/Link":
                    problems.append("7.18.5-1: a link annotation's parent-tree entry is no Link")
                if re.match(r"[a-z][a-z0-9+.-]*://", str(annotation.get("/Contents", "")), re.I):
                    problems.append(f"2.4.9-1: a link described by its address: {annotation.Contents}")
    return problems


def _elements(node: Any) -> Iterator[Any]:
    for kid in _kids(node):
        if _is_element(kid):
            yield kid
            yield from _elements(kid)


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _is_objr(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"


def _page_of(element: Any) -> tuple[int, int] | None:
    node = element
    while node is not None and isinstance(node, pikepdf.Dictionary):
        if "/Pg" in node:
            return node.Pg.objgen
        node = node.get("/P")
    return None


def _content(kid: Any, element: Any) -> tuple[tuple[int, int] | None, int | None]:
    if isinstance(kid, int):
        return _page_of(element), kid
    if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
        return (kid.Pg.objgen if "/Pg" in kid else _page_of(element)), int(kid.MCID)
    return None, None


def _marked_content(pdf: Any) -> Iterator[tuple[tuple[int, int], int]]:
    for page in pdf.pages:
        for instruction in pikepdf.parse_content_stream(page):
            if str(instruction.operator) == "BDC":
                props = instruction.operands[1]
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    yield page.obj.objgen, int(props.MCID)


def _empty_content(pdf: Any) -> Iterator[tuple[tuple[int, int], int]]:
    for page in pdf.pages:
        stack: list[list[Any]] = []
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator in {"BDC", "BMC"}:
                props = instruction.operands[1] if operator == "BDC" else None
                stack.append([props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None, False])
            elif operator == "EMC" and stack:
                mcid, painted = stack.pop()
                if mcid is not None and not painted:
                    yield page.obj.objgen, int(mcid)
                if painted and stack:
                    stack[-1][1] = True
            elif operator in PAINTING and stack:
                stack[-1][1] = True
