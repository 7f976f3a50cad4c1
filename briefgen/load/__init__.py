"""Stage 1, load: bytes become a :class:`Document`, plain data that remembers where every
value stood.

Entry point: :func:`load_document` (a file) or :func:`parse_document` (bytes). Nothing
here knows the option-set format; that is :mod:`briefgen.schema`.
"""

from briefgen.load.document import Document, FieldPath, Position, format_field_path
from briefgen.load.reader import MAX_FILE_BYTES, load_document, parse_document

__all__ = [
    "MAX_FILE_BYTES",
    "Document",
    "FieldPath",
    "Position",
    "format_field_path",
    "load_document",
    "parse_document",
]
