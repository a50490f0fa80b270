"""``coverage --format json`` written one document's row at a time: the same characters as
``json.dumps`` of the whole matrix, without holding the whole matrix as plain data.

The matrix is dense (documents × every framework's items, zeros included): at 5 000
documents of the realistic corpus, the plain data and the encoder's pieces took 6.1 GB.
"""

from __future__ import annotations

import io
import json
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from mvkplan.views.coverage import Column, Coverage

_TEXT = st.text(max_size=30)  # any text: quotes, backslashes, line breaks, control characters


@st.composite
def _matrices(draw: st.DrawFn) -> Coverage:
    columns = draw(st.lists(st.builds(Column, _TEXT, _TEXT, _TEXT), max_size=6))
    documents = draw(st.lists(_TEXT, max_size=6))
    keys = [c.key for c in columns]
    matrix = Coverage(columns, documents)
    if documents and keys:
        pairs = st.tuples(st.sampled_from(documents), st.sampled_from(keys))
        for pair in draw(st.lists(pairs, max_size=12)):
            matrix.cells[pair] = draw(st.integers(1, 10**6))
        matrix.document_level |= set(draw(st.lists(pairs, max_size=6)))
    return matrix


@settings(max_examples=400, deadline=None)
@given(_matrices())
def test_the_streamed_json_is_the_json_of_the_whole_matrix(matrix: Coverage) -> None:
    """Any titles, items and ids (the user's text) round-trip, and every byte is what
    ``json.dumps(to_dict(), ensure_ascii=False, indent=2)`` wrote before."""
    out = io.StringIO()
    matrix.write_json(out)
    expected = json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert out.getvalue() == expected
    assert json.loads(out.getvalue()) == matrix.to_dict()


class _Sink(io.TextIOBase):
    """Counts what is written and keeps none of it (as a pipe to another program does)."""

    written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


def test_writing_the_json_holds_one_row_not_the_matrix() -> None:
    """The memory the writing takes stays a small part of what it writes (the whole matrix
    held at once takes several times its text)."""
    columns = [Column(f"ramverk-{f}", str(i), f"Mål {i} av ramverk {f}")
               for f in range(40) for i in range(10)]
    documents = [f"plan-{n:04d}" for n in range(400)]
    matrix = Coverage(columns, documents)
    for n, document in enumerate(documents):
        matrix.cells[(document, columns[n % len(columns)].key)] = n + 1
    sink = _Sink()
    tracemalloc.start()
    try:
        matrix.write_json(sink)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sink.written > 10_000_000
    assert peak < sink.written / 20, (peak, sink.written)
