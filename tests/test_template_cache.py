"""Compiled default templates are kept between runs; other templates are compiled each time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from briefgen.check.validate import load_option_set
from briefgen.render import render_memo
from briefgen.render.templates import TemplateSet, packaged_templates
from briefgen.versions.git import Version

FULL = Path(__file__).parent / "data" / "full.yaml"
UNVERSIONED = Version(None, None, "unversioned")


def render(folders: tuple[Path, ...]) -> bytes:
    """Render full.yaml to Markdown and HTML with a fresh template set, as a new process would."""
    rendered = render_memo(
        load_option_set(FULL),
        source=FULL,
        templates=TemplateSet(folders),
        formats=("md", "html"),
        version=UNVERSIONED,
    )
    return rendered.files["md"] + rendered.files["html"]


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The names of the templates Jinja compiles, with the cache in ``tmp_path/cache``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None, *args: Any) -> Any:
        names.append(name or "?")
        return original(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_default_templates_are_compiled_once_across_runs(
    compiled: list[str], tmp_path: Path
) -> None:
    first = render((packaged_templates(),))
    assert sorted(compiled) == ["memo.html.j2", "memo.md.j2", "memo_body.html.j2"]
    assert len(list((tmp_path / "cache" / "briefgen").glob("templates-*.cache"))) == 3
    compiled.clear()
    assert render((packaged_templates(),)) == first
    assert compiled == []


def test_templates_of_a_workspace_are_compiled_each_time(
    compiled: list[str], tmp_path: Path
) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    body = (packaged_templates() / "memo.md.j2").read_text(encoding="utf-8")
    (own / "memo.md.j2").write_text("OWN TEMPLATE\n" + body, encoding="utf-8")
    first = render((own, packaged_templates()))
    assert first.startswith(b"OWN TEMPLATE")
    compiled.clear()
    assert render((own, packaged_templates())) == first
    assert compiled == ["memo.md.j2"]


def test_an_unwritable_cache_only_costs_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert render((packaged_templates(),)).startswith(b"**UNCLASSIFIED")
