"""The ``mvkplan`` program (and ``python -m mvkplan``): answers ``--version`` before the command line is built.

Building the command line imports Typer and registers every command; a version check
(run by CI scripts and editors, often) needs none of it.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:
        from mvkplan import __version__

        print(f"mvkplan {__version__}")
        return
    from mvkplan.cli.main import main as run

    run()


if __name__ == "__main__":
    main()
