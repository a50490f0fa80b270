"""Refuse a hostile or unreadable workbook before any spreadsheet library opens it.

Checked on the zip container alone, so a zip bomb, a macro project, an external link,
an XML entity declaration or a sheet of a million rows costs a look at the directory
and a few kilobytes, never the decompression or the parse.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 500
MAX_RATIO = 200
MAX_SHEET_XML = 25 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 64

MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
OTHER_SUFFIXES = (".xls", ".xlsb", ".ods", ".csv", ".numbers")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is not opened: a code and the values its message needs."""

    code: str
    values: dict[str, Any]


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
        return Refusal("S109", {"detail": exc.strerror or str(exc)})
    if size > MAX_FILE_BYTES:
        return Refusal("S110", {"size": size, "limit": MAX_FILE_BYTES})
    if not zipfile.is_zipfile(path):
        return Refusal("S101", {"what": "not a zip container"})
    try:
        with zipfile.ZipFile(path) as archive:
            return _inspect_archive(archive)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        return Refusal("S109", {"detail": str(exc)})


def _inspect_archive(archive: zipfile.ZipFile) -> Refusal | None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return Refusal("S103", {"detail": f"{len(members)} parts (limit {MAX_MEMBERS})"})
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        return Refusal("S103", {"detail": f"{total} bytes uncompressed (limit {MAX_TOTAL_UNCOMPRESSED})"})
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
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
        if name.endswith((".xml", ".rels", ".vml")):
            head = _head(archive, member)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return Refusal("S108", {"what": member.filename})
            if name == "[content_types].xml" and b"macroenabled" in _read(archive, member).lower():
                return Refusal("S102", {"what": "macro-enabled content type"})
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            refusal = _sheet_size(archive, member)
            if refusal:
                return refusal
    return None


def _head(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    with archive.open(member) as handle:
        return handle.read(4096)


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    with archive.open(member) as handle:
        return handle.read(256 * 1024)


def _sheet_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Refusal | None:
    if member.file_size > MAX_SHEET_XML:
        return Refusal("S104", {"what": member.filename, "detail": f"{member.file_size} bytes"})
    match = _DIMENSION.search(_head(archive, member))
    if match:
        last_column, last_row = match.group(3) or match.group(1), match.group(4) or match.group(2)
        if int(last_row) > MAX_ROWS or _column_number(last_column.decode()) > MAX_COLUMNS:
            return Refusal("S104", {"what": member.filename,
                                    "detail": f"{last_column.decode()}{int(last_row)}"})
    return None


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
