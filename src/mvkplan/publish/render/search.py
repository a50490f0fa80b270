"""Offline search: a Pagefind index of the site, made by ``build`` and ``serve``.

Pagefind (the optional extra ``search``: ``pip install 'mvkplan[search]'``, which brings its
binary) reads the rendered pages and writes a static index into ``pagefind/`` beside them;
the search page (``sok.html``) loads it with the site's own script, so a search makes no
request outside the site. Only what a page marks ``data-pagefind-body`` (the body of a
document or a report) is indexed, with Swedish stemming (``force_language``; the pages say
``lang="sv"`` too), less the tool's "Kopplingar" boxes (``NOT_INDEXED``). Without the extra
the site is built without search, and says so.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

SEARCH_FOLDER = "pagefind"
"""Where the index is in the site."""
SEARCH_PAGE = "sok.html"
INDEXED = "dokument/*.html"
"""The pages that can hold a marked body: documents and reports (others are not read)."""
NOT_INDEXED = ".additions"
"""The "Kopplingar" boxes: mvkplan's additions, not the document's text. They repeat other
documents' titles (a framework's page lists every goal that links to it): a fifth of the
indexed text of a realistic corpus, found on the page it was copied from anyway, and about
a tenth of Pagefind's memory."""


class SearchError(Exception):
    """Pagefind could not index the site (its binary failed or gave an error)."""


def search_available() -> bool:
    """Whether the Pagefind package and its binary are installed."""
    return _executable() is not None


def _executable() -> Path | None:
    if importlib.util.find_spec("pagefind") is None:
        return None
    from pagefind.service import get_executable

    return get_executable()


def index_site(folder: Path, pages: Iterable[str]) -> list[str]:
    """Index the site in ``folder`` and write the index into ``folder/pagefind``; the paths
    of the files written, relative to ``folder``, sorted. (``pages``, the site's pages, are
    found by Pagefind itself among the documents' pages.)

    The binary is run as a command, which exits only once every file is written. (Its
    Python service, stopped as soon as it answers, can leave a file empty: seen in tests.)"""
    del pages  # the signature of a publication's finishing step
    executable = _executable()
    if executable is None:
        raise SearchError("pagefind is not installed (pip install 'mvkplan[search]')")
    command = [str(executable), "--site", str(folder), "--output-subdir", SEARCH_FOLDER,
               "--glob", INDEXED, "--exclude-selectors", NOT_INDEXED, "--force-language", "sv",
               "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=600, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"pagefind: {exc}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(f"pagefind exited with {done.returncode}: {' '.join(detail[-3:])}")
    written = []
    for here, _folders, files in os.walk(folder / SEARCH_FOLDER):
        for name in files:
            written.append((Path(here) / name).relative_to(folder).as_posix())
    return sorted(written)
