"""All commands registered on one Typer app (importing a command module registers it)."""

from mvkplan.cli import (  # noqa: F401  (importing registers the commands)
    commands_consultation,
    commands_diff,
    commands_documents,
    commands_kolada,
    commands_links,
    commands_lint,
    commands_render,
    commands_report,
    commands_review,
    commands_sheets,
    commands_start,
    commands_survey,
    commands_validate,
)
from mvkplan.cli.app import app, main

__all__ = ["app", "main"]
