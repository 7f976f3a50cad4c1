"""Option names as records write them, and matching one name against the others.

A record names an option several times: in the Considered Options list (``* **Option
1:** Environment variables only``, ``1. Redis``, ``* [MADR](...) 4.0.0 – The ...``), as
a heading under Pros and Cons (``### Option 1: Environment variables``) and in the
outcome (``Chosen option: "Option 1"``, ``Chosen option: **A**``). The spellings differ
in quotes, markup, labels and words left out; :func:`match` finds the one option meant,
or none when two could be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.importers.text import key_of

#: Words that make a label of a letter or number: "Option 1", "Alternative B".
_LABEL_WORDS = r"(?:option|opci[oó]n|op[cç][aã]o|alternative|alternativa|choice|variant|variante)"
#: A label before a name: ``Option 1:``, ``A.``, ``2)``, ``Option B -``.
_LABEL = re.compile(
    rf"^\s*(?P<label>(?:{_LABEL_WORDS}\s+)?(?:[A-Za-z]|[0-9]{{1,2}}))\s*[.:)–—-]\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A label alone, or leading a longer text without a separator (``Option 3, with ...``).
_LEADING = re.compile(rf"^(?:{_LABEL_WORDS}\s+[a-z0-9]{{1,2}}|[a-z]|[0-9]{{1,2}})\b", re.IGNORECASE)
_BARE_LABEL = re.compile(rf"^(?:{_LABEL_WORDS}\s+)?(?:[a-z]|[0-9]{{1,2}})$", re.IGNORECASE)
#: "This is the one": ``(chosen)``, ``✅ Chosen``, ``(selected)`` at the end of a name.
_MARKER = re.compile(
    r"\s*(?:\((?:chosen|selected|recommended|preferred)\)|✅\s*(?:chosen)?|\bchosen\b)\W*$",
    re.IGNORECASE,
)


def split_label(text: str) -> tuple[str, str]:
    """Split a leading label off a name: ``Option 1: Use X`` -> (``option 1``, ``Use X``).

    Returns:
        ``(label key, the rest)``; ``("", text)`` when there is no label.
    """
    found = _LABEL.match(text)
    if found is None:
        return "", text
    return key_of(found.group("label")), found.group("rest").strip()


def is_label(text: str) -> bool:
    """True for a bare label: ``Option 1``, ``A``, ``2``."""
    return bool(_BARE_LABEL.match(key_of(text)))


def strip_marker(text: str) -> tuple[str, bool]:
    """Remove a "chosen" marker from the end of a name; True if there was one."""
    stripped = _MARKER.sub("", text)
    return stripped, stripped != text


def names_of(*texts: str) -> set[str]:
    """The normalised names an option is known by: each text, without its label and
    marker, and the label itself (``option 1`` and ``1``)."""
    found: set[str] = set()
    for text in texts:
        unmarked, _ = strip_marker(text)
        label, rest = split_label(unmarked)
        found |= {key_of(unmarked), key_of(rest)}
        if label:
            found |= {label, label.split()[-1]}
    return {name for name in found if name}


def match(name: str, candidates: Sequence[set[str]]) -> int | None:
    """The index of the candidate (a set of :func:`names_of`) that ``name`` means.

    Tried in order, the first rule that finds exactly one candidate wins: the same name;
    the same label (``Option 3, with ...`` -> ``option 3``); one name inside the other;
    all words of one within the other's.

    Returns:
        The index, or None when no rule finds exactly one.
    """
    wanted = key_of(strip_marker(name)[0])
    if not wanted:
        return None
    found = _LEADING.match(wanted)
    leading = {found.group(0)} if found else set()
    given = names_of(name)

    def hit(rule: int, known: set[str]) -> bool:
        if rule == 0:
            return bool(given & known)
        if rule == 1:
            return bool(leading & known)
        if rule == 2:
            return any(_inside(wanted, k) or _inside(k, wanted) for k in known)
        return any(_words_within(wanted, k) or _words_within(k, wanted) for k in known)

    for rule in range(4):
        hits = [index for index, known in enumerate(candidates) if hit(rule, known)]
        if len(hits) == 1 or (hits and rule == 0):  # the same name twice: the first
            return hits[0]
    return None


def mentioned(text: str, candidates: Sequence[set[str]]) -> int | None:
    """The only candidate whose name (not a bare letter or number) ``text`` contains as
    words, or None."""
    words = key_of(text)
    hits = [
        index
        for index, known in enumerate(candidates)
        if any(len(k) > 2 and not k.isdigit() and _inside(words, k) for k in known)
    ]
    return hits[0] if len(hits) == 1 else None


def _inside(outer: str, inner: str) -> bool:
    return f" {inner} " in f" {outer} "


def _words_within(small: str, large: str) -> bool:
    words = small.split()
    return len(words) >= 2 and set(words) <= set(large.split())
