"""Project configuration: ``[tool.mvkplan]`` in pyproject.toml, or mvkplan.toml.

Found by walking up from the working directory; the directory holding it is the
project root, and every path in the configuration is relative to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from mvkplan.project.configfile import ConfigError, configuration
from mvkplan.project.look import Look, LookError, LookSettings, read_look

DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024


class SiteSettings(BaseModel):
    """``[tool.mvkplan.site]``: who publishes the site, for its open data and its
    accessibility statement (tillgänglighetsredogörelse). Nothing is invented when a key is
    missing: the build warns and the page says what is not stated."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )

    publisher: str | None = None
    """The public body that publishes the site, e.g. 'Länsstyrelsen i Kalmar län'."""
    publisher_url: str | None = None
    """The publisher's web site (https://…), named in the data catalog."""
    accessibility_contact: str | None = None
    """Where readers report accessibility problems: an e-mail address or a web page (https://…);
    also the contact point of the open data."""
    accessibility_reviewed: date | None = None
    """Date of the latest review of the site's accessibility, YYYY-MM-DD."""
    license: str = "https://creativecommons.org/publicdomain/zero/1.0/"
    """The licence of the open data files (a URL); CC0 by default."""


class Settings(BaseModel):
    """Every configuration key, with its default. Keys are written kebab-case in TOML."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )

    paths: list[str] = ["plans"]
    """Folders (or files) holding the documents, relative to the project root."""
    lang: Literal["sv", "en"] | None = None
    """Language of messages: 'sv' or 'en' (default: from the locale)."""
    max_file_size: StrictInt = Field(DEFAULT_MAX_FILE_SIZE, gt=0)
    """Largest YAML file accepted, in bytes."""
    select: list[str] = []
    """Lint rule codes or prefixes to run (default: all)."""
    ignore: list[str] = []
    """Lint rule codes or prefixes to skip."""
    severity: dict[str, str] = {}
    """Severity overrides, e.g. {MVK003 = "error"}."""
    per_path_ignores: dict[str, list[str]] = {}
    """Glob pattern → codes ignored in matching files, e.g. {"plans/examples/*" = ["MVK010"]}."""
    rules: dict[str, dict[str, Any]] = {}
    """Options of lint rules by code or name, e.g. [tool.mvkplan.rules.personal-contact]
    allow = ["010-223 80 00"]; 'mvkplan rules CODE' lists a rule's options."""
    templates: str | None = None
    """Folder with templates that override the shipped ones."""
    out: str = "site"
    """Output folder of 'mvkplan build'."""
    follow_external_symlinks: bool = False
    """Read documents through symbolic links that lead outside the project (refused by default)."""
    plain: bool = False
    """Render documents exactly as adopted, without the tool's additions (links, back-links,
    quotations, glosses, fact box, contents); the same as 'render --plain' and 'build --plain'."""
    drafts: bool = False
    """Publish drafts too with 'mvkplan build' (marked UTKAST); the same as 'build --drafts'."""
    install: str | None = None
    """The pip requirement that installs mvkplan for this repository ('mvkplan==0.1.0',
    'mvkplan @ git+https://…@<commit>'); written by 'mvkplan init', read by its CI workflow."""
    site: SiteSettings = SiteSettings()
    """``[tool.mvkplan.site]``: publisher, accessibility contact and review date, data licence."""
    site_url: str | None = None
    """Where the built site is published (https://…); 'mvkplan render' then links other documents there."""
    look: LookSettings = LookSettings()
    """The county's look: [tool.mvkplan.look] with logo, logo-alt, colors, fonts, reference-docx."""


@dataclass
class Project:
    """Where the project is and how it is configured."""

    root: Path
    settings: Settings = field(default_factory=lambda: Settings())
    config_file: Path | None = None
    standalone: bool = False
    """No project here: only the files named on the command line are read (with the shipped
    frameworks and catalogs), and nothing is written (no cache) into a folder that is not ours."""
    look: Look = field(default_factory=Look)
    """The look with its files checked and the logo read (the shipped look without configuration)."""

    def document_paths(self) -> list[Path]:
        """The configured document folders and files, made absolute."""
        return [self.root / p for p in self.settings.paths]


def find_project(start: Path | None = None) -> Project:
    """Walk up from ``start`` to the first mvkplan.toml or pyproject.toml with [tool.mvkplan]."""
    found = configuration(start)
    if found is None:
        return Project(root=(start or Path.cwd()).resolve())
    return _project(*found)


def _project(root: Path, path: Path, data: object) -> Project:
    if not isinstance(data, dict):
        raise ConfigError(path, "[tool.mvkplan] must be a table")
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(
            f"{_line_of(path, err['loc'])}{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(path, details) from None
    try:
        look = read_look(root, settings.look)
    except LookError as exc:
        raise ConfigError(path, f"{_line_of(path, ('look', exc.key))}look.{exc.key}: {exc.detail}") from None
    return Project(root=root, settings=settings, config_file=path, look=look)


def _line_of(path: Path, loc: tuple[Any, ...]) -> str:
    """``line N: `` of the key an error is about (tomllib keeps no positions, so the key is
    looked up in the text: in [tool.mvkplan…] tables of pyproject.toml, anywhere in mvkplan.toml).

    For a key inside a table (``look.colors``), the line of the inner key is given when it is
    written in that table, else the table's own line.
    """
    if not loc:
        return ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    key = str(loc[0])
    inner = str(loc[1]) if len(loc) > 1 else None
    inside = path.name != "pyproject.toml"
    found: int | None = None
    in_table = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        written = stripped.split("=", 1)[0].strip().strip('"')
        if stripped.startswith("["):
            inside = path.name != "pyproject.toml" or stripped.startswith("[tool.mvkplan")
            parts = [part.strip() for part in stripped.strip("[]").split(".")]
            if inside and inner is not None and parts[-2:] == [key, inner]:
                return f"line {number}: "  # [tool.mvkplan.look.colors]
            if found is not None and in_table:
                break  # the table of ``key`` ended before its inner key was found
            in_table = inside and parts[-1] == key
            if in_table:
                found = number
                if inner is None:
                    break
        elif in_table and inner is not None and written == inner:
            return f"line {number}: "
        elif inside and found is None and written == key:
            return f"line {number}: "
    return f"line {found}: " if found is not None else ""
