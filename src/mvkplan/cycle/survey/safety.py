"""Refuse a hostile or unreadable workbook before any spreadsheet library opens it.

First the zip directory alone (sizes, ratios, part names of macro projects), so a zip bomb
costs a look at the directory, never the decompression. Then every XML part is parsed by
defusedxml, streaming and to its end: a DTD or entity declaration anywhere is refused (not
only in a part's first kilobytes), rows are counted as they go by and the count stops at the
limit (a sheet's ``<dimension>`` is only a claim), and external links are found by what the
content types and relationships say a part is, wherever it is stored and whatever it is called.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from mvkplan.messages.words import system_error

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 500
MAX_RATIO = 200
MAX_SHEET_XML = 25 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 64

MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
OTHER_SUFFIXES = (".xls", ".xlsb", ".ods", ".csv", ".numbers")
CONTENT_TYPES = "[Content_Types].xml"
_EXTERNAL_TYPES = ("externallink", "externallinkpath", "externallinklong")
"""Relationship types and content types (lower case) of a link to another workbook."""
_VML_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is not opened: a code and the values its message needs."""

    code: str
    values: dict[str, Any]


class _Refused(Exception):
    """Raised inside the streaming parse to stop at the first reason to refuse."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.code)
        self.refusal = refusal


def inspect(path: Path) -> Refusal | None:
    """``None`` when ``path`` is safe to open as an .xlsx workbook, else the reason it is not."""
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        return Refusal("S102", {"what": suffix})
    if suffix in OTHER_SUFFIXES:
        return Refusal("S101", {"what": suffix})
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Refusal("S109", {"detail": system_error(exc)})
    if size > MAX_FILE_BYTES:
        return Refusal("S110", {"size": size, "limit": MAX_FILE_BYTES})
    if not zipfile.is_zipfile(path):
        return Refusal("S101", {"what": "not a zip container"})
    try:
        with zipfile.ZipFile(path) as archive:
            return _directory(archive) or _parts(archive)
    except _Refused as refused:
        return refused.refusal
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        return Refusal("S109", {"detail": str(exc)})


def _directory(archive: zipfile.ZipFile) -> Refusal | None:
    """What the zip directory alone gives away: too many parts, too large, a bomb, a macro project."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return Refusal("S103", {"detail": f"{len(members)} parts (limit {MAX_MEMBERS})"})
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        return Refusal("S103", {"detail": f"{total} bytes uncompressed (limit {MAX_TOTAL_UNCOMPRESSED})"})
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names or CONTENT_TYPES not in names:
        return Refusal("S101", {"what": "no xl/workbook.xml"})
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            return Refusal("S103", {"detail": f"{member.filename} expands {ratio}×"})
        name = member.filename.lower()
        if name.endswith("vbaproject.bin") or "/vba" in name or name.startswith("xl/activex"):
            return Refusal("S102", {"what": member.filename})
        if name.startswith("xl/externallinks/"):
            return Refusal("S105", {"what": member.filename})
    return None


def _parts(archive: zipfile.ZipFile) -> Refusal | None:
    """Every XML part parsed to its end: content types first, since they say what the others are."""
    defaults, overrides = _content_types(archive)
    for member in archive.infolist():
        name = member.filename
        if name == CONTENT_TYPES or name.endswith("/"):
            continue
        extension = name.rpartition(".")[2].lower()
        kind = overrides.get("/" + name.lower()) or defaults.get(extension, "")
        if any(external in kind for external in _EXTERNAL_TYPES):
            return Refusal("S105", {"what": name})
        if extension == "vml":
            _vml(archive, member)  # Excel's VML is not always well-formed XML: scanned, not parsed
        elif extension in ("xml", "rels") or kind.endswith("xml"):
            if member.file_size > MAX_SHEET_XML:
                return Refusal("S104", {"what": name, "detail": f"{member.file_size} bytes"})
            _xml_part(archive, member, relationships=extension == "rels")
    return None


def _content_types(archive: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """Content type by extension and by part name (both lower case); refuses macro-enabled types."""
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for element in _elements(archive, archive.getinfo(CONTENT_TYPES)):
        kind = (element.get("ContentType") or "").lower()
        if "macroenabled" in kind or "vbaproject" in kind:
            raise _Refused(Refusal("S102", {"what": "macro-enabled content type"}))
        local = _local(element.tag)
        if local == "Default":
            defaults[(element.get("Extension") or "").lower()] = kind
        elif local == "Override":
            overrides[(element.get("PartName") or "").lower()] = kind
    return defaults, overrides


def _xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, relationships: bool) -> None:
    """Parse one part to its end; refuse external links, too many rows or columns."""
    rows = 0
    for element in _elements(archive, member):
        local = _local(element.tag)
        if relationships and local == "Relationship":
            _relationship(member.filename, element)
        elif local == "externalReference":
            raise _Refused(Refusal("S105", {"what": f"{member.filename}: externalReference"}))
        elif local == "row":
            rows += 1
            number = _int(element.get("r"))
            if rows > MAX_ROWS or number > MAX_ROWS:
                raise _Refused(Refusal("S104", {"what": member.filename,
                                                "detail": f"more than {MAX_ROWS} rows"}))
        elif local == "c":
            letters = (element.get("r") or "").rstrip("0123456789")
            if letters.isascii() and letters.isalpha() and _column_number(letters.upper()) > MAX_COLUMNS:
                raise _Refused(Refusal("S104", {"what": member.filename, "detail": f"column {letters}"}))
        elif local == "dimension":
            _dimension(member.filename, element.get("ref") or "")


def _relationship(part: str, element: Element) -> None:
    kind = (element.get("Type") or "").lower().rpartition("/")[2]
    external = (element.get("TargetMode") or "").lower() == "external"
    # a hyperlink in a comment is harmless text; any other part fetched from outside is not
    if kind in _EXTERNAL_TYPES or (external and kind != "hyperlink"):
        raise _Refused(Refusal("S105", {"what": f"{part}: {element.get('Target') or kind}"}))


def _dimension(part: str, ref: str) -> None:
    """A claimed size beyond the limits is refused too (what openpyxl's read-only mode sizes by)."""
    last = ref.rpartition(":")[2]
    letters = last.rstrip("0123456789")
    if not (letters.isascii() and letters.isalpha()):
        return
    if _int(last[len(letters):]) > MAX_ROWS or _column_number(letters.upper()) > MAX_COLUMNS:
        raise _Refused(Refusal("S104", {"what": part, "detail": last}))


def _elements(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[Element]:
    """The part's elements as they start (attributes complete), each freed once it ends."""
    try:
        with archive.open(member) as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    yield element
                else:
                    element.clear()
    except DefusedXmlException as exc:
        raise _Refused(Refusal("S108", {"what": member.filename})) from exc
    except ParseError as exc:
        raise _Refused(Refusal("S109", {"detail": f"{member.filename}: {exc}"})) from exc


def _vml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a DTD or entity declaration anywhere in a VML part, read in chunks that overlap."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_VML_CHUNK):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _Refused(Refusal("S108", {"what": member.filename}))
            tail = window[-16:]


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def _int(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() else 0


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
