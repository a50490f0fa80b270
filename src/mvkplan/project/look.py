"""The county's own look: ``[tool.mvkplan.look]`` (logo, colours, fonts, Word reference template).

Everything here is data read from the repository, never code: the logo is a PNG, a JPEG or
an SVG that defusedxml parses with DTDs (and so entities) forbidden and that holds no script,
no event attribute and no reference outside itself; colours are hex values and font names
plain words, so that neither can break out of the CSS they are written into. Paths are
relative to the project root and may not leave it (symbolic links included); URLs are refused,
since nothing the PDF or Word file needs may be fetched.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from mvkplan.messages.words import system_error

MAX_LOGO_SIZE = 1024 * 1024
"""Largest logo accepted, in bytes (a county's logo is a few kilobytes)."""

ColorName = Literal["ink", "muted", "paper", "tint", "line", "navy", "navy-dark", "link",
                    "link-visited", "accent", "head", "notice", "notice-line", "focus"]
"""The colour variables of ``templates/static/mvkplan.css`` (its ``:root`` block)."""

HexColor = Annotated[str, StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
FontName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,62}$")]

TEXT_COLORS = ("ink", "muted", "navy", "navy-dark", "link", "link-visited", "accent", "notice-line")
"""Colours text is written in, on ``paper``: they must keep WCAG 2.1 AA contrast (4.5:1)."""
MINIMUM_CONTRAST = 4.5
DEFAULT_PAPER = "#ffffff"

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
LINK_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href"}


class LookSettings(BaseModel):
    """``[tool.mvkplan.look]``: how the county's PDFs and Word files look."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )

    logo: str | None = None
    """Image on the PDF's cover: a PNG, JPEG or SVG file in the repository, e.g. "bilder/logo.svg"."""
    logo_alt: str | None = None
    """What the logo says, for screen readers; without it the logo is decoration (an artifact)."""
    colors: dict[ColorName, HexColor] = {}
    """Colours by the name of their CSS variable, e.g. {navy = "#00395f", accent = "#b5121b"}."""
    fonts: dict[Literal["body", "heading"], FontName] = {}
    """Font families installed on the machine that makes the PDF, e.g. {body = "Liberation Serif"}."""
    reference_docx: str | None = None
    """Word file whose styles, page set-up, headers and footers 'render --format docx' uses."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes, their media type, and its text alternative (None: decoration)."""

    data: bytes
    media_type: str
    alt: str | None


@dataclass(frozen=True)
class Look:
    """The look, checked and read: what the exports use."""

    logo: Logo | None = None
    colors: dict[str, str] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    reference_docx: Path | None = None


class LookError(Exception):
    """A look setting that cannot be used; ``key`` names it (e.g. 'logo')."""

    def __init__(self, key: str, detail: str) -> None:
        super().__init__(detail)
        self.key = key
        self.detail = detail


def read_look(root: Path, settings: LookSettings) -> Look:
    """Check the files the settings name and read the logo (raises LookError)."""
    check_contrast({str(k): v for k, v in settings.colors.items()})
    logo = None
    if settings.logo is not None:
        path = repository_file(root, settings.logo, "logo")
        data = read_logo(path)
        logo = Logo(data, media_type(data), settings.logo_alt)
    reference = None
    if settings.reference_docx is not None:
        reference = repository_file(root, settings.reference_docx, "reference-docx")
        check_reference_docx(reference)
    return Look(logo=logo, colors={str(k): v for k, v in settings.colors.items()},
                fonts={str(k): v for k, v in settings.fonts.items()},
                reference_docx=reference)


DEFAULT_COLORS = {"ink": "#1b1f23", "muted": "#4f5b66", "paper": DEFAULT_PAPER, "navy": "#173a5e",
                  "navy-dark": "#0f2940", "link": "#0b5a8c", "link-visited": "#5b2a86",
                  "accent": "#00695c", "notice-line": "#a35200"}
"""The shipped stylesheet's text and paper colours (``:root`` of ``mvkplan.css``; a test keeps
them in step): a configured paper colour is checked against the text colours it keeps."""


def check_contrast(colors: dict[str, str]) -> None:
    """Refuse a text colour that is too faint on the paper colour (WCAG 2.1 AA, 1.4.3), the
    configured colours and the shipped ones they leave in place alike."""
    merged = {**DEFAULT_COLORS, **colors}
    paper = merged["paper"]
    for name in TEXT_COLORS:
        if contrast(merged[name], paper) < MINIMUM_CONTRAST:
            raise LookError("colors", f"{name} = '{merged[name]}' on paper '{paper}' has contrast "
                                      f"{contrast(merged[name], paper):.2f}:1; text needs {MINIMUM_CONTRAST}:1")


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two hex colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(color: str) -> float:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def repository_file(root: Path, written: str, key: str) -> Path:
    """``written`` as a regular file inside ``root`` (raises LookError for URLs and escapes)."""
    if "://" in written or written.split(":", 1)[0].lower() in {"data", "http", "https", "file"}:
        raise LookError(key, f"'{written}' is a URL; give a path to a file in the repository")
    relative = Path(written)
    if relative.is_absolute() or written.startswith("~"):
        raise LookError(key, f"'{written}' is not relative to the project root")
    base = root.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        raise LookError(key, f"'{written}' leads outside the project root")
    if not path.is_file():
        raise LookError(key, f"'{written}' is not a file in the project")
    return path


def media_type(data: bytes) -> str:
    """PNG or JPEG by their signature; anything else must be SVG."""
    head = data[:8]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return "image/svg+xml"


def read_logo(path: Path) -> bytes:
    """The logo's bytes, once they are known to be a PNG, a JPEG or a self-contained SVG."""
    try:
        if path.stat().st_size > MAX_LOGO_SIZE:
            raise LookError("logo", f"{path.name} is larger than {MAX_LOGO_SIZE // 1024} KiB")
        data = path.read_bytes()
    except OSError as exc:
        raise LookError("logo", f"{path.name}: {system_error(exc)}") from None
    if media_type(data) != "image/svg+xml":
        return data
    check_svg(data, path.name)
    return data


def check_svg(data: bytes, name: str) -> None:
    """Refuse an SVG that is not well-formed, has a DTD, or could run or fetch anything."""
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring
    except ImportError:  # a dependency; an install without it must not crash
        raise LookError("logo", "an SVG logo is read with defusedxml: pip install defusedxml") from None

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise LookError("logo", f"{name} has a DTD or entities; a logo needs neither") from None
    except ParseError as exc:
        raise LookError("logo", f"{name} is neither PNG, JPEG nor well-formed SVG ({exc})") from None
    if root.tag != f"{SVG_NAMESPACE}svg":
        raise LookError("logo", f"{name}: the root element is not <svg> in the SVG namespace")
    for element in root.iter():
        local = str(element.tag).rsplit("}", 1)[-1]
        if local in {"script", "foreignObject"}:
            raise LookError("logo", f"{name} contains <{local}>; a logo may hold drawing only")
        for attribute, value in element.attrib.items():
            if attribute.rsplit("}", 1)[-1].lower().startswith("on"):
                raise LookError("logo", f"{name}: attribute '{attribute}' would run code")
            if attribute in LINK_ATTRIBUTES and not value.strip().startswith("#"):
                raise LookError("logo", f"{name} refers outside itself ('{value}')")


def check_reference_docx(path: Path) -> None:
    """Refuse a reference template that is not a Word document with a styles part."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        raise LookError("reference-docx", f"{path.name} is not a Word (.docx) file") from None
    if not {"word/document.xml", "word/styles.xml"} <= names:
        raise LookError("reference-docx", f"{path.name} has no word/document.xml or word/styles.xml")
    try:  # what the Word export will do with it: a template (.dotx) or a broken package is refused here
        import docx

        docx.Document(str(path))
    except ImportError:
        return  # without the docx extra nothing reads it; 'render --format docx' says which extra
    except Exception as exc:  # noqa: BLE001 (python-docx raises ValueError, KeyError, lxml errors …)
        hint = " (a Word template, .dotx: save it as a document, .docx)" if "template" in str(exc) else ""
        raise LookError("reference-docx", f"{path.name} cannot be read as a Word document{hint}") from None
