"""Commands registered by mvkplan.cli.commands_lint (being written)."""
