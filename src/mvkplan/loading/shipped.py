"""The frameworks and catalogs that ship inside the package, loaded like any document."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from mvkplan.loading.documents import LoadedDocument
from mvkplan.loading.validation import load_bytes
from mvkplan.project.discovery import YAML_SUFFIXES


@cache
def shipped_documents() -> tuple[LoadedDocument, ...]:
    """The frameworks and catalogs inside the package, loaded once per process."""
    documents: list[LoadedDocument] = []
    for folder in ("frameworks", "catalogs"):
        for entry in sorted(_data_dir(folder).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(YAML_SUFFIXES):
                continue
            shown = f"<mvkplan>/{folder}/{entry.name}"
            document, problems = load_bytes(entry.read_bytes(), shown, shipped=True, source=entry)
            if document is None:  # a broken shipped file is a bug in mvkplan itself
                raise RuntimeError("; ".join(f"{p.path}:{p.line}: {p.message}" for p in problems))
            documents.append(document)
    return tuple(documents)


def _data_dir(folder: str) -> Path:
    return Path(str(resources.files("mvkplan") / "data" / folder))
