"""One test per rule of briefgen's own Markdown processors (briefgen.markdown.blocks,
briefgen.markdown.inline) and per well-kept extension it relies on."""

from __future__ import annotations

import briefgen
from briefgen.markdown.html import markdown_inline
from briefgen.markdown.scan import outline
from briefgen.markdown.text import markdown_source


def html(text: str) -> str:
    return str(briefgen.markdown_to_html(text))


def test_markdown_to_html_is_public_and_loaded_on_first_use() -> None:
    assert "markdown_to_html" in briefgen.__all__
    assert html("*a*") == "<p><em>a</em></p>"


# ListProcessor
def test_items_nest_at_their_content_column() -> None:
    assert html("1. a\n   - b\n2. c").count("<li>") == 3
    assert "<ol>\n<li>a<ul>" in html("1. a\n   - b").replace("\n<ul>", "<ul>")


def test_a_change_of_marker_starts_a_new_list() -> None:
    assert html("- a\n+ b").count("<ul>") == 2


def test_a_list_is_loose_only_with_blank_lines_between_blocks() -> None:
    assert "<p>" not in html("- a\n- b")
    assert html("- a\n\n- b").count("<p>") == 2


def test_a_fence_may_open_a_list_item() -> None:
    assert "<li><pre><code>x\n</code></pre></li>" in html("- ```\n  x\n  ```")


def test_parenthesis_markers_are_ordered_lists() -> None:
    assert "<ol>" in html("1) a\n2) b")


# Paragraphs
def test_a_list_numbered_from_one_interrupts_a_paragraph_but_not_a_year() -> None:
    assert "<ol>" in html("Steps:\n1. one")
    assert html("The mandate ends in\n2009. A year of elections.").count("<p>") == 1


def test_a_table_may_start_right_under_a_paragraph() -> None:
    assert "<table>" in html("Costs:\n| a | b |\n|---|---|\n| 1 | 2 |")


# SetextHeadings, AtxHeadings
def test_a_setext_heading_takes_every_line_of_its_paragraph() -> None:
    assert html("Two\nlines\n===") == "<h4>Two\nlines</h4>"


def test_a_hash_needs_a_space_to_make_a_heading() -> None:
    assert html("#1 priority") == "<p>#1 priority</p>"
    assert html("# C#") == "<h4>C#</h4>" and html("# Title #") == "<h4>Title</h4>"


# Quotes
def test_a_rule_under_a_quote_ends_it() -> None:
    assert html("> quote\n---").endswith("</blockquote>\n<hr>")


# inline rules
def test_any_scheme_in_angle_brackets_is_a_link_whose_target_the_policy_judges() -> None:
    assert html("<irc://host/x>") == '<p><a rel="noopener noreferrer">irc://host/x</a></p>'


def test_every_ascii_punctuation_character_can_be_escaped() -> None:
    assert html("\\= \\% \\~") == "<p>= % ~</p>"


def test_a_backslash_ends_a_line_with_a_break_and_is_kept_at_the_end() -> None:
    assert "<br>" in html("a\\\nb")
    assert html("dinars\\") == "<p>dinars\\</p>"


def test_an_escaped_pipe_in_a_table_cell_is_a_pipe_even_in_code() -> None:
    assert "<code>a|b</code>" in html("| x |\n|---|\n| `a\\|b` |")


def test_bare_addresses_are_linked_but_not_inside_typed_html() -> None:
    assert 'href="http://www.state.gov"' in html("see www.state.gov")
    assert 'href="mailto:desk@state.gov"' in html("desk@state.gov")
    assert "href" not in html('<iframe src="https://example.org">')


def test_footnotes_link_both_ways_with_ids_unique_to_the_field() -> None:
    one, two = html("A.[^1]\n\n[^1]: x"), html("B.[^1]\n\n[^1]: y")
    assert 'class="footnote-ref"' in one and 'class="footnote"' in one
    ids = [part.split('"')[0] for part in one.split('id="')[1:]]
    assert ids and not set(ids) & {p.split('"')[0] for p in two.split('id="')[1:]}


def test_task_lists_print_check_boxes() -> None:
    assert html("- [x] done").count('type="checkbox"') == 1


def test_inline_markdown_still_drops_its_paragraph() -> None:
    assert markdown_inline("a [^x]") == "a [^x]"


# scan and text: what lint and the Markdown memo take for a link definition
def test_a_paragraph_like_a_definition_is_not_one() -> None:
    assert outline("[Note]: the figures are provisional.").links == ()
    assert markdown_source("[Note]: the figures are provisional.") == (
        "[Note]: the figures are provisional."
    )


def test_a_footnote_definition_is_not_a_link_definition() -> None:
    assert outline("A.[^a]\n\n[^a]: Source.").links == ()
    assert markdown_source("[^a]: Source.") == "[^a]: Source."
