"""Changes between versions, written out for people and tools: text, JSON, Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict

from briefgen.markdown.text import escape_markdown
from briefgen.versions.diff import Change

#: Option-set id -> its changes, in the order to print.
ChangesByFile = Mapping[str, Sequence[Change]]


def format_text(changes_by_file: ChangesByFile, header: str) -> str:
    """Format changes for a terminal.

    ``changes_by_file`` maps option-set id -> its changes; ``header`` is the first line, e.g.
    ``Changes since 1a2b3c4 (2008-12-01)``. Returns the header, then per option set an
    ``<id>:`` line and ``  - <summary>`` lines (or ``  no changes``); just ``no changes``
    after the header when the mapping is empty.
    """
    lines = [header]
    if not changes_by_file:
        lines.append("no changes")
    for name, changes in changes_by_file.items():
        lines.append(f"{name}:")
        lines.extend([f"  - {c.summary}" for c in changes] or ["  no changes"])
    return "\n".join(lines) + "\n"


def format_json(changes_by_file: ChangesByFile, header: str) -> str:
    """Format changes as JSON for tools; arguments as for :func:`format_text`.

    Returns a pretty-printed list of ``{"option_set", "kind", "path", "old", "new",
    "summary"}`` objects (``old``, ``new`` may be null). ``header`` is left out: it is taken
    only so that the formatters share one signature.
    """
    rows = [{"option_set": name, **asdict(c)} for name, cs in changes_by_file.items() for c in cs]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def format_markdown(changes_by_file: ChangesByFile, header: str) -> str:
    """Format changes as Markdown, e.g. for a pull request; arguments as for :func:`format_text`.

    Returns ``## <header>``, then per option set a ``### <id>`` heading and a bullet list of
    summaries (or ``No changes.``). All text is escaped, so it prints exactly as typed.
    """
    lines = [f"## {escape_markdown(header)}", ""]
    if not changes_by_file:
        lines += ["No changes.", ""]
    for name, changes in changes_by_file.items():
        lines += [f"### {escape_markdown(name)}", ""]
        lines += [f"- {escape_markdown(c.summary)}" for c in changes] or ["No changes."]
        lines.append("")
    return "\n".join(lines)


#: ``--format`` name -> formatter, for ``briefgen diff``.
FORMATTERS: dict[str, Callable[[ChangesByFile, str], str]] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
}
