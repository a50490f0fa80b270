"""A consultation → one response workbook per body, written into a folder (nothing half-way)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mvkplan.cycle.consultation.rows import comment_rows
from mvkplan.cycle.consultation.workbook import ResponseSpec, workbook_bytes
from mvkplan.cycle.survey.signing import SurveyKeyError, export_key
from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import t
from mvkplan.messages.textmatch import closest
from mvkplan.models import Consultation, PlanBase
from mvkplan.project.writing import write_atomic


class ConsultationUsageError(Exception):
    """The consultation, its plan or a body asked for does not exist, or a workbook is in the way (exit 2)."""


@dataclass(frozen=True)
class Exported:
    """One workbook written."""

    body: str
    path: Path
    rows: int


def consultation_of(index: LinkIndex, consultation_id: str) -> tuple[Consultation, PlanBase]:
    """The consultation ``consultation_id`` and the draft plan it sent out, or a usage error."""
    loaded = index.documents.get(consultation_id)
    if loaded is None or not isinstance(loaded.model, Consultation):
        known = [d for d, doc in index.documents.items() if doc.kind == "consultation"]
        close = closest(consultation_id, known)
        hint = f" ({t('hint.did_you_mean', close=close)})" if close else ""
        raise ConsultationUsageError(t("consultation.unknown", id=consultation_id) + hint)
    model = loaded.model
    plan = index.documents.get(model.plan)
    if plan is None or not isinstance(plan.model, PlanBase):
        raise ConsultationUsageError(t("consultation.no-plan", id=consultation_id, plan=model.plan))
    return model, plan.model


def export_responses(index: LinkIndex, consultation_id: str, out: Path, bodies: list[str] | None = None,
                     *, force: bool = False) -> list[Exported]:
    """Write a response workbook per body of ``consultation_id`` (or of ``bodies``) into ``out``.

    Every workbook is made and signed before the first is written; a workbook already in
    ``out`` may hold a body's response, so none is replaced unless ``force``.
    """
    model, plan = consultation_of(index, consultation_id)
    known = {body.id: body for body in model.bodies}
    for wanted in bodies or []:
        if wanted not in known:
            close = closest(wanted, list(known))
            hint = f" ({t('hint.did_you_mean', close=close)})" if close else ""
            raise ConsultationUsageError(t("consultation.body", body=wanted, id=consultation_id) + hint)
    rows = comment_rows(plan)
    specs = [ResponseSpec(model.id, plan.title, model.revision, model.deadline, body.id, body.name, rows)
             for body in model.bodies if not bodies or body.id in bodies]
    targets = [out / f"{model.id}-{spec.body}.xlsx" for spec in specs]
    existing = [target for target in targets if target.exists()]
    if existing and not force:
        raise ConsultationUsageError(t("consultation.exists", path=existing[0], count=len(existing)))
    try:
        key = export_key()
    except SurveyKeyError as exc:
        raise ConsultationUsageError(t(exc.code, **exc.values)) from None
    files = [(target, workbook_bytes(spec, key)) for spec, target in zip(specs, targets, strict=True)]
    out.mkdir(parents=True, exist_ok=True)
    for target, data in files:
        write_atomic(target, data)
    return [Exported(spec.body, target, len(spec.rows)) for spec, target in zip(specs, targets, strict=True)]
