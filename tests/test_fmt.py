"""``briefgen fmt``: canonical layout, same values, same comments, idempotent."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import briefgen.fmt
from briefgen.errors import InputError
from briefgen.fmt import FormatError, format_files, format_text
from briefgen.load.reader import parse_document
from briefgen.schema.introspect import key_shape
from briefgen.schema.option_set import Option, OptionSet

REPO = Path(__file__).parent.parent
DEMOS = [*sorted((REPO / "options").glob("*.yaml")), REPO / "tests" / "data" / "full.yaml"]

MESSY = """\
# Option set for the road budget.

bluf: Approve Option 2.   # the answer
# the subject line
title: Road repairs
date: 2024-03-01
options:
  - summary: Fund all repairs from reserves.
    # ids are short
    id: reserves
    title: Draw on reserves
    scores: {speed: 5, cost: 1}
    positions:
      treasury: oppose
      council:
        note: 'yes'
        stance: support


  - title: Targeted program
    id: targeted
    summary: |
      Repair the worst roads first.
    risks:
      - impact: 4
        title: Cost overrun
        likelihood: possible
x-notes: kept last
kind: decision
recommendation:
  rationale: Cheapest.
  option: targeted
# end of file
"""

TIDY = """\
# Option set for the road budget.

# the subject line
title: Road repairs
kind: decision
date: 2024-03-01
bluf: Approve Option 2.  # the answer
options:
  # ids are short
  - id: reserves
    title: Draw on reserves
    summary: Fund all repairs from reserves.
    positions:
      treasury: oppose
      council:
        stance: support
        note: 'yes'
    scores: {speed: 5, cost: 1}

  - id: targeted
    title: Targeted program
    summary: |
      Repair the worst roads first.
    risks:
      - title: Cost overrun
        likelihood: possible
        impact: 4
recommendation:
  option: targeted
  rationale: Cheapest.
x-notes: kept last
# end of file
"""


def text_tree(text: str) -> Any:
    """briefgen's own view: every scalar as the text typed."""
    return parse_document(text.encode("utf-8"), Path("x.yaml")).data


def safe_values(text: str) -> Any:
    """A YAML 1.2 reader's view: numbers, dates, booleans as typed values."""
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def comments(text: str) -> list[str]:
    return sorted(m.group().strip() for m in re.finditer(r"(?:^|\s)#.*", text))


def assert_same_meaning(before: str, after: str) -> None:
    assert text_tree(after) == text_tree(before)
    assert safe_values(after) == safe_values(before)


@pytest.mark.parametrize("path", DEMOS, ids=lambda p: p.name)
def test_demo_files_keep_values_comments_and_format_once(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    formatted = format_text(source, path)
    assert_same_meaning(source, formatted)
    assert comments(formatted) == comments(source)
    assert format_text(formatted, path) == formatted
    assert formatted.endswith("\n") and not formatted.endswith("\n\n")


def test_messy_input_gets_the_canonical_layout() -> None:
    formatted = format_text(MESSY)
    assert formatted == TIDY
    assert_same_meaning(MESSY, formatted)
    assert format_text(TIDY) == TIDY


def test_a_comment_moves_with_its_key() -> None:
    formatted = format_text("date: 2024-03-01  # memo date\n# subject\ntitle: T\nid: x\n")
    assert formatted == "id: x\n# subject\ntitle: T\ndate: 2024-03-01  # memo date\n"


def test_the_comment_at_the_top_of_the_file_stays_there() -> None:
    source = "# Road repairs, v2\n# owner: NEA/I\ntitle: T\nid: x\n"
    assert format_text(source) == "# Road repairs, v2\n# owner: NEA/I\nid: x\ntitle: T\n"


def test_a_comment_above_a_moved_first_key_goes_above_the_dash() -> None:
    source = "options:\n  - title: A\n    # short\n    id: a\n    summary: S\n"
    expected = "options:\n  # short\n  - id: a\n    title: A\n    summary: S\n"
    assert format_text(source) == expected


def test_key_order_follows_the_models() -> None:
    top = "id title kind status date decide_by page_limit marking to from through drafted_by"
    top += " clearances tags supersedes bluf question background criteria stakeholders options"
    top += " recommendation sources"
    option = "id title summary description pros cons risks positions scores cost timeline"
    assert " ".join(key_shape(OptionSet).order) == top
    assert " ".join(key_shape(Option).order) == option


def test_unknown_keys_follow_in_their_order_and_id_maps_keep_theirs() -> None:
    source = (
        "zeta: 1\ntitle: T\nalpha: 2\noptions:\n  - scores:\n      b: 1\n      a: 2\n"
        "    positions:\n      z: support\n      a: {note: n, stance: oppose}\n    id: o\n"
    )
    assert format_text(source) == (
        "title: T\noptions:\n  - id: o\n    positions:\n      z: support\n"
        "      a: {stance: oppose, note: n}\n    scores:\n      b: 1\n      a: 2\n"
        "zeta: 1\nalpha: 2\n"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "NO",
        "yes",
        "4.50",
        "0012",
        "1:30",
        "2008-12-08",
        "~",
        "",
        ".inf",
        "0x1F",
        "'yes'",
        "'4.50'",
        "'null'",
        '"~"',
        "''",
        "'It''s late'",
        '"tab\\there"',
        "&a anchored",
        "Kirkuk & the 'disputed territories' <draft>",
    ],
)
def test_scalars_are_kept_as_typed(typed: str) -> None:
    source = f"title: {typed}\nid: x\n" if typed else "title:\nid: x\n"
    formatted = format_text(source)
    assert formatted.splitlines()[1] == source.splitlines()[0]
    assert_same_meaning(source, formatted)
    assert format_text(formatted) == formatted


def test_a_tag_goes_only_where_the_value_stays_the_same() -> None:
    assert format_text("title: !!str 0012\n") == "title: '0012'\n"
    assert format_text("title: !!int 12\n") == "title: 12\n"


@pytest.mark.parametrize(
    "block",
    [
        "|\n  Line one  \n  line two\t(tab)\n\n  After a blank line.\n",
        "|+\n  Kept trailing lines.\n\n\n",
        "|-\n  No final newline.\n",
        "|2\n    Leading spaces.\n  Then none.\n",
        ">\n  Folded text\n  joins lines.\n\n    More indented.\n\n  Last paragraph.\n",
        ">-\n  Folded, stripped.\n",
    ],
)
def test_block_scalars_keep_style_and_value(block: str) -> None:
    source = f"id: x\nbackground: {block}title: T\n"
    formatted = format_text(source)
    assert f"background: {block}" in formatted
    assert_same_meaning(source, formatted)
    assert format_text(formatted) == formatted


def test_a_kept_block_moved_before_a_blank_line_keeps_its_value() -> None:
    source = "title: T\n\noptions: []\nbluf: |+\n  Keep.\n\n"
    formatted = format_text(source)
    assert_same_meaning(source, formatted)
    assert format_text(formatted) == formatted


def test_anchors_and_aliases_are_kept_even_when_keys_move() -> None:
    source = (
        "options:\n  - id: a\n    summary: &s Shared text\n    positions:\n"
        "      x: &p {stance: support}\n      y: *p\nbluf: *s\ntitle: T\n"
    )
    formatted = format_text(source)
    assert formatted.startswith("title: T\nbluf: &s Shared text\n")
    assert "summary: *s\n" in formatted and "y: *p\n" in formatted
    assert_same_meaning(source, formatted)


def test_long_lines_are_never_folded() -> None:
    long = " ".join(["word"] * 2000)
    assert format_text(f"title: {long}\n") == f"title: {long}\n"


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\r\ntitle: T\r\nbluf: |\r\n  a\r\n  b\r\n")
    assert format_files([path], check=False) == [path]
    assert path.read_bytes() == b"id: x\ntitle: T\nbluf: |\n  a\n  b\n"
    assert format_text("\ufeffid: x\r\ntitle: T") == "id: x\ntitle: T\n"


def test_check_reports_without_writing(tmp_path: Path) -> None:
    messy, tidy = tmp_path / "messy.yaml", tmp_path / "tidy.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(TIDY, encoding="utf-8")
    stamp = messy.stat().st_mtime_ns
    assert format_files([messy, tidy], check=True) == [messy]
    assert messy.read_text(encoding="utf-8") == MESSY
    assert messy.stat().st_mtime_ns == stamp
    assert format_files([messy, tidy], check=False) == [messy]
    assert messy.read_text(encoding="utf-8") == TIDY
    assert format_files([messy, tidy], check=True) == []


def test_unreadable_files_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(MESSY, encoding="utf-8")
    bad.write_text("title: T\nid: x\nid: y\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        format_files([good, bad], check=False)
    assert caught.value.issues and all(i.path.endswith("bad.yaml") for i in caught.value.issues)
    assert good.read_text(encoding="utf-8") == MESSY
    with pytest.raises(InputError):
        format_text("a: 1\na: 2\n")


def test_a_value_change_is_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(MESSY, encoding="utf-8")
    dump = briefgen.fmt._dump
    monkeypatch.setattr(briefgen.fmt, "_dump", lambda data: dump(data).replace("4", "5"))
    with pytest.raises(FormatError, match="would change"):
        format_files([path], check=False)
    assert path.read_text(encoding="utf-8") == MESSY


def test_a_lost_comment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefgen.fmt._Layout, "trailer", lambda self, first: "")
    with pytest.raises(FormatError, match="end of file"):
        format_text(MESSY)


FULL = DEMOS[-1].read_text(encoding="utf-8").splitlines()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(FULL)),
            st.sampled_from(["# c", "", "  # c", "      # c", "  # e"]),
        ),
        max_size=6,
    )
)
def test_comments_anywhere_are_kept_and_formatting_settles(edits: list[tuple[int, str]]) -> None:
    lines = list(FULL)
    for number, (at, text) in enumerate(edits):
        if text.endswith("# e") and at < len(lines) and lines[at].strip().startswith("-"):
            lines[at] += f"  # e{number}"  # an end-of-line comment after a list item
        elif not text.endswith("# e"):
            lines.insert(at, f"{text}{number}" if text else "")
    source = "\n".join(lines) + "\n"
    try:
        formatted = format_text(source)
    except InputError:
        return  # the comment line ended a block scalar early, and broke the file
    assert_same_meaning(source, formatted)
    assert comments(formatted) == comments(source)
    assert format_text(formatted) == formatted
