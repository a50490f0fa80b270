"""The JSON Schema of a document, for editors (yaml-language-server) and docs."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, NoDefault
from pydantic_core import core_schema

from mvkplan import __version__
from mvkplan.models import AnyDocument

SCHEMA_ID = "https://mvkplan.github.io/schema/mvkplan.schema.json"


class _Schema(GenerateJsonSchema):
    """Lists default to ``[]`` in the schema too (the models make them with ``list``, which is
    cheaper than copying a ``[]`` default for every object validated)."""

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        if schema.get("default_factory") is list:
            return []
        return schema.get("default", NoDefault)


def document_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) accepting any document kind, chosen by ``kind``."""
    schema = TypeAdapter(AnyDocument).json_schema(schema_generator=_Schema)
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
