"""PDF time per page next to the HTML render of the same document (the baseline).

``mvkplan render --format pdf`` renders the HTML page first, then lays it out with
WeasyPrint; this prints, for each real document, the median HTML render time, the median
PDF time, the page count, the PDF time per page and the ratio PDF / HTML.

    python benchmarks/pdf_render.py [--runs 3] [IDS…]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pikepdf

from mvkplan.checks.validate import load_corpus
from mvkplan.project.config import find_project
from mvkplan.publish.exports.pdf import render_pdf
from mvkplan.publish.render.pages import render_document

REPO = Path(__file__).resolve().parent.parent


def median_seconds(work: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("ids", nargs="*", default=["kalmar-2024", "kalmar-2021", "jonkoping-2022",
                                                    "kalmar-jamstalldhetsstrategi-2024"])
    args = parser.parse_args()
    index = load_corpus(find_project(REPO)).index
    print(f"{'document':36} {'html ms':>8} {'pdf ms':>8} {'pages':>5} {'pdf ms/page':>11} {'pdf/html':>8}")
    for document_id in args.ids:
        html = median_seconds(lambda: render_document(index, document_id, "html"), args.runs)  # noqa: B023
        pdf = median_seconds(lambda: render_pdf(index, document_id), args.runs)  # noqa: B023
        pages = len(pikepdf.open(io.BytesIO(render_pdf(index, document_id))).pages)
        print(f"{document_id:36} {html * 1000:8.1f} {pdf * 1000:8.0f} {pages:5d} "
              f"{pdf / pages * 1000:11.0f} {pdf / html:7.0f}x")


if __name__ == "__main__":
    main()
