"""Messages of the consultation commands (C2xx cells of a response workbook, C3xx the import).

Problems reading the workbook itself are the survey's (S1xx, S2xx), since its reader reads both.
The codes travel as data (a problem's code is looked up when it is worded), so they are named
here for extraction; their words are in ``mvkplan/messages/locale``.
"""

from __future__ import annotations

from mvkplan.messages.i18n import N_

KEYS = (
    N_("C201"),
    N_("C201.hint"),
    N_("C202"),
    N_("C202.hint"),
    N_("C203"),
    N_("C203.hint"),
    N_("C301"),
    N_("C301.hint"),
    N_("C302"),
    N_("C303"),
    N_("C304"),
    N_("C304.hint"),
    N_("C305"),
    N_("C305.hint"),
    N_("C306"),
    N_("C306.hint"),
    N_("C308"),
    N_("C309"),
    N_("consultation.date"),
    N_("consultation.write"),
    N_("C309.hint"),
    N_("consultation.unknown"),
    N_("consultation.no-plan"),
    N_("consultation.body"),
    N_("consultation.exists"),
    N_("consultation.written"),
    N_("consultation.none"),
    N_("consultation.summary"),
)
"""The catalog keys of these messages."""
