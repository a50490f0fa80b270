"""Allow ``python -m mvkplan``."""

from mvkplan.cli import main

main()
