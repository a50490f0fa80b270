"""A document's card: what lists, titles and page digests read of it, without its model.

A site's start page, county pages, coverage table, open data and every page's titles read a
few fields of every document (its title, kind, status, period, county, what it supersedes,
the plan a follow-up follows). A build that streams its documents knows most of them by
their index entries alone, their models let go; reading those fields from the models would
validate every document again, once per page that lists them. The card holds them: made
once per document where its model is made (a worker loading it, or this process), sent and
cached with the document's index entries, and read from there.

A card answers the same attribute names as the model, so code written for a model reads a
card unchanged; the fields it lacks are not on it (reading them is a mistake, and raises).
"""

from __future__ import annotations

from dataclasses import dataclass

from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import DocumentBase, Period, PlanBase

PLAN_KINDS = frozenset({"regional-plan", "strategy", "activity-plan", "local-plan"})
"""The kinds of :class:`~mvkplan.models.PlanBase` (plans with areas, goals and activities)."""


@dataclass(frozen=True, slots=True)
class DocumentCard:
    """The fields of a document's model that the site reads across documents."""

    id: str
    kind: str
    title: str
    short_title: str | None
    subtitle: str | None
    period: Period | None
    status: str | None
    example: bool
    county: str | None
    supersedes: str | None
    links: tuple[str, ...]
    """The links the document writes as a whole (``links:``)."""
    plan: str | None
    """The plan a follow-up or consultation is about."""
    year: int | None
    """A follow-up's year."""
    extends: str | None
    """The catalog a catalog extends."""
    item_label: str | None
    """What a framework calls its items ('Mål', 'Delmål')."""
    rows: int
    """Rows of the document's open data: a plan's goals, their indicators and its
    activities; a follow-up's values."""

    @property
    def is_plan(self) -> bool:
        """Whether the document is a plan (:class:`~mvkplan.models.PlanBase`)."""
        return self.kind in PLAN_KINDS


def card_from_model(model: DocumentBase) -> DocumentCard:
    """The card of a validated document."""
    rows = 0
    if isinstance(model, PlanBase):
        rows = sum(len(area.goals) + sum(len(goal.indicators) for goal in area.goals)
                   + len(area.activities) for area in model.areas)
    elif getattr(model, "kind", "") == "follow-up":
        rows = len(getattr(model, "values", ()))
    return DocumentCard(
        model.id, str(getattr(model, "kind", "")), model.title, model.short_title,
        model.subtitle, model.period, model.status, bool(model.example), model.county,
        model.supersedes, tuple(model.links), getattr(model, "plan", None),
        getattr(model, "year", None), getattr(model, "extends", None),
        getattr(model, "item_label", None), rows)


def card_of(loaded: LoadedDocument) -> DocumentCard:
    """The card of a loaded document: the one it was loaded with, else made (once) from its
    model, which is then made if it was let go."""
    card = loaded.card
    if not isinstance(card, DocumentCard):
        card = loaded.card = card_from_model(loaded.model)
    return card
