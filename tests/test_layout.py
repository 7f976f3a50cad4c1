"""The memo's layout at any size: the memo proper in its page budget, the detail in tabs,
tables that hold from 2 to 10 options x 20 stakeholders x 8 criteria.

PDFs are read back with pypdf; breaks and overflow are found in the laid-out HTML (see
``layout_check``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from generated import LONG_URL, LONG_WORD, option_set, write_option_set
from layout_check import broken_words, layout, overflowing_text
from pypdf import PdfReader

from briefgen.check.validate import load_option_set
from briefgen.cli import cli
from briefgen.render import Rendered, render_memo
from briefgen.render.layout import shorten
from briefgen.render.templates import TemplateSet, packaged_templates
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings

REPO = Path(__file__).parent.parent
DEMOS = sorted((REPO / "options").glob("*.yaml"))
TABS = [
    "Tab 1 — Options in detail",
    "Tab 2 — Analysis",
    "Tab 3 — Stakeholders and stances",
    "Tab 4 — Risk register",
    "Tab 5 — Sources",
]
#: The tab with the stance matrix, which goes landscape when wide.
STANCES_TAB = TABS[2]


def render(
    path: Path,
    settings: WorkspaceSettings | None = None,
    formats: tuple[str, ...] = ("md", "html", "pdf"),
) -> Rendered:
    return render_memo(
        load_option_set(path),
        source=path,
        templates=TemplateSet((packaged_templates(),)),
        formats=formats,
        settings=settings,
    )


@dataclass
class Memo:
    """A rendered memo, with its PDF read back once."""

    option_set: OptionSet
    rendered: Rendered
    pdf: PdfReader = field(init=False)

    def __post_init__(self) -> None:
        self.pdf = PdfReader(io.BytesIO(self.rendered.files["pdf"]))

    @cached_property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.pdf.pages]

    @cached_property
    def text(self) -> str:
        return "\n".join(self.pages)


@pytest.fixture(scope="module")
def sized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Memo]:
    """Generated option sets at 5 x 10 x 4 and at the 10 x 20 x 8 maximum, rendered."""
    folder = tmp_path_factory.mktemp("sized")
    done = {}
    for size in [(5, 10, 4), (10, 20, 8)]:
        path = write_option_set(folder, option_set(*size))
        done["x".join(map(str, size))] = Memo(load_option_set(path), render(path))
    return done


@pytest.fixture(scope="module")
def demos() -> dict[str, Memo]:
    return {path.stem: Memo(load_option_set(path), render(path)) for path in DEMOS}


def reader(rendered: Rendered) -> PdfReader:
    return PdfReader(io.BytesIO(rendered.files["pdf"]))


def top_bookmarks(pdf: PdfReader) -> dict[str, int]:
    """Top-level bookmark title -> 1-based page."""
    return {
        item.title: pdf.get_destination_page_number(item) + 1
        for item in pdf.outline
        if not isinstance(item, list)
    }


def memos(*groups: dict[str, Memo]) -> Iterator[tuple[str, Memo]]:
    for group in groups:
        yield from group.items()


def flat(text: str) -> str:
    return " ".join(text.split())


def phrase(text: str) -> re.Pattern[str]:
    """A pattern for ``text`` as a sequence of whole words: lines may break between
    words, after a hyphen or slash, and inside a token too long for its column, and
    nowhere else."""
    parts = []
    for word in text.split():
        if len(word) >= 20:
            parts.append(r"\s?".join(re.escape(ch) for ch in word))
        else:
            parts.append(re.sub(r"([-/–—])", r"\1\\s?", re.escape(word)))
    return re.compile(r"\s+".join(parts))


def printed_whole(item: str, text: str, pieces: int = 3) -> bool:
    """Whether ``item`` is in ``text`` as whole words, in order, in at most ``pieces``
    runs: a table row split over pages has the page furniture and the row's other cells
    between its parts, but only ever between two words."""
    words, start = item.split(), 0
    for _ in range(pieces):
        for end in range(len(words), 0, -1):
            found = phrase(" ".join(words[:end])).search(text, start)
            if found:
                words, start = words[end:], found.end()
                break
        else:
            return False
        if not words:
            return True
    return False


def test_decision_lines_are_on_page_1_or_2(sized: dict[str, Memo], demos: dict[str, Memo]) -> None:
    for name, memo in memos(sized, demos):
        first = next(n for n, text in enumerate(memo.pages, 1) if "Disapprove" in text)
        assert first <= 2, name
        assert "Approve" in memo.pages[first - 1] and "Let’s discuss" in memo.pages[first - 1]


def test_each_tab_is_a_bookmark_and_starts_a_page_after_the_memo(
    sized: dict[str, Memo], demos: dict[str, Memo]
) -> None:
    for name, memo in memos(sized, demos):
        marks = top_bookmarks(memo.pdf)
        assert [title for title in marks if title.startswith("Tab ")] == TABS, name
        starts = [marks[tab] for tab in TABS]
        assert starts == sorted(starts) and starts[0] > marks["Recommendation"], name
        for tab, page in zip(TABS, starts, strict=True):
            # The tab's heading, and its label in the running head above it.
            assert flat(memo.pages[page - 1]).count(tab) == 2, (name, tab)


def test_every_name_prints_as_a_whole_word_sequence(sized: dict[str, Memo]) -> None:
    for name, memo in sized.items():
        data = memo.option_set
        expected = [data.title]
        expected += [c.name for c in data.criteria]
        expected += [s.name for s in data.stakeholders]
        for option in data.options:
            expected.append(option.title)
            for risk in option.risks:
                expected += [risk.title, risk.mitigation or "", risk.contingency or ""]
            expected += [p.note for p in option.positions.values() if p.note]
        missing = [item[:60] for item in expected if item and not printed_whole(item, memo.text)]
        assert not missing, name


def test_the_long_word_and_the_long_url_wrap_and_stay_whole(sized: dict[str, Memo]) -> None:
    for memo in sized.values():
        assert phrase(LONG_WORD).search(memo.text)
        assert phrase(LONG_URL).search(memo.text)


@pytest.mark.parametrize("size", ["5x10x4", "10x20x8"])
def test_no_word_breaks_and_no_text_runs_out_at_any_size(sized: dict[str, Memo], size: str) -> None:
    document = layout(sized[size].rendered.files["html"].decode("utf-8"))
    assert broken_words(document) == []
    assert overflowing_text(document) == []


def test_no_word_breaks_and_no_text_runs_out_in_the_demos(demos: dict[str, Memo]) -> None:
    for name, memo in demos.items():
        document = layout(memo.rendered.files["html"].decode("utf-8"))
        assert broken_words(document) == [], name
        assert overflowing_text(document) == [], name


def test_a_long_mitigation_splits_with_its_header_on_every_page(
    sized: dict[str, Memo],
) -> None:
    memo = sized["10x20x8"]
    words = (memo.option_set.options[0].risks[0].mitigation or "").split()
    pages = [flat(text) for text in memo.pages]
    # Runs of the mitigation's words show which pages it is printed on.
    holding = [
        number
        for number, text in enumerate(pages, 1)
        if any(" ".join(words[i : i + 6]) in text for i in range(0, len(words) - 6, 6))
    ]
    assert len(holding) >= 2, "a 250-word mitigation fills more than one page"
    assert holding == list(range(holding[0], holding[-1] + 1))
    for number in holding:
        # The "Risks" caption and the header row repeat with every part of the row.
        assert "Risks Risk Likelihood × impact Mitigation Owner" in pages[number - 1], number


def test_wide_matrices_go_on_landscape_pages(
    sized: dict[str, Memo], demos: dict[str, Memo]
) -> None:
    pdf = sized["10x20x8"].pdf
    landscape = [
        number
        for number, page in enumerate(pdf.pages, 1)
        if page.mediabox.width > page.mediabox.height
    ]
    marks = top_bookmarks(pdf)
    # The stance matrix needs the width; the scores table (digits) does not.
    assert marks[STANCES_TAB] in landscape and marks[TABS[0]] not in landscape
    assert all(page > marks["Recommendation"] for page in landscape)
    for name, memo in demos.items():
        assert all(p.mediabox.width < p.mediabox.height for p in memo.pdf.pages), name


def test_the_demo_memos_fit_two_pages(demos: dict[str, Memo]) -> None:
    for name, memo in demos.items():
        assert memo.option_set.pages_allowed == 2
        assert top_bookmarks(memo.pdf)[TABS[0]] == 3, name
        assert memo.rendered.warnings == [], name


def oversize(folder: Path, sentences: int = 170, **changes: Any) -> Path:
    data = option_set(3, 4, 2)
    data["background"] = " ".join(["The provincial councils contest the budget."] * sentences)
    return write_option_set(folder, {**data, **changes})


def test_an_oversize_memo_gets_the_page_budget_warning(tmp_path: Path) -> None:
    warnings = render(oversize(tmp_path), formats=("pdf",)).warnings
    assert len(warnings) == 1
    assert re.fullmatch(
        r"the memo proper runs to \d pages, \d\.\d pages past its limit of 2; biggest "
        r"sections: background \(\d+ lines\), .+; shorten them or move detail into the "
        r"tabs, or raise 'page_limit'",
        warnings[0],
    )


def test_a_memo_a_few_lines_over_is_told_in_lines(tmp_path: Path) -> None:
    warnings = render(oversize(tmp_path, 72), formats=("pdf",)).warnings
    assert len(warnings) == 1
    assert re.match(r"the memo proper runs \d+ lines onto page 3, past its limit", warnings[0])


def test_page_limit_sets_the_budget(tmp_path: Path) -> None:
    assert render(oversize(tmp_path, page_limit="none"), formats=("pdf",)).warnings == []
    info = oversize(tmp_path, kind="information")
    assert load_option_set(info).pages_allowed is None
    assert load_option_set(oversize(tmp_path, page_limit=9)).pages_allowed == 9


def test_strict_turns_the_page_budget_into_an_error(tmp_path: Path) -> None:
    (tmp_path / "options").mkdir()
    oversize(tmp_path / "options")
    strict = CliRunner().invoke(
        cli, ["build", "-w", str(tmp_path), "-j", "1", "--formats", "pdf", "--strict"]
    )
    assert strict.exit_code == 1
    assert "generated-3x4x2.yaml: error: the memo proper runs " in strict.output
    assert not (tmp_path / "output" / "generated-3x4x2.pdf").exists()


def test_running_heads_shorten_at_a_word_boundary(sized: dict[str, Memo]) -> None:
    assert shorten("Pace of the US Combat-Brigade Drawdown from Iraq", 30) == (
        "Pace of the US Combat-Brigade…"
    )
    assert shorten("Pace of the US, Combat-Brigade Drawdown", 16) == "Pace of the US…"
    assert shorten("Supercalifragilistic words", 8) == "Supercalifragilistic…"
    memo = sized["10x20x8"]
    page = memo.pages[top_bookmarks(memo.pdf)[STANCES_TAB] - 1]
    head = next(line for line in page.splitlines() if "…" in line)
    kept = head[: head.index("…")]
    title = memo.option_set.title
    assert title.startswith(kept) and not title[len(kept)].isalnum()


def test_a4_paper_keeps_the_page_furniture() -> None:
    rendered = render(DEMOS[0], WorkspaceSettings(paper="a4"), formats=("pdf",))
    memo = Memo(load_option_set(DEMOS[0]), rendered)
    for number, (page, text) in enumerate(zip(memo.pdf.pages, memo.pages, strict=True), 1):
        size = sorted([float(page.mediabox.width), float(page.mediabox.height)])
        assert size == pytest.approx([595.28, 841.89], abs=0.5)
        assert text.count(memo.option_set.marking or "") == 2 and f"Page {number} of" in text


def test_tab_labels_follow_the_setting() -> None:
    settings = WorkspaceSettings(tab_labels="letter")
    rendered = render(DEMOS[0], settings, formats=("md", "pdf"))
    titles = [t for t in top_bookmarks(reader(rendered)) if t.startswith("TAB ")]
    assert titles == [
        "TAB A — Options in detail",
        "TAB B — Analysis",
        "TAB C — Stakeholders and stances",
        "TAB D — Risk register",
        "TAB E — Sources",
    ]
    assert "- TAB A — Options in detail" in rendered.files["md"].decode("utf-8")


def test_the_html_memo_has_the_marking_at_top_and_bottom(demos: dict[str, Memo]) -> None:
    memo = demos["withdrawal-pace"]
    html = memo.rendered.files["html"].decode("utf-8")
    body = html[html.index("<body") :]
    assert body.count(f">{memo.option_set.marking}</div>") >= 2
    assert body.rindex("marking-banner bottom") > body.rindex("Tab 5")


def test_the_markdown_memo_puts_the_memo_first_then_each_tab(demos: dict[str, Memo]) -> None:
    memo = demos["withdrawal-pace"]
    markdown = memo.rendered.files["md"].decode("utf-8")
    order = [
        "# ACTION MEMO FOR THE PRESIDENT-ELECT",
        "## Issue for Decision",
        "## Bottom Line Up Front",
        "## Background",
        "## Options",
        "## Recommendation",
        "Approve ",
        "**Attachments:**",
        *(f"## {tab}" for tab in TABS),
    ]
    places = [markdown.index(heading) for heading in order]
    assert places == sorted(places)
    marking = f"**{memo.option_set.marking}**"
    assert markdown.startswith(marking) and markdown.rstrip().endswith(marking)
    # Each stance once per option: grouped under its stance, not a row per stakeholder.
    assert markdown.count("| Stance | Stakeholders |") == len(memo.option_set.options)


def test_the_options_table_counts_support_and_shows_the_score(demos: dict[str, Memo]) -> None:
    memo = demos["withdrawal-pace"]
    assert "3.80 1 +3.6 4 for, 3 against" in flat(memo.pages[0] + memo.pages[1])
