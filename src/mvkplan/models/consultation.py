"""The consultation (remiss): a draft plan sent out, the bodies asked, their responses and the decisions.

A consultation document keeps the whole round in one file beside the plan: which draft went
out (the plan's id and the git revision it had), to whom and when, the deadline, every point
a body made (the goal or section it concerns, its text) and what was decided on it. The
*remissammanställning* page, the lint rules on undecided points and silent bodies, and the
diff between draft and adopted plan all read it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from mvkplan.models.common import Id, Markdown, Model, PartialDate, Text, new_list

Decision = Literal["accepted", "partly", "not-accepted"]
"""The decision on a point: accepted (tillgodosedd), partly (delvis), not-accepted (ej tillgodosedd)."""


class Body(Model):
    """A body asked to respond (remissinstans): a municipality from the catalog, or a named organisation."""

    id: Id
    """Key the responses use, e.g. 'kalmar-kommun' or 'region-kalmar-lan'."""
    name: Text
    """Name as it is addressed, e.g. 'Region Kalmar län'."""
    municipality: Id | None = None
    """Municipality id from the catalog, when the body is a municipality."""
    sent: PartialDate | None = None
    """When the draft was sent to this body (default: the consultation's 'sent')."""
    replied: PartialDate | None = None
    """When the body's response arrived; set by 'consultation import'. A body may reply with no points."""


class Response(Model):
    """One point a body made (synpunkt) and the decision on it."""

    body: Id
    """Id of the body (one of 'bodies')."""
    date: PartialDate
    """Date of the response."""
    concerns: Id | None = None
    """Id of the goal, area or section of the draft the point concerns; leave out for the plan as a whole."""
    text: Markdown
    """The point as the body wrote it, or a summary of it."""
    proposal: Markdown | None = None
    """The wording the body proposes, when it proposes one."""
    decision: Decision | None = None
    """accepted, partly or not-accepted; lint reports a point without one."""
    reason: Markdown | None = None
    """Why it was decided so (required for partly and not-accepted)."""
    changed: list[Id] = Field(default_factory=new_list)
    """Items of the adopted plan the decision changed (default: the item it concerns, when accepted or partly)."""

    @model_validator(mode="after")
    def _reasoned(self) -> Response:
        if self.decision in ("partly", "not-accepted") and self.reason is None:
            raise ValueError(f"a decision '{self.decision}' needs a 'reason'")
        if self.changed and self.decision not in ("accepted", "partly"):
            raise ValueError("'changed' names what an accepted or partly accepted point changed")
        return self

    @property
    def led_to(self) -> list[str]:
        """The adopted plan's items this point changed, as the decision says."""
        if self.decision not in ("accepted", "partly"):
            return []
        return list(self.changed) or ([self.concerns] if self.concerns else [])


class ConsultationFields(Model):
    """Fields of a consultation beyond the shared document metadata (mixed into the kind)."""

    plan: Id
    """Id of the draft plan sent out, e.g. 'kalmar-2024'."""
    revision: Text
    """The git revision of the draft as sent (a commit id or tag), so that the draft can be found again."""
    adopted: Id | None = None
    """Id of the adopted plan, when it is a document of its own (default: 'plan')."""
    sent: PartialDate
    """When the draft was sent out."""
    deadline: PartialDate
    """Last day for responses; lint reports bodies without a response after it."""
    bodies: list[Body] = Field(min_length=1)
    """The bodies asked (remissinstanser), in the order the summary lists them."""
    responses: list[Response] = Field(default_factory=new_list)
    """Every point made, in the order received."""

    @model_validator(mode="after")
    def _known_bodies(self) -> ConsultationFields:
        ids = [body.id for body in self.bodies]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"body '{twice[0]}' is listed twice")
        for response in self.responses:
            if response.body not in ids:
                raise ValueError(f"response from '{response.body}', which is not one of 'bodies' "
                                 f"({', '.join(ids)})")
        return self
