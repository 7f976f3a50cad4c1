"""The memo templates: one ordered loader over the user's folders and the packaged defaults.

Look-up order (first match wins, per file, so a user may override only ``memo.css``):

1. the folder given with ``--templates``;
2. the workspace's ``templates/``;
3. the defaults packaged with briefgen.

The idea follows mkdocs' ``theme.py``. Text from an option set is passed to templates as
data and never compiled, so ``{{ ... }}`` in a field prints as typed. Undefined names are
errors (``StrictUndefined``) and HTML templates autoescape.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from briefgen.errors import TemplateError, WorkspaceError
from briefgen.paths import display_path
from briefgen.render.inputs import current

MEMO_MARKDOWN = "memo.md.j2"
MEMO_HTML = "memo.html.j2"
MEMO_CSS = "memo.css"


def packaged_templates() -> Path:
    """Return the folder of default templates shipped with briefgen.

    An installed wheel carries them as ``briefgen/templates``; a source checkout (an
    editable install) keeps them at the top of the repository.
    """
    packaged = Path(str(resources.files("briefgen"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class TemplateSet:
    """The folders templates are looked up in, most specific first."""

    folders: tuple[Path, ...]

    @classmethod
    def for_workspace(cls, workspace: Path, override: Path | None = None) -> TemplateSet:
        """Build the look-up order for ``workspace`` and an optional ``--templates`` folder.

        Raises:
            WorkspaceError: ``override`` is given but is not a folder.
        """
        folders: list[Path] = []
        if override is not None:
            if not override.is_dir():
                raise WorkspaceError(
                    override,
                    "templates folder not found",
                    "give a folder that holds memo templates",
                )
            folders.append(override.resolve())
        local = workspace / "templates"
        if local.is_dir():
            folders.append(local.resolve())
        packaged = packaged_templates()
        if packaged not in folders:
            folders.append(packaged)
        return cls(tuple(dict.fromkeys(folders)))

    @cached_property
    def environment(self) -> jinja2.Environment:
        """The Jinja environment over :attr:`folders` (created once)."""
        return _RecordingEnvironment(
            loader=jinja2.FileSystemLoader([str(f) for f in self.folders]),
            autoescape=lambda name: name is not None and ".html" in name,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def find(self, name: str) -> Path:
        """Return the file that provides template ``name``.

        Raises:
            TemplateError: no folder holds it.
        """
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        searched = ", ".join(display_path(f) for f in self.folders)
        raise TemplateError(f"template '{name}' not found (looked in {searched})")

    def read(self, name: str) -> str:
        """Return the raw text of a non-Jinja file such as ``memo.css``."""
        path = self.find(name)
        reads = current()
        if reads is not None:
            reads.template(name, path)
        return path.read_text(encoding="utf-8")

    def render(self, name: str, **context: object) -> str:
        """Render template ``name`` with ``context``.

        Raises:
            TemplateError: the template is missing, has a syntax error or fails while
                rendering; the message names the template file and line.
        """
        with template_errors():
            return self.environment.get_template(name).render(**context)


class _RecordingEnvironment(jinja2.Environment):
    """Notes every template a render loads, included ones too: Jinja's compiled
    ``{% include %}``, ``{% extends %}`` and ``{% import %}`` all come through
    :meth:`get_template` or :meth:`select_template`, even when the template is cached."""

    def get_template(self, *args: Any, **kwargs: Any) -> jinja2.Template:
        return _noted(super().get_template(*args, **kwargs))

    def select_template(self, *args: Any, **kwargs: Any) -> jinja2.Template:
        return _noted(super().select_template(*args, **kwargs))


def _noted(template: jinja2.Template) -> jinja2.Template:
    reads = current()
    if reads is not None and template.name and template.filename:
        reads.template(template.name, Path(template.filename))
    return template


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn Jinja's errors into :class:`TemplateError` naming the file and line."""
    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        where = f"{display_path(error.filename or error.name or '?')}:{error.lineno}"
        raise TemplateError(f"{where}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"template '{error.name}' not found") from None
    except (jinja2.UndefinedError, TypeError, ValueError, AttributeError) as error:
        where = _template_frame(sys.exc_info()[2])
        raise TemplateError(f"{where}: template error: {error}") from None


def _template_frame(trace: TracebackType | None) -> str:
    """Find the innermost template line in a traceback (Jinja maps frames to templates)."""
    where = "template"
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".md")):
            where = f"{display_path(filename)}:{trace.tb_lineno}"
        trace = trace.tb_next
    return where
