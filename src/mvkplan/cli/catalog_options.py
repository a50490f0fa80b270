"""Options naming a catalog entry (``--county``, ``--municipality``): resolved, or exit 2.

The user may write the id, the official code or the name (``kronoberg``, ``07``,
``Kronobergs län``); anything else is a usage error with the closest entry as a hint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mvkplan.cli.app import fail
from mvkplan.messages.i18n import N_

if TYPE_CHECKING:
    from mvkplan.index.linkindex import LinkIndex

LISTED = 25
"""A catalog this small (the counties) is listed whole in the message; a longer one is named."""
CLOSE = 0.8
"""How alike a suggestion must be (more than this): 'kronobrg' is kronoberg, while 'Smaland'
and 'Dalsland' are no county at all (difflib's default 0.6 offered 'vastmanland')."""
# the Swedish label carries its adjective: "län" is neuter (okänt län), "kommun" common (okänd kommun)
_LABELS = {"counties": N_("option.label.counties"), "municipalities": N_("option.label.municipalities")}
"""Catalog → the catalog key of 'unknown county' and the like."""


def resolve_entry(index: LinkIndex, catalog: str, value: str, option: str) -> str:
    """The id of the entry ``value`` names in ``catalog``; exit 2 with a hint if none."""
    from mvkplan.index.lookup import closest_entry, find_entry
    from mvkplan.messages.i18n import get_language, t

    found = find_entry(index, catalog, value)
    if found is not None:
        return found.id
    key = _LABELS.get(catalog)
    label = t(key) if key else f"okänd {catalog}" if get_language() == "sv" else catalog
    close = closest_entry(index, catalog, value)
    if close is not None and not _alike(value, (close.id, close.name)):
        close = None
    hints = [t("hint.did_you_mean.named", close=close.id, name=close.name)] if close else []
    ids = index.item_ids(catalog)
    hints.append(t("option.known", ids=", ".join(ids)) if len(ids) <= LISTED
                 else t("option.hint", catalog=catalog))
    fail(f"{t('option.unknown', label=label, value=value, option=option)} ({'; '.join(hints)})")


def _alike(value: str, names: tuple[str, ...]) -> bool:
    """Whether ``value`` is close to one of ``names`` (compared as slugs)."""
    from difflib import SequenceMatcher

    from mvkplan.messages.textmatch import slug

    wanted = slug(value)
    return any(SequenceMatcher(None, wanted, slug(name)).ratio() > CLOSE for name in names)
