"""Putting a built site in place: whole or not at all, with exactly the current pages.

The new site is written into a folder beside the output folder, then swapped in by renaming,
so an interrupted build leaves the old site as it was, never a mix of old and new pages. A
manifest (``.mvkplan-manifest.json``) lists the files the build wrote; the next build drops
those it no longer produces (a removed document's page) and carries over everything else
found in the output folder (a CNAME, images a web editor put there), which mvkplan never
wrote and so never removes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from mvkplan.render.paths import inside
from mvkplan.writing import default_mode, write_atomic

MANIFEST = ".mvkplan-manifest.json"


def publish_site(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Replace ``out`` with a folder holding ``files`` (plus what was not built by mvkplan)."""
    out = Path(os.path.abspath(out))
    if out.is_symlink():
        out = out.resolve()  # the link stays; the folder it names is replaced
    targets = {relative: inside(out, relative) for relative in files}  # refuse before writing
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        os.chmod(staging, default_mode(directory=True))
        for relative, data in sorted(files.items()):
            _write_new(inside(staging, relative), data)
        if out.is_dir():
            _carry_over(out, staging, set(files) | {MANIFEST})
        _write_new(staging / MANIFEST, json.dumps(
            {"generator": "mvkplan", "files": sorted(files)}, indent=1).encode("utf-8"))
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [targets[relative] for relative in sorted(files)]


def built_files(out: Path) -> set[str]:
    """The files the last build wrote into ``out`` (empty without a readable manifest)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    listed = data.get("files") if isinstance(data, dict) else None
    return {f for f in listed if isinstance(f, str)} if isinstance(listed, list) else set()


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def _carry_over(old: Path, new: Path, produced: set[str]) -> None:
    """Copy what the old site holds that no build wrote (the previous manifest says which)."""
    stale = built_files(old)
    for folder, folders, names in os.walk(old):
        here = Path(folder)
        relative_folder = here.relative_to(old)
        for name in names:
            relative = (relative_folder / name).as_posix()
            if relative in produced or relative in stale:
                continue
            target = new / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            source = here / name
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            else:
                shutil.copy2(source, target)
        for name in folders:
            (new / relative_folder / name).mkdir(exist_ok=True)


def _swap(staging: Path, out: Path) -> None:
    """Rename ``staging`` to ``out``; the old folder is moved aside first and removed after."""
    if not out.exists():
        os.replace(staging, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(aside)
    os.replace(out, aside)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(aside, out)  # put the old site back
        raise
    shutil.rmtree(aside, ignore_errors=True)
