"""The formats, as Pydantic models, with no I/O: option sets, meeting files, their words.

* :mod:`~briefgen.schema.vocabulary`: the single source of scales and words;
* :mod:`~briefgen.schema.types`: field types (ids, dates, levels, text, Markdown);
* :mod:`~briefgen.schema.option_set` and :mod:`~briefgen.schema.meeting`: the models;
* :mod:`~briefgen.schema.introspect`: facts derived from the models (key order,
  Markdown fields, references), for every stage that needs them;
* :mod:`~briefgen.schema.json_schema`: the JSON Schema for editors.
"""

from briefgen.schema.json_schema import json_schema
from briefgen.schema.meeting import AgendaItem, Meeting
from briefgen.schema.option_set import OptionSet

__all__ = ["AgendaItem", "Meeting", "OptionSet", "json_schema"]
