"""Write an imported option set: YAML in ``fmt``'s canonical layout, validated first,
never over an existing file unless asked.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from briefgen.check.validate import validate_option_set
from briefgen.fmt import format_text
from briefgen.load.reader import parse_document
from briefgen.paths import write_atomic
from briefgen.schema.option_set import OptionSet


def option_set_yaml(data: dict[str, Any], target: Path, header: str) -> str:
    """Dump ``data`` as YAML in the canonical layout and check that it validates.

    Args:
        data: an option set as plain data (keys as in ``docs/format.md``); text with
            line breaks is written as ``|`` blocks.
        target: the file it will be written to (its stem is the option set's id).
        header: a comment line or lines for the top of the file, without ``#``.

    Returns:
        The YAML text, ending in a newline.

    Raises:
        InputError: the YAML does not parse or the option set is not valid (the issues
            are located in the YAML text, under ``target``'s name).
    """
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096  # no folding: fmt keeps lines as they are
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(_blocks(data), stream)
    comment = "".join(f"# {line}\n" for line in header.split("\n"))
    text = format_text(comment + stream.getvalue(), target, OptionSet)
    validate_option_set(parse_document(text.encode("utf-8"), target))
    return text


def write_option_set(target: Path, text: str, *, force: bool) -> bool:
    """Write ``text`` to ``target`` atomically, unless the file exists and not ``force``.

    Returns:
        True if written; False when ``target`` exists and ``force`` is off.

    Raises:
        OSError: the folder or file cannot be written.
    """
    if target.exists() and not force:
        return False
    write_atomic(target, text.encode("utf-8"))
    return True


def _blocks(value: Any) -> Any:
    """Mark multi-line text as ``|`` blocks, recursively."""
    if isinstance(value, dict):
        return {key: _blocks(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_blocks(item) for item in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.strip("\n") + "\n")
    return value
