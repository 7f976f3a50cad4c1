"""Stage 3, render: a validated option set becomes a memo in Markdown, HTML and PDF.

:func:`render_memo` is the stage's one entry point. The HTML is the very document the
PDF is printed from; the Markdown carries the same content for diffs and wikis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.markdown.scan import outline
from briefgen.markdown.text import images_judged_by
from briefgen.paths import FORMATS
from briefgen.render.budget import MEMO_END, MEMO_SECTIONS, Geometry, page_budget_warning
from briefgen.render.context import FILTERS, memo_context
from briefgen.render.images import image_gate, inline_images
from briefgen.render.inputs import Reads, current, recording
from briefgen.render.templates import MEMO_CSS, MEMO_HTML, MEMO_MARKDOWN, TemplateSet
from briefgen.render.theme import stylesheet
from briefgen.schema.introspect import markdown_values
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings
from briefgen.versions.git import Revision, Version, source_date, version_of

if TYPE_CHECKING:
    from briefgen.versions.diff import Change


@dataclass(frozen=True)
class Rendered:
    """The outputs of one option set (or one packet), and what went into them.

    Attributes:
        memo_id: the option set's (or meeting's) id, which names the output files.
        files: format (``md``, ``html``, ``pdf``) -> file content in bytes.
        warnings: what the printer reported, and a memo proper past its page budget
            (see :mod:`briefgen.render.budget`), one line each.
        refused: images that were not embedded, one line each (validation reports the
            same, located in the file; see :mod:`briefgen.check.lint`).
        reads: every file, template and fact the render read (see
            :mod:`briefgen.render.inputs`).
    """

    memo_id: str
    files: dict[str, bytes]
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    reads: Reads = field(default_factory=Reads)


@dataclass(frozen=True)
class RenderFailed:
    """A memo or packet that could not be rendered.

    Attributes:
        source: the option set or meeting file.
        message: why, in one line (a traceback follows under ``--debug``).
    """

    source: Path
    message: str


def render_memo(
    option_set: OptionSet,
    *,
    source: Path,
    templates: TemplateSet,
    formats: tuple[str, ...] = ("md", "pdf"),
    workspace: Path | None = None,
    version: Version | None = None,
    allow_remote: bool = False,
    changes: Sequence[Change] = (),
    since: Revision | None = None,
    settings: WorkspaceSettings | None = None,
    analysis: bool = True,
    docx_template: Path | None = None,
) -> Rendered:
    """Render one option set.

    Args:
        option_set: the validated option set.
        source: the YAML file it came from; relative images resolve against its folder.
        templates: where memo templates are looked up.
        formats: any of ``md``, ``html``, ``pdf``, ``docx``.
        workspace: the folder whose files the memo may embed, besides the source's own
            folder and the templates (default: the source folder's parent).
        version: where the file stands in git (default: looked up with git); its stamp
            is printed on the memo and its date goes into the PDF.
        allow_remote: let ``https`` images through; the memo then lists them.
        changes: what changed since ``since``, for a "Changes since" section.
        since: the revision ``changes`` are measured from (None: no such section).
        settings: the workspace's ``briefgen.yaml`` (paper, body font size, tab labels);
            None for the defaults.
        analysis: include the Analysis tab (see :mod:`briefgen.analysis`).
        docx_template: an office ``.docx`` whose styles the Word memo uses (read, and
            reported as read); None for python-docx's default styles.

    Returns:
        The :class:`Rendered` memo with one entry per requested format, and its reads;
        its warnings include the page budget (see :mod:`briefgen.render.budget`).

    Raises:
        TemplateError: a template is missing or fails.
        ValueError: an unknown format name (a bug in the caller; the CLI checks formats).
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats: {sorted(unknown)}")
    with recording() as reads:
        reads.file(source)
        return _render_memo(
            option_set,
            source=source,
            templates=templates,
            formats=formats,
            workspace=workspace,
            version=version,
            allow_remote=allow_remote,
            changes=changes,
            since=since,
            settings=settings or WorkspaceSettings(),
            analysis=analysis,
            reads=reads,
            docx_template=docx_template,
        )


def _render_memo(
    option_set: OptionSet,
    *,
    source: Path,
    templates: TemplateSet,
    formats: tuple[str, ...],
    workspace: Path | None,
    version: Version | None,
    allow_remote: bool,
    changes: Sequence[Change],
    since: Revision | None,
    settings: WorkspaceSettings,
    analysis: bool,
    reads: Reads,
    docx_template: Path | None = None,
) -> Rendered:
    folder = source.resolve().parent
    roots = [workspace or folder.parent, folder, *templates.folders]
    templates.environment.filters.update(FILTERS)
    context, created = memo_variables(
        option_set,
        source=source,
        version=version,
        allow_remote=allow_remote,
        changes=changes,
        since=since,
        settings=settings,
        analysis=analysis,
    )
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    refused: list[str] = []
    if "md" in formats:
        gate = image_gate(folder=folder, allowed_roots=roots, allow_remote=allow_remote)
        with images_judged_by(gate):
            files["md"] = templates.render(MEMO_MARKDOWN, **context).encode("utf-8")
    if "html" in formats or "pdf" in formats:
        css = stylesheet(templates, (MEMO_CSS,), settings)
        inlined = inline_images(
            templates.render(MEMO_HTML, css=css, **context),
            folder=folder,
            allowed_roots=roots,
            allow_remote=allow_remote,
        )
        refused = inlined.refused
        if "html" in formats:
            files["html"] = inlined.html.encode("utf-8")
        if "pdf" in formats:
            from briefgen.render.pdf import print_html

            printed = print_html(
                inlined.html,
                anchors=[*MEMO_SECTIONS, MEMO_END],
                base_url=folder,
                allowed_roots=roots,
                allow_remote=allow_remote,
                source_epoch=int(created.timestamp()),
            )
            warnings.extend(printed.warnings)
            over = page_budget_warning(
                printed.positions,
                option_set.pages_allowed,
                Geometry.of(context["settings"]),
            )
            warnings.extend([over] if over else [])
            files["pdf"] = printed.pdf
    if "docx" in formats:
        from briefgen.render.docx import memo_to_docx

        files["docx"] = memo_to_docx(option_set, context, created=created, template=docx_template)
    ordered = {f: files[f] for f in FORMATS if f in files}
    return Rendered(option_set.id, ordered, warnings, refused, reads)


def memo_variables(
    option_set: OptionSet,
    *,
    source: Path,
    version: Version | None = None,
    allow_remote: bool = False,
    changes: Sequence[Change] = (),
    since: Revision | None = None,
    id_prefix: str = "",
    settings: WorkspaceSettings | None = None,
    analysis: bool = True,
) -> tuple[dict[str, Any], datetime]:
    """The variables of the memo templates for one option set, and its source date.

    Arguments as for :func:`render_memo`; ``id_prefix`` is put before every element id
    (a packet holds several memos). The source date (``SOURCE_DATE_EPOCH``, else the last
    commit, else the memo date) is what the PDF records as its creation time.

    The variables are :func:`~briefgen.render.context.memo_context`'s.
    """
    version = version or version_of(source)
    settings = settings or WorkspaceSettings()
    created = source_date(version, datetime.combine(option_set.date, time(), tzinfo=UTC))
    reads = current()
    if reads is not None:
        reads.version(source, version)
        reads.environment()
        reads.since(since)
        reads.settings(settings)
    context = memo_context(
        option_set,
        settings,
        stamp=version.stamp,
        uncommitted=version.uncommitted,
        created=created.isoformat(timespec="seconds"),
        remote_resources=remote_images(option_set) if allow_remote else [],
        changes=list(changes),
        since=since,
        id_prefix=id_prefix,
        with_analysis=analysis,
    )
    return context, created


def remote_images(option_set: OptionSet) -> list[str]:
    """The ``https`` images the option set's Markdown fields name, in order, once each."""
    data = option_set.model_dump(by_alias=True, mode="json")
    found = (image for _, text in markdown_values(data) for image in outline(text).images)
    return list(dict.fromkeys(image for image in found if image.startswith("https:")))
