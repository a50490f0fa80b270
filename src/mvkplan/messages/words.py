"""The words a reader sees for the fixed values: document kinds, statuses and link relations.

The values in the YAML are English and stable (``regional-plan``, ``adopted``, ``annex-of``).
The rendered site names kinds and statuses in Swedish (the tables below, which its pages use);
the command line shows them in the user's language: the value itself in English, the site's
word in Swedish. Machine-readable output (``--format json``) keeps the values.
"""

from __future__ import annotations

import errno

from mvkplan.messages.i18n import get_language, has, t

KIND_LABELS = {
    "regional-plan": "Regional handlingsplan",
    "strategy": "Regional strategi",
    "activity-plan": "Verksamhetsplan",
    "local-plan": "Lokal handlingsplan",
    "framework": "Mål och ramverk",
    "county-profile": "Länets arbete",
    "catalog": "Katalog",
    "follow-up": "Uppföljning",
    "consultation": "Remiss",
}
"""Document kind → its Swedish name, as the site prints it."""
STATUS_LABELS = {"draft": "Utkast", "adopted": "Antagen", "superseded": "Ersatt"}
"""Document status → its Swedish word, as the site prints it."""


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def kind_word(kind: str) -> str:
    """'regional-plan' in English, 'regional handlingsplan' in Swedish (unknown kinds as written)."""
    label = KIND_LABELS.get(kind)
    return _lower_first(label) if label and get_language() == "sv" else kind


def status_word(status: str, *, example: bool = False) -> str:
    """'adopted' / 'antagen', with ', example' / ', exempel' for an example document."""
    label = STATUS_LABELS.get(status)
    word = _lower_first(label) if label and get_language() == "sv" else status
    return f"{word}, {t('words.example')}" if example else word


def relation_word(relation: str) -> str:
    """'annex-of' in English, 'bilaga till' in Swedish (unknown relations as written)."""
    key = f"relation.{relation}"
    return t(key) if has(key) else relation


def system_error(exc: OSError) -> str:
    """Why a file could not be read or written, in the user's language.

    The system's own text (``strerror``) is English whatever the user chose; the common
    causes are worded by us (``os.ENOENT`` …), any other keeps the system's text.
    """
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os.{name}"
    if name and has(key):
        return t(key)
    return exc.strerror or str(exc)
