"""The analysis in the memo: the numbers the PDF prints are those of `analyze`, the four
figures are in its text, and a recommendation below the leader is said plainly."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.analysis import analyze
from briefgen.check.validate import load_option_set
from briefgen.render import render_memo
from briefgen.render.templates import TemplateSet

REPO = Path(__file__).parent.parent


def render(path: Path, **options: object) -> tuple[PdfReader, str]:
    memo = load_option_set(path)
    rendered = render_memo(
        memo,
        source=path,
        templates=TemplateSet.for_workspace(path.parent.parent),
        formats=("md", "pdf"),
        **options,  # type: ignore[arg-type]
    )
    return PdfReader(io.BytesIO(rendered.files["pdf"])), rendered.files["md"].decode("utf-8")


def tab_text(reader: PdfReader, title: str) -> str:
    starts = sorted(
        (reader.get_destination_page_number(o), o.title)
        for o in reader.outline
        if not isinstance(o, list)
    )
    first = next(page for page, name in starts if name.endswith(title))
    after = [page for page, _ in starts if page > first]
    last = after[0] if after else len(reader.pages)
    return " ".join(" ".join(reader.pages[i].extract_text().split()) for i in range(first, last))


@pytest.fixture(scope="module")
def withdrawal(tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfReader, str]:
    root = tmp_path_factory.mktemp("analysis")
    shutil.copytree(REPO / "options", root / "options")
    return render(root / "options" / "withdrawal-pace.yaml")


def test_the_pdf_prints_the_numbers_of_analyze(withdrawal: tuple[PdfReader, str]) -> None:
    reader, markdown = withdrawal
    analysis = analyze(load_option_set(REPO / "options" / "withdrawal-pace.yaml"))
    text = tab_text(reader, "Analysis")
    for option in analysis.options:
        assert f"{option.weighted_score:.2f}" in text
        assert f"{option.support_index:+.1f}" in text
        assert f"{option.support_index:+.1f}" in markdown
    for item in analysis.sensitivity:
        if item.flip_weight is not None:
            assert f"{item.flip_weight:.2f}" in text
            assert f"to {item.flip_weight:.2f}" in markdown


def test_the_four_figures_are_in_the_pdf(withdrawal: tuple[PdfReader, str]) -> None:
    text = tab_text(withdrawal[0], "Analysis")
    for label in (
        "Weighted score (0-5)",  # score beside support
        "Weight as written",  # the tornado chart
        "Manage closely",  # the power/interest grid
        "Very high (16-25)",  # the risk heat map
    ):
        assert label in text, label
    assert re.search(r"\bR9\b", text)  # every risk numbered in its cell


def test_a_recommendation_below_the_leader_is_said_in_the_memo(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    path = tmp_path / "options" / "withdrawal-pace.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("option: sixteen-month-with-benchmarks", "option: conditions-based", 1),
        encoding="utf-8",
    )
    reader, markdown = render(path)
    first_pages = " ".join(" ".join(p.extract_text().split()) for p in reader.pages[:2])
    sentence = "The recommended option, “Adopt a slower, conditions-based drawdown as commanders advise”, scores 2.40"
    assert sentence in first_pages
    assert "scores 2.40 on the weighted criteria" in markdown


def test_no_analysis_leaves_the_tab_out(tmp_path: Path) -> None:
    shutil.copytree(REPO / "options", tmp_path / "options")
    reader, markdown = render(tmp_path / "options" / "withdrawal-pace.yaml", analysis=False)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert not any(t.endswith("Analysis") for t in titles)
    assert "Tab 2 — Stakeholders and stances" in titles
    assert "## Tab 2 — Analysis" not in markdown
