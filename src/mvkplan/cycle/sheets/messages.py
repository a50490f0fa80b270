"""Messages of ``export`` and ``import`` of plans as sheets.

T1xx the file, T2xx its cells, T3xx the plan and writing. A hostile workbook is refused with the
survey's S1xx codes, by the survey's own checks. The codes travel as data, so they are named
here for extraction; their words are in ``mvkplan/messages/locale``.
"""

from __future__ import annotations

from mvkplan.messages.i18n import N_

KEYS = (
    N_("T101"),
    N_("T101.hint"),
    N_("T102"),
    N_("T102.hint"),
    N_("T103"),
    N_("T103.hint"),
    N_("T104"),
    N_("T105"),
    N_("T106"),
    N_("T106.hint"),
    N_("T201"),
    N_("T201.hint"),
    N_("T202"),
    N_("T202.hint"),
    N_("T203"),
    N_("T204"),
    N_("T204.hint"),
    N_("T205"),
    N_("T205.hint"),
    N_("T206"),
    N_("T206.hint"),
    N_("T207"),
    N_("T207.hint"),
    N_("T301"),
    N_("T302"),
    N_("T303"),
    N_("T304"),
    N_("T305"),
    N_("T306"),
    N_("T307"),
    N_("T308"),
    N_("T309"),
    N_("sheets.refused"),
    N_("sheets.dry"),
    N_("sheets.wrote"),
    N_("sheets.written"),
    N_("sheets.same"),
    N_("sheets.summary"),
)
"""The catalog keys of these messages."""
