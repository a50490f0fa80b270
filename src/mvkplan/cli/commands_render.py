"""Commands registered by mvkplan.cli.commands_render (being written)."""
