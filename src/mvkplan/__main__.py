"""Allow ``python -m mvkplan``."""

from mvkplan.entry import main

main()
