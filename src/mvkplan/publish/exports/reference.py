"""The Word file's reference template: the county's ``reference.docx``, or the shipped default.

As with pandoc's reference documents, only the template's styles, page set-up, headers and
footers are used: its body is emptied before the document is written into it. The writer
needs a few of Word's built-in styles (headings, lists, quotes, "Table Grid"); a template
made in Word often lacks those it never used, so any that are missing are copied in from
python-docx's own template. The default is built in code from python-docx's template, so no
binary file is kept in the repository: the configured fonts (else Liberation Sans) and the
configured ``navy`` colour for headings.
"""

from __future__ import annotations

import copy
from typing import Any

from mvkplan.project.look import Look

NEEDED_STYLES = ["Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
                 "Heading 5", "List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                 "List Number 2", "List Number 3", "Quote", "Intense Quote", "Table Grid"]
DEFAULT_FONT = "Liberation Sans"
DEFAULT_HEADING_COLOR = "#173a5e"  # --navy of templates/static/mvkplan.css


def reference_document(look: Look) -> Any:
    """An empty python-docx Document with the reference template's styles."""
    import docx

    if look.reference_docx is None:
        return default_reference(look)
    word = docx.Document(str(look.reference_docx))
    _empty_body(word)
    _add_missing_styles(word, docx.Document())
    return word


def default_reference(look: Look) -> Any:
    """python-docx's template in the look's fonts and heading colour."""
    import docx
    from docx.shared import RGBColor

    word = docx.Document()
    body = look.fonts.get("body", DEFAULT_FONT)
    heading = look.fonts.get("heading", body)
    color = RGBColor.from_string(_six_digits(look.colors.get("navy", DEFAULT_HEADING_COLOR)))
    _set_font(word.styles["Normal"], body)
    for name in ("Title", *(f"Heading {n}" for n in range(1, 6))):
        style = word.styles[name]
        _set_font(style, heading)
        style.font.color.rgb = color
    return word


def _six_digits(value: str) -> str:
    digits = value.lstrip("#")
    return "".join(c * 2 for c in digits) if len(digits) == 3 else digits


def _set_font(style: Any, name: str) -> None:
    """``name`` for every script (python-docx's ``font.name`` sets only ASCII and hAnsi)."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the name


def _empty_body(word: Any) -> None:
    """Remove the template's own content, keeping its section settings (page, headers, footers)."""
    from docx.oxml.ns import qn

    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _add_missing_styles(word: Any, source: Any) -> None:
    """Copy the styles the writer uses, and what they are based on, from ``source`` when missing."""
    names = {style.name for style in word.styles}
    wanted = list(NEEDED_STYLES)
    while wanted:
        name = wanted.pop(0)
        if name in names or name not in {s.name for s in source.styles}:
            continue
        style = source.styles[name]
        word.styles.element.append(copy.deepcopy(style.element))
        names.add(name)
        for parent in (style.base_style, style.next_paragraph_style):
            if parent is not None and parent.name not in names:
                wanted.append(parent.name)
