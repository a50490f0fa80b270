"""What ``mvkplan review`` would change: links to stamp again, and links to move to a newer plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mvkplan.index.linkindex import Item, Link, LinkIndex
from mvkplan.index.review import REVIEWED_RELATIONS, ReviewedLink, fingerprint, reviewed_links
from mvkplan.loading.documents import LoadedDocument
from mvkplan.models import PlanBase
from mvkplan.views.diff.match import pair


@dataclass(frozen=True)
class Retarget:
    """A link into a superseded plan, with the goal of the plan superseding it that matches."""

    link: Link
    successor: str
    """The id of the plan that supersedes the link's target plan."""
    proposed: Item | None
    """The matching item of the newer plan (None when nothing matches: move it by hand)."""

    @property
    def written(self) -> str:
        """The link as it will be written: the proposed target with its fingerprint."""
        assert self.proposed is not None
        return f"{self.proposed.key}@{fingerprint(self.proposed)}"


@dataclass
class Findings:
    """Per document: the links to stamp (suspect ones, and with ``--all`` the unreviewed) and to move."""

    stamps: list[ReviewedLink] = field(default_factory=list)
    retargets: list[Retarget] = field(default_factory=list)

    @property
    def movable(self) -> list[Retarget]:
        """The links into superseded plans that have a proposed new target."""
        return [r for r in self.retargets if r.proposed is not None]


def find_review(index: LinkIndex, documents: Iterable[LoadedDocument], *, stamp_all: bool = False) -> Findings:
    """The links written in ``documents`` that ``review`` handles, in file and source order."""
    found = Findings()
    pairings: dict[tuple[str, str], dict[str, str]] = {}
    for document in documents:
        for reviewed in reviewed_links(index, document):
            if reviewed.suspect or (stamp_all and reviewed.reviewed is None):
                found.stamps.append(reviewed)
        for link in index.links_from(document.id):
            successor = index.successor_of(link.target_document)
            if link.relation not in REVIEWED_RELATIONS or link.target_item is None or successor is None:
                continue
            key = (link.target_document, successor)
            if key not in pairings:
                pairings[key] = _paired_goals(index, *key)
            proposed_id = pairings[key].get(link.target_item)
            proposed = index.item(f"{successor}/{proposed_id}") if proposed_id else None
            found.retargets.append(Retarget(link, successor, proposed))
    return found


def _paired_goals(index: LinkIndex, old_id: str, new_id: str) -> dict[str, str]:
    """Old goal id → the new plan's goal id, paired as ``mvkplan diff`` pairs goals (by id, then
    by the similarity of their titles)."""
    old, new = index.document(old_id), index.document(new_id)
    if not isinstance(old, PlanBase) or not isinstance(new, PlanBase):
        return {}
    old_goals = [goal for area in old.areas for goal in area.goals]
    new_goals = [goal for area in new.areas for goal in area.goals]
    pairs, _gone, _came = pair(old_goals, new_goals, key=lambda goal: goal.id, text=lambda goal: goal.title)
    return {a.id: b.id for a, b in pairs}
