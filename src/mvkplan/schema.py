"""The JSON Schema of a document, for editors (yaml-language-server) and docs."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from mvkplan import __version__
from mvkplan.models import AnyDocument

SCHEMA_ID = "https://mvkplan.github.io/schema/mvkplan.schema.json"


def document_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) accepting any document kind, chosen by ``kind``."""
    schema = TypeAdapter(AnyDocument).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"mvkplan document (mvkplan {__version__})",
        "description": "A document of an mvkplan repository: a regional plan, strategy, "
        "activity plan, local plan, framework, county profile or catalog.",
        **schema,
    }


def schema_json() -> str:
    """The schema as stable, pretty-printed JSON."""
    return json.dumps(document_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
