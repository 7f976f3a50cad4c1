"""Stage 2, check: a :class:`~briefgen.load.Document` becomes a valid model plus diagnostics.

* :mod:`~briefgen.check.validate`: the models' errors and the cross-field checks, located;
* :mod:`~briefgen.check.references`: ids that must exist and be unique;
* :mod:`~briefgen.check.lint`: content warnings (errors under ``--strict``);
* :mod:`~briefgen.check.batch`: every file of a run, checked before anything is written;
* :mod:`~briefgen.check.cache`: results of earlier runs, keyed by the bytes checked.

Entry points: :func:`load_option_set` for one file, :func:`check_all` for many.
"""

from briefgen.check.batch import Loaded, LoadedMeeting, check_all, check_meetings, check_paths
from briefgen.check.validate import load_option_set, validate_meeting, validate_option_set

__all__ = [
    "Loaded",
    "LoadedMeeting",
    "check_all",
    "check_meetings",
    "check_paths",
    "load_option_set",
    "validate_meeting",
    "validate_option_set",
]
