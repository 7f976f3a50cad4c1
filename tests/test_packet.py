"""Read-ahead packets: a meeting file someone else wrote, over three option sets."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.schema.meeting import Meeting, schedule

REPO = Path(__file__).parent.parent
MEETING = """\
title: Deputies Committee <Iraq> & region
date: 2008-12-17
time: "9:30"
location: Room 208, EEOB
marking: SECRET//NOFORN
chair: Deputy National Security Advisor
attendees: [Deputy Secretary of State, Deputy Secretary of Defense, Vice Chairman JCS]
agenda:
  - {title: Welcome, minutes: 5}
  - {option_set: regional-reconciliation, presenter: S/P, minutes: 20}
  - {option_set: post-2011-presence, presenter: OSD, minutes: 40}
  - {option_set: withdrawal-pace, presenter: NSC, minutes: 15}
  - {title: Any other business}
"""
ORDER = ["regional-reconciliation", "post-2011-presence", "withdrawal-pace"]


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PdfReader]:
    root = tmp_path_factory.mktemp("packet")
    shutil.copytree(REPO / "options", root / "options")
    (root / "meetings").mkdir()
    (root / "meetings" / "deputies.yaml").write_text(MEETING, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["packet", str(root / "meetings" / "deputies.yaml"), "-w", str(root), "-j", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return root, PdfReader(root / "output" / "meetings" / "deputies.pdf")


def test_cover_shows_the_meeting(packet: tuple[Path, PdfReader]) -> None:
    text = packet[1].pages[0].extract_text()
    for expected in [
        "Deputies Committee <Iraq> & region",
        "December 17, 2008",
        "09:30",
        "Room 208, EEOB",
        "Deputy National Security Advisor",
        "Vice Chairman JCS",
        "SECRET//NOFORN",
    ]:
        assert expected in text


def test_agenda_computes_start_times(packet: tuple[Path, PdfReader]) -> None:
    text = packet[1].pages[1].extract_text()
    assert re.findall(r"^(\d\d:\d\d) ", text, re.MULTILINE) == [
        "09:30",
        "09:35",
        "09:55",
        "10:35",
        "10:50",
    ]


def memo_start_pages(reader: PdfReader) -> dict[str, int]:
    """Find the page where each memo starts: its subject line on the header block."""
    starts = {}
    for memo_id in ORDER:
        title = load_option_set(REPO / "options" / f"{memo_id}.yaml").title
        flat_title = "".join(title.split())
        for number, page in enumerate(reader.pages, 1):
            text = "".join(page.extract_text().split())
            if "ACTIONMEMO" in text and flat_title in text:
                starts[memo_id] = number
                break
    return starts


def test_bookmarks_contents_and_pages_agree(packet: tuple[Path, PdfReader]) -> None:
    reader = packet[1]
    top = [item for item in reader.outline if not isinstance(item, list)]
    bookmarks = {item.title: reader.get_destination_page_number(item) + 1 for item in top}
    starts = memo_start_pages(reader)
    assert list(starts) == ORDER and sorted(starts.values()) == list(starts.values())
    titles = {m: load_option_set(REPO / "options" / f"{m}.yaml").title for m in ORDER}
    assert list(bookmarks)[:3] == ["Cover", "Agenda", "Contents"]
    assert list(bookmarks)[3:] == [titles[m] for m in ORDER]
    contents = reader.pages[2].extract_text()
    printed = [int(n) for n in re.findall(r"(\d+)\s*$", contents, re.MULTILINE)[:3]]
    for memo_id, page in zip(ORDER, printed, strict=True):
        assert bookmarks[titles[memo_id]] == starts[memo_id] == page


def test_memo_sections_nest_under_each_memo(packet: tuple[Path, PdfReader]) -> None:
    nested = [item for item in packet[1].outline if isinstance(item, list)]
    assert len(nested) == 3
    # Action-memo order: the issue for decision, then the bottom line.
    assert [item.title for item in nested[0] if not isinstance(item, list)][:2] == [
        "Issue for Decision",
        "Bottom Line Up Front",
    ]


def test_page_numbers_run_on_and_each_memo_keeps_its_marking(
    packet: tuple[Path, PdfReader],
) -> None:
    reader = packet[1]
    total = len(reader.pages)
    starts = memo_start_pages(reader)
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {total}" in page.extract_text()
    reconciliation = reader.pages[starts["regional-reconciliation"] - 1].extract_text()
    assert reconciliation.count("SENSITIVE BUT UNCLASSIFIED") >= 2
    assert "SECRET//NOFORN" not in reconciliation


def _is_clean_head(line: str, title: str) -> bool:
    """The title cut at a word boundary (whole, or ending in an ellipsis), as the running
    head prints it, perhaps followed by a tab's label."""
    if line.startswith(title):
        return True
    head, cut, _ = line.partition("\N{HORIZONTAL ELLIPSIS}")
    kept = head.split(" ")
    return bool(cut) and len(kept) > 2 and kept == title.split(" ")[: len(kept)]


def test_running_heads_read_cleanly_in_the_text_layer(packet: tuple[Path, PdfReader]) -> None:
    """Each page after the cover has its running head as one clean line of text: the
    packet's, or that of the memo the page belongs to (once garbled by CSS ellipses),
    and memo pages their version stamp whole at the foot."""
    reader = packet[1]
    starts = sorted(memo_start_pages(reader).items(), key=lambda item: item[1])
    for number, page in enumerate(reader.pages[1:], 2):
        owner = [memo_id for memo_id, start in starts if start <= number]
        lines = page.extract_text().splitlines()
        if owner:
            title = load_option_set(REPO / "options" / f"{owner[-1]}.yaml").title
            assert any(_is_clean_head(line, title) for line in lines), f"page {number}: {lines[:3]}"
            assert "not under version control" in lines, f"page {number}: {lines[-4:]}"
        else:
            expected = "Deputies Committee <Iraq> & region: read-ahead December 17, 2008"
            assert expected in lines, f"page {number}: {lines[-4:]}"


def test_markdown_packet_lists_agenda_and_memos(packet: tuple[Path, PdfReader]) -> None:
    markdown = (packet[0] / "output" / "meetings" / "deputies.md").read_text(encoding="utf-8")
    assert "| 09:55 | A US Military Presence in Iraq After 2011 (Tab 2) | OSD | 40 |" in markdown
    assert markdown.count("# ACTION MEMO") == 3


def test_unknown_option_set_in_agenda_names_the_closest(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "m.yaml").write_text(
        MEETING.replace("option_set: withdrawal-pace", "option_set: withdrawl-pace"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", "-w", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        "meetings/m.yaml:12:18: agenda[3].option_set: 'withdrawl-pace' is not the id of an "
        "option set in this workspace; did you mean 'withdrawal-pace'?"
    ) in result.output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('time: "9:30"', "time: 9.30"), "time: '9.30' is not a time"),
        (
            ("minutes: 40", "minutes: forty"),
            "agenda[2].minutes: 'forty' is not a number of minutes",
        ),
        (
            ("{title: Welcome, minutes: 5}", "{minutes: 5}"),
            "agenda[0]: an agenda item needs either",
        ),
    ],
)
def test_meeting_mistakes_are_located(
    tmp_path: Path, change: tuple[str, str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "options").mkdir()
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "m.yaml").write_text(
        MEETING.replace(*change).replace("option_set: ", "title: "), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", "meetings"])
    assert result.exit_code == 1
    assert message in result.output


def test_schedule_stops_at_an_item_without_minutes() -> None:
    meeting = Meeting.model_validate(
        {
            "id": "m",
            "title": "T",
            "date": "2008-12-17",
            "time": "23:50",
            "agenda": [{"title": "A", "minutes": "15"}, {"title": "B"}, {"title": "C"}],
        }
    )
    assert [slot.start for slot in schedule(meeting)] == ["23:50", "00:05", ""]


def test_an_empty_agenda_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "options").mkdir()
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "m.yaml").write_text(
        "title: T\ndate: 2008-12-17\nagenda: []\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", "meetings"])
    assert result.exit_code == 1
    assert result.output == (
        "meetings/m.yaml:3:9: agenda: needs at least 1 item(s), found 0; add an item\n"
    )


def test_an_agenda_naming_an_invalid_option_set_says_so(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    (tmp_path / "options" / "withdrawal-pace.yaml").write_text("title: [\n", encoding="utf-8")
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "m.yaml").write_text(MEETING, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "-w", str(tmp_path), "--keep-going"])
    assert result.exit_code == 1
    assert "'withdrawal-pace' has errors of its own" in result.output
