"""Messages of the follow-up checks (E5xx).

The codes travel as data, so they are named here for extraction; their words are in
``mvkplan/messages/locale``.
"""

from __future__ import annotations

from mvkplan.messages.i18n import N_

KEYS = (
    N_("E501"),
    N_("E501.hint"),
    N_("E502"),
    N_("E502.hint"),
    N_("E502.after"),
    N_("E503"),
    N_("E503.hint"),
    N_("E504"),
    N_("E505"),
    N_("E506"),
    N_("E506.hint"),
    N_("E507"),
    N_("E507.hint"),
    N_("E508"),
    N_("E509"),
    N_("E510"),
    N_("E511"),
    N_("E511.hint"),
    N_("E512"),
    N_("E513"),
    N_("E513.hint"),
    N_("E514"),
    N_("E514.hint"),
    N_("E515"),
    N_("E515.hint"),
)
"""The catalog keys of these messages."""
