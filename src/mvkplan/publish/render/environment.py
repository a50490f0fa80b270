"""The one place the Jinja environment is built: loader chain, escaping, named filters.

Templates are looked up first in the project's override folder (``--templates`` or the
``templates`` setting), then in the shipped set: a project can replace one template, or
the stylesheet, without copying the rest.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from base64 import b64encode
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup

from mvkplan.project.look import Look
from mvkplan.publish.render.fragments import GLOBALS as HTML_GLOBALS
from mvkplan.publish.render.fragments import filters as link_filters
from mvkplan.publish.render.markdown import escape_markdown

STYLESHEET = "static/mvkplan.css"
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def shipped_templates() -> Path:
    """The templates inside the installed package, else the repository's ``templates/``."""
    packaged = Path(str(resources.files("mvkplan") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[4] / "templates"


def make_environment(fmt: str, overrides: Path | None = None, *,
                     compiled: Path | None = None) -> Environment:
    """A Jinja environment for ``fmt`` ('html' or 'md') with the override folder first.

    ``compiled`` is a folder where compiled templates are kept between runs (a rebuild
    then reads them instead of compiling every template again)."""
    folders = [str(overrides)] if overrides else []
    folders.append(str(shipped_templates()))
    loader = ChoiceLoader([FileSystemLoader(folder) for folder in folders])
    # HTML: autoescaping. Markdown: autoescaping too, so that macros and filter blocks
    # return Markup, but with every plain value escaped *as Markdown* first (finalize),
    # so plain text never turns into markup there either.
    env = Environment(
        loader=loader, autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        finalize=None if fmt == "html" else _finalize_markdown,
        bytecode_cache=_CompiledTemplates(compiled, fmt) if compiled else None,
    )
    env.filters.update(FILTERS if fmt == "html" else {**FILTERS, **MARKDOWN_FILTERS})
    # (The Markdown environment also fills HTML templates: a page linking into the site.)
    env.filters.update(link_filters(None if fmt == "html" else _finalize_markdown))
    env.globals.update(HTML_GLOBALS)
    return env


class _CompiledTemplates(BytecodeCache):
    """Compiled templates in a cache folder, keyed by the template's file and text (as
    Jinja does), the format and mvkplan's fingerprint. Compiled code runs when it is loaded,
    so each file is signed with this user's key (:mod:`mvkplan.loading.keys`) for its own
    name and checked before Jinja sees a byte of it; a file that fails, cannot be read or
    written, or is corrupt only means compiling again."""

    def __init__(self, folder: Path, fmt: str) -> None:
        from mvkplan.loading.cache import fingerprint

        self.folder = folder
        self.tag = f"{fmt}\0{fingerprint()}"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key for the template, made distinct per format and mvkplan build."""
        return super().get_cache_key(f"{self.tag}\0{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from its file, if that file is signed for it with this user's key."""
        from mvkplan.loading.keys import unseal, usable

        if not usable(self.folder):
            return
        try:
            raw = self._file(bucket).read_bytes()
        except OSError:
            return
        payload = unseal(raw, self._label(bucket))
        if payload is None:
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the compiled template in ``bucket``, signed (nothing without a key)."""
        from mvkplan.loading.keys import seal, usable
        from mvkplan.project.writing import write_atomic

        if not usable(self.folder):
            return
        entry = seal(bucket.bytecode_to_string(), self._label(bucket))
        if entry is None:
            return
        try:
            write_atomic(self._file(bucket), entry)
        except OSError:  # a read-only checkout: compile every time
            pass

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.signed"

    @staticmethod
    def _label(bucket: Bucket) -> str:
        return f"templates/{bucket.key}"


def _finalize_markdown(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(escape_markdown(value))


def table_cell(value: Any) -> Markup:
    """A value made fit for one GitHub table cell: one line, pipes escaped."""
    text = value if isinstance(value, Markup) else Markup(escape_markdown(str(value)))
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    joined = "<br><br>".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return Markup(_UNESCAPED_PIPE.sub(r"\\|", joined))


def stylesheet(env: Environment) -> tuple[Markup, str]:
    """The stylesheet text and its CSP hash ('sha256-…') for an inline <style>.

    Read once per environment (every page of a site inlines the same stylesheet); the county's
    look (:func:`use_look`) comes after the shipped rules."""
    look = str(env.globals.get(LOOK_CSS, ""))
    kept = _STYLESHEETS.get(env)
    if kept is None or kept[0] != look:
        source, _, _ = env.loader.get_source(env, STYLESHEET)  # type: ignore[union-attr]
        text = source.strip() + ("\n" + look if look else "")
        # Lines are stripped here because rendered pages are, and the hash must match the text.
        css = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
        digest = b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        kept = _STYLESHEETS[env] = (look, (Markup(css), f"sha256-{digest}"))
    return kept[1]


_STYLESHEETS: weakref.WeakKeyDictionary[Environment, tuple[str, tuple[Markup, str]]] = (
    weakref.WeakKeyDictionary())
LOOK_CSS = "_mvkplan_look_css"


def use_look(env: Environment, look: Look) -> None:
    """Pages of ``env`` in the county's look: its colours and fonts after the shipped rules."""
    env.globals[LOOK_CSS] = look_stylesheet(look)


def look_stylesheet(look: Look) -> str:
    """The configured colours as CSS variables and the configured fonts (values checked as safe).

    WeasyPrint gives stylesheets passed to it the user's origin, below the page's own rules:
    ``!important`` lets the county's choice win over the site's defaults.
    """
    rules = []
    if look.colors:
        rules.append(":root { " + " ".join(f"--{name}: {value} !important;"
                                           for name, value in sorted(look.colors.items()))
                     + " }")
    fallback = '"Liberation Sans", "DejaVu Sans", sans-serif'
    if "body" in look.fonts:
        rules.append(f'html body {{ font-family: "{look.fonts["body"]}", {fallback} !important; }}')
    if "heading" in look.fonts:
        rules.append(f'h1, h2, h3, h4, h5, h6, .pdf-cover-title, .pdf-contents-title '
                     f'{{ font-family: "{look.fonts["heading"]}", {fallback} !important; }}')
    return "\n".join(rules)


def content_security_policy(style_hash: str) -> str:
    """Nothing but the page's own stylesheet: no scripts, frames, forms or remote loads."""
    return (
        f"default-src 'none'; style-src '{style_hash}'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'"
    )


def flatten(rendered: str) -> Markup:
    """Template output (already escaped) made fit for one GitHub table cell."""
    return table_cell(Markup(rendered))


def url(value: str) -> Markup:
    """A URL built by mvkplan (already percent-encoded) as a Markdown link target."""
    return Markup(value)


def literal(value: str) -> Markup:
    """Markdown syntax written by a template (e.g. '##'), not text to escape."""
    return Markup(value)


def anchor(value: str) -> Markup:
    """An HTML anchor GitHub keeps in Markdown, so that links to an item land on it."""
    return Markup('<a id="{}"></a>').format(value)


def blockquote(rendered: str) -> Markup:
    """Template output (already escaped) as a Markdown block quote: the tool's additions
    stand in one, apart from the source's text."""
    lines = str(rendered).strip("\n").splitlines()
    return Markup("\n".join(f"> {line}".rstrip() for line in lines))


FILTERS: dict[str, Any] = {}
MARKDOWN_FILTERS: dict[str, Any] = {"cell": table_cell, "flatten": flatten, "url": url,
                                     "anchor": anchor, "literal": literal,
                                     "blockquote": blockquote}
