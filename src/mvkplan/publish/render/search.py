"""Offline search: a Pagefind index of the site, made by ``build`` and ``serve``.

Pagefind (the optional extra ``search``: ``pip install 'mvkplan[search]'``, which brings its
binary) reads the rendered pages and writes a static index into ``pagefind/`` beside them;
the search page (``sok.html``) loads it with the site's own script, so a search makes no
request outside the site. Only what a page marks ``data-pagefind-body`` (the body of a
document or a report) is indexed, with Swedish stemming (``force_language``; the pages say
``lang="sv"`` too). Without the extra the site is built without search, and says so.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
from collections.abc import Iterable
from pathlib import Path

SEARCH_FOLDER = "pagefind"
"""Where the index is in the site."""
SEARCH_PAGE = "sok.html"


class SearchError(Exception):
    """Pagefind could not index the site (its binary failed or gave an error)."""


def search_available() -> bool:
    """Whether the Pagefind package and its binary are installed."""
    if importlib.util.find_spec("pagefind") is None:
        return False
    from pagefind.service import get_executable

    return get_executable() is not None


def index_site(folder: Path, pages: Iterable[str]) -> list[str]:
    """Index the HTML ``pages`` (paths relative to ``folder``) and write the index into
    ``folder/pagefind``; the paths of the files written, relative to ``folder``, sorted."""
    html = sorted(page for page in pages if page.endswith(".html"))
    target = folder / SEARCH_FOLDER
    try:
        asyncio.run(_index(folder, html, target))
    except (OSError, AssertionError, RuntimeError) as exc:
        raise SearchError(f"pagefind: {exc}") from None
    written = []
    for here, _folders, files in os.walk(target):
        for name in files:
            written.append((Path(here) / name).relative_to(folder).as_posix())
    return sorted(written)


async def _index(folder: Path, pages: list[str], target: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="sv", output_path=str(target))
    async with PagefindIndex(config=config) as index:
        for page in pages:
            text = (folder / page).read_text(encoding="utf-8")
            if "data-pagefind-body" not in text:
                continue  # (Pagefind would skip it too, once one page has the mark)
            # The result's address as a link from the search page, at the site's root.
            await index.add_html_file(content=text, url=page)
