"""Rendering a site's pages, in worker processes when there are many.

Pages are rendered in the order given, or spread over worker processes (heaviest first, so
that no worker is left with a large page at the end, and the pages of one group side by
side, so that one worker renders them all); either way each page's bytes are the same.
With ``stage``, every page is handed to it where it was rendered (in the worker), so the
pages do not travel back to the main process and are written while others render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

Progress = Callable[[int, int, str], None]
"""Called after each page: pages done, pages in all, the page's path."""

Stage = Callable[[str, bytes], None]
"""Takes a rendered page: its path in the site and its bytes."""

PARALLEL_PAGES = 64
"""Pages (by weight) to render before worker processes pay for themselves."""


@dataclass(frozen=True)
class SitePage:
    """A page to render: its path in the site and how to render it."""

    path: str
    render: Callable[[], str | bytes]
    weight: int = 1
    """Rough cost in ordinary document pages: pages that list every document weigh more."""
    group: str = ""
    """The pages of a group read the same documents' models (a plan's page, its follow-ups'
    reports, its data files): workers are handed them together, so that a streaming build
    makes each model once in the worker rendering them rather than once per page."""


def render_site(pages: list[SitePage], progress: Progress | None = None) -> dict[str, bytes]:
    """Render every page in memory (in worker processes when there are many, same result)."""
    bodies = _each(pages, render_page_bytes, progress)
    return {page.path: body for page, body in zip(pages, bodies, strict=True)}


def render_into(pages: list[SitePage], stage: Stage, progress: Progress | None = None, *,
                parallel: bool = True) -> None:
    """Render every page and hand it to ``stage`` (in the worker that rendered it); without
    ``parallel``, in this process (where what was computed for earlier builds is at hand)."""

    def render_and_stage(page: SitePage) -> None:
        stage(page.path, render_page_bytes(page))

    _each(pages, render_and_stage, progress, parallel=parallel)


def render_page_bytes(page: SitePage) -> bytes:
    """One page's bytes (HTML pages give text, PDF pages bytes)."""
    output = page.render()
    return output.encode("utf-8") if isinstance(output, str) else output


def work_order(pages: list[SitePage]) -> list[int]:
    """The order workers take pages in (by index): heaviest first, and the pages of one
    group side by side, since workers take runs of neighbours."""
    return sorted(range(len(pages)), key=lambda i: (-pages[i].weight, pages[i].group, i))


def _each(pages: list[SitePage], function: Callable[[SitePage], T],
          progress: Progress | None, *, parallel: bool = True) -> list[T]:
    from mvkplan.project.parallel import map_ordered, workers

    if parallel and len(pages) > 1 and sum(p.weight for p in pages) >= PARALLEL_PAGES and workers() > 1:
        order = work_order(pages)
        results = map_ordered(lambda i: function(pages[i]), order, minimum=1)
        if progress:
            progress(len(pages), len(pages), pages[-1].path)
        by_page = dict(zip(order, results, strict=True))
        return [by_page[i] for i in range(len(pages))]
    done = []
    for number, page in enumerate(pages, 1):
        done.append(function(page))
        if progress:
            progress(number, len(pages), page.path)
    return done
