"""Messages of the follow-up writer (R1xx).

The codes travel as data, so they are named here for extraction; their words are in
``mvkplan/messages/locale``.
"""

from __future__ import annotations

from mvkplan.messages.i18n import N_

KEYS = (
    N_("R101"),
    N_("R101.hint"),
    N_("R102"),
    N_("R103"),
    N_("R103.hint"),
    N_("record.dry"),
    N_("record.wrote"),
    N_("record.refused"),
    N_("R106"),
    N_("R106.hint"),
    N_("record.completed"),
    N_("record.undone"),
    N_("R104"),
    N_("R105"),
    N_("R105.hint"),
)
"""The catalog keys of these messages."""
