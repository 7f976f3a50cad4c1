"""The memo templates: one ordered loader over the user's folders and the packaged defaults.

Look-up order (first match wins, per file, so a user may override only ``memo.css``):

1. the folder given with ``--templates``;
2. the workspace's ``templates/``;
3. the defaults packaged with briefgen.

The idea follows mkdocs' ``theme.py``. Text from an option set is passed to templates as
data and never compiled, so ``{{ ... }}`` in a field prints as typed. Undefined names are
errors (``StrictUndefined``) and HTML templates autoescape. The compiled default templates
are kept between runs (see :class:`DefaultsBytecodeCache`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.bccache import Bucket

from briefgen._version import __version__
from briefgen.errors import TemplateError, WorkspaceError
from briefgen.paths import display_path

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


def cache_folder() -> Path:
    """Where briefgen keeps files between runs: ``$XDG_CACHE_HOME/briefgen``, else
    ``~/.cache/briefgen`` (the XDG base directory convention).

    Raises:
        RuntimeError: no home folder can be found.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefgen"


class DefaultsBytecodeCache(jinja2.FileSystemBytecodeCache):
    """The default templates, compiled, kept between runs in :func:`cache_folder`.

    Compiling ``memo.html.j2`` and ``memo_body.html.j2`` costs a one-memo render about
    40 ms. Jinja reuses an entry only for the same template file, source and Python
    version; the entry's name also carries briefgen's version and this module's hash,
    since the environment's options shape the compiled code too. Templates from other
    folders are compiled each time: their paths, often temporary, would fill the cache.
    """

    def __init__(self, folder: Path, defaults: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        setup = f"{__version__}\0".encode() + Path(__file__).read_bytes()
        fingerprint = hashlib.sha256(setup).hexdigest()[:16]
        super().__init__(str(folder), f"templates-{fingerprint}-%s.cache")
        self.defaults = defaults.resolve()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key for a default template; "" (not cached) for any other."""
        if filename is None or not Path(filename).resolve().is_relative_to(self.defaults):
            return ""
        return super().get_cache_key(name, filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        """Load a default template's compiled code, if kept."""
        if bucket.key:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a default template's compiled code; a full or read-only disk only costs time."""
        if bucket.key:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)


def _bytecode_cache() -> DefaultsBytecodeCache | None:
    try:
        return DefaultsBytecodeCache(cache_folder(), packaged_templates())
    except (OSError, RuntimeError):  # no home, or it is read-only: compile each time
        return None


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
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in self.folders]),
            autoescape=lambda name: name is not None and ".html" in name,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=_bytecode_cache(),
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
        return self.find(name).read_text(encoding="utf-8")

    def render(self, name: str, **context: object) -> str:
        """Render template ``name`` with ``context``.

        Raises:
            TemplateError: the template is missing, has a syntax error or fails while
                rendering; the message names the template file and line.
        """
        with template_errors():
            return self.environment.get_template(name).render(**context)


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
