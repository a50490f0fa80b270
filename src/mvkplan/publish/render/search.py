"""Offline search: a Pagefind index of the site, made by ``build`` and ``serve``.

Pagefind (the optional extra ``search``: ``pip install 'mvkplan[search]'``, which brings its
binary) reads the rendered pages and writes a static index into ``pagefind/`` beside them;
the search page (``sok.html``) loads it with the site's own script, so a search makes no
request outside the site. Only what a page marks ``data-pagefind-body`` (the body of a
document or a report) is indexed, with Swedish stemming (``force_language``; the pages say
``lang="sv"`` too), less the tool's "Kopplingar" boxes (``NOT_INDEXED``). Without the extra
the site is built without search, and says so.

Pagefind holds everything it indexes in memory at once, about eight times the pages' bytes
(600 MB for the 72 MB of pages of a 1 000-document corpus, 3 GB at 5 000). So a big site is
indexed in parts (:data:`PART_BYTES` of pages each, one Pagefind run after the other): the
first part's index is ``pagefind/``, the others ``pagefind/2/``, ``pagefind/3/``…, listed in
``pagefind/mvkplan-delar.json`` (an empty list for a site in one part), and the search page
merges them (Pagefind's ``mergeIndex``). Every page is in exactly one part; a site of real
plans is one part, as it always was.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SEARCH_FOLDER = "pagefind"
"""Where the index is in the site."""
SEARCH_PAGE = "sok.html"
INDEXED_FOLDER = "dokument"
INDEXED = f"{INDEXED_FOLDER}/*.html"
"""The pages that can hold a marked body: documents and reports (others are not read)."""
NOT_INDEXED = ".additions"
"""The "Kopplingar" boxes: mvkplan's additions, not the document's text. They repeat other
documents' titles (a framework's page lists every goal that links to it): a fifth of the
indexed text of a realistic corpus, found on the page it was copied from anyway, and about
a tenth of Pagefind's memory."""
PART_BYTES = 24_000_000
"""The pages one Pagefind run indexes at most (a page bigger than this is a part alone):
Pagefind then peaks at about 200-300 MB, and a site of every county's and municipality's
plans is still one part (the real plans' pages are about 100 kB each)."""
PARTS_FILE = "mvkplan-delar.json"
"""In the index folder: the folders of the parts after the first, for the search page."""


class SearchError(Exception):
    """Pagefind could not index the site (its binary failed or gave an error)."""


@dataclass(frozen=True)
class Part:
    """The pages one Pagefind run indexes, and where its index goes in the site."""

    pages: list[str]
    """Page paths relative to the site, in order."""
    folder: str
    """The index's folder, relative to the site (``pagefind`` for the first part)."""


def search_available() -> bool:
    """Whether the Pagefind package and its binary are installed."""
    return _executable() is not None


def _executable() -> Path | None:
    if importlib.util.find_spec("pagefind") is None:
        return None
    from pagefind.service import get_executable

    return get_executable()


def parts(sizes: dict[str, int], limit: int | None = None) -> list[Part]:
    """The pages (path → bytes) in parts of at most ``limit`` bytes (:data:`PART_BYTES`), in
    the order of their paths; a page bigger than ``limit`` is a part alone. Always one part
    at least."""
    limit = PART_BYTES if limit is None else limit
    groups: list[list[str]] = [[]]
    filled = 0
    for page in sorted(sizes):
        if groups[-1] and filled + sizes[page] > limit:
            groups.append([])
            filled = 0
        groups[-1].append(page)
        filled += sizes[page]
    return [Part(pages, SEARCH_FOLDER if number == 1 else f"{SEARCH_FOLDER}/{number}")
            for number, pages in enumerate(groups, start=1)]


def index_site(folder: Path, pages: Iterable[str]) -> list[str]:
    """Index the site in ``folder`` and write the index into ``folder/pagefind``; the paths
    of the files written, relative to ``folder``, sorted. (``pages``, the site's pages, are
    found here among the documents' pages, as Pagefind's own glob would.)

    The binary is run as a command, which exits only once every file is written. (Its
    Python service, stopped as soon as it answers, can leave a file empty: seen in tests.)
    Each part is indexed from a folder of links to its pages alone, inside ``folder`` and
    removed after, so Pagefind sees the same paths (and gives the same addresses) as in
    the site."""
    del pages  # the signature of a publication's finishing step
    executable = _executable()
    if executable is None:
        raise SearchError("pagefind is not installed (pip install 'mvkplan[search]')")
    found = sorted((folder / INDEXED_FOLDER).glob("*.html"))
    sizes = {page.relative_to(folder).as_posix(): page.stat().st_size for page in found}
    made = parts(sizes)
    for part in made:
        _index_part(executable, folder, part)
    listing = {"delar": [f"{part.folder}/" for part in made[1:]]}  # (the search page asks)
    (folder / SEARCH_FOLDER / PARTS_FILE).write_text(json.dumps(listing, indent=1) + "\n",
                                                     encoding="utf-8")
    written = []
    for here, _folders, files in os.walk(folder / SEARCH_FOLDER):
        for name in files:
            written.append((Path(here) / name).relative_to(folder).as_posix())
    return sorted(written)


def _index_part(executable: Path, folder: Path, part: Part) -> None:
    """One Pagefind run over ``part``'s pages, writing its index into ``part.folder``."""
    linked = Path(tempfile.mkdtemp(prefix=".mvkplan-sokdel-", dir=folder))
    try:
        for page in part.pages:
            target = linked.joinpath(*page.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(folder / page, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(folder / page, target)
        _run(executable, linked, (folder / part.folder).resolve())
    finally:
        shutil.rmtree(linked, ignore_errors=True)


def _run(executable: Path, site: Path, output: Path) -> None:
    command = [str(executable), "--site", str(site), "--output-path", str(output),
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
