"""Markdown fields read as on GitHub; plain text prints as typed; raw HTML never passes."""

from __future__ import annotations

import re
from html import unescape

import pytest
from markdown_it import MarkdownIt

from briefgen.markdown.html import markdown_inline, markdown_to_html
from briefgen.markdown.scan import outline
from briefgen.markdown.text import (
    escape_markdown,
    markdown_block,
    markdown_cell,
    markdown_source,
)


def test_list_right_after_a_paragraph_line_is_a_list() -> None:
    html = markdown_to_html("Three steps:\n- one\n- two")
    assert "<p>Three steps:</p>" in html
    assert "<li>one</li>" in html


def test_nested_lists_with_two_space_indent() -> None:
    html = markdown_to_html("- outer\n  - inner\n- next")
    assert html.count("<ul>") == 2
    assert "<li>inner</li>" in html


def test_ordered_list_keeps_its_starting_number() -> None:
    assert '<ol start="3"' in markdown_to_html("3. third\n4. fourth")


def test_pipe_tables() -> None:
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html
    assert "<td>2</td>" in html


def test_user_headings_never_outrank_memo_sections() -> None:
    html = markdown_to_html("# Big\n## Less")
    assert "<h4" in html and "<h5" in html and "<h1" not in html and "<h2" not in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://example.org"></iframe>',
        "<style>body{display:none}</style>",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_raw_html_is_shown_as_text_not_markup(attack: str) -> None:
    html = markdown_to_html(attack)
    assert "<script" not in html and "<iframe" not in html and "<style" not in html
    assert "<img" not in html and "<a " not in html
    assert "&lt;" in html  # printed as typed


def test_javascript_links_lose_their_target() -> None:
    html = markdown_to_html("[click](javascript:alert(1))")
    assert "javascript:" not in html
    assert "click" in html


def test_inline_drops_the_single_paragraph() -> None:
    assert markdown_inline("**bold** text") == "<strong>bold</strong> text"


@pytest.mark.parametrize(
    "text",
    [
        "a*b*c",
        "x_y_z",
        "[link](u)",
        "<b>",
        "a | b",
        "# not heading",
        "1. not a list",
        "- not a bullet",
        "AT&T",
        "&amp;",
        "`code`",
        "~~no~~",
        "+ plus",
        "> quote",
        "back\\slash",
        "{{ x }}",
    ],
)
def test_escaped_plain_text_renders_back_to_itself_on_github(text: str) -> None:
    # GitHub renders CommonMark plus tables and strikethrough; markdown-it-py is a
    # CommonMark reference implementation with those rules.
    github = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = github.render(f"| {escape_markdown(text)} |\n|---|\n")
    cell = re.search(r"<th>(.*)</th>", html)
    assert cell is not None
    assert unescape(cell.group(1)) == text
    paragraph = github.render(escape_markdown(text)).strip()
    assert paragraph.startswith("<p>") and unescape(paragraph[3:-4]) == text


def test_multi_line_values_stay_inside_their_list_item() -> None:
    block = markdown_block("first para\n\nsecond para\n- a list", 2)
    assert block == "first para\n\n  second para\n  - a list"


def test_markdown_memo_fields_show_raw_html_as_text_and_demote_headings() -> None:
    source = markdown_source("# Head\n<script>x</script> `<b>` [a](javascript:alert(1))")
    assert source == "#### Head\n&lt;script>x&lt;/script> `<b>` [a](#blocked)"
    fenced = "```\n<raw>\n# kept\n```"
    assert markdown_source(fenced) == fenced


def test_list_item_with_several_paragraphs_stays_one_item() -> None:
    html = markdown_to_html("- item\n\n  second para\n- next")
    assert html.count("<li>") == 2
    assert "<p>second para</p>" in html.split("<li>")[1]


def test_nested_list_under_an_ordered_item_at_three_spaces() -> None:
    html = markdown_to_html("1. a\n   - nested\n2. b")
    assert "<ol>" in html and "<ul>" in html and html.count("<li>") == 3


def test_tight_list_with_continuation_line_stays_tight() -> None:
    html = markdown_to_html("- a\n  more of a\n- b")
    assert html.count("<li>") == 2 and "<p>" not in html


def test_fenced_code_inside_a_list_item() -> None:
    html = markdown_to_html("- a\n\n  ```\n  code\n  ```\n- b")
    assert "<pre><code>code\n</code></pre>" in html
    assert html.count("<li>") == 2


def test_text_in_code_fences_is_left_alone() -> None:
    assert "<pre><code>- not a list\n</code></pre>" in markdown_to_html("```\n- not a list\n```")


def test_table_cells_stay_on_one_line() -> None:
    assert markdown_cell("a | b\nc\n") == "a \\| b<br>c"


@pytest.mark.parametrize(
    "link",
    [
        "[g](jav&#97;script:alert(7))",
        "[h](&#106;avascript:alert(8))",
        "[i](javascript&colon;alert(9))",
        "[j](JaVaScRiPt:alert(2))",
        "[k](java\\script:x)",
        "[o][ref]\n\n[ref]: javascript:alert(14)",
        "[p](//x.example.org/y)",
        "[r](annex/a.html)",
        "[v](vbscript:msgbox)",
        "[d](data:text/html,<script>x</script>)",
    ],
)
def test_no_link_but_web_and_section_links_survive_in_either_memo(link: str) -> None:
    html = markdown_to_html(link)
    assert "href=" not in html
    github = MarkdownIt("commonmark", {"html": False})
    github.validateLink = lambda _url: True  # see what a lax renderer would link
    rendered = github.render(markdown_source(link))
    hrefs = re.findall(r'href="([^"]*)"', rendered)
    assert all(h.startswith("#") for h in hrefs), hrefs


def test_web_and_section_links_are_kept() -> None:
    text = "[w](https://example.org/a_(b)) [m](mailto:a@b.org) [s](#background)"
    assert markdown_source(text) == text
    assert markdown_to_html(text).count("href=") == 3


def test_parenthesis_lists_and_backslash_breaks_as_on_github() -> None:
    html = markdown_to_html("Steps:\n1) one\n2) two\n\nline one\\\nline two")
    assert "<ol>" in html and "<li>one</li>" in html
    assert "line one<br />\nline two" in html or "line one<br>\nline two" in html


def test_setext_headings_are_demoted_in_the_markdown_memo() -> None:
    assert markdown_source("Title\n===\ntext\n\n---\n") == "#### Title\ntext\n\n---"
    assert markdown_source("Sub\n---") == "##### Sub"


def test_lists_after_a_paragraph_line_inside_a_block_quote() -> None:
    html = markdown_to_html("> quote\n> - one\n> - two")
    assert "<blockquote>" in html and "<p>quote</p>" in html and html.count("<li>") == 2


def test_text_right_after_a_code_fence_is_a_paragraph() -> None:
    html = markdown_to_html("```\n> kept\n```\nafter")
    assert "<pre><code>&gt; kept\n</code></pre>" in html and "<p>after</p>" in html


def test_a_quote_mark_in_a_link_target_swallows_no_text() -> None:
    html = markdown_to_html('see [x](https://a.b/"q) now\nline two\nmail [y](mailto:z@z.z "t") end')
    assert 'href="https://a.b/%22q"' in html and "line two" in html and ">y</a> end" in html


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("[a](<javascript:alert(1)>)", "[a](#blocked)"),
        ("[ok](<https://x.org/a b>)", "[ok](<https://x.org/a b>)"),
        ("![dot](data:image/png;base64,AAA)", "![dot](data:image/png;base64,AAA)"),
        ("![x](javascript:y)", "![x](#blocked)"),
        ("<javascript:alert(1)> <https://ok.org>", "&lt;javascript:alert(1)> <https://ok.org>"),
    ],
)
def test_markdown_memo_link_forms(written: str, expected: str) -> None:
    assert markdown_source(written) == expected


def test_an_autolink_is_a_link_not_a_tag() -> None:
    found = outline("<javascript:alert(1)> <b>")
    assert found.links == ("javascript:alert(1)",) and found.tags == ("<b",)


def test_strikethrough_works_beside_fields_without_a_tilde() -> None:
    assert str(markdown_to_html("plain *text*")) == "<p>plain <em>text</em></p>"
    assert str(markdown_to_html("~~struck~~ text")) == "<p><del>struck</del> text</p>"
    assert str(markdown_to_html("about ~5 km")) == "<p>about ~5 km</p>"
    assert str(markdown_to_html("plain again")) == "<p>plain again</p>"
