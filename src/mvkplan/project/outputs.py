"""Where ``render -o`` and ``build --out`` write: any path the user names, never over the inputs.

The user's own choice of output path is honoured wherever it points, as any command-line
tool does (the containment checks in :mod:`mvkplan.publish.render.paths` guard the paths *derived
from documents*, not this). What is refused is overwriting what mvkplan reads: a document
under the configured paths or the configuration file — and, for ``build``, which replaces a
whole folder, any folder that holds them.
"""

from __future__ import annotations

import os
from pathlib import Path

from mvkplan.messages.i18n import t
from mvkplan.project.config import Project
from mvkplan.project.discovery import Discovery, walk


class OutputError(Exception):
    """An output path that would overwrite an input (message ready to print)."""


def protected_files(project: Project, found: Discovery | None = None) -> dict[Path, str]:
    """Resolved paths mvkplan reads → what they are (for the message); ``found``: the
    documents' discovery, when the caller already walked the configured paths."""
    if found is None:
        found = walk(project.document_paths(), project.root)
    folders: dict[Path, Path] = {}

    def resolved(path: Path) -> Path:  # each folder resolved once, not every file in it
        if path.is_symlink():
            return path.resolve()
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        return folder / path.name

    protected = {resolved(path): t("output.document") for path in found.files}
    for name in ("mvkplan.toml", "pyproject.toml"):  # a page written there would be read as configuration
        protected.setdefault((project.root / name).resolve(), t("output.config_name"))
    if project.config_file is not None:
        protected[project.config_file.resolve()] = t("output.config")
    return protected


def file_target(project: Project, output: str, name: str, found: Discovery | None = None) -> Path:
    """The file ``render -o OUTPUT`` writes: OUTPUT, or OUTPUT/NAME when it names a folder
    (it ends with '/' or is an existing folder). ``found``: as for :func:`protected_files`."""
    path = Path(output).expanduser()
    path = path if path.is_absolute() else Path.cwd() / path
    if output.endswith(("/", os.sep)) or path.is_dir():
        path = path / name
    what = _protected_file(project, path, found)
    if what is not None:
        raise OutputError(t("output.protected", path=path, what=what))
    return path


def _protected_file(project: Project, path: Path, found: Discovery | None) -> str | None:
    """What the file at ``path`` is to mvkplan, if it reads it (None: it may be written)."""
    if found is None:
        return protected_files(project).get(path.resolve())
    # The documents this run found: ``path`` is one of them when it is the same file (a
    # stat each, where resolving every document's folder cost more than the page).
    resolved = path.resolve()
    configuration = {(project.root / name).resolve(): t("output.config_name")
                     for name in ("mvkplan.toml", "pyproject.toml")}
    if project.config_file is not None:
        configuration[project.config_file.resolve()] = t("output.config")
    if resolved in configuration:
        return configuration[resolved]
    try:
        target = resolved.stat()
    except OSError:  # not there: no document is
        return None
    for document in found.files:
        try:
            same = os.path.samestat(target, document.stat())
        except OSError:
            continue
        if same:
            return t("output.document")
    return None


def folder_target(project: Project, out: Path) -> Path:
    """The folder ``build --out OUT`` replaces; refused when it is or holds the project's inputs."""
    path = out.expanduser()
    path = path if path.is_absolute() else Path.cwd() / path
    if path.exists() and not path.is_dir():  # build replaces a folder; a file there would be lost
        raise OutputError(t("output.not_folder", path=path))
    resolved = path.resolve()
    if resolved == project.root.resolve() or resolved in project.root.resolve().parents:
        raise OutputError(t("output.holds", path=path, what=t("output.project")))
    for protected, what in protected_files(project).items():
        if resolved in protected.parents:
            raise OutputError(t("output.holds", path=path, what=what))
    for configured in project.document_paths():
        if resolved == configured.resolve() or resolved in configured.resolve().parents:
            raise OutputError(t("output.holds", path=path, what=t("output.document")))
    return path
