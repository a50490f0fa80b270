"""The annual report as HTML or Markdown, standalone (``mvkplan report``) or in the site."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jinja2 import Environment

from mvkplan.index.linkindex import LinkIndex
from mvkplan.publish.render.document import RenderError, page_frame, render_page, writer_for
from mvkplan.publish.render.environment import make_environment
from mvkplan.publish.render.links import Urls
from mvkplan.publish.render.views import LinkView
from mvkplan.publish.report.views import build_view
from mvkplan.views.report.build import Report, ReportError, build_report


def render_report(report: Report, fmt: str = "html", *, templates: Path | None = None,
                  env: Environment | None = None, urls: Urls | None = None,
                  nav: list[tuple[LinkView, bool]] | None = None,
                  breadcrumbs: list[LinkView] | None = None,
                  related: tuple[LinkView, ...] = ()) -> str:
    """The report as one page; ``urls`` places it in the site (default: standalone).

    ``related`` are the links the site adds above it (its open data and PDF)."""
    env = env or make_environment(fmt, templates)
    ext = ".html" if fmt == "html" else ".md"
    urls = urls or Urls(report.index, report.follow_up.id, ext=ext)
    writer = writer_for(fmt, [])
    view = build_view(report, urls, writer)
    frame = page_frame(env, view.title, f"{fmt}/report.{fmt}", urls.root, nav or [],
                       breadcrumbs or [])
    return render_page(env, replace(frame, site=view, related=related))


def render_follow_up(index: LinkIndex, document_id: str, fmt: str, env: Environment, urls: Urls) -> str:
    """A follow-up document's page: its annual report."""
    model = index.documents[document_id].model
    try:
        report = build_report(index, model.plan, model.year)  # type: ignore[attr-defined]
    except ReportError as exc:
        raise RenderError(str(exc)) from None
    return render_report(report, fmt, env=env, urls=urls)
