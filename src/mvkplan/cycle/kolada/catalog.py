"""A KPI named the way a coordinator knows it: its Kolada id, or a catalog entry's id, name or Kolada title.

The catalog is 'kolada-kpis' and every catalog extending it; an entry without a ``code`` (a
question Kolada does not publish) names no KPI and says so.
"""

from __future__ import annotations

import re

from mvkplan.index.linkindex import LinkIndex
from mvkplan.messages.i18n import t
from mvkplan.messages.textmatch import closest
from mvkplan.models import Catalog
from mvkplan.models.items import CatalogEntry

KPI_ID = re.compile(r"[NU]\d{5}")


class KpiNameError(Exception):
    """A ``--kpi`` that names no KPI of the catalog (exit 2); the message says why."""


def kpi_entries(index: LinkIndex) -> list[CatalogEntry]:
    """The entries of 'kolada-kpis' and of the catalogs that extend it, in catalog order."""
    entries: list[CatalogEntry] = []
    for loaded in index.documents.values():
        model = loaded.model
        if isinstance(model, Catalog) and "kolada-kpis" in (model.id, model.extends):
            entries.extend(model.entries)
    return entries


def resolve_kpi(index: LinkIndex, given: str) -> str:
    """The Kolada id ``given`` names: an id as is, or the ``code`` of the entry whose id, name
    or alias (Kolada's title) it is, compared without regard to case or repeated spaces."""
    text = given.strip()
    if KPI_ID.fullmatch(text.upper()):
        return text.upper()
    wanted = _folded(text)
    entries = kpi_entries(index)
    for entry in entries:
        if wanted in {_folded(entry.id), _folded(entry.name), *map(_folded, entry.aliases)}:
            if entry.code is None:
                raise KpiNameError(t("K119.no-code", kpi=given, entry=entry.id))
            return entry.code
    close = closest(text, [e.id for e in entries])
    hint = f" ({t('hint.did_you_mean', close=close)})" if close else ""
    raise KpiNameError(t("K119", kpi=given) + hint)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
