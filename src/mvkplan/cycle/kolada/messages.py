"""Messages of the Kolada commands (K1xx).

The codes travel as data, so they are named here for extraction; their words are in
``mvkplan/messages/locale``.
"""

from __future__ import annotations

from mvkplan.messages.i18n import N_

KEYS = (
    N_("K101"),
    N_("K101.hint"),
    N_("K102"),
    N_("K102.hint"),
    N_("K103"),
    N_("K104"),
    N_("K105"),
    N_("K106"),
    N_("K107"),
    N_("K107.hint"),
    N_("K108"),
    N_("K108.hint"),
    N_("K109"),
    N_("K110"),
    N_("K111"),
    N_("K112"),
    N_("K113"),
    N_("K113.hint"),
    N_("K114"),
    N_("K115"),
    N_("K116"),
    N_("K117"),
    N_("K117.hint"),
    N_("K118"),
    N_("kolada.offline"),
    N_("kolada.too-large"),
    N_("kolada.none"),
    N_("kolada.http"),
    N_("kolada.summary"),
    N_("kolada.summary.missing.one"),
    N_("kolada.summary.missing.many"),
    N_("kolada.summary.other-year.one"),
    N_("kolada.summary.other-year.many"),
    N_("kolada.summary.ignored.one"),
    N_("kolada.summary.ignored.many"),
    N_("kolada.no-kpis"),
    N_("kolada.fetching"),
    N_("K119"),
    N_("K119.no-code"),
    N_("K120"),
)
"""The catalog keys of these messages."""
