"""The configuration file, found and read without the models that check it.

Kept apart from :mod:`mvkplan.project.config` so that what runs before the command line is
parsed (the language of help pages and mistakes) needs TOML only, not pydantic.
"""

from __future__ import annotations

import tomllib
from pathlib import Path


class ConfigError(Exception):
    """A configuration file that cannot be read or has invalid keys."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def read_toml(path: Path) -> dict[str, object]:
    """The TOML table of ``path``; a file that cannot be read or parsed is a ConfigError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except UnicodeDecodeError:  # TOML is UTF-8 only (a file saved as Latin-1 or cp1252)
        from mvkplan.messages.i18n import t

        raise ConfigError(path, t("E101")) from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, str(exc)) from None


def configuration(start: Path | None) -> tuple[Path, Path, object] | None:
    """(folder, file, table) of the first mvkplan.toml or pyproject.toml with [tool.mvkplan]
    from ``start`` up, stopping at the top of a git repository."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "mvkplan.toml"
        if candidate.is_file():
            return folder, candidate, read_toml(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = read_toml(candidate).get("tool", {})
            if isinstance(table, dict) and "mvkplan" in table:
                return folder, candidate, table["mvkplan"]
        if (folder / ".git").exists():
            break
    return None


def configured_language(start: Path | None = None) -> str | None:
    """The ``lang`` of the project's configuration, read before the command line is parsed (for
    its help and its errors); None without one, or when the file is broken (the command itself
    reports that)."""
    try:
        found = configuration(start)
    except ConfigError:
        return None
    table = found[2] if found else None
    lang = table.get("lang") if isinstance(table, dict) else None
    return lang if lang in ("sv", "en") else None
