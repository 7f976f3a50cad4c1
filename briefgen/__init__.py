"""briefgen: turn policy option sets written in YAML into action memos.

The pipeline, one package per stage, each usable on its own and importing only the
stages before it (see ``docs/architecture.md``):

1. :mod:`briefgen.load`: bytes to a document that knows where every value stood;
2. :mod:`briefgen.schema`: the formats as models, with no I/O;
3. :mod:`briefgen.check`: a document to a valid model, or located diagnostics;
4. :mod:`briefgen.render`: a model to Markdown, HTML and PDF, with what it read;
5. :mod:`briefgen.build`: a workspace to its outputs, only what changed, atomically;
6. :mod:`briefgen.cli`: the command line, a thin layer over the above.

Beside them: :mod:`briefgen.markdown` (what user text may do) and
:mod:`briefgen.versions` (git and semantic diffs).

The library API is the names in ``__all__``: ``load_option_set(path)`` to read and
validate a file, ``render_memo(option_set, source=..., templates=...)`` to render one,
``build_workspace(BuildSettings(...))`` to build a workspace, ``markdown_to_html(text)``
for the sanitised HTML of one Markdown field, as the memo prints it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from briefgen._version import __version__
from briefgen.errors import BriefgenError, Diagnostic, InputError

if TYPE_CHECKING:
    from briefgen.build import BuildSettings, build_workspace
    from briefgen.check.validate import load_option_set
    from briefgen.markdown.html import markdown_to_html
    from briefgen.render import render_memo
    from briefgen.schema.option_set import OptionSet

#: Names loaded on first use, so that ``import briefgen`` stays light: the command line
#: (``briefgen.cli``) starts before Pydantic builds the models.
_LAZY = {
    "load_option_set": "briefgen.check.validate",
    "OptionSet": "briefgen.schema.option_set",
    "render_memo": "briefgen.render",
    "build_workspace": "briefgen.build",
    "BuildSettings": "briefgen.build",
    "markdown_to_html": "briefgen.markdown.html",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


__all__ = [
    "BriefgenError",
    "BuildSettings",
    "Diagnostic",
    "InputError",
    "OptionSet",
    "__version__",
    "build_workspace",
    "load_option_set",
    "markdown_to_html",
    "render_memo",
]
