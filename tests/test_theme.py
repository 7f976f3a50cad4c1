"""The theme layer: page furniture that a replaced memo.css cannot remove, paper and tab
labels from briefgen.yaml, and running heads shortened at a word, read back from the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.render.running_head import (
    ELLIPSIS,
    line_width,
    running_head,
    shorten,
    subject_width,
)

REPO = Path(__file__).parent.parent
LONG_TITLE = (
    "Pace of the US Combat-Brigade Drawdown from Iraq Around the Provincial and National "
    "Elections of 2009 and the Referendum on the Agreement"
)
MEETING = """\
title: Deputies Committee on the pace and shape of the US drawdown from Iraq after the SOFA
date: 2008-12-17
marking: SECRET//NOFORN
agenda:
  - {option_set: withdrawal-pace, minutes: 20}
  - {option_set: regional-reconciliation, minutes: 20}
"""
STAMP = "not under version control"  # the workspace lies outside any git repository


@pytest.fixture(scope="module")
def a4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose memo.css is one rule, on A4 with DoD tab labels, built."""
    root = tmp_path_factory.mktemp("a4")
    shutil.copytree(REPO / "options", root / "options")
    memo = root / "options" / "withdrawal-pace.yaml"
    text = memo.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    memo.write_text(text.replace(old, f"title: {LONG_TITLE}"), encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "memo.css").write_text("body { color: black }\n", encoding="utf-8")
    (root / "briefgen.yaml").write_text("paper: a4\ntab_labels: letter\n", encoding="utf-8")
    (root / "meetings").mkdir()
    (root / "meetings" / "deputies.yaml").write_text(MEETING, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "-w", str(root), "-j", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def marking(memo_id: str) -> str:
    marked = load_option_set(REPO / "options" / f"{memo_id}.yaml").marking
    assert marked
    return marked


@pytest.mark.parametrize("memo_id", ["withdrawal-pace", "regional-reconciliation"])
def test_a4_memo_keeps_banners_and_page_numbers(a4: Path, memo_id: str) -> None:
    reader = PdfReader(a4 / "output" / f"{memo_id}.pdf")
    total = len(reader.pages)
    assert total > 1
    for number, page in enumerate(reader.pages, 1):
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert text.count(marking(memo_id)) >= 2, f"page {number}: a banner is missing"


def test_a4_packet_keeps_banners_page_numbers_and_takes_dod_labels(a4: Path) -> None:
    reader = PdfReader(a4 / "output" / "meetings" / "deputies.pdf")
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        banners = [marking(m) for m in ("withdrawal-pace", "regional-reconciliation")]
        assert any(text.count(banner) >= 2 for banner in [*banners, "SECRET//NOFORN"])
    contents = " ".join(reader.pages[2].extract_text().split())
    assert "TAB A Pace of the US" in contents and "TAB B Enlisting" in contents
    assert "(TAB B)" in reader.pages[1].extract_text()
    markdown = (a4 / "output" / "meetings" / "deputies.md").read_text(encoding="utf-8")
    assert "1. TAB A: Pace of the US" in markdown


def head_line(subject: str, stamp: str, paper: str) -> str:
    head = running_head(subject, stamp, paper=paper)
    return f"{head.subject} {head.stamp}"


def _clean_heads(lines: list[str], titles: list[str]) -> list[str]:
    """The lines that start with a title cut at a word boundary (whole, or ending in an
    ellipsis), as the running head prints it: the text layer holds what the page shows."""
    found = []
    for line in lines:
        for title in titles:
            head = line.split(ELLIPSIS)[0] if ELLIPSIS in line else line
            kept = head.split(" ")
            whole = title.split(" ")
            if (
                len(kept) > 2
                and kept == whole[: len(kept)]
                and (ELLIPSIS in line or line.startswith(title))
            ):
                found.append(line)
    return found


def test_running_heads_are_shortened_at_a_word_and_read_cleanly(a4: Path) -> None:
    memo = PdfReader(a4 / "output" / "withdrawal-pace.pdf")
    for page in memo.pages[1:]:
        lines = page.extract_text().splitlines()
        assert _clean_heads(lines, [LONG_TITLE]), lines[:3]
        assert STAMP in lines  # the version stamp, whole, at the foot of the page
    packet = PdfReader(a4 / "output" / "meetings" / "deputies.pdf")
    meeting_head = head_line(
        MEETING.splitlines()[0][7:] + ": read-ahead", "December 17, 2008", "a4"
    )
    assert ELLIPSIS in meeting_head
    reconciliation = load_option_set(REPO / "options" / "regional-reconciliation.yaml").title
    for number, page in enumerate(packet.pages[1:], 2):
        lines = page.extract_text().splitlines()
        clean = meeting_head in lines or _clean_heads(lines, [LONG_TITLE, reconciliation])
        assert clean, f"page {number}: no clean running head in {lines[:3]}"


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_head_that_fits_is_kept_whole(paper: str) -> None:
    head = running_head("Kirkuk and the disputed territories", "x.yaml @ abc1234", paper=paper)
    assert (head.subject, head.stamp) == ("Kirkuk and the disputed territories", "x.yaml @ abc1234")


def test_long_stamps_lose_their_folders_first() -> None:
    stamp = "policy/iraq/2008/options/regional-reconciliation.yaml @ 1a2b3c4 (2008-12-09)"
    head = running_head(LONG_TITLE, stamp, paper="letter", label="TAB C")
    assert head.stamp == f"{ELLIPSIS}/regional-reconciliation.yaml @ 1a2b3c4 (2008-12-09)"
    assert head.label == "TAB C" and head.subject.endswith(ELLIPSIS)


def test_shorten_drops_trailing_punctuation_and_fits() -> None:
    text = "Iraq, Iran, and Turkey: a regional contact group on Kirkuk"
    width = subject_width("Iraq, Iran, and Turkey:")
    assert shorten(text, width) == f"Iraq, Iran, and{ELLIPSIS}"
    for room in (30.0, 80.0, 200.0, line_width("a4")):
        assert subject_width(shorten(LONG_TITLE, room)) <= room
