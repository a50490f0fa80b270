"""The tables of a published document: rows with named columns, then written as CSV and JSON.

A plan gives one row per goal, indicator and activity (``part`` says which); a follow-up
one row per value (indicator, respondent, sex, year, value, source). Texts are kept exactly
as written in the document: a reader's program gets what the plan says, not a rendering.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from mvkplan.index.cards import card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import FollowUp, PlanBase
from mvkplan.models.items import indicator_id

PLAN_COLUMNS = ("part", "area", "goal", "id", "title", "responsible", "source")
"""A plan's columns: 'goal', 'indicator' or 'activity'; its area and goal; its own id and text."""
FOLLOW_UP_COLUMNS = ("indicator", "respondent", "sex", "year", "value", "source")
"""A follow-up's columns, one row per value."""

DATA_FOLDER = "data"
"""Where the files are in the site: ``data/<document-id>.csv`` and ``.json``."""


@dataclass(frozen=True)
class Table:
    """A document's data: what it is, its columns and its rows (texts, or '' where none)."""

    document: str
    kind: str
    """'plan' or 'follow-up'."""
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    """The rows; for a document of the index, made from its model each time they are read
    (:class:`Rows`), so that a build does not hold every document's rows beside its model."""

    def csv_bytes(self) -> bytes:
        """The table as CSV (RFC 4180: comma, CRLF, quotes where needed; UTF-8 with a BOM,
        so that a spreadsheet program opens å, ä and ö as written)."""
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")

    def json_bytes(self) -> bytes:
        """The table as JSON: the document, the kind and one object per row."""
        data = {"document": self.document, "kind": self.kind,
                "rows": [dict(zip(self.columns, row, strict=True)) for row in self.rows]}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def data_tables(index: LinkIndex) -> list[Table]:
    """The tables of every plan and follow-up of the repository in ``index`` (the index of
    the published documents: nothing else gets a file), sorted by id."""
    tables = []
    for _document_id, loaded in sorted(index.documents.items()):
        if loaded.shipped:
            continue
        card = card_of(loaded)  # (the model is read only when the rows are)
        if card.kind == "follow-up":
            tables.append(Table(card.id, "follow-up", FOLLOW_UP_COLUMNS,
                                Rows(_rows_of(loaded, _follow_up_rows), _count(card.rows))))
        elif card.is_plan:
            tables.append(Table(card.id, "plan", PLAN_COLUMNS,
                                Rows(_rows_of(loaded, _plan_rows), _count(card.rows))))
    return tables


def _rows_of(loaded: LoadedDocument,
             make: Callable[[Any], list[tuple[str, ...]]]) -> Callable[[], list[tuple[str, ...]]]:
    """The rows ``make`` makes of the document's model, read when the rows are (a streaming
    build makes the model then, in the worker writing the table, and lets it go)."""
    return lambda: make(loaded.model)


def _count(rows: int) -> Callable[[], int]:
    return lambda: rows


class Rows(Sequence[tuple[str, ...]]):
    """A table's rows, made from the document's model when read and not kept: a site has a
    table per plan and follow-up, and holding them all (a follow-up's values, row by row)
    for the whole build cost a fifth of the YAML's size again, in every worker too."""

    def __init__(self, make: Callable[[], list[tuple[str, ...]]], count: Callable[[], int]) -> None:
        self._make = make
        self._count = count

    def __len__(self) -> int:
        return self._count()

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._make())

    @overload
    def __getitem__(self, position: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[tuple[str, ...]]: ...

    def __getitem__(self, position: int | slice) -> tuple[str, ...] | Sequence[tuple[str, ...]]:
        return self._make()[position]


def downloads(document_id: str) -> tuple[str, str]:
    """The CSV and JSON files of a document, relative to the site's root."""
    return f"{DATA_FOLDER}/{document_id}.csv", f"{DATA_FOLDER}/{document_id}.json"


def _plan_rows(model: PlanBase) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for area in model.areas:
        for goal in area.goals:
            rows.append(("goal", area.id, goal.id, goal.id, goal.title, "", ""))
            for number, indicator in enumerate(goal.indicators, 1):
                rows.append(("indicator", area.id, goal.id, indicator_id(indicator, number),
                             indicator.text or "", "", indicator.source or ""))
        for activity in area.activities:
            rows.append(("activity", area.id, "", activity.id, activity.title,
                         activity.responsible or "", ""))
    return rows


def _follow_up_rows(model: FollowUp) -> list[tuple[str, ...]]:
    return [(value.indicator, value.respondent or "", value.sex or "",
             str(value.year if value.year is not None else model.year), value.value,
             value.source or "") for value in model.values]

