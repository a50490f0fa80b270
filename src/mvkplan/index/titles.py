"""The titles documents are named by wherever another page or report names them."""

from __future__ import annotations

from mvkplan.index.cards import DocumentCard, card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_index
from mvkplan.models import DocumentBase


def document_title(index: LinkIndex, document_id: str) -> str:
    """The short title of a document; else its title with the period, which tells versions
    of a plan apart ('Att förebygga och bekämpa mäns våld mot kvinnor 2021–2023')."""
    return per_index(_document_titles, index).get(document_id, document_id)


def document_titles(index: LinkIndex) -> dict[str, str]:
    """:func:`document_title` of every document, by id (not to be changed)."""
    return per_index(_document_titles, index)


def _document_titles(index: LinkIndex) -> dict[str, str]:
    # From the cards: a streaming build has let most models go.
    return {document_id: _title(card_of(loaded)) for document_id, loaded in index.documents.items()}


def _title(model: DocumentBase | DocumentCard) -> str:
    if model.short_title:
        return model.short_title
    period = model.period
    if period and period.start and period.end and str(period.end) not in model.title:
        span = str(period.start) if period.start == period.end else f"{period.start}–{period.end}"
        return f"{model.title} {span}"
    return model.title
