"""Work spread over the machine's cores, with results in the order of the input.

Used for loading files and rendering pages when there are enough of them to pay for
starting processes. Workers are forked, so they start with everything the parent has
loaded (the link index, the templates) and only their results travel back. The results
are returned in input order, so output is identical to a run in one process.
``MVKPLAN_JOBS`` sets the number of processes (1: never fork).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

_task: Callable[..., object] | None = None
_before_forking: list[Callable[[], None]] = []


def before_forking(prepare: Callable[[], None]) -> None:
    """Run ``prepare`` in this process before it forks workers, so that they inherit what it
    makes (the document models' validators). It runs in the ordinary flow of the program:
    in ``os.register_at_fork``'s hook a Ctrl-C raised inside it is not raised but dropped,
    and comes back later at some other point of the pool's start."""
    _before_forking.append(prepare)


def _prepared_pool(count: int) -> multiprocessing.pool.Pool:
    import gc

    for prepare in _before_forking:
        prepare()
    # What the workers inherit is frozen for them: their collections never walk it (nor
    # write to its pages, which the fork shares) while they make and drop models of their own.
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(count)
    finally:
        gc.unfreeze()  # (here, where the objects may still be let go)


def workers() -> int:
    """How many processes to use: ``MVKPLAN_JOBS``, else the usable cores (at most 8)."""
    configured = os.environ.get("MVKPLAN_JOBS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def map_ordered(
    function: Callable[[In], Out], items: Sequence[In], *, minimum: int
) -> list[Out]:
    """``[function(item) for item in items]``, in worker processes when ``items`` are many.

    ``function`` may be a closure: workers are forked after it is set, so it is never
    pickled; its arguments are indices and its results must pickle.
    """
    count = workers()
    if count < 2 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _task
    _task = lambda index: function(items[index])  # noqa: E731 - inherited by the fork
    try:
        with _prepared_pool(count) as pool:
            chunk = max(1, min(64, len(items) // (count * 4)))
            return pool.map(_run, range(len(items)), chunksize=chunk)  # type: ignore[arg-type]
    finally:
        _task = None


def _run(index: int) -> object:
    assert _task is not None
    return _task(index)


def imap_ordered(function: Callable[[In], Out], items: Sequence[In]) -> Iterator[Out]:
    """``function(item)`` for every item, computed in worker processes, yielded in input order
    as soon as each is ready (so the caller can use and drop results while others compute)."""
    count = workers()
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (function(item) for item in items)
        return
    global _task
    _task = lambda index: function(items[index])  # noqa: E731 - inherited by the fork
    try:
        with _prepared_pool(count) as pool:
            chunk = max(1, min(16, len(items) // (count * 8)))
            yield from pool.imap(_run, range(len(items)), chunksize=chunk)  # type: ignore[misc]
    finally:
        _task = None
