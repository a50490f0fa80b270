"""Build hook: compile the message catalogs (``.po`` → ``.mo``) for the wheel and editable installs.

The ``.mo`` files are not in git (the ``.po`` are the source); the program reads them with the
standard library's gettext, so Babel is needed only here, at build time. An editable install
(``pip install -e .``) runs this hook too and finds the ``.mo`` written beside the ``.po``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "mvkplan" / "messages" / "locale"


def compile_catalogs(root: Path) -> dict[Path, str]:
    """Write each ``.mo`` beside its ``.po``; returns ``.mo`` → its path inside the wheel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = {}
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source, abort_invalid=True)
        out = io.BytesIO()
        write_mo(out, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        mo.write_bytes(out.getvalue())
        written[mo] = mo.relative_to(root / "src").as_posix()
    return written


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the catalogs before a wheel (or an editable wheel) is built."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile, and put the ``.mo`` into the wheel (git ignores them, so hatch would not)."""
        if self.target_name != "wheel":
            return
        written = compile_catalogs(Path(self.root))
        if version != "editable":
            for mo, inside in written.items():
                build_data["force_include"][str(mo)] = inside
