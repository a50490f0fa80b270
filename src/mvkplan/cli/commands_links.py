"""``mvkplan links`` and ``mvkplan coverage`` (cross-linking)."""
