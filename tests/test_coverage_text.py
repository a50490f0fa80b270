"""``coverage`` as text: a table taller than the screen is drawn without rich (whose layout of
thousands of rows took most of the command's time), exactly as rich draws it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from test_render_one import write_groups

from conftest import run_cli

_ID = st.text("abcdefghijklmnopqrstuvwxyzåäö0123456789-.", min_size=1, max_size=40)
_CELL = st.sampled_from(["", "·", "✓", "1", "17", "312"])


def _rich(title: str, header: list[str], rows: list[list[str]], right: list[bool], width: int) -> str:
    out = io.StringIO()
    console = Console(width=width, no_color=True, file=out)
    table = Table(title=title, title_justify="left")
    for name, justify in zip(header, right, strict=True):
        table.add_column(name, justify="right" if justify else "left", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(title=_ID, first=_ID, columns=st.lists(_ID, min_size=1, max_size=8),
       documents=st.lists(_ID, min_size=0, max_size=12), data=st.data(),
       width=st.integers(20, 200))
def test_a_box_table_is_the_table_rich_draws(
    title: str, first: str, columns: list[str], documents: list[str], data: st.DataObject,
    width: int,
) -> None:
    """Any ids, titles and cells: where :func:`box_table` draws a table, it is rich's to the
    character; it declines only tables wider than the width or with a title to wrap."""
    from mvkplan.messages.terminal import box_table

    rows = [[document, *(data.draw(_CELL) for _ in columns)] for document in documents]
    header = [first, *columns]
    right = [False, *(True for _ in columns)]
    drawn = box_table(title, header, rows, right, width)
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    total = sum(widths) + 3 * len(widths) + 1
    if total <= width and len(title) <= total:
        assert drawn is not None
    if drawn is not None:
        assert drawn == _rich(title, header, rows, right, width)


@pytest.mark.parametrize("text", ["[bold]x", "日本", "e\u0301", "a\tb"])
def test_a_cell_rich_would_read_otherwise_is_left_to_rich(text: str) -> None:
    """Markup, wide, combining and control characters: rich decides how they look."""
    from mvkplan.messages.terminal import box_table

    assert box_table("t", ["document", "1"], [[text, "1"]], [False, True], 80) is None


@pytest.mark.parametrize("groups", [1, 3])
@pytest.mark.parametrize("columns", ["60", "100", "200"])
def test_coverage_text_is_the_same_on_a_short_and_a_tall_screen(
    tmp_path: Path, groups: int, columns: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The output does not depend on who draws it: a screen of 2 lines (every table drawn
    without rich) and one of 1 000 (every table drawn by rich) give the same text."""
    write_groups(tmp_path, groups)
    short = run_cli("coverage", cwd=tmp_path, env={"COLUMNS": columns, "LINES": "2"})
    tall = run_cli("coverage", cwd=tmp_path, env={"COLUMNS": columns, "LINES": "1000"})
    assert short.exit_code == tall.exit_code == 0, short.stderr
    assert short.stdout == tall.stdout


def test_rich_lays_out_no_table_taller_than_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A table of more rows than the screen has lines is not handed to rich."""
    write_groups(tmp_path, 3)
    laid_out: list[int] = []
    original = Table.__rich_console__

    def counting(self: Table, console: object, options: object):  # type: ignore[no-untyped-def]
        if self.title:  # a table of documents (the goals' names below it are a grid)
            laid_out.append(self.row_count)
        return original(self, console, options)  # type: ignore[arg-type]

    monkeypatch.setattr(Table, "__rich_console__", counting)
    result = run_cli("coverage", cwd=tmp_path, env={"COLUMNS": "100", "LINES": "10"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("┏") > 1  # tables were drawn, by someone
    assert all(rows <= 10 - 5 for rows in laid_out), laid_out
