"""A read-ahead packet: a meeting's cover, agenda and contents, then its memos in order.

The packet is one HTML document printed once, so page numbers run on through it and
every memo keeps its own marking banners. The contents page prints each memo's first
page as read from the laid-out document (see :func:`briefgen.render.pdf.print_paginated`).
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
from briefgen.render.context import FILTERS
from briefgen.render.images import image_gate, inline_images
from briefgen.render.inputs import Reads, current, recording
from briefgen.render.templates import MEMO_CSS, MEMO_MARKDOWN, TemplateSet
from briefgen.schema.meeting import Meeting, schedule
from briefgen.schema.option_set import OptionSet
from briefgen.versions.git import Version, source_date, version_of

PACKET_HTML = "packet.html.j2"
PACKET_MARKDOWN = "packet.md.j2"
PACKET_CSS = "packet.css"


@dataclass(frozen=True)
class Tab:
    """One memo of the packet, numbered in agenda order."""

    number: int
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
    reads: Reads,
) -> Rendered:
    templates.environment.filters.update(FILTERS)
    tabs, refused = _tabs(meeting, option_sets, templates, allow_remote, workspace, versions)
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
    }
    files: dict[str, bytes] = {}
    if "md" in formats:
        files["md"] = templates.render(PACKET_MARKDOWN, **context).encode("utf-8")
    css = Markup(templates.read(MEMO_CSS) + "\n" + templates.read(PACKET_CSS))

    def packet_html(pages: Mapping[str, int]) -> str:
        return templates.render(PACKET_HTML, css=css, pages=pages, **context)

    if "html" in formats:
        files["html"] = packet_html({}).encode("utf-8")
    if "pdf" in formats:
        from briefgen.render.pdf import print_paginated

        folder = source.resolve().parent
        printed = print_paginated(
            packet_html,
            anchors=[tab.anchor for tab in tabs],
            base_url=folder,
            allowed_roots=[workspace or folder.parent, *templates.folders],
            allow_remote=allow_remote,
            source_epoch=int(created.timestamp()),
        )
        files["pdf"] = printed.pdf
        warnings.extend(printed.warnings)
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
        tabs.append(Tab(number, option_set.title, anchor, Markup(inlined.html), markdown))
    return tabs, refused
