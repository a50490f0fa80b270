"""Optional capabilities: a clear message instead of an ImportError when an extra is missing."""

from __future__ import annotations

import importlib.util


class MissingExtraError(Exception):
    """A command needs packages from an optional extra that is not installed."""

    def __init__(self, extra: str, missing: list[str]) -> None:
        super().__init__(f"pip install 'mvkplan[{extra}]' (missing: {', '.join(missing)})")
        self.extra = extra
        self.missing = missing


def require(extra: str, *modules: str) -> None:
    """Raise :class:`MissingExtraError` unless every module of ``extra`` can be imported."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(extra, missing)
