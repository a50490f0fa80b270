"""The HTML form of a diff: a page "Vad är nytt jämfört med 2021–2023".

``mvkplan build`` makes one for every document that ``supersedes`` another
(``nytt/<id>.html``, linked from the document's page); ``mvkplan diff --format html``
renders the same page standalone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from jinja2 import Environment

from mvkplan.messages.i18n import Wording
from mvkplan.models import DocumentBase
from mvkplan.publish.diff.formats import status_label
from mvkplan.publish.render.document import page_frame, render_page
from mvkplan.publish.render.views import LinkView
from mvkplan.views.diff.model import DocumentDiff, ItemChange


@dataclass(frozen=True)
class DiffView:
    """What the diff template shows."""

    heading: str
    diff: DocumentDiff
    old: LinkView
    new: LinkView

    def status(self, item: ItemChange) -> str:
        """Swedish status of an item (a page of the site is Swedish)."""
        return status_label(item, Wording("sv"))


def diff_heading(old: DocumentBase) -> str:
    """'Vad är nytt jämfört med 2021–2023' (or with the old plan's name when it has no period)."""
    period = old.period
    if period and period.start and period.end:
        return f"Vad är nytt jämfört med {period.start}–{period.end}"
    return f"Vad är nytt jämfört med {old.short_title or old.title}"


def render_diff_page(env: Environment, diff: DocumentDiff, old: DocumentBase, *,
                     old_link: LinkView, new_link: LinkView, root: str = "",
                     nav: list[tuple[LinkView, bool]] | None = None,
                     breadcrumbs: list[LinkView] | None = None) -> str:
    """The page as HTML."""
    heading = diff_heading(old)
    frame = page_frame(env, f"{heading} – {new_link.text}", "html/diff.html", root, nav or [],
                       breadcrumbs or [])
    return render_page(env, replace(frame, site=DiffView(heading, diff, old_link, new_link)))
