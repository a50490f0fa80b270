"""Optional capabilities: a clear message instead of an ImportError when an extra is missing."""

from __future__ import annotations

import importlib.util


class MissingExtraError(Exception):
    """A command needs packages from an optional extra that is not installed."""

    def __init__(self, extra: str, missing: list[str]) -> None:
        from mvkplan.messages.i18n import t

        super().__init__(t("extra.missing", extra=extra, missing=", ".join(missing)))
        self.extra = extra
        self.missing = missing


def require(extra: str, *modules: str) -> None:
    """Raise :class:`MissingExtraError` unless every module of ``extra`` can be imported."""
    missing = [name for name in modules if not _importable(name)]
    if missing:
        raise MissingExtraError(extra, missing)


def _importable(name: str) -> bool:
    """Whether ``name`` can be imported (a dotted name whose parent is missing cannot)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # find_spec("ruamel.yaml") imports "ruamel" first
        return False
