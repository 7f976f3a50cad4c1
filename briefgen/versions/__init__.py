"""Option sets in git: version stamps, files at a revision, and changes in the memo's terms.

* :mod:`~briefgen.versions.git`: stamps, dates and files at a revision;
* :mod:`~briefgen.versions.snapshots`: the option sets of folders at a revision;
* :mod:`~briefgen.versions.diff`: what changed between two versions of an option set;
* :mod:`~briefgen.versions.report`: those changes as text, JSON or Markdown.
"""
