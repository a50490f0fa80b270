"""The rich console every command prints with: one that remembers its reader went away.

rich answers a broken pipe (``mvkplan coverage | head``) by sending the rest of the output to
``/dev/null`` and exiting with 1, which would read as "problems found". This console notes it
first, so that the command exits as a program ended by SIGPIPE does
(:data:`mvkplan.cli.app.BROKEN_PIPE`).
"""

from __future__ import annotations

import threading

from rich.console import Console as RichConsole

READER_GONE = threading.Event()
"""Set once a console of this run met a broken pipe."""


class Console(RichConsole):
    """:class:`rich.console.Console`, noting a broken pipe before rich ends the command."""

    def on_broken_pipe(self) -> None:
        """Note the broken pipe, then let rich silence the stream and exit."""
        READER_GONE.set()
        super().on_broken_pipe()
