"""The words of every message, read from the gettext catalogs in ``messages/locale``.

A message is looked up by its stable key (``E101``, ``E101.hint``, ``MVK013.message``): the
key is the msgid, and each language's catalog holds the full text, English included. At run
time the standard library's :class:`gettext.GNUTranslations` reads the compiled ``.mo`` files
the build writes (``hatch_build.py``), so no Babel is needed once installed. Running from a
source tree (``PYTHONPATH=src``) has no ``.mo``, or one older than its ``.po``: then the ``.po``
is compiled with Babel (and the ``.mo`` left beside it), and without Babel the error says how
to get the catalogs.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

DOMAIN = "mvkplan"
LOCALE = Path(__file__).parent / "locale"
LANGUAGES = ("sv", "en")


class CatalogsMissing(RuntimeError):
    """The compiled catalogs are absent and cannot be compiled here (no Babel)."""


class _Missing(gettext.NullTranslations):
    """The last fallback: a key no catalog holds is an error, never the key printed as text."""

    def gettext(self, message: str) -> str:
        """Refuse ``message``: it is no key of the catalogs."""
        raise KeyError(message)


def catalog_file(language: str, suffix: str = ".mo", locale: Path = LOCALE) -> Path:
    """``locale/<language>/LC_MESSAGES/mvkplan<suffix>``."""
    return locale / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of ``po``, compiled with Babel (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _compiled(language: str, locale: Path) -> bytes:
    """The ``.mo`` to read: the built one, unless a ``.po`` beside it is newer (a source tree)."""
    mo, po = catalog_file(language, ".mo", locale), catalog_file(language, ".po", locale)
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime_ns >= po.stat().st_mtime_ns):
        return mo.read_bytes()
    if not po.is_file():
        raise CatalogsMissing(f"mvkplan's message catalog {mo} is missing; reinstall mvkplan")
    try:
        compiled = compile_po(po)
    except ImportError:
        raise CatalogsMissing(
            f"mvkplan's message catalog {mo} is not compiled (or older than {po.name}): install "
            "mvkplan with pip, which compiles it, or install Babel ('pip install babel')"
        ) from None
    _keep(mo, compiled)
    return compiled


def _keep(mo: Path, compiled: bytes) -> None:
    """Leave the compiled catalog beside its ``.po`` for the next run, if the folder allows.

    Compiling takes Babel longer than a small command takes to run; git ignores the ``.mo``.
    Written to a private temporary name, then renamed, so a parallel run reads a whole file.
    """
    temporary = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(compiled)
        os.replace(temporary, mo)
    except OSError:
        temporary.unlink(missing_ok=True)


@cache
def translations(language: str, locale: Path = LOCALE) -> gettext.GNUTranslations:
    """The catalog of ``language``, read once per process; an unknown key raises KeyError."""
    found = gettext.GNUTranslations(io.BytesIO(_compiled(language, locale)))
    found.add_fallback(_Missing())
    return found


def keys(language: str = "en", locale: Path = LOCALE) -> list[str]:
    """Every key of the catalog of ``language``, sorted."""
    # GNUTranslations keeps its messages in ``_catalog``; the catalog tests compare this list
    # with the .po read by Babel, so a change in the standard library fails there first.
    catalog: dict[object, str] = translations(language, locale)._catalog  # type: ignore[attr-defined]
    return sorted(key for key in catalog if isinstance(key, str) and key)
