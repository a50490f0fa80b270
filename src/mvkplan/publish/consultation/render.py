"""A consultation document's page: the summary of its responses and decisions, HTML or Markdown.

The figures come from :mod:`mvkplan.views.consultation`; this module adds links and turns the
bodies' Markdown into the output format's text (escaped like every other text of a page).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from jinja2 import Environment
from markupsafe import Markup

from mvkplan.index.linkindex import LinkIndex
from mvkplan.publish.render.document import page_frame, render_page, writer_for
from mvkplan.publish.render.links import Urls, marked
from mvkplan.publish.render.views import LinkView
from mvkplan.views.consultation import BodyRow, ConsultationSummary, consultation_summary


@dataclass(frozen=True)
class PointPage:
    """One point as the page prints it: texts already in the output format."""

    body: str
    date: str
    text: Markup
    proposal: Markup | None
    decision: str
    reason: Markup | None


@dataclass(frozen=True)
class PartPage:
    """The points on one part of the draft, with a link to that part of the plan."""

    anchor: str
    heading: Markup
    link: LinkView | None
    points: tuple[PointPage, ...]


@dataclass(frozen=True)
class SummaryPage:
    """What the template of a consultation page reads."""

    summary: ConsultationSummary
    title: str
    plan: LinkView
    bodies: tuple[BodyRow, ...]
    silent: tuple[str, ...]
    parts: tuple[PartPage, ...]


def render_consultation(index: LinkIndex, document_id: str, fmt: str, env: Environment, urls: Urls, *,
                        nav: list[tuple[LinkView, bool]] | None = None,
                        breadcrumbs: list[LinkView] | None = None) -> str:
    """The summary page of the consultation ``document_id``."""
    summary = consultation_summary(index, document_id)
    writer = writer_for(fmt, [])
    plan = LinkView(marked(index, summary.plan, summary.plan_title), urls.document(summary.plan))
    parts = []
    for n, part in enumerate(summary.parts, start=1):
        link = LinkView("Se i planen", urls.document(summary.plan, part.item)) if part.item else None
        points = tuple(PointPage(p.body, p.date, writer.block(p.text),
                                 writer.block(p.proposal) if p.proposal else None, p.decision,
                                 writer.block(p.reason) if p.reason else None) for p in part.points)
        parts.append(PartPage(f"mvk-del-{n}", writer.inline(part.heading), link, points))
    silent = tuple(body.name for body in summary.bodies if body.replied is None)
    title = f"Remissammanställning: {summary.plan_title}"
    view = SummaryPage(summary, title, plan, summary.bodies, silent, tuple(parts))
    frame = page_frame(env, title, f"{fmt}/consultation.{fmt}", urls.root, nav or [], breadcrumbs or [])
    return render_page(env, replace(frame, site=view))
