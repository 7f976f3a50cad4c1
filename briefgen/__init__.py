"""briefgen: turn policy option sets written in YAML into action memos.

The pipeline, one stage per module, each usable on its own:

1. load (:mod:`briefgen.loader`): YAML with the position of every value;
2. validate (:mod:`briefgen.validate`, :mod:`briefgen.models`): strict models, located errors;
3. render (:mod:`briefgen.render`): Markdown, HTML and PDF memos;
4. build (:mod:`briefgen.build`): every option set of a workspace, written atomically;
5. the command line (:mod:`briefgen.cli`), a thin layer over the above.
"""

from __future__ import annotations

__version__ = "0.1.0"

from briefgen.errors import BriefgenError, InputError, Issue
from briefgen.models import OptionSet
from briefgen.validate import load_option_set

__all__ = [
    "BriefgenError",
    "InputError",
    "Issue",
    "OptionSet",
    "__version__",
    "load_option_set",
]
