"""The JSON Schema of a document, for editors (yaml-language-server) and docs."""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, NoDefault
from pydantic_core import core_schema

from mvkplan import __version__
from mvkplan.models import AnyDocument
from mvkplan.models.common import new_list
from mvkplan.models.docstrings import docstring

SCHEMA_ID = "https://mvkplan.github.io/schema/mvkplan.schema.json"


class _Schema(GenerateJsonSchema):
    """Lists default to ``[]`` in the schema too (the models make them with
    :func:`~mvkplan.models.common.new_list`, which is cheaper than copying a ``[]`` default for
    every object validated)."""

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        if schema.get("default_factory") is new_list:
            return []
        return schema.get("default", NoDefault)

    def model_schema(self, schema: core_schema.ModelSchema) -> dict[str, Any]:
        """A model's schema, each field described by its attribute docstring (unless the field
        or its type has a description of its own), as ``use_attribute_docstrings`` would."""
        found = super().model_schema(schema)
        model = cast("type[BaseModel]", schema["cls"])
        properties = found.get("properties", {})
        for name, field in model.model_fields.items():
            shown = field.alias or name
            doc = docstring(model, name)
            if field.description is None and doc is not None and shown in properties:
                properties[shown]["description"] = doc
        return found


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
