"""The GFM spec examples through ``briefgen.markdown_to_html``, against GitHub.

"GitHub" is the HTML the spec gives for an example, unless GitHub's own renderer
(cmark-gfm with GitHub's extensions: tables, strikethrough, autolinks, task lists,
footnotes) renders it otherwise: the spec's core examples are written without the
autolink extension (``http://example.com`` stays text there, GitHub links it), and a
few emphasis examples changed in later cmark releases. Examples that hold raw HTML are
left out (briefgen prints raw HTML as text); :data:`gfm.DELIBERATE` lists what the
comparison forgives. The rates are reported in ``docs/format.md``.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
from gfm import GFM, Example, github_html, has_raw_html, normalise, spec_examples

import briefgen

#: Lowest share of examples on which briefgen must agree with GitHub.
TARGET = 0.80


@lru_cache(maxsize=1)
def examples() -> list[Example]:
    found = [e for name in ("spec", "extensions") for e in spec_examples(GFM / f"{name}.txt")]
    return [e for e in found if not has_raw_html(e.markdown)]


def github(example: Example) -> str:
    spec = normalise(example.html, github=True)
    rendered = normalise(github_html(example.markdown), github=True)
    return spec if spec == rendered else rendered


def bare(text: str) -> str:
    """Python-Markdown with no extensions, compared with GitHub's heading levels."""
    return normalise(markdown.markdown(text), github=True)


def agreement() -> tuple[set[str], set[str], list[Example]]:
    ours: set[str] = set()
    theirs: set[str] = set()
    for example in examples():
        expected = github(example)
        if normalise(briefgen.markdown_to_html(example.markdown)) == expected:
            ours.add(example.name)
        if bare(example.markdown) == expected:
            theirs.add(example.name)
    return ours, theirs, examples()


def test_the_spec_examples_agree_with_github() -> None:
    ours, theirs, cases = agreement()
    rate = len(ours) / len(cases)
    failing = [e.name for e in cases if e.name not in ours]
    assert rate >= TARGET, f"{rate:.1%} agree; failing: {failing}"
    worse = sorted(theirs - ours)
    assert not worse, f"bare Python-Markdown gets these right and briefgen does not: {worse}"


def test_the_comparison_can_fail() -> None:
    example = next(e for e in examples() if e.markdown.startswith("- foo\n"))
    assert normalise("<p>- foo</p>") != github(example)
