"""The arguments of an option: "Good, because" / "Bad, because" items under its heading
become its pros and cons; the rest of what stands there, its description.
"""

from __future__ import annotations

import re

from briefgen.importers.draft import Draft, OptionDraft, Point, cut, web_targets
from briefgen.importers.names import names_of, split_label, strip_marker
from briefgen.importers.record import Block, Item, Section
from briefgen.importers.text import key_of, plain_inline

#: "Good, because" and its kin at the start of a list item: pros, cons, neutral.
_ARGUMENT = re.compile(
    r"^(?:[*_]{2})?(?P<word>good|bad|neutral|pro|con|positive|negative)(?:[*_]{2})?"
    r"\s*(?:,\s*because\b|:)(?:[*_]{2})?\s*",
    re.IGNORECASE,
)
_SIDE = {"good": "pros", "pro": "pros", "positive": "pros", "bad": "cons", "con": "cons"}
_SIDE["negative"] = "cons"


def argue_option(draft: Draft, section: Section, *, expected: bool) -> None:
    """Take a section that argues one option (``### Redis`` under Pros and Cons).

    Its "Good, because" items become the option's pros, its "Bad, because" items its
    cons; everything else, "Neutral, because" items included, its description, as
    written. A heading that names the option otherwise than its list item is kept above.

    Args:
        draft: the option set being built; the option is looked up among its options.
        section: the section; its title names the option.
        expected: options may be headings here (under Considered Options); otherwise a
            heading that matches no option is reported as it becomes one.
    """
    blocks = section.blocks
    option = draft.find_option(section.title)
    title, marked = strip_marker(section.title)
    if option is None:
        first = next((b for b in blocks if b.kind == "paragraph"), None)
        summary = first.source if first is not None else section.title
        blocks = [b for b in blocks if b is not first]
        option = draft.add_option(split_label(title)[1], summary, section.line, section.title)
        if not expected:
            draft.note(section.line, "import_extra_option", title=cut(title, 60))
    else:
        written = {key_of(option.title), key_of(plain_inline(option.summary))}
        if key_of(title) not in written:  # a name of its own: keep it over its arguments
            option.description.append(section.heading)
    option.names |= names_of(section.title)
    option.flagged = option.flagged or marked
    described = _argue(draft, option, blocks, section.children)
    if described.strip():
        option.description.append(described)


def _argue(draft: Draft, option: OptionDraft, blocks: list[Block], children: list[Section]) -> str:
    """Take the arguments out of ``blocks`` and subsections; return what is left, as
    Markdown, subsection headings included."""
    parts: list[str] = []
    for block in blocks:
        if not block.is_list:
            parts.append(block.source)
            continue
        left = [item for item in block.items(draft.record) if not _point(option, item)]
        if len(left) == len(block.node.children):
            parts.append(block.source)
        elif left:
            parts.append("\n".join(_list_line(item) for item in left))
    for child in children:
        # A heading stays even when all under it became pros and cons: in the memo they
        # follow the description, so it still introduces them.
        below = _argue(draft, option, child.blocks, child.children)
        parts.append(f"{child.heading}\n\n{below}".strip())
    return "\n\n".join(part for part in parts if part.strip())


def _point(option: OptionDraft, item: Item) -> bool:
    """File a "Good, because" / "Bad, because" item as a pro or con; True if filed.
    "Neutral, because" items stay in the description, as written."""
    match = _ARGUMENT.match(item.source)
    side = _SIDE.get(match.group("word").lower()) if match else None
    if match is None or side is None:
        return False
    text = item.source[match.end() :].strip() or item.source
    point = Point(text, web_targets(item.node))
    (option.pros if side == "pros" else option.cons).append(point)
    return True


def _list_line(item: Item) -> str:
    marker = "1." if item.marker in ".)" else item.marker
    return f"{marker} " + item.source.replace("\n", "\n" + " " * (len(marker) + 1))
