"""The formats, as Pydantic models, with no I/O: option sets, meeting files, their words.

* :mod:`~briefgen.schema.vocabulary`: the single source of scales and words;
* :mod:`~briefgen.schema.types`: field types (ids, dates, levels, text, Markdown);
* :mod:`~briefgen.schema.option_set` and :mod:`~briefgen.schema.meeting`: the models;
* :mod:`~briefgen.schema.settings`: the workspace setting file, ``briefgen.yaml``;
* :mod:`~briefgen.schema.introspect`: facts derived from the models (key order,
  Markdown fields, references), for every stage that needs them;
* :mod:`~briefgen.schema.json_schema`: the JSON Schemas for editors.
"""

from briefgen.schema.json_schema import json_schema, settings_json_schema
from briefgen.schema.meeting import AgendaItem, Meeting
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings

__all__ = [
    "AgendaItem",
    "Meeting",
    "OptionSet",
    "WorkspaceSettings",
    "json_schema",
    "settings_json_schema",
]
