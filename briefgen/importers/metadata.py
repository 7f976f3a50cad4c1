"""What both dialects share: the record's status, date and people, from front matter
(MADR 3 and 4), ``Key: value`` lines under the title (MADR 2, adr-tools' ``Date:``) or a
``## Status`` section (adr-tools), and the wording of the question and the BLUF.

Statuses map onto ours as ``docs/import.md`` tabulates; what does not map exactly is
kept, as written, in the background under "Status". People become stakeholders without a
stance; their influence and salience come from their role (:data:`ROLES`), to be reviewed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it.tree import SyntaxTreeNode

from briefgen.importers.dates import ISO, read_date
from briefgen.importers.draft import Draft, cut
from briefgen.importers.record import Block, Section
from briefgen.importers.text import inline_node, key_of, links, plain, plain_inline, slug

#: Role -> (group printed in the memo, influence, salience). RACI's accountable and
#: responsible people decide (Mendelow: manage closely); the consulted are heard (keep
#: informed); the informed are told (monitor).
ROLES: dict[str, tuple[str, int, int]] = {
    "decision-makers": ("Decision-makers", 5, 5),
    "consulted": ("Consulted", 3, 4),
    "informed": ("Informed", 2, 3),
}
#: Spellings of the metadata keys, normalised (:func:`key_of`) -> the key.
KEYS = {
    "status": "status",
    "date": "date",
    "deciders": "decision-makers",
    "decider": "decision-makers",
    "decision makers": "decision-makers",
    "decision maker": "decision-makers",
    "decision maker s": "decision-makers",
    "decided by": "decision-makers",
    "consulted": "consulted",
    "informed": "informed",
    "tags": "tags",
}
#: Status words -> our status; ``rejected`` is a decision taken (against the proposal).
STATUS_WORDS = {
    "accepted": "decided",
    "approved": "decided",
    "adopted": "decided",
    "decided": "decided",
    "done": "decided",
    "implemented": "decided",
    "rejected": "decided",
    "declined": "decided",
    "proposed": "proposed",
    "proposal": "proposed",
    "pending": "proposed",
    "review": "proposed",
    "draft": "draft",
    "wip": "draft",
    "superseded": "superseded",
    "deprecated": "superseded",
    "obsolete": "superseded",
    "replaced": "superseded",
    "retired": "superseded",
}
_LOSSY = {"rejected", "declined"}
_KEY_LINE = re.compile(
    r"^\s*(?:[*_]{2})?(?P<key>[A-Za-z][A-Za-z ()/-]{0,30}?)\s*(?:[*_]{2})?\s*:\s*(?:[*_]{2})?"
    r"\s*(?P<value>.*?)\s*$"
)


def read_front_matter(draft: Draft) -> None:
    """Map the front matter's keys; what has no place, or maps with a loss, goes into the
    background under "Front matter", as written."""
    record = draft.record
    kept: list[str] = []
    unknown: list[str] = []
    for key, value in record.front_matter.items():
        line = record.front_matter_lines.get(key, 1)
        known = KEYS.get(key_of(key))
        if known is None:
            unknown.append(key)
        if known is None or not set_value(draft, known, value, line):
            kept.append(record.front_matter_text.get(key, f"{key}: {value}"))
    if unknown:
        line = record.front_matter_lines.get(unknown[0], 1)
        draft.note(line, "import_front_matter_keys", keys=", ".join(map(repr, unknown)))
    if kept:
        draft.keep("## Front matter", "```yaml\n" + "\n".join(kept) + "\n```")


def set_value(draft: Draft, key: str, value: Any, line: int) -> bool:
    """Map one metadata value (``key`` as in :data:`KEYS`).

    Returns:
        True when the value is fully mapped; False when its text must be kept (a status
        that is more than a status word, a date with text around it, a second date).
    """
    if value is None or value in ("", []):
        return True
    if key == "status":
        return set_status(draft, str(value), line)
    if key == "date":
        return set_date(draft, value, line)
    if key == "tags":
        tags = value if isinstance(value, list) else str(value).split(",")
        draft.tags += [str(t).strip() for t in tags if str(t).strip()]
        return True
    names = value if isinstance(value, list) else _names(str(value))
    add_people(draft, key, [str(name) for name in names], line)
    return True


def set_status(draft: Draft, text: str, line: int) -> bool:
    """Map a status (``Accepted``, ``superseded by ADR-0005``, ``on hold``).

    Returns:
        True when ``text`` is just a status word that maps without loss; False when the
        caller must keep it (more words, no status word, ``rejected``, a second status).
    """
    if draft.status is not None:
        return False
    words = key_of(text).split()
    word = next((w for w in words if w in STATUS_WORDS), None)
    if word is None:
        draft.note(line, "import_status", status=cut(text, 60))
        return False
    draft.status = STATUS_WORDS[word]
    if word in _LOSSY:
        draft.note(line, "import_status_lossy", status=word, mapped=draft.status)
        return False
    return words == [word]


def set_date(draft: Draft, value: Any, line: int) -> bool:
    """Map a date (a YAML date, or text holding ``YYYY-MM-DD``).

    Returns:
        True when ``value`` is just the date; False when the caller must keep its text.
    """
    if draft.date is not None:
        return False
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        draft.date = value
        return True
    text = str(value).strip()
    draft.date = read_date(text)
    if draft.date is None:
        draft.note(line, "import_bad_date", date=cut(text, 40))
        return False
    found = ISO.search(text)
    return found is not None and found.group(0) == text


def add_people(draft: Draft, role: str, names: list[str], line: int) -> None:
    """Add stakeholders in ``role``; a name already listed gains the role's group."""
    group, influence, salience = ROLES[role]
    known = {key_of(s["name"]): s for s in draft.stakeholders}
    for name in (n.strip() for n in names):
        if not key_of(name):
            continue
        if key_of(name) in known:
            holder = known[key_of(name)]
            holder["group"] = f"{holder['group']}, {group}"
            continue
        taken = {s["id"] for s in draft.stakeholders}
        base = slug(name, 40) or "stakeholder"
        holder_id, number = base, 1
        while holder_id in taken:
            number += 1
            holder_id = f"{base}-{number}"
        holder = {
            "id": holder_id,
            "name": name,
            "group": group,
            "influence": influence,
            "salience": salience,
        }
        draft.stakeholders.append(holder)
        known[key_of(name)] = holder
    if names and not any(n.kind == "import_roles" for n in draft.notes):
        draft.note(line, "import_roles")


def _names(text: str) -> list[str]:
    text = text.strip()
    if text[:1] in "[{" and text[-1:] in "]}":
        text = text[1:-1]
    return [part for part in re.split(r"[,;]", text) if part.strip()]


def read_preamble(draft: Draft, blocks: list[Block]) -> None:
    """Map ``Key: value`` lines and list items under the title; keep the rest as lead text."""
    for block in blocks:
        kept = _unmapped_lines(draft, block)
        if kept.strip():
            draft.lead.append(kept)


def _unmapped_lines(draft: Draft, block: Block) -> str:
    if block.kind == "paragraph":
        lines = block.source.split("\n")
        kept = [
            line
            for number, line in enumerate(lines, block.line)
            if not _mapped_line(draft, line, number)
        ]
        return "\n".join(kept) if kept != lines else block.source
    if block.is_list:
        items = block.items(draft.record)
        kept_items = [item for item in items if not _mapped_line(draft, item.source, item.line)]
        if len(kept_items) == len(items):
            return block.source
        return "\n".join(f"{item.marker} {_indent(item.source, 2)}" for item in kept_items)
    return block.source


def _mapped_line(draft: Draft, line: str, number: int) -> bool:
    match = _KEY_LINE.match(line) if "\n" not in line else None
    key = KEYS.get(key_of(match.group("key"))) if match else None
    if match is None or key is None:
        return False
    if key == "status":
        supersedes_from(draft, inline_node(match.group("value")))
    return set_value(draft, key, plain_inline(match.group("value")), number)


def _indent(text: str, width: int) -> str:
    return text.replace("\n", "\n" + " " * width)


def supersedes_from(draft: Draft, node: SyntaxTreeNode) -> None:
    """Set ``supersedes`` from "Supersedes [ADR-1](0001-x.md)" (or "Replaces ..."): the
    id the linked record's file name gives (see :func:`record_id`)."""
    if draft.supersedes is not None or not re.match(
        r"(supersedes|replaces)\b", key_of(plain(node))
    ):
        return
    for href, _text, _auto in links(node):
        path = unquote(urlsplit(href).path)
        if href and not urlsplit(href).scheme and path.endswith(".md"):
            draft.supersedes = record_id(PurePosixPath(path).stem)
            return


def record_id(stem: str) -> str:
    """The option-set id of a record file: its name as an id (``0001-Use-X`` ->
    ``0001-use-x``), or ``record`` when nothing of it is a letter or digit."""
    return slug(stem, 200) or "record"


def read_status_section(draft: Draft, section: Section) -> None:
    """A ``## Status`` section (adr-tools): its first paragraph is the status. Links to
    superseding or amending records, and any other text, stay under "Status"."""
    rest: list[str] = []
    for block in section.blocks:
        if block.kind == "paragraph":
            supersedes_from(draft, block.node)
            if _mapped_paragraph(draft, block):
                continue
            if draft.status is None and set_status(draft, block.text, block.line):
                continue
        rest.append(block.source)
    rest += [child.body(with_heading=True) for child in section.children]
    draft.keep(section.heading, "\n\n".join(rest))


def _mapped_paragraph(draft: Draft, block: Block) -> bool:
    """A paragraph of known ``Key: value`` lines only (``**Status**: Accepted``), all
    mapped without loss."""
    lines = block.source.split("\n")
    matched = [_KEY_LINE.match(line) for line in lines]
    if not all(m and KEYS.get(key_of(m.group("key"))) for m in matched):
        return False
    results = [_mapped_line(draft, line, n) for n, line in enumerate(lines, block.line)]
    return all(results)


def read_date_section(draft: Draft, section: Section) -> None:
    """A ``## Date`` section: its first paragraph is the date; the rest stays."""
    blocks = section.blocks
    first = blocks[0] if blocks and blocks[0].kind == "paragraph" else None
    if first is not None and set_date(draft, first.text, first.line):
        blocks = blocks[1:]
    rest = [b.source for b in blocks] + [c.body(with_heading=True) for c in section.children]
    draft.keep(section.heading, "\n\n".join(rest))


def question_of(blocks: list[Block]) -> str | None:
    """The question a context asks: its sentences that end in "?", joined (MADR asks
    for the problem "in form of a question"); None when it asks none."""
    asked: list[str] = []
    for block in blocks:
        if block.kind == "paragraph":
            sentences = re.split(r"(?<=[.!?])\s+", " ".join(block.source.split()))
            asked += [s for s in sentences if s.rstrip("*_)\"'”’").endswith("?")]
    return " ".join(asked) or None


def bluf_of(blocks: list[Block]) -> str:
    """The bottom line of a decision: its first paragraph (a dangling "because" cut), with
    the list or table after it when it ends in ":"."""
    paragraph = next((b for b in blocks if b.kind == "paragraph"), None)
    if paragraph is None:
        return ""
    text = paragraph.source
    after = blocks[blocks.index(paragraph) + 1 :]
    if re.search(r",?\s*because:?$", text):
        return re.sub(r",?\s*because:?$", "", text)
    if text.endswith(":") and after and (after[0].is_list or after[0].kind == "table"):
        return f"{text}\n\n{after[0].source}"
    return text
