"""The command line. Thin by design: parse options, call the library, hand results to a reporter.

Each command lives in a module of its own and imports the library lazily inside the
function, so ``mvkplan --version`` and ``--help`` never import pydantic or jinja2.
:mod:`mvkplan.cli.main` registers them all on the Typer app.
"""
