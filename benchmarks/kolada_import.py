"""Reading a Kolada response: time and peak memory as ratios to ``json.loads`` of the same bytes.

Three responses, each the API's v3 shape, pretty-printed as the API's pages are saved:

* ``page``: one full API page (5 000 entries of three values, about 2.3 MB);
* ``limit``: just under the default size limit (about 8 MB): the worst a caller accepts;
* ``huge``: about 49 MB, over the limit: refused before parsing.

The floor is ``json.loads`` of the same bytes, measured in the same run; the figures are
``read_response`` / floor for time and for traced peak memory. ::

    python benchmarks/kolada_import.py            # all three
    python benchmarks/kolada_import.py page limit # some
    python benchmarks/kolada_import.py --time-only huge   # no traced second call (memory shows 0)
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from mvkplan.cycle.kolada.responses import read_response
from mvkplan.cycle.kolada.strict import DEFAULT_MAX_BYTES


def response(entries: int) -> bytes:
    """A v3 response of ``entries`` entries."""
    values = [{"kpi": "U00001", "municipality": f"{800 + i % 100:04d}", "period": 2000 + i % 25,
               "values": [{"count": 1, "gender": g, "status": "", "value": 12.5 + i, "isdeleted": False}
                          for g in "KMT"]} for i in range(entries)]
    return json.dumps({"count": entries, "next_url": None, "values": values}, indent=2).encode()


def measured(action: Callable[..., Any], *args: object, memory: bool = True) -> tuple[float, int, Any]:
    """Seconds and the result of one call, then (in a second, traced call) its peak bytes;
    the time is taken untraced, as tracing slows every allocation."""
    started = time.perf_counter()
    result = action(*args)
    seconds = time.perf_counter() - started
    if not memory:
        return seconds, 0, result
    tracemalloc.start()
    action(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, result


def main(cases: list[str]) -> None:
    """Print one row per response size named in ``cases`` (all when none is)."""
    memory = "--time-only" not in cases
    cases = [case for case in cases if case != "--time-only"]
    per_entry = len(response(100)) / 100
    sizes = {"page": 5_000, "limit": int(DEFAULT_MAX_BYTES * 0.98 / per_entry), "huge": int(49e6 / per_entry)}
    print(f"{'case':8}{'MB':>8}{'floor s':>10}{'time ×':>10}{'memory ×':>10}  problems")
    for name, entries in sizes.items():
        if cases and name not in cases:
            continue
        data = response(entries)
        floor_time, floor_peak, _ = measured(json.loads, data, memory=memory)
        seconds, peak, read = measured(read_response, data, f"{name}.json", memory=memory)
        codes = ",".join(p.code for p in read.problems)
        print(f"{name:8}{len(data) / 1e6:8.1f}{floor_time:10.3f}{seconds / floor_time:10.1f}"
              f"{peak / max(floor_peak, 1):10.2f}  {codes or '-'}")


if __name__ == "__main__":
    main(sys.argv[1:])
