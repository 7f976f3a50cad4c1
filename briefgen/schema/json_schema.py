"""The JSON Schemas of the option-set format and of ``briefgen.yaml``, for editors and CI."""

from __future__ import annotations

from typing import Any

from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of an option-set file, keys as in YAML.

    Every field carries its description, so editors show it as help. ``id`` is optional
    in files (it defaults to the file name), unlike in the model.
    """
    schema = OptionSet.model_json_schema(by_alias=True, mode="validation")
    definitions = schema["$defs"]
    # A bare string stands for a point's text or a position's stance (see models.Point,
    # models.Position); the models accept it before validation, so say so here too.
    definitions["Point"] = {
        "anyOf": [{"type": "string", "minLength": 1}, definitions["Point"]],
        "description": definitions["Point"].get("description", ""),
    }
    stance = definitions["Position"]["properties"]["stance"]
    definitions["Position"] = {
        "anyOf": [{k: v for k, v in stance.items() if k != "title"}, definitions["Position"]],
        "description": definitions["Position"].get("description", ""),
    }
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefgen option set, format v1"
    return schema


def settings_json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the workspace setting file,
    ``briefgen.yaml``: every key optional, each with its description and default."""
    schema = WorkspaceSettings.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefgen workspace settings (briefgen.yaml)"
    return schema
