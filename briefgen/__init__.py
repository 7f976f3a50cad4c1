"""briefgen: turn policy option sets written in YAML into action memos.

The pipeline, one stage per module, each usable on its own:

1. load (:mod:`briefgen.loader`): YAML with the position of every value;
2. validate (:mod:`briefgen.validate`, :mod:`briefgen.models`): strict models, located errors;
3. render (:mod:`briefgen.render`): Markdown, HTML and PDF memos;
4. build (:mod:`briefgen.build`): every option set of a workspace, written atomically;
5. the command line (:mod:`briefgen.cli`), a thin layer over the above.

The library API is the names in ``__all__``: ``load_option_set(path)`` to read and
validate a file, ``render_memo(option_set, source=..., templates=...)`` to render one,
``build_workspace(BuildSettings(...))`` to build a workspace.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from briefgen.errors import BriefgenError, InputError, Issue
from briefgen.models import OptionSet
from briefgen.validate import load_option_set

if TYPE_CHECKING:
    from briefgen.build import BuildSettings, build_workspace
    from briefgen.render import render_memo

#: Names loaded on first use, so that ``import briefgen`` stays light.
_LAZY = {
    "render_memo": "briefgen.render",
    "build_workspace": "briefgen.build",
    "BuildSettings": "briefgen.build",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


__all__ = [
    "BriefgenError",
    "BuildSettings",
    "InputError",
    "Issue",
    "OptionSet",
    "__version__",
    "build_workspace",
    "load_option_set",
    "render_memo",
]
