"""Messages of ``mvkplan review`` (V1xx).

The codes travel as data, so they are named here for extraction; their words are in
``mvkplan/messages/locale``.
"""

from __future__ import annotations

from mvkplan.messages.i18n import N_

KEYS = (
    N_("V101"),
    N_("V101.hint"),
    N_("V102"),
    N_("V103"),
    N_("review.suspect"),
    N_("review.was"),
    N_("review.was_unknown"),
    N_("review.now"),
    N_("review.unreviewed"),
    N_("review.superseded"),
    N_("review.unmatched"),
    N_("review.confirm"),
    N_("review.declined"),
    N_("review.retarget_hint"),
    N_("review.wrote"),
    N_("review.summary"),
    N_("n.link"),
)
"""The catalog keys of these messages."""
