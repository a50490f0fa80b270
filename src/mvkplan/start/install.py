"""The pip requirement a new repository installs mvkplan with: where this installation came from.

A generated README or CI workflow that says ``pip install mvkplan`` works only if mvkplan is
on the package index under that name. The line ``init`` writes instead names what is known
to exist: the URL and commit (or the wheel, or the folder) this installation was made from,
as the installer recorded it (``direct_url.json``, PEP 610), or the installed version when it
came from an index. It is kept in ``mvkplan.toml`` (``install``), where it can be changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mvkplan import __version__

NAME = "mvkplan"


@dataclass(frozen=True)
class Origin:
    """Where the running mvkplan was installed from, as pip reads a requirement."""

    requirement: str
    """e.g. 'mvkplan==0.1.0', 'mvkplan @ git+https://host/mvkplan.git@<commit>'."""
    local: bool = False
    """The line names a file or folder on this machine: another machine (CI) cannot use it."""


def installed_from(distribution: metadata.Distribution | None = None) -> Origin:
    """The requirement that installs the running mvkplan again (see the module's doc)."""
    if distribution is None:
        try:
            distribution = metadata.distribution(NAME)
        except metadata.PackageNotFoundError:
            return _source_tree()
    recorded = _direct_url(distribution)
    if recorded is None:
        return Origin(f"{NAME}=={distribution.version}")
    url = str(recorded.get("url", ""))
    vcs = recorded.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") and vcs.get("commit_id"):
        return Origin(f"{NAME} @ {vcs['vcs']}+{url}@{vcs['commit_id']}")
    if url.startswith("file:"):
        return _local(url)
    if url:
        return Origin(f"{NAME} @ {url}")
    return Origin(f"{NAME}=={distribution.version}")


def _local(url: str) -> Origin:
    """A wheel or checkout on this machine (``pip install -e .`` from a clone): the checkout's
    public remote and commit when it has one, so that CI elsewhere can install it; else the
    local line, marked so that ``init`` says it must be changed."""
    import subprocess
    from urllib.parse import unquote, urlparse

    folder = Path(unquote(urlparse(url).path))

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                                  check=False, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None

    remote = git("remote", "get-url", "origin") if folder.is_dir() else None
    commit = git("rev-parse", "HEAD") if remote else None
    if remote and commit and re.match(r"https?://|ssh://|git@", remote):
        if remote.startswith("git@"):  # git@host:owner/repo.git → ssh://git@host/owner/repo.git
            remote = "ssh://" + remote.replace(":", "/", 1)
        return Origin(f"{NAME} @ git+{remote}@{commit}")
    return Origin(f"{NAME} @ {url}", local=True)


def _direct_url(distribution: metadata.Distribution) -> dict[str, object] | None:
    """The installer's record of a direct URL install (PEP 610), if any and readable."""
    try:
        text = distribution.read_text("direct_url.json")
        data = json.loads(text) if text else None
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _source_tree() -> Origin:
    """mvkplan run from a checkout, not installed: the checkout's folder, else the version."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / "pyproject.toml").is_file() and (folder / "src" / NAME).is_dir():
            return _local(folder.as_uri())
    return Origin(f"{NAME}=={__version__}")


def with_extras(requirement: str, *extras: str) -> str:
    """``requirement`` asking for ``extras`` too ('mvkplan @ URL' → 'mvkplan[serve] @ URL');
    unchanged if it does not start with the project's name (a line of the user's own)."""
    match = re.match(rf"\s*{NAME}(\[[^\]]*\])?", requirement, re.IGNORECASE)
    if match is None or not extras:
        return requirement
    have = [e.strip() for e in (match.group(1) or "[]")[1:-1].split(",") if e.strip()]
    wanted = ",".join([*have, *(e for e in extras if e not in have)])
    return f"{NAME}[{wanted}]{requirement[match.end():]}"
