"""A consultation's summary (remissammanställning), computed and not yet rendered.

Who was asked and who answered, then every point grouped by the part of the draft it
concerns, in the plan's reading order (the plan as a whole first), each with its decision.
Also what :mod:`mvkplan.views.diff` needs to name the responses behind a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.memo import per_index
from mvkplan.models import Consultation, PlanBase, Section
from mvkplan.models.consultation import Response

DECISION_WORDS = {"accepted": "Tillgodosedd", "partly": "Delvis tillgodosedd", "not-accepted": "Ej tillgodosedd"}
"""The decision as the summary prints it."""
UNDECIDED = "Inget beslut ännu"


@dataclass(frozen=True)
class BodyRow:
    """One body asked: its name, when it was sent the draft, when it replied, how many points."""

    name: str
    sent: str
    replied: str | None
    points: int


@dataclass(frozen=True)
class Point:
    """One point with its decision, as the summary lists it."""

    body: str
    """The body's name."""
    date: str
    text: str
    proposal: str | None
    decision: str
    """The decision's Swedish word, or :data:`UNDECIDED`."""
    reason: str | None


@dataclass(frozen=True)
class PartPoints:
    """The points on one part of the draft: the plan as a whole, a section or a goal."""

    item: str | None
    """The item's id in the plan; None for the plan as a whole."""
    heading: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class ConsultationSummary:
    """Everything the summary page shows."""

    id: str
    title: str
    plan: str
    plan_title: str
    revision: str
    sent: str
    deadline: str
    example: bool
    bodies: tuple[BodyRow, ...]
    parts: tuple[PartPoints, ...]
    decisions: tuple[tuple[str, int], ...]
    """How many points got each decision (and none), in the order of :data:`DECISION_WORDS`."""


def consultation_summary(index: LinkIndex, consultation_id: str) -> ConsultationSummary:
    """The summary of the consultation ``consultation_id`` (which must be one)."""
    model = index.documents[consultation_id].model
    assert isinstance(model, Consultation)
    plan_doc = index.documents.get(model.plan)
    plan = plan_doc.model if plan_doc is not None and isinstance(plan_doc.model, PlanBase) else None
    names = {body.id: body.name for body in model.bodies}
    first: dict[str, str] = {}
    for response in model.responses:
        first.setdefault(response.body, response.date)
    bodies = tuple(BodyRow(body.name, body.sent or model.sent, body.replied or first.get(body.id),
                           sum(1 for r in model.responses if r.body == body.id))
                   for body in model.bodies)
    order = {item: n for n, (item, _) in enumerate(plan_parts(plan))} if plan else {}
    titles = dict(plan_parts(plan)) if plan else {}
    grouped: dict[str | None, list[Response]] = {}
    for response in model.responses:
        grouped.setdefault(response.concerns, []).append(response)
    keys = sorted(grouped, key=lambda k: (k is not None, order.get(k or "", len(order)), k or ""))
    parts = tuple(PartPoints(key, "Planen som helhet" if key is None else titles.get(key, key),
                             tuple(_point(r, names) for r in grouped[key])) for key in keys)
    counts = [(word, sum(1 for r in model.responses if r.decision == key)) for key, word in DECISION_WORDS.items()]
    counts.append((UNDECIDED, sum(1 for r in model.responses if r.decision is None)))
    return ConsultationSummary(model.id, model.title, model.plan, plan.title if plan else model.plan,
                               model.revision, model.sent, model.deadline, model.example, bodies, parts,
                               tuple(counts))


def _point(response: Response, names: dict[str, str]) -> Point:
    decision = DECISION_WORDS[response.decision] if response.decision else UNDECIDED
    return Point(names.get(response.body, response.body), response.date, response.text, response.proposal,
                 decision, response.reason)


def plan_parts(plan: PlanBase) -> Iterator[tuple[str, str]]:
    """The plan's sections, areas and goals in reading order, as (id, heading)."""
    yield from _sections(plan.sections)
    for area in plan.areas:
        yield area.id, area.title or area.id
        for goal in area.goals:
            yield goal.id, goal.title
    yield from _sections(plan.closing_sections)


def _sections(sections: list[Section]) -> Iterator[tuple[str, str]]:
    for section in sections:
        yield section.id, section.title
        yield from _sections(section.sections)


def responses_behind(index: LinkIndex, old_id: str, new_id: str) -> dict[str, list[tuple[str, Response]]]:
    """Item id of the new plan → the (body name, response) whose decision changed it.

    From every consultation of the draft ``old_id`` (or of ``new_id`` when the draft became
    the adopted plan in the same file) whose adopted plan is ``new_id``; only accepted and
    partly accepted points name what they changed (:attr:`Response.led_to`).
    """
    found: dict[str, list[tuple[str, Response]]] = {}
    for model in per_index(_consultations_by_plan, index).get(new_id, []):
        if model.plan not in (old_id, new_id):
            continue
        names = {body.id: body.name for body in model.bodies}
        for response in model.responses:
            for item in response.led_to:
                found.setdefault(item, []).append((names.get(response.body, response.body), response))
    return found


def _consultations_by_plan(index: LinkIndex) -> dict[str, list[Consultation]]:
    """Adopted plan → its consultations, in the index's order (found once per index: a
    site's every "what changed" page asks, and walking every document each time made the
    build grow with the square of the plans)."""
    found: dict[str, list[Consultation]] = {}
    for loaded in index.documents.values():
        if loaded.kind == "consultation":
            model = loaded.model
            assert isinstance(model, Consultation)
            found.setdefault(model.adopted or model.plan, []).append(model)
    return found


def change_labels(index: LinkIndex, old_id: str, new_id: str, *, limit: int = 80) -> dict[str, list[str]]:
    """Item id of the new plan → how the diff names each response behind its change:
    'Kalmar kommun 2023-10-20 (Tillgodosedd): Lägg till skolan …'."""
    labels: dict[str, list[str]] = {}
    for item, found in responses_behind(index, old_id, new_id).items():
        for name, response in found:
            text = " ".join(response.text.split())
            short = text if len(text) <= limit else text[: limit - 1] + "…"
            decision = DECISION_WORDS[response.decision or "accepted"]
            labels.setdefault(item, []).append(f"{name} {response.date} ({decision}): {short}")
    return labels
