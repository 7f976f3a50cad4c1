"""A read-ahead packet: a meeting's cover, agenda and contents, then its memos in order.

The packet is one HTML document laid out once, so page numbers run on through it, every
memo keeps its own marking banners and running head, and the bookmarks nest each memo's
sections under it. The contents page prints each memo's first page with CSS
``target-counter()`` (in ``packet.css``): WeasyPrint then lays out again only the pages
whose text changed once the memos' pages were known, the contents page itself, instead
of the whole packet. A packet thus costs about what its memos cost alone
(``benchmarks/run.py`` measures the ratio); tests read the printed numbers back and
compare them with the bookmarks and the pages where each memo's header block stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from markupsafe import Markup

from briefgen._version import __version__
from briefgen.markdown.text import images_judged_by
from briefgen.paths import FORMATS
from briefgen.render import Rendered, memo_variables
from briefgen.render.context import FILTERS, long_date
from briefgen.render.images import image_gate, inline_images
from briefgen.render.inputs import Reads, current, recording
from briefgen.render.running_head import running_head
from briefgen.render.templates import MEMO_CSS, MEMO_MARKDOWN, TemplateSet
from briefgen.render.theme import stylesheet
from briefgen.schema.meeting import Meeting, schedule
from briefgen.schema.option_set import OptionSet
from briefgen.schema.settings import WorkspaceSettings
from briefgen.versions.git import Version, source_date, version_of

PACKET_HTML = "packet.html.j2"
PACKET_MARKDOWN = "packet.md.j2"
PACKET_CSS = "packet.css"


@dataclass(frozen=True)
class Tab:
    """One memo of the packet, numbered in agenda order; ``label`` is ``Tab 1`` or ``TAB A``
    (``briefgen.yaml``'s ``tab_labels``)."""

    number: int
    label: str
    title: str
    anchor: str
    body: Markup
    markdown: str


def render_packet(
    meeting: Meeting,
    option_sets: Mapping[str, tuple[Path, OptionSet]],
    *,
    source: Path,
    templates: TemplateSet,
    formats: tuple[str, ...] = ("md", "pdf"),
    workspace: Path | None = None,
    allow_remote: bool = False,
    versions: Mapping[str, Version] | None = None,
    settings: WorkspaceSettings | None = None,
) -> Rendered:
    """Render a meeting's read-ahead packet.

    Args:
        meeting: the validated meeting.
        option_sets: option-set id -> (its file, the option set), for every id the agenda
            names.
        source: the meeting file.
        templates: where templates are looked up.
        formats: any of ``md``, ``html``, ``pdf``.
        workspace: the folder whose files memos may embed.
        allow_remote: let ``https`` images through.
        versions: option-set id -> its git version (default: looked up with git).
        settings: the workspace's ``briefgen.yaml``; None for the defaults.

    Returns:
        The packet's files, keyed by format, under the meeting's id.

    Raises:
        TemplateError: a template is missing or fails.
        KeyError: the agenda names an option set missing from ``option_sets`` (a bug:
            meetings are validated against the option sets first).
    """
    with recording() as reads:
        reads.file(source)
        return _render_packet(
            meeting,
            option_sets,
            source=source,
            templates=templates,
            formats=formats,
            workspace=workspace,
            allow_remote=allow_remote,
            versions=versions or {},
            settings=settings or WorkspaceSettings(),
            reads=reads,
        )


def _render_packet(
    meeting: Meeting,
    option_sets: Mapping[str, tuple[Path, OptionSet]],
    *,
    source: Path,
    templates: TemplateSet,
    formats: tuple[str, ...],
    workspace: Path | None,
    allow_remote: bool,
    versions: Mapping[str, Version],
    settings: WorkspaceSettings,
    reads: Reads,
) -> Rendered:
    templates.environment.filters.update(FILTERS)
    reads.settings(settings)
    tabs, refused = _tabs(
        meeting, option_sets, templates, allow_remote, workspace, versions, settings
    )
    warnings: list[str] = []
    by_id = {tab.anchor: tab for tab in tabs}
    slots = [
        {
            "item": slot.item,
            "start": slot.start,
            "entry": by_id.get(_anchor(slot.item.option_set)) if slot.item.option_set else None,
        }
        for slot in schedule(meeting)
    ]
    version = version_of(source)
    reads.version(source, version)
    reads.environment()
    created = source_date(version, datetime.combine(meeting.date, time(), tzinfo=UTC))
    context: dict[str, Any] = {
        "meeting": meeting,
        "slots": slots,
        "entries": tabs,
        "version": __version__,
        "created": created.isoformat(timespec="seconds"),
        "settings": settings,
        "head": running_head(
            f"{meeting.title}: read-ahead", long_date(meeting.date), paper=settings.paper
        ),
    }
    files: dict[str, bytes] = {}
    if "md" in formats:
        files["md"] = templates.render(PACKET_MARKDOWN, **context).encode("utf-8")
    if "html" in formats or "pdf" in formats:
        css = stylesheet(templates, (MEMO_CSS, PACKET_CSS), settings)
        html = templates.render(PACKET_HTML, css=css, **context)
        if "html" in formats:
            files["html"] = html.encode("utf-8")
        if "pdf" in formats:
            from briefgen.render.pdf import html_to_pdf

            folder = source.resolve().parent
            files["pdf"], printer_warnings = html_to_pdf(
                html,
                base_url=folder,
                allowed_roots=[workspace or folder.parent, *templates.folders],
                allow_remote=allow_remote,
                source_epoch=int(created.timestamp()),
            )
            warnings.extend(printer_warnings)
    ordered = {f: files[f] for f in FORMATS if f in files}
    return Rendered(meeting.id, ordered, warnings, refused, reads)


def _anchor(option_set_id: str) -> str:
    return f"tab-{option_set_id}"


def _tabs(
    meeting: Meeting,
    option_sets: Mapping[str, tuple[Path, OptionSet]],
    templates: TemplateSet,
    allow_remote: bool,
    workspace: Path | None,
    versions: Mapping[str, Version],
    settings: WorkspaceSettings,
) -> tuple[list[Tab], list[str]]:
    """Render the body of each memo on the agenda, once each, in agenda order."""
    tabs: list[Tab] = []
    refused: list[str] = []
    wanted = [item.option_set for item in meeting.agenda if item.option_set]
    for number, option_set_id in enumerate(dict.fromkeys(wanted), 1):
        path, option_set = option_sets[option_set_id]
        reads = current()
        if reads is not None:
            reads.file(path)
        anchor = _anchor(option_set_id)
        variables, _created = memo_variables(
            option_set,
            source=path,
            version=versions.get(option_set_id),
            allow_remote=allow_remote,
            id_prefix=f"{anchor}-",
            settings=settings,
        )
        folder = path.resolve().parent
        inlined = inline_images(
            templates.render("memo_body.html.j2", **variables),
            folder=folder,
            allowed_roots=[workspace or folder.parent, folder, *templates.folders],
            allow_remote=allow_remote,
        )
        refused.extend(f"{option_set_id}: {line}" for line in inlined.refused)
        roots = [workspace or folder.parent, folder, *templates.folders]
        with images_judged_by(image_gate(folder=folder, allowed_roots=roots)):
            markdown = templates.render(MEMO_MARKDOWN, **variables)
        label = settings.tab_label(number)
        tabs.append(Tab(number, label, option_set.title, anchor, Markup(inlined.html), markdown))
    return tabs, refused
