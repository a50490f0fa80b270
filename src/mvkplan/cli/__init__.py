"""The command line. Thin by design: parse options, call the library, hand results to a reporter.

Each command lives in a module of its own and imports the library lazily inside the
function, so ``mvkplan --version`` and ``--help`` never import pydantic or jinja2.
"""

from mvkplan.cli import (  # noqa: F401  (importing registers the commands)
    commands_diff,
    commands_documents,
    commands_kolada,
    commands_links,
    commands_lint,
    commands_render,
    commands_report,
    commands_survey,
    commands_validate,
)
from mvkplan.cli.app import app, main

__all__ = ["app", "main"]
