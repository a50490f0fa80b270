"""The ``mvkplan`` program (and ``python -m mvkplan``): answers ``--version`` before the command line is built.

Building the command line imports Typer and registers every command; a version check
(run by CI scripts and editors, often) needs none of it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:
        from mvkplan import __version__

        print(f"mvkplan {__version__}")
        return
    try:
        from mvkplan.cli.main import main as run
    except KeyboardInterrupt:  # Ctrl-C while the command line is still being built
        _interrupted_early()
    run()


def _interrupted_early() -> NoReturn:
    """Ctrl-C before the command's own handler is in place: the same one line, exit 130."""
    import os

    try:
        from mvkplan.messages.i18n import chosen_language

        swedish = chosen_language(sys.argv[1:]) == "sv"
    except BaseException:  # noqa: BLE001 (a second Ctrl-C while importing the words)
        swedish = False
    line = "mvkplan: avbrutet (Ctrl-C)" if swedish else "mvkplan: interrupted (Ctrl-C)"
    os.write(2, (line + "\n").encode("utf-8"))
    raise SystemExit(130)


if __name__ == "__main__":
    main()
